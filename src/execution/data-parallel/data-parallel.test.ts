/**
 * Data-parallel training of one model: logistic and ridge regression whose rows are split over worker
 * processes (real Redis and PostgreSQL) reach the single-process fits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { fitLogisticRegressionDataParallel, fitRidgeDataParallel } from './data-parallel-fits.js';
import { Ridge } from '../../models/linear/ridge.js';
import { rocAucScore } from '../../metrics/index.js';
import { LogisticRegression } from '../../models/linear/logistic-regression.js';
import { openStore } from '../../tracking/store.js';
import { clusterScope, startWorker, TEST_REDIS } from '../../testing/cli.js';

function synthetic(n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const w = Float64Array.from({ length: d }, () => rng.normal());
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0.3;
    for (let j = 0; j < d; j++) z += w[j] * (X.data[i * d + j] = rng.normal());
    y[i] = rng.random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y };
}

test('logistic regression over 4 workers matches the single-process fit (AUC within 0.005, coefficients within 1e-3)', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const all = synthetic(25000, 12, 1);
  const rows = (lo: number, hi: number) => ({ X: all.X.takeRows(Int32Array.from({ length: hi - lo }, (_, i) => lo + i)), y: all.y.slice(lo, hi) });
  const train = rows(0, 20000);
  const test = rows(20000, 25000);
  const scope = clusterScope();
  const workers = Array.from({ length: 4 }, () => startWorker({ store: scope.store, queue: scope.queue }));
  const store = await openStore(scope.store);
  try {
    const single = new LogisticRegression({ C: 1 }).fit(train.X, train.y);
    const dist = await fitLogisticRegressionDataParallel(train.X, train.y, { C: 1 }, { redisUrl: TEST_REDIS, store, partitions: 4, workers: 4, runId: `dp-${process.pid}`, queue: scope.queue });
    const aucSingle = rocAucScore(test.y, single.predictProba(test.X).column(1));
    const aucDist = rocAucScore(test.y, dist.predictProba(test.X).column(1));
    t.diagnostic(`AUC single ${aucSingle.toFixed(6)}, distributed ${aucDist.toFixed(6)}, iterations ${dist.nIter}`);
    assert.ok(Math.abs(aucSingle - aucDist) <= 0.005);
    const a = single.coef.data, b = dist.coef.data;
    for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) < 1e-3, `coef ${j}: ${a[j]} vs ${b[j]}`);
    assert.ok(Math.abs(single.intercept[0] - dist.intercept[0]) < 1e-3);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await store.close();
    await scope.cleanup();
  }
});

test('ridge regression over 2 workers and 4 partitions reaches the closed-form Ridge fit (coefficients within 1e-6)', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const { X } = synthetic(20000, 10, 2);
  const y = Float64Array.from({ length: X.rows }, (_, i) => X.data[i * 10] * 3 - X.data[i * 10 + 4] + 0.5 * Math.sin(i) + 2);
  const scope = clusterScope();
  const workers = Array.from({ length: 2 }, () => startWorker({ store: scope.store, queue: scope.queue }));
  const store = await openStore(scope.store);
  try {
    const single = new Ridge({ alpha: 10 }).fit(X, y);
    const dist = await fitRidgeDataParallel(X, y, { alpha: 10 }, { redisUrl: TEST_REDIS, store, partitions: 4, workers: 2, runId: `dp-ridge-${process.pid}`, queue: scope.queue });
    t.diagnostic(`L-BFGS iterations ${dist.nIter}`);
    for (let j = 0; j < 10; j++) assert.ok(Math.abs(single.coef[j] - dist.coef[j]) < 1e-6, `coef ${j}: ${single.coef[j]} vs ${dist.coef[j]}`);
    assert.ok(Math.abs(single.intercept - dist.intercept) < 1e-6);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await store.close();
    await scope.cleanup();
  }
});
