/**
 * Data-parallel training of an MLP and of gradient-boosted trees over 4 `trainyard worker`
 * processes (real Redis and PostgreSQL): the MLP reaches the single-process fit's AUC and is the
 * same model bit for bit as the in-process run of the same algorithm (whichever worker answered
 * which round); the boosted trees are the single-process classifier's trees, and bit for bit the
 * in-process run's.
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from '../../core/matrix.js';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { fitGradientBoostingPartitioned } from '../../models/boosting/partitioned/boosting-partitioned.js';
import { LocalRounds } from './local-rounds.js';
import type { GradientTask } from '../../models/linear/partitioned/partitioned-objective.js';
import { fitMlpPartitioned } from '../../models/neural/partitioned/mlp-partitioned.js';
import { RedisRounds, type PartitionRounds } from './redis-rounds.js';
import { fitGradientBoostingDataParallel, fitLogisticRegressionDataParallel } from './data-parallel-fits.js';
import { rocAucScore } from '../../metrics/index.js';
import { Rng } from '../../core/rng.js';
import { validationSplit } from '../../models/boosting/boosting-steps.js';
import { HistGradientBoostingClassifier } from '../../models/boosting/hist-gradient-boosting-classifier.js';
import { MLPClassifier } from '../../models/neural/mlp-classifier.js';
import { makeClassification } from '../../testing/reference/synthetic-classification.js';
import { openStore, type Store } from '../../tracking/store.js';
import { PRESENCE_TTL_MS } from '../worker-presence.js';
import { clusterScope, startWorker, TEST_REDIS } from '../../testing/cli.js';
import { assertSameTrees } from './data-parallel.test-helpers.js';

interface Cluster {
  store: Store;
  queue: string;
  workers: ReturnType<typeof startWorker>[];
}

const cleanups: (() => Promise<void>)[] = [];

/** `n` workers on a fresh queue and store schema, removed after the file's tests. */
async function startCluster(t: TestContext, n: number, args: string[] = []): Promise<Cluster | null> {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return null;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return null;
  const scope = clusterScope();
  const workers = Array.from({ length: n }, () => startWorker({ store: scope.store, queue: scope.queue, args }));
  const store = await openStore(scope.store);
  cleanups.push(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await store.close();
    await scope.cleanup();
  });
  return { store, queue: scope.queue, workers };
}

let shared: Promise<Cluster | null> | null = null;

/** Four workers shared by the tests that leave them running. */
function useCluster(t: TestContext): Promise<Cluster | null> {
  return (shared ??= startCluster(t, 4));
}

after(async () => {
  for (const c of cleanups) await c();
});

/** The pid in a worker id (`host-pid-suffix`): the process that computes, a child of the spawned `trainyard worker`. */
function workerPid(id: string): number {
  return Number(/-(\d+)-[0-9a-f]+$/.exec(id)![1]);
}

function split(n: number, seed: number): { Xtr: Matrix; ytr: Float64Array; Xte: Matrix; yte: Float64Array } {
  const { X, y } = makeClassification({ rows: n, features: 10, informative: 4, redundant: 3, clustersPerClass: 2, classSep: 1, flipY: 0.02, seed });
  const nTr = Math.round(n * 0.8);
  const idx = (lo: number, hi: number) => Int32Array.from({ length: hi - lo }, (_, i) => lo + i);
  return { Xtr: X.takeRows(idx(0, nTr)), ytr: y.slice(0, nTr), Xte: X.takeRows(idx(nTr, n)), yte: y.slice(nTr) };
}

