/**
 * Cluster mode for real: two `trainyard worker` processes on the local Redis and PostgreSQL run a
 * spec's cross-validation and give the same `best` and `test` figures as one local worker thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { requireService, tcpProbe } from '../data/test-services.js';
import { clusterScope, runCli, startWorker, tempDir, TEST_PG as PG, TEST_REDIS as REDIS, writeShoppersSpec } from './cli-test-helpers.js';


function spec(dir: string): string {
  return writeShoppersSpec(dir, 'cluster-quick', `    - { model: logistic_regression, params: { C: [0.1, 1] } }
    - { model: linear_svm, params: { C: 0.1 } }`);
}

test('cluster run with 2 workers gives the same best and test figures as a local run', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const dir = tempDir();
  const { schema, store, queue, cleanup } = clusterScope();
  const workers = [startWorker({ store, queue }), startWorker({ store, queue })];
  try {
    const specPath = spec(dir);
    const local = runCli(['run', specPath, '--store', join(dir, 'local.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
    assert.equal(local.status, 0, local.stderr);
    const cluster = runCli(['run', specPath, '--cluster', REDIS, '--queue', queue, '--store', store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    assert.equal(cluster.status, 0, cluster.stderr);
    assert.deepEqual(cluster.json.best, local.json.best);
    assert.deepEqual(cluster.json.test, local.json.test);
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      const r = await client.query(`SELECT count(*)::int AS n FROM "${schema}".task_results WHERE run_id = $1`, [cluster.json.runId]);
      assert.equal(r.rows[0].n, 9, 'one result per task (3 configurations × 3 folds)');
    } finally {
      await client.end();
    }
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await cleanup();
  }
});

test('unreachable Redis fails within seconds with E_IO naming it', () => {
  const dir = tempDir();
  const started = Date.now();
  const r = runCli(['run', spec(dir), '--cluster', 'redis://127.0.0.1:1', '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--quiet']);
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  assert.ok(Date.now() - started < 15000);
});

test('a worker started without a store is refused with E_STORE', () => {
  const r = runCli(['worker', '--redis', REDIS]);
  assert.equal(r.status, 9);
  assert.match(r.stderr, /needs --store/);
});
