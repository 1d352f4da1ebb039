/**
 * The data-parallel algorithms without a cluster (`LocalRounds` runs the workers' code in this
 * process): the MLP makes the very updates of a single-process `MLPClassifier` fed the same global
 * batches, data-parallel gradient boosting grows the single-process classifier's trees, and ridge
 * regression reaches `Ridge`'s closed-form solution.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { fitGradientBoostingPartitioned, fitGradientBoostingRegressorPartitioned } from '../../models/boosting/partitioned/boosting-partitioned.js';
import { LocalRounds } from './local-rounds.js';
import { fitMlpPartitioned, fitMlpRegressorPartitioned } from '../../models/neural/partitioned/mlp-partitioned.js';
import { fitRidgePartitioned } from '../../models/linear/partitioned/ridge-partitioned.js';
import { Ridge } from '../../models/linear/ridge.js';
import { validationSplit } from '../../models/boosting/boosting-steps.js';
import { HistGradientBoostingClassifier } from '../../models/boosting/hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../../models/boosting/hist-gradient-boosting-regressor.js';
import { MLPClassifier } from '../../models/neural/mlp-classifier.js';
import { MLPRegressor } from '../../models/neural/mlp-regressor.js';
import { assertSameTrees } from './data-parallel.test-helpers.js';

/**
 * The rows of a data-parallel MLP fit without shuffling in the order its global batches take them
 * (share s of partition 0, of partition 1, ..., then share s + 1): fed in this order, a
 * single-process MLP's contiguous batches are the same batches.
 */
function globalBatchOrder(n: number, partitions: number, steps: number): Int32Array {
  const per = n / partitions, share = per / steps;
  const order = new Int32Array(n);
  let k = 0;
  for (let s = 0; s < steps; s++) for (let p = 0; p < partitions; p++) for (let i = 0; i < share; i++) order[k++] = p * per + s * share + i;
  return order;
}

/** Rows from a random logistic model (noisy labels: no pure regions, so no zero-gain near-ties). */
function synthetic(n: number, d: number, classes: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const W = Float64Array.from({ length: d * classes }, () => rng.normal());
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  const z = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      z[c] = Math.sin(2 * X.data[i * d + c]);
      for (let j = 0; j < d; j++) z[c] += W[c * d + j] * X.data[i * d + j];
      max = Math.max(max, z[c]);
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
    let u = rng.random() * sum, c = 0;
    while (c < classes - 1 && (u -= z[c]) > 0) c++;
    y[i] = c;
  }
  return { X, y };
}

test('data-parallel boosting grows the single-process trees (binary, early stopping on a validation split, 3 partitions)', async () => {
  const { X, y } = synthetic(12_000, 8, 2, 1);
  const params = { maxIter: 15, seed: 3 };
  const single = new HistGradientBoostingClassifier(params).fit(X, y);
  const dist = await fitGradientBoostingPartitioned(X, y, params, 3, new LocalRounds());
  const { train } = validationSplit(X.rows, 0.1, Int32Array.from(y), Rng.derive(params.seed, 1));
  assertSameTrees(single, dist, X, train);
});

test('data-parallel boosting grows the single-process trees (3 classes, column sampling, depth limit)', async () => {
  const { X, y } = synthetic(3_000, 6, 3, 2);
  const params = { maxIter: 8, maxDepth: 4, colsampleBytree: 0.5, seed: 5 };
  const single = new HistGradientBoostingClassifier(params).fit(X, y);
  const dist = await fitGradientBoostingPartitioned(X, y, params, 4, new LocalRounds());
  assertSameTrees(single, dist, X);
});

test('data-parallel boosting with row subsampling grows the single-process trees (the coordinator draws the sample)', async () => {
  const { X, y } = synthetic(3_000, 6, 3, 3);
  const params = { maxIter: 8, maxDepth: 4, subsample: 0.6, colsampleBytree: 0.5, seed: 9 };
  const single = new HistGradientBoostingClassifier(params).fit(X, y);
  const dist = await fitGradientBoostingPartitioned(X, y, params, 4, new LocalRounds());
  assertSameTrees(single, dist, X);
  const unsampled = await fitGradientBoostingPartitioned(X, y, { ...params, subsample: 1 }, 4, new LocalRounds());
  assert.notDeepEqual((unsampled.toState().fitted as any).trees, (dist.toState().fitted as any).trees, 'subsampling changes the trees');
});

