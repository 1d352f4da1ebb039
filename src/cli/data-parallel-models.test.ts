/**
 * Data-parallel training of an MLP and of gradient-boosted trees over 4 `trainyard worker`
 * processes (real Redis and PostgreSQL): the MLP reaches the single-process fit's AUC and is the
 * same model bit for bit as the in-process run of the same algorithm (whichever worker answered
 * which round); the boosted trees are the single-process classifier's trees, and bit for bit the
 * in-process run's.
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from '../core/matrix.js';
import { requireService, tcpProbe } from '../data/test-services.js';
import { fitGradientBoostingDataParallel, fitGradientBoostingPartitioned } from '../experiment/data-parallel-boosting.js';
import { LocalRounds } from '../experiment/data-parallel-local.js';
import type { GradientTask } from '../experiment/data-parallel-gradients.js';
import { fitMlpDataParallel, fitMlpPartitioned } from '../experiment/data-parallel-mlp.js';
import { RedisRounds } from '../experiment/data-parallel-rounds.js';
import { rocAucScore } from '../metrics/index.js';
import { Rng } from '../core/rng.js';
import { validationSplit } from '../models/boosting/boosting-fit.js';
import { HistGradientBoostingClassifier } from '../models/boosting/hist-gradient-boosting-classifier.js';
import { MLPClassifier } from '../models/neural/mlp-classifier.js';
import { makeClassification } from '../models/neural/synthetic-classification.js';
import { openStore, type Store } from '../tracking/store.js';
import { clusterScope, startWorker, TEST_REDIS } from './cli-test-helpers.js';
import { assertSameTrees } from './data-parallel.test-helpers.js';

interface Cluster {
  store: Store;
  queue: string;
}

let cluster: Promise<Cluster> | null = null;
const cleanups: (() => Promise<void>)[] = [];

/** Four workers on a fresh queue and store schema, shared by the tests of this file. */
async function useCluster(t: TestContext): Promise<Cluster | null> {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return null;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return null;
  cluster ??= (async () => {
    const scope = clusterScope();
    const workers = Array.from({ length: 4 }, () => startWorker({ store: scope.store, queue: scope.queue }));
    const store = await openStore(scope.store);
    cleanups.push(async () => {
      for (const w of workers) w.kill('SIGKILL');
      await store.close();
      await scope.cleanup();
    });
    return { store, queue: scope.queue };
  })();
  return cluster;
}

after(async () => {
  for (const c of cleanups) await c();
});

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
  const dist = await fitMlpDataParallel(Xtr, ytr, params, { redisUrl: TEST_REDIS, store: c.store, partitions: 4, runId: `dp-mlp-${process.pid}`, queue: c.queue });
  const aucSingle = rocAucScore(yte, single.predictProba(Xte).column(1));
  const aucDist = rocAucScore(yte, dist.predictProba(Xte).column(1));
  t.diagnostic(`MLP AUC single ${aucSingle.toFixed(5)}, data-parallel ${aucDist.toFixed(5)} (160 round trips in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  assert.ok(aucSingle > 0.8, `the problem is learnable (AUC ${aucSingle})`);
  assert.ok(Math.abs(aucSingle - aucDist) <= 0.005, `|ΔAUC| = ${Math.abs(aucSingle - aucDist)}`);
  const local = await fitMlpPartitioned(Xtr, ytr, params, 4, new LocalRounds());
  assert.deepEqual(dist.toState().fitted, local.toState().fitted);
});

test('gradient boosting over 4 workers grows the single-process trees (same predictions on the training rows), and the in-process model bit for bit', async (t) => {
  const c = await useCluster(t);
  if (!c) return;
  const { Xtr, ytr, Xte, yte } = split(20_000, 12);
  const params = { maxIter: 20, seed: 2 };
  const single = new HistGradientBoostingClassifier(params).fit(Xtr, ytr);
  const stats = { waves: 0 };
  const t0 = performance.now();
  const dist = await fitGradientBoostingDataParallel(Xtr, ytr, params, { redisUrl: TEST_REDIS, store: c.store, partitions: 4, runId: `dp-gb-${process.pid}`, queue: c.queue }, {}, stats);
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
