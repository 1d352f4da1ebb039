/**
 * Redis is transport only: a Redis restart that loses every queue mid-run (a Redis without
 * persistence) cannot lose the run. Destructive, so it runs its own redis-server on a free port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { requireService, tcpProbe } from '../data/test-services.js';
import { assertSameAsLocalRun, clusterScope, EIGHTEEN_TASKS, freePort, runCliAsync, startWorker, storedResultCount, tempDir, writeShoppersSpec } from './cli-test-helpers.js';



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


test('Redis restarted mid-run with every queue lost: the run completes with the same figures', async (t) => {
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  if (!(await requireService(t, 'redis-server (binary)', () => new Promise((ok, fail) => spawn('redis-server', ['--version']).on('exit', (c) => (c === 0 ? ok(c) : fail(new Error(`exit ${c}`)))).on('error', fail))))) return;
  const port = await freePort();
  const redis = `redis://127.0.0.1:${port}`;
  let server = await startRedis(port);
  const dir = tempDir();
  const scope = clusterScope(redis);
  const specPath = writeShoppersSpec(dir, 'redis-restart', EIGHTEEN_TASKS);
  const workers = [startWorker({ redis, store: scope.store, queue: scope.queue })];
  try {
    const run = runCliAsync(['run', specPath, '--cluster', redis, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    for (let i = 0; i < 600 && (await storedResultCount(scope.schema)) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const before = await storedResultCount(scope.schema);
    assert.ok(before >= 2 && before < 18, `restart after some tasks (${before} of 18 done)`);
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    server = await startRedis(port);
    const cluster = await run;
    assert.equal(cluster.status, 0, cluster.stderr);
    assert.equal(await storedResultCount(scope.schema), 18);
    assertSameAsLocalRun(cluster, specPath, dir);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
    server.kill('SIGKILL');
  }
});
