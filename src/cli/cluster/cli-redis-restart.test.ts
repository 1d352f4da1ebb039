/**
 * Redis is transport only: a Redis restart that loses every queue mid-run (a Redis without
 * persistence) cannot lose the run, nor a data-parallel fit. Destructive, so each test runs its own
 * redis-server on a free port.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { LocalRounds } from '../../execution/data-parallel/local-rounds.js';
import { RedisRounds, type PartitionRounds } from '../../execution/data-parallel/redis-rounds.js';
import { fitMlpPartitioned } from '../../models/neural/partitioned/mlp-partitioned.js';
import { makeClassification } from '../../testing/reference/synthetic-classification.js';
import { openStore } from '../../tracking/store.js';
import { assertSameAsLocalRun, clusterScope, EIGHTEEN_TASKS, freePort, runCliAsync, startWorker, storedResultCount, tempDir, writeShoppersSpec, startRedisServer } from '../../testing/cli.js';



async function haveServices(t: TestContext): Promise<boolean> {
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return false;
  return requireService(t, 'redis-server (binary)', () => new Promise((ok, fail) => spawn('redis-server', ['--version']).on('exit', (c) => (c === 0 ? ok(c) : fail(new Error(`exit ${c}`)))).on('error', fail)));
}

test('Redis restarted mid-run with every queue lost: the run completes with the same figures', async (t) => {
  if (!(await haveServices(t))) return;
  const port = await freePort();
  const redis = `redis://127.0.0.1:${port}`;
  let server = await startRedisServer(port);
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
    server = await startRedisServer(port);
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

test('Redis restarted twice mid data-parallel fit (jobs, broadcasts and presence lost): the fit completes, the in-process MLP bit for bit', async (t) => {
  if (!(await haveServices(t))) return;
  const port = await freePort();
  const redis = `redis://127.0.0.1:${port}`;
  let server = await startRedisServer(port);
  const scope = clusterScope(redis);
  const workers = [startWorker({ redis, store: scope.store, queue: scope.queue }), startWorker({ redis, store: scope.store, queue: scope.queue })];
  const store = await openStore(scope.store);
  try {
    const { X, y } = makeClassification({ rows: 4_000, features: 8, informative: 4, redundant: 2, seed: 21 });
    const params = { hidden: [8], epochs: 20, seed: 4, batchSize: 400, learningRate: 0.01 };
    let rounds = 0;
    const o = { redisUrl: redis, store, partitions: 2, workers: 2, runId: `dp-restart-${process.pid}`, queue: scope.queue };
    const dist = await RedisRounds.run(o, async (redisRounds) => {
      const restart = async (): Promise<void> => {
        server.kill('SIGKILL');
        await new Promise((r) => server.once('exit', r));
        server = await startRedisServer(port);
      };
      // The fit's own rounds, with Redis killed and started empty twice: between the 30th round's
      // broadcast and its tasks (the broadcast is lost), and while the 60th round's tasks run (they are).
      const restarting: PartitionRounds = {
        putBlob: (b) => redisRounds.putBlob(b),
        broadcast: (name, data) => redisRounds.broadcast(name, data),
        round: async (label, tasks) => {
          if (++rounds === 30) await restart();
          if (rounds !== 60) return redisRounds.round(label, tasks);
          const partials = redisRounds.round(label, tasks);
          await new Promise((r) => setTimeout(r, 5));
          await restart();
          return partials;
        },
        close: async () => undefined,
      };
      return fitMlpPartitioned(X, y, params, o.partitions, restarting);
    });
    assert.ok(rounds > 60, `the restarts came mid-fit (${rounds} rounds)`);
    const local = await fitMlpPartitioned(X, y, params, 2, new LocalRounds());
    assert.deepEqual(dist.toState().fitted, local.toState().fitted);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await store.close();
    await scope.cleanup();
    server.kill('SIGKILL');
  }
});