test('data-parallel boosting regressor grows HistGradientBoostingRegressor\'s trees (early stopping on its hold-out, row subsampling)', async () => {
  const rng = new Rng(8);
  const n = 12_000, d = 5;
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    y[i] = 3 * X.data[i * d] - 2 * Math.abs(X.data[i * d + 1]) + X.data[i * d + 2] * X.data[i * d + 3] + 0.5 * rng.normal() + 10;
  }
  // More than 10,000 rows: early stopping 'auto' holds out a validation split; this fit stops at 42 of 200.
  const params = { maxIter: 200, learningRate: 0.5, subsample: 0.7, seed: 4 };
  const single = new HistGradientBoostingRegressor(params).fit(X, y);
  const dist = await fitGradientBoostingRegressorPartitioned(X, y, params, 3, new LocalRounds());
  const { train } = validationSplit(n, 0.1, null, Rng.derive(params.seed, 1));
  assertSameTrees(single, dist, X, train);
  assert.ok(dist.nIter < params.maxIter, `stopped early (${dist.nIter} iterations)`);
  const va = (single.toState().fitted as any).validationLoss as Float64Array, vb = (dist.toState().fitted as any).validationLoss as Float64Array;
  assert.ok(va.length > 1 && vb.length === va.length, `validation losses: ${va.length} vs ${vb.length}`);
  for (let i = 0; i < va.length; i++) assert.ok(Math.abs(va[i] - vb[i]) <= 1e-9 * Math.max(1, va[i]), `validation loss ${i}: ${va[i]} vs ${vb[i]}`);
});

test('data-parallel MLP makes the same updates as MLPClassifier on the same global batches', async () => {
  const { X, y } = synthetic(1_200, 5, 2, 4);
  const partitions = 4, steps = 6;
  const params = { hidden: [8, 4], epochs: 3, shuffle: false, batchSize: X.rows / steps, seed: 7, tol: 0 };
  const dist = await fitMlpPartitioned(X, y, params, partitions, new LocalRounds());
  // Without shuffling, global batch s is share s of partition 0, then of partition 1, ...: feed
  // MLPClassifier the rows in that order and its contiguous batches are the same batches.
  const order = globalBatchOrder(X.rows, partitions, steps);
  const single = new MLPClassifier(params).fit(X.takeRows(order), Int32Array.from(order, (r) => y[r]));
  const a = single.toState().fitted as any, b = dist.toState().fitted as any;
  for (let l = 0; l < a.weights.length; l++) {
    for (let i = 0; i < a.weights[l].length; i++) assert.ok(Math.abs(a.weights[l][i] - b.weights[l][i]) < 1e-9, `layer ${l} weight ${i}: ${a.weights[l][i]} vs ${b.weights[l][i]}`);
    for (let i = 0; i < a.biases[l].length; i++) assert.ok(Math.abs(a.biases[l][i] - b.biases[l][i]) < 1e-9, `layer ${l} bias ${i}`);
  }
  for (let e = 0; e < a.lossCurve.length; e++) assert.ok(Math.abs(a.lossCurve[e] - b.lossCurve[e]) < 1e-9, `loss of epoch ${e + 1}`);
});

test('data-parallel MLP early stopping: the coordinator holds out the single-process fit\'s validation split and stops where it does', async () => {
  const { X, y } = synthetic(1_000, 5, 2, 6);
  // One partition without shuffling: global batch s is rows s·200.. of the training rows, as in MLPClassifier.
  const params = { hidden: [8], epochs: 200, shuffle: false, batchSize: 200, seed: 3, earlyStopping: true, validationFraction: 0.2, patience: 4, learningRate: 0.01 };
  const single = new MLPClassifier(params).fit(X, y);
  const dist = await fitMlpPartitioned(X, y, params, 1, new LocalRounds());
  const a = single.toState().fitted as any, b = dist.toState().fitted as any;
  assert.ok(single.validationScores!.length < params.epochs, 'the single-process fit stopped early');
  assert.deepEqual(Array.from(dist.validationScores!), Array.from(single.validationScores!));
  assert.equal(dist.bestEpoch, single.bestEpoch);
  for (let l = 0; l < a.weights.length; l++) {
    for (let i = 0; i < a.weights[l].length; i++) assert.ok(Math.abs(a.weights[l][i] - b.weights[l][i]) < 1e-9, `layer ${l} weight ${i}`);
  }
  // Over 4 partitions: it stops early too, keeping the weights of its best validation epoch.
  const four = await fitMlpPartitioned(X, y, { ...params, shuffle: true }, 4, new LocalRounds());
  const scores = Array.from(four.validationScores!);
  // The same rule as the single-process fit: stop once `patience` epochs in a row fail to improve on the best.
  const rule = single.validationScores!.length - single.bestEpoch;
  assert.ok(scores.length < params.epochs && scores.length - four.bestEpoch === rule, `stopped after ${scores.length} epochs, best ${four.bestEpoch}`);
  assert.equal(scores[four.bestEpoch - 1], Math.max(...scores));
});

