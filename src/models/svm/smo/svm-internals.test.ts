import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import { FeatureRows } from './feature-rows.js';
import { KernelCache } from './kernel-cache.js';
import { KernelRows } from './kernel-threads.js';
import type { KernelSpec } from './kernel.js';
import { multiclassProbability, sigmoidPredict, sigmoidTrain } from '../platt.js';
import { trainSvc, trainSvr, type SolverOptions } from './svm-train.js';

function data(n: number, d: number, seed: number, zeros = 0): { X: Matrix; y: Int32Array; t: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, d);
  const y = new Int32Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.set(i, j, rng.random() < zeros ? 0 : rng.normal());
    y[i] = (X.get(i, 0) + X.get(i, 1) ** 2 + 0.3 * rng.normal() > 0.8 ? 1 : 0) + (X.get(i, 2) > 1 ? 1 : 0);
    t[i] = Math.sin(X.get(i, 0)) + X.get(i, 1) * 0.5;
  }
  return { X, y, t };
}

test('dense and CSR layouts give the same dot products', () => {
  const { X } = data(60, 12, 1, 0.8);
  const sparse = new FeatureRows(X);
  assert.equal(sparse.sparse, true);
  const out = new Float64Array(60), w = new Float64Array(12);
  sparse.dotsOfRow(5, null, 0, 60, out);
  sparse.copyRow(5, w);
  for (let t = 0; t < 60; t++) {
    let s = 0;
    for (let j = 0; j < 12; j++) s += w[j] * X.get(t, j);
    assert.ok(Math.abs(out[t] - s) < 1e-12);
  }
});

test('kernel cache: swapped rows read like rows of the renumbered matrix; LRU eviction under a small budget', () => {
  const l = 8;
  const value = (i: number, j: number) => 100 * i + j;
  const perm = Int32Array.from({ length: l }, (_, i) => i);
  const cache = new KernelCache(l, 3 * 4 * l); // three rows
  const get = (i: number, len: number) => {
    const start = cache.request(i, len);
    const row = cache.row(i);
    for (let t = start; t < len; t++) row[t] = value(perm[i], perm[t]);
    return Array.from(row.subarray(0, len));
  };
  const expected = (i: number, len: number) => Array.from({ length: len }, (_, t) => value(perm[i], perm[t]));
  for (const i of [0, 3, 5]) assert.deepEqual(get(i, l), expected(i, l));
  // A shrinking pass: disjoint swaps, then rows read again (some truncated, some full).
  for (const [a, b] of [[1, 7], [3, 6]]) {
    cache.swapIndex(a, b);
    [perm[a], perm[b]] = [perm[b], perm[a]];
  }
  for (const [i, len] of [[5, 6], [0, 8], [6, 8], [2, 4], [1, 8], [4, 8]]) assert.deepEqual(get(i, len), expected(i, len), `row ${i}`);
});

const spec: KernelSpec = { kernel: 'rbf', gamma: 0.2, degree: 3, coef0: 0 };

test('one or two threads give bit-identical SVC and SVR solutions', () => {
  const { X, y, t } = data(400, 6, 2, 0.5);
  const opt: SolverOptions = { spec, eps: 1e-3, shrinking: true, maxIter: -1, cacheBytes: 1 << 20 };
  const C = Float64Array.from([1, 2, 0.5]);
  const solve = (threads: 'off' | 'always') => {
    const kr = new KernelRows(new FeatureRows(X), spec, threads);
    try {
      assert.equal(kr.threaded, threads === 'always');
      return { svc: trainSvc(kr, y, 3, C, opt, new Rng(1)), svr: trainSvr(kr, t, 1, 0.1, opt) };
    } finally {
      kr.close();
    }
  };
  const one = solve('off'), two = solve('always');
  assert.deepEqual(two.svc, one.svc);
  assert.deepEqual(two.svr, one.svr);
});

test('Platt sigmoid matches scikit-learn _sigmoid_calibration (same regularised targets, another optimiser)', () => {
  const dec = Float64Array.from([-3, -2, -1.5, -1, -0.2, 0.3, 1, 1.4, 2, 3]);
  const y = Int8Array.from([-1, -1, -1, -1, -1, 1, 1, 1, 1, 1]);
  const [A, B] = sigmoidTrain(dec, y);
  // sklearn.calibration._sigmoid_calibration(dec, y > 0) → (−0.953184412778403, 0.005314996275978268)
  assert.ok(Math.abs(A + 0.953184412778403) < 1e-4, `A = ${A}`);
  assert.ok(Math.abs(B - 0.005314996275978268) < 1e-4, `B = ${B}`);
  assert.ok(sigmoidPredict(3, A, B) > 0.9 && sigmoidPredict(-3, A, B) < 0.1);
  assert.ok(sigmoidPredict(1e6, A, B) <= 1 && sigmoidPredict(-1e6, A, B) >= 0);
});

test('pairwise coupling recovers consistent class probabilities', () => {
  const truth = [0.5, 0.3, 0.2], k = 3;
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) r[i * k + j] = truth[i] / (truth[i] + truth[j]);
  const p = new Float64Array(k);
  multiclassProbability(k, r, p, new Float64Array(k * k), new Float64Array(k));
  p.forEach((v, c) => assert.ok(Math.abs(v - truth[c]) < 1e-3, `p = ${Array.from(p)}`));
});
