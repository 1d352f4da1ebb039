// Unit tests of the neighbour search pieces (heap, KD-tree vs brute force) and the kNN models' errors,
// persistence and determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import { Rng } from '../../core/rng.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import { BruteIndex } from './brute-force.js';
import { resolveMetric } from './distance-metrics.js';
import { KDTree } from './kd-tree.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { KNeighborsRegressor } from './k-neighbors-regressor.js';
import { NeighborHeaps } from './neighbor-heap.js';
import { thrown } from '../../testing/thrown.js';

function randomMatrix(rows: number, cols: number, seed: number, round = false): Matrix {
  const rng = new Rng(seed);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = round ? Math.floor(rng.random() * 3) : rng.normal();
  return m;
}


test('NeighborHeaps keeps the k smallest by (distance, index), sorted', () => {
  const rng = new Rng(3);
  const heaps = new NeighborHeaps(1, 6);
  const all: [number, number][] = [];
  for (let i = 0; i < 200; i++) {
    const d = Math.floor(rng.random() * 20); // many ties
    const idx = Math.floor(rng.random() * 1000);
    all.push([d, idx]);
    heaps.push(0, d, idx);
  }
  heaps.sort();
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.deepEqual(Array.from(heaps.dist), all.slice(0, 6).map((e) => e[0]));
  assert.deepEqual(Array.from(heaps.idx), all.slice(0, 6).map((e) => e[1]));
});

test('KD-tree returns exactly the brute-force neighbours (any leaf size, duplicates, k = n)', () => {
  for (const [n, d, leafSize, k, round] of [[500, 3, 30, 7, false], [200, 2, 1, 5, true], [64, 5, 2, 64, false], [1, 2, 30, 1, false], [333, 8, 10, 3, true]] as const) {
    const X = randomMatrix(n, d, n + d, round), Q = randomMatrix(41, d, 7 * n, round);
    for (const metric of [resolveMetric('manhattan', 1), resolveMetric('minkowski', 3), resolveMetric('euclidean', 2)]) {
      const tree = new NeighborHeaps(Q.rows, k), brute = new NeighborHeaps(Q.rows, k);
      new KDTree(X.data, n, d, metric, leafSize).query(Q.data, Q.rows, tree);
      new BruteIndex(X.data, n, d, metric).query(Q.data, Q.rows, brute);
      const what = `n=${n} d=${d} leaf=${leafSize} k=${k} ${metric.kind}`;
      assert.deepEqual(tree.idx, brute.idx, `${what}: indices`);
      for (let t = 0; t < tree.dist.length; t++) assert.ok(Math.abs(tree.dist[t] - brute.dist[t]) < 1e-12, `${what}: distance ${t}`);
    }
  }
});

test('distance weights give an exact match all the weight (scikit-learn rule)', () => {
  const X = Matrix.fromRows([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5]]);
  const y = Float64Array.of(0, 1, 1, 1, 1);
  for (const algorithm of ['kd_tree', 'brute'] as const) {
    const knn = new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance', algorithm }).fit(X, y);
    assert.deepEqual(Array.from(knn.predictProba(Matrix.fromRows([[0, 0]])).data), [1, 0], algorithm);
    // Away from the data: shares 1/d-weighted.
    const p = knn.predictProba(Matrix.fromRows([[0.5, 0]])).data;
    const w0 = 1 / 0.5, w1 = 1 / 0.5, w2 = 1 / Math.hypot(0.5, 1);
    assert.ok(Math.abs(p[0] - w0 / (w0 + w1 + w2)) < 1e-12, `${algorithm}: ${p[0]}`);
  }
  const reg = new KNeighborsRegressor({ nNeighbors: 2, weights: 'distance', algorithm: 'brute', metric: 'manhattan' }).fit(X, Float64Array.of(0, 10, 20, 30, 40));
  const pr = reg.predict(Matrix.fromRows([[1, 0], [0.25, 0]]));
  assert.equal(pr[0], 10);
  assert.ok(Math.abs(pr[1] - (0 / 0.25 + 10 / 0.75) / (1 / 0.25 + 1 / 0.75)) < 1e-12, String(pr[1]));
});

