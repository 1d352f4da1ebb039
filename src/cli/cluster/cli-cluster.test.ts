/**
 * Cluster mode for real: two `trainyard worker` processes on the local Redis and PostgreSQL run a
 * spec's cross-validation and give the same `best` and `test` figures as one local worker thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { assertSameAsLocalRun, dropQueue, runCli, startWorker, storedRunResultCount, tempDir, TEST_REDIS as REDIS, withTwoWorkers, writeShoppersSpec } from '../../testing/cli.js';

function spec(dir: string): string {
  return writeShoppersSpec(dir, 'cluster-quick', `    - { model: logistic_regression, params: { C: [0.1, 1] } }
    - { model: linear_svm, params: { C: 0.1 } }`);
}

test('cluster run with 2 workers gives the same best and test figures as a local run', async (t) => {
  await withTwoWorkers(t, async ({ dir, schema, store, queue }) => {
    const specPath = spec(dir);
    const cluster = runCli(['run', specPath, '--cluster', REDIS, '--queue', queue, '--store', store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    assert.equal(cluster.status, 0, cluster.stderr);
    assertSameAsLocalRun(cluster, specPath, dir);
    assert.equal(await storedRunResultCount(schema, cluster.json.runId), 9, 'one result per task (3 configurations × 3 folds)');
  });
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

/** Whether process `pid` has ended (a zombie not yet reaped by init counts as ended). */
function ended(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return true;
  }
}

test('a worker runs its tasks in a child node confined to one core, which ends with it even on SIGKILL', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  const queue = `ty-one-core-${process.pid}`;
  const worker = startWorker({ store: join(tempDir(), 's.db'), queue });
  try {
    let pid = 0;
    for (let i = 0; i < 200 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pid = Number(/worker \S+-(\d+)-[0-9a-f]+ \(trainyard/.exec(worker.stderrText())?.[1] ?? 0);
    }
    assert.ok(pid, `no 'waiting for tasks' line: ${worker.stderrText()}`);
    assert.notEqual(pid, worker.pid, 'the tasks run in a child process');
    assert.ok(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--single-threaded'));
    worker.kill('SIGKILL');
    for (let i = 0; i < 100 && !ended(pid); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(ended(pid), 'the child outlived its SIGKILLed parent by 5 s');
  } finally {
    worker.kill('SIGKILL');
    worker.stderr!.destroy(); // an orphaned child would hold the pipe open
    await dropQueue(queue);
  }
});