test('data-parallel MLP regressor makes the same updates as MLPRegressor on the same global batches, and stops early where it does', async () => {
  const rng = new Rng(12);
  const n = 1_200, d = 4;
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    y[i] = 2 * X.data[i * d] - X.data[i * d + 1] * X.data[i * d + 2] + 0.3 * rng.normal();
  }
  const partitions = 4, steps = 6;
  const params = { hidden: [8], epochs: 3, shuffle: false, batchSize: n / steps, seed: 2, tol: 0 };
  const dist = await fitMlpRegressorPartitioned(X, y, params, partitions, new LocalRounds());
  // As for the classifier: global batch s is share s of every partition, in partition order.
  const order = globalBatchOrder(n, partitions, steps);
  const single = new MLPRegressor(params).fit(X.takeRows(order), Float64Array.from(order, (r) => y[r]));
  const a = single.toState().fitted as any, b = dist.toState().fitted as any;
  for (let l = 0; l < a.weights.length; l++) {
    for (let i = 0; i < a.weights[l].length; i++) assert.ok(Math.abs(a.weights[l][i] - b.weights[l][i]) < 1e-9, `layer ${l} weight ${i}: ${a.weights[l][i]} vs ${b.weights[l][i]}`);
  }
  for (let e = 0; e < a.lossCurve.length; e++) assert.ok(Math.abs(a.lossCurve[e] - b.lossCurve[e]) < 1e-9, `loss of epoch ${e + 1}`);
  // Early stopping on one partition: the coordinator's hold-out and R² are MLPRegressor's.
  // 900 training rows in batches of 300: the same contiguous batches on both sides.
  const early = { hidden: [8], epochs: 300, shuffle: false, batchSize: 300, seed: 2, earlyStopping: true, validationFraction: 0.25, patience: 3, learningRate: 0.01 };
  const single2 = new MLPRegressor(early).fit(X, y);
  const dist2 = await fitMlpRegressorPartitioned(X, y, early, 1, new LocalRounds());
  const sa = (single2.toState().fitted as any).validationScores, sb = (dist2.toState().fitted as any).validationScores;
  assert.ok(sa.length < early.epochs, 'the single-process fit stopped early');
  assert.equal(sb.length, sa.length);
  for (let e = 0; e < sa.length; e++) assert.ok(Math.abs(sa[e] - sb[e]) < 1e-9, `validation R² of epoch ${e + 1}: ${sa[e]} vs ${sb[e]}`);
});

test('data-parallel ridge and least squares reach the closed-form Ridge solution (3 partitions)', async () => {
  const rng = new Rng(4);
  const n = 3_000, d = 6;
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 7;
    for (let j = 0; j < d; j++) s += (j - 2.5) * (X.data[i * d + j] = (j + 1) * rng.normal() + j); // uncentred, unequal scales
    y[i] = s + rng.normal();
  }
  for (const alpha of [0, 1, 500]) {
    const single = new Ridge({ alpha }).fit(X, y);
    const dist = await fitRidgePartitioned(X, y, { alpha }, 3, new LocalRounds());
    for (let j = 0; j < d; j++) assert.ok(Math.abs(dist.coef[j] - single.coef[j]) < 1e-6, `alpha ${alpha}, coef ${j}: ${dist.coef[j]} vs ${single.coef[j]}`);
    assert.ok(Math.abs(dist.intercept - single.intercept) < 1e-5, `alpha ${alpha}, intercept ${dist.intercept} vs ${single.intercept}`);
  }
  await assert.rejects(fitRidgePartitioned(X, Float64Array.from(y, (v, i) => (i === 5 ? NaN : v)), {}, 3, new LocalRounds()), { code: 'E_DATA', message: /row 5/ });
});