test('bad input and parameters are typed errors that say what to do', () => {
  const X = randomMatrix(30, 3, 1), y = Float64Array.from({ length: 30 }, (_, i) => i % 2);
  assert.match(thrown(() => new KNeighborsClassifier({ nNeighbors: 31 }).fit(X, y)), /^E_INVALID_PARAM: .*'nNeighbors'.*<= 30/);
  assert.match(thrown(() => new KNeighborsClassifier({ algorithm: 'kd_tree', metric: 'cosine' }).fit(X, y)), /^E_INVALID_PARAM: .*'algorithm'.*cosine/);
  assert.match(thrown(() => new KNeighborsClassifier({ p: 0.5 }).fit(X, y)), /^E_INVALID_PARAM: .*'p'.*>= 1/);
  assert.match(thrown(() => new KNeighborsClassifier().fit(X, new Float64Array(30))), /^E_DATA: .*single class/);
  const Xn = new Matrix(30, 3, X.data.slice());
  Xn.set(4, 1, NaN);
  assert.match(thrown(() => new KNeighborsRegressor().fit(Xn, y, { featureNames: ['a', 'b', 'c'] })), /^E_DATA: .*column 1 \('b'\).*row 4/);
  const yn = y.slice();
  yn[2] = NaN;
  assert.match(thrown(() => new KNeighborsRegressor().fit(X, yn)), /^E_DATA: .*row 2/);
  const knn = new KNeighborsClassifier().fit(X, y);
  assert.match(thrown(() => knn.predict(Xn)), /^E_DATA: .*column 1/);
  assert.match(thrown(() => knn.predict(randomMatrix(2, 4, 1))), /^E_SHAPE: .*4 features.*3/);
  assert.match(thrown(() => knn.kneighbors(X, 0)), /^E_INVALID_PARAM: .*'nNeighbors'/);
  assert.match(thrown(() => new KNeighborsRegressor().predict(X)), /^E_NOT_FITTED/);
  assert.equal(knn.predict(new Matrix(0, 3)).length, 0);
});

test('save/load keeps the training rows as typed arrays and rebuilds the same index', () => {
  const X = randomMatrix(300, 4, 9), Q = randomMatrix(50, 4, 10);
  const y = Float64Array.from({ length: 300 }, (_, i) => (X.get(i, 0) > 0 ? 7 : -2));
  for (const params of [{}, { algorithm: 'brute' as const, metric: 'cosine' as const }, { weights: 'distance' as const, metric: 'manhattan' as const }]) {
    const knn = new KNeighborsClassifier(params).fit(X, y);
    const state = knn.toState();
    assert.ok(state.fitted.X instanceof Float64Array && state.fitted.yIdx instanceof Int32Array);
    const back = new KNeighborsClassifier().restoreState(decodeModel(encodeModel(state as unknown as StateValue)) as unknown as EstimatorState);
    assert.equal(back.fitMethod, knn.fitMethod);
    assert.deepEqual(back.predictProba(Q).data, knn.predictProba(Q).data);
    assert.deepEqual(back.kneighbors(Q, 9).indices, knn.kneighbors(Q, 9).indices);
  }
  // Mutating the caller's X after fit must not change the model (fit copies the rows).
  const knn = new KNeighborsRegressor().fit(X, y);
  const before = knn.predict(Q);
  X.data.fill(0);
  assert.deepEqual(knn.predict(Q), before);
  const bad = { ...knn.toState(), fitted: { ...knn.toState().fitted, X: new Float64Array(5) } };
  assert.match(thrown(() => new KNeighborsRegressor().restoreState(bad)), /^E_MODEL_FILE: .*'X'/);
});