test('MLP over 4 workers: held-out AUC within 0.005 of the single-process fit, and the in-process model bit for bit', async (t) => {
  const c = await useCluster(t);
  if (!c) return;
  const { Xtr, ytr, Xte, yte } = split(20_000, 11);
  const single = new MLPClassifier({ hidden: [32, 16], epochs: 20, seed: 1 }).fit(Xtr, ytr);
  // A global batch of 1,000 rows (250 per worker) — 16 round trips per epoch instead of 80 batches of
  // 200 — with a learning rate raised to match: fewer, larger steps reach the same AUC in half the epochs.
  const params = { hidden: [32, 16], epochs: 10, seed: 1, batchSize: 1000, learningRate: 0.01 };
  const t0 = performance.now();
  const o = { redisUrl: TEST_REDIS, store: c.store, partitions: 4, workers: 4, runId: `dp-mlp-${process.pid}`, queue: c.queue };
  let owners: readonly string[] = [];
  const dist = await RedisRounds.run(o, async (rounds) => {
    const model = await fitMlpPartitioned(Xtr, ytr, params, o.partitions, rounds);
    owners = rounds.assignment();
    return model;
  });
  const aucSingle = rocAucScore(yte, single.predictProba(Xte).column(1));
  const aucDist = rocAucScore(yte, dist.predictProba(Xte).column(1));
  t.diagnostic(`MLP AUC single ${aucSingle.toFixed(5)}, data-parallel ${aucDist.toFixed(5)} (160 round trips in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  assert.ok(aucSingle > 0.8, `the problem is learnable (AUC ${aucSingle})`);
  assert.ok(Math.abs(aucSingle - aucDist) <= 0.005, `|ΔAUC| = ${Math.abs(aucSingle - aucDist)}`);
  const local = await fitMlpPartitioned(Xtr, ytr, params, 4, new LocalRounds());
  assert.deepEqual(dist.toState().fitted, local.toState().fitted);
  // Partition affinity: every worker held exactly one partition for all 160 rounds.
  assert.equal(new Set(owners).size, 4, `owners ${owners.join(', ')}`);
  assert.equal(new Set(owners.map(workerPid)).size, 4);
});

test('gradient boosting (row subsampling 0.8) over 4 workers grows the single-process trees (same predictions on the training rows), and the in-process model bit for bit', async (t) => {
  const c = await useCluster(t);
  if (!c) return;
  const { Xtr, ytr, Xte, yte } = split(20_000, 12);
  const params = { maxIter: 20, seed: 2, subsample: 0.8 };
  const single = new HistGradientBoostingClassifier(params).fit(Xtr, ytr);
  const stats = { waves: 0 };
  const t0 = performance.now();
  const dist = await fitGradientBoostingDataParallel(Xtr, ytr, params, { redisUrl: TEST_REDIS, store: c.store, partitions: 4, workers: 4, runId: `dp-gb-${process.pid}`, queue: c.queue }, {}, stats);
  const { train } = validationSplit(Xtr.rows, 0.1, Int32Array.from(ytr), Rng.derive(params.seed, 1));
  const ties = assertSameTrees(single, dist, Xtr, train);
  const pa = single.predictProba(Xte).data, pb = dist.predictProba(Xte).data;
  let maxDiff = 0;
  for (let i = 0; i < pa.length; i++) maxDiff = Math.max(maxDiff, Math.abs(pa[i] - pb[i]));
  const aucSingle = rocAucScore(yte, single.predictProba(Xte).column(1));
  const aucDist = rocAucScore(yte, dist.predictProba(Xte).column(1));
  t.diagnostic(`GBDT ${dist.nIter} trees in ${stats.waves} round trips, ${((performance.now() - t0) / 1000).toFixed(1)} s; ${ties} tied thresholds; held-out max |Δp| ${maxDiff.toExponential(2)}; AUC single ${aucSingle.toFixed(5)}, data-parallel ${aucDist.toFixed(5)}`);
  // Held-out rows may fall between tied thresholds; elsewhere the probabilities agree to the last bits.
  assert.ok(Math.abs(aucSingle - aucDist) <= 1e-3, `|ΔAUC| = ${Math.abs(aucSingle - aucDist)}`);
  const local = await fitGradientBoostingPartitioned(Xtr, ytr, params, 4, new LocalRounds());
  assert.deepEqual(dist.toState().fitted, local.toState().fitted);
});

test('a partition the workers cannot read fails the fit with a typed error naming the round and the cause', async (t) => {
  const c = await useCluster(t);
  if (!c) return;
  const rounds = await RedisRounds.open({ redisUrl: TEST_REDIS, store: c.store, partitions: 1, runId: `dp-bad-${process.pid}`, queue: c.queue });
  try {
    const weights = await rounds.broadcast('weights', new Float64Array(3));
    await assert.rejects(
      rounds.round<GradientTask>('bad', [{ kind: 'lr-grad', loss: 'logistic', partition: 'f'.repeat(64), fitIntercept: true, weights }]),
      (e: any) => e.code === 'E_INTERNAL' && /round bad/.test(e.message) && /not in the store/.test(e.message),
    );
  } finally {
    await rounds.close();
  }
});

test('a fit that needs more workers than are alive fails within its wait, naming the queue', async (t) => {
  const c = await useCluster(t);
  if (!c) return;
  const { Xtr, ytr } = split(2_000, 13);
  const t0 = Date.now();
  await assert.rejects(
    fitLogisticRegressionDataParallel(Xtr, ytr, {}, { redisUrl: TEST_REDIS, store: c.store, partitions: 5, workers: 5, workerWaitMs: 1500, runId: `dp-few-${process.pid}`, queue: c.queue }),
    (e: any) => e.code === 'E_INTERNAL' && e.message.includes(`4 of the 5 trainyard worker(s) it needs are alive on queue '${c.queue}'`) && /trainyard worker --redis/.test(e.message),
  );
  assert.ok(Date.now() - t0 < 10_000);
});

/**
 * Fits an MLP over 3 partitions on 4 workers (one idle), sends `signal` to partition 1's worker after
 * the 40th of 240 rounds and checks that the partition moved to the idle worker and the fit is the
 * in-process model bit for bit; returns the seconds from signal to fit end.
 */
async function fitThroughLostWorker(t: TestContext, signal: 'SIGKILL' | 'SIGSTOP'): Promise<number | null> {
  const c = await startCluster(t, 4);
  if (!c) return null;
  const { Xtr, ytr } = split(6_000, 14);
  const params = { hidden: [16], epochs: 30, seed: 3, batchSize: 600, learningRate: 0.01 };
  const o = { redisUrl: TEST_REDIS, store: c.store, partitions: 3, workers: 4, runId: `dp-lost-${process.pid}`, queue: c.queue };
  let victim = '', heir = '', idle = '', rounds = 0, signalledAt = 0;
  const dist = await RedisRounds.run(o, async (redisRounds) => {
    const signalling: PartitionRounds = {
      putBlob: (b) => redisRounds.putBlob(b),
      broadcast: (name, data) => redisRounds.broadcast(name, data),
      round: (label, tasks) => {
        if (++rounds === 40) {
          victim = redisRounds.assignment()[1];
          idle = c.workers.map((w) => w.stderrText()).join('').match(/worker (\S+) \(trainyard/g)!.map((m) => m.split(' ')[1]).find((id) => !redisRounds.assignment().includes(id))!;
          process.kill(workerPid(victim), signal);
          signalledAt = performance.now();
        }
        return redisRounds.round(label, tasks);
      },
      close: async () => undefined,
    };
    const model = await fitMlpPartitioned(Xtr, ytr, params, o.partitions, signalling);
    heir = redisRounds.assignment()[1];
    return model;
  });
  const seconds = (performance.now() - signalledAt) / 1000;
  // A stopped process would hold its pipe and the file's exit; it has done its part.
  if (signal === 'SIGSTOP') process.kill(workerPid(victim), 'SIGKILL');
  t.diagnostic(`${signal}: partition 1 moved from ${victim} to ${heir}; the fit ended ${seconds.toFixed(1)} s after the signal`);
  assert.ok(victim && heir !== victim, 'partition 1 has a new owner');
  assert.equal(heir, idle, 'the new owner is the worker that held no partition');
  assert.doesNotThrow(() => process.kill(workerPid(heir), 0), 'the heir is alive');
  const local = await fitMlpPartitioned(Xtr, ytr, params, 3, new LocalRounds());
  assert.deepEqual(dist.toState().fitted, local.toState().fitted);
  return seconds;
}

test('a worker SIGKILLed mid-fit: its closed connection moves its partition at once, and the MLP is the in-process model bit for bit', async (t) => {
  const seconds = await fitThroughLostWorker(t, 'SIGKILL');
  if (seconds !== null) assert.ok(seconds < 8, `${seconds.toFixed(1)} s from the kill to the end of the fit`);
});

test('a worker hung mid-fit (SIGSTOP, its socket still open): its partition moves once its presence expires, same model bit for bit', async (t) => {
  const seconds = await fitThroughLostWorker(t, 'SIGSTOP');
  if (seconds !== null) assert.ok(seconds >= PRESENCE_TTL_MS / 1000 - 1, `moved after ${seconds.toFixed(1)} s, before the presence TTL`);
});

test('a round longer than the job lock runs once: partition passes compute off the worker main thread, which keeps renewing the lock', async (t) => {
  const c = await startCluster(t, 1, ['--lock-ms', '300']);
  if (!c) return;
  const { X, y } = makeClassification({ rows: 40_000, features: 20, informative: 6, seed: 15 });
  // One batch of all 40k rows per round through 768 hidden units: each round computes for a second or more.
  const params = { hidden: [768], epochs: 3, seed: 5, batchSize: 40_000, learningRate: 0.01 };
  const o = { redisUrl: TEST_REDIS, store: c.store, partitions: 1, runId: `dp-lock-${process.pid}`, queue: c.queue };
  const t0 = performance.now();
  const dist = await RedisRounds.run(o, (rounds) => fitMlpPartitioned(X, y, params, 1, rounds));
  t.diagnostic(`3 rounds in ${((performance.now() - t0) / 1000).toFixed(1)} s against a 300 ms lock`);
  const log = c.workers[0].stderrText();
  assert.doesNotMatch(log, /failed \(attempt/, `a round ran more than once:\n${log}`);
  const local = await fitMlpPartitioned(X, y, params, 1, new LocalRounds());
  assert.deepEqual(dist.toState().fitted, local.toState().fitted);
});
