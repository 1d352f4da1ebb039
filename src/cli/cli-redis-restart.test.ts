/**
 * Redis is transport only: a Redis restart that loses every queue mid-run (a Redis without
 * persistence) cannot lose the run. Destructive, so it runs its own redis-server on a free port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { requireService, tcpProbe } from '../data/test-services.js';
import { repoRoot } from '../testing/paths.js';
import { clusterScope, runCli, runCliAsync, startWorker, tempDir, TEST_PG, writeSpec } from './cli-test-helpers.js';

const SHOPPERS = join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await tcpProbe('127.0.0.1', port, 200);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

async function resultCount(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM "${schema}".task_results`).catch(() => ({ rows: [{ n: 0 }] }));
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

test('Redis restarted mid-run with every queue lost: the run completes with the same figures', async (t) => {
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  if (!(await requireService(t, 'redis-server (binary)', () => new Promise((ok, fail) => spawn('redis-server', ['--version']).on('exit', (c) => (c === 0 ? ok(c) : fail(new Error(`exit ${c}`)))).on('error', fail))))) return;
  const port = await freePort();
  const redis = `redis://127.0.0.1:${port}`;
  let server = await startRedis(port);
  const dir = tempDir();
  const scope = clusterScope(redis);
  const specPath = writeSpec(
    dir,
    `name: redis-restart
data: { source: ${SHOPPERS}, target: Revenue }
split: { test: 0.2, seed: 0 }
preprocess:
  categorical: { columns: [Month, VisitorType, Weekend, OperatingSystems, Browser, Region, TrafficType] }
select:
  cv: 3
  metric: f1
  candidates:
    - { model: logistic_regression, params: { C: [0.01, 0.1, 1, 10] } }
    - { model: linear_svm, params: { C: [0.1, 1] } }
`,
  );
  const workers = [startWorker({ redis, store: scope.store, queue: scope.queue })];
  try {
    const run = runCliAsync(['run', specPath, '--cluster', redis, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    for (let i = 0; i < 600 && (await resultCount(scope.schema)) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const before = await resultCount(scope.schema);
    assert.ok(before >= 2 && before < 18, `restart after some tasks (${before} of 18 done)`);
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    server = await startRedis(port);
    const cluster = await run;
    assert.equal(cluster.status, 0, cluster.stderr);
    assert.equal(await resultCount(scope.schema), 18);
    const local = runCli(['run', specPath, '--store', join(dir, 'local.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
    assert.deepEqual(cluster.json.best, local.json.best);
    assert.deepEqual(cluster.json.test, local.json.test);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
    server.kill('SIGKILL');
  }
});
