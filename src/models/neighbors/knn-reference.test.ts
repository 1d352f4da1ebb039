// Neighbour search and predictions against scikit-learn 1.2 on small synthetic sets
// (fixtures/neighbors/reference.json, written by fixtures/neighbors/generate.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../../testing/paths.js';
import type { NeighborMetric } from './distance-metrics.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { KNeighborsRegressor } from './k-neighbors-regressor.js';

interface SmallCase {
  Xtrain: number[][];
  Xtest: number[][];
  yclass: number[];
  yreg: number[];
  neighbors: { metric: NeighborMetric; p: number; algorithm: 'brute' | 'kd_tree'; indices: number[][]; distances: number[][] }[];
  models: { params: { nNeighbors: number; weights: 'uniform' | 'distance'; metric: NeighborMetric; p: number }; proba: number[][]; predict: number[]; regression: number[] }[];
}

const ref = JSON.parse(readFileSync(fixturePath('neighbors', 'reference.json'), 'utf8')) as { small: Record<string, SmallCase> };

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** sklearn's rows re-sorted by (distance, index): its final sort is not stable among exactly tied distances. */
function canonical(ind: number[][], dist: number[][]): { ind: number[]; dist: number[] } {
  const outI: number[] = [], outD: number[] = [];
  ind.forEach((row, i) => {
    const order = row.map((_, t) => t).sort((a, b) => dist[i][a] - dist[i][b] || row[a] - row[b]);
    for (const t of order) {
      outI.push(row[t]);
      outD.push(dist[i][t]);
    }
  });
  return { ind: outI, dist: outD };
}

/**
 * Every row's neighbours are the k smallest by (distance, training index): at the k-th distance, the
 * kept indices are the lowest of all training rows at that distance (checked by exhaustive search).
 */
function assertLowestIndexWins(X: Matrix, Q: Matrix, ind: Int32Array, dist: Float64Array, k: number, what: string): void {
  for (let i = 0; i < Q.rows; i++) {
    const kth = dist[i * k + k - 1];
    const all: number[] = [];
    for (let t = 0; t < X.rows; t++) {
      let s = 0;
      for (let j = 0; j < X.cols; j++) s += what.includes('manhattan') ? Math.abs(X.get(t, j) - Q.get(i, j)) : (X.get(t, j) - Q.get(i, j)) ** 2;
      if (Math.abs((what.includes('manhattan') ? s : Math.sqrt(s)) - kth) < 1e-9) all.push(t);
    }
    const kept = Array.from(ind.subarray(i * k, (i + 1) * k)).filter((_, t) => Math.abs(dist[i * k + t] - kth) < 1e-9);
    assert.deepEqual(kept, all.slice(0, kept.length), `${what}: row ${i} keeps ${kept} at the k-th distance ${kth}, tied rows are ${all}`);
  }
}

for (const [name, c] of Object.entries(ref.small)) {
  const X = Matrix.fromRows(c.Xtrain), Q = Matrix.fromRows(c.Xtest);
  const y = Float64Array.from(c.yclass);

  test(`kneighbors on the '${name}' set: same neighbours and distances as scikit-learn, for every metric and index`, () => {
    for (const nb of c.neighbors) {
      const what = `${name}: ${nb.metric} p=${nb.p} ${nb.algorithm}`;
      const knn = new KNeighborsClassifier({ nNeighbors: 5, metric: nb.metric, p: nb.p, algorithm: nb.algorithm }).fit(X, y);
      assert.equal(knn.fitMethod, nb.algorithm);
      const got = knn.kneighbors(Q);
      const want = canonical(nb.indices, nb.distances);
      assert.ok(maxAbs(got.distances.data, want.dist) < 1e-12, `${what}: distances differ by ${maxAbs(got.distances.data, want.dist)}`);
      if (name === 'ties') assertLowestIndexWins(X, Q, got.indices, got.distances.data, 5, what);
      else assert.deepEqual(Array.from(got.indices), want.ind, `${what}: indices`);
      if (nb.algorithm === 'kd_tree') {
        // Brute force agrees with the tree (for euclidean up to the rounding of the product expansion).
        const brute = new KNeighborsClassifier({ nNeighbors: 5, metric: nb.metric, p: nb.p, algorithm: 'brute' }).fit(X, y).kneighbors(Q);
        assert.deepEqual(brute.indices, got.indices, `${what}: brute force and KD-tree disagree`);
      }
    }
  });

  // With exact ties scikit-learn's choice depends on its heap's history and thread layout, so the
  // 'ties' set checks our own rule above (and brute = KD-tree) instead of sklearn's labels.
  if (name === 'ties') continue;
  test(`classifier and regressor on the '${name}' set match scikit-learn (probabilities, labels, predictions)`, () => {
    for (const m of c.models) {
      const what = `${name}: ${JSON.stringify(m.params)}`;
      for (const algorithm of ['brute', 'kd_tree'] as const) {
        const clf = new KNeighborsClassifier({ ...m.params, algorithm }).fit(X, y);
        assert.ok(maxAbs(clf.predictProba(Q).data, m.proba.flat()) < 1e-12, `${what} ${algorithm}: proba`);
        assert.deepEqual(Array.from(clf.predict(Q)), m.predict, `${what} ${algorithm}: predict`);
        const reg = new KNeighborsRegressor({ ...m.params, algorithm }).fit(X, Float64Array.from(c.yreg));
        assert.ok(maxAbs(reg.predict(Q), m.regression) < 1e-10, `${what} ${algorithm}: regression ${maxAbs(reg.predict(Q), m.regression)}`);
      }
    }
  });
}
