// Held-out quality on real data sets against scikit-learn 1.2 on exactly the same rows and equivalent
// preprocessing (fixtures/neighbors/reference.json; see fixtures/neighbors/generate.py). The issue asks
// for accuracy / AUC / R² within 0.01; on top, predictions must agree row by row almost everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../testing/paths.js';
import { accuracy, rocAuc } from '../../testing/reference/linear-reference-fixtures.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { KNeighborsRegressor } from './k-neighbors-regressor.js';
import { kcHouseData, penguinsData, shoppersData, type SplitData } from '../../testing/reference/neighbors-reference-data.js';

type Weights = 'uniform' | 'distance';
const ref = JSON.parse(readFileSync(fixturePath('neighbors', 'reference.json'), 'utf8')) as {
  shoppers: Record<Weights, { accuracy: number; auc: number; predict: string }>;
  penguins: Record<Weights, { accuracy: number; predict: string; algorithm: string }>;
  kcHouse: Record<Weights, { r2: number; algorithm: string; firstPredictions: number[] }>;
};
const splits = JSON.parse(readFileSync(fixturePath('neighbors', 'splits.json'), 'utf8')) as Record<string, { test: number[] }>;

function assertSameSplit(d: SplitData, name: string): void {
  // The sklearn figures were computed on these test rows; if the split changed, regenerate the fixtures.
  assert.deepEqual(Array.from(d.test), splits[name].test, `${name}: trainTestSplit no longer gives the stored test rows; rerun fixtures/neighbors/dump-splits.mjs and generate.py`);
}

function agreement(pred: Float64Array, bits: string): number {
  let same = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === Number(bits[i])) same++;
  return same / pred.length;
}

test('online shoppers: kNN accuracy and AUC within 0.01 of scikit-learn, same predictions', async () => {
  const d = await shoppersData();
  assertSameSplit(d, 'shoppers');
  for (const weights of ['uniform', 'distance'] as const) {
    const knn = new KNeighborsClassifier({ weights }).fit(d.Xtrain, d.ytrain, { featureNames: d.featureNames });
    assert.equal(knn.fitMethod, 'brute', '73 features: auto picks brute force, as scikit-learn');
    const proba = knn.predictProba(d.Xtest);
    const pred = knn.predict(d.Xtest);
    const acc = accuracy(pred, d.ytest);
    const auc = rocAuc(d.ytest, proba.column(1), 1);
    const r = ref.shoppers[weights];
    assert.ok(Math.abs(acc - r.accuracy) <= 0.01, `${weights}: accuracy ${acc} vs sklearn ${r.accuracy}`);
    assert.ok(Math.abs(auc - r.auc) <= 0.01, `${weights}: AUC ${auc} vs sklearn ${r.auc}`);
    assert.ok(agreement(pred, r.predict) >= 0.998, `${weights}: predictions agree with sklearn on ${agreement(pred, r.predict)} of rows`);
  }
});

test('penguins (3 classes): kNN accuracy within 0.01 of scikit-learn, KD-tree and brute force agree', async () => {
  const d = await penguinsData();
  assertSameSplit(d, 'penguins');
  for (const weights of ['uniform', 'distance'] as const) {
    const knn = new KNeighborsClassifier({ weights }).fit(d.Xtrain, d.ytrain);
    assert.equal(knn.fitMethod, ref.penguins[weights].algorithm);
    const pred = knn.predict(d.Xtest);
    const acc = accuracy(pred, d.ytest);
    assert.ok(Math.abs(acc - ref.penguins[weights].accuracy) <= 0.01, `${weights}: accuracy ${acc} vs sklearn ${ref.penguins[weights].accuracy}`);
    assert.equal(agreement(pred, ref.penguins[weights].predict), 1, `${weights}: predictions differ from sklearn`);
    const brute = new KNeighborsClassifier({ weights, algorithm: 'brute' }).fit(d.Xtrain, d.ytrain);
    // Same neighbours; 1/distance weights differ in the last bits (product expansion vs differences).
    const pb = brute.predictProba(d.Xtest).data, pt = knn.predictProba(d.Xtest).data;
    pb.forEach((v, i) => assert.ok(Math.abs(v - pt[i]) < 1e-12, `${weights}: brute ${v} vs KD-tree ${pt[i]}`));
    assert.deepEqual(brute.predict(d.Xtest), pred);
  }
});

test('kc-house subsample: kNN regressor R² within 0.01 of scikit-learn, same predictions', async () => {
  const d = await kcHouseData();
  assertSameSplit(d, 'kcHouse');
  for (const weights of ['uniform', 'distance'] as const) {
    const knn = new KNeighborsRegressor({ weights }).fit(d.Xtrain, d.ytrain);
    assert.equal(knn.fitMethod, ref.kcHouse[weights].algorithm);
    const pred = knn.predict(d.Xtest);
    let mean = 0;
    for (const v of d.ytest) mean += v / d.ytest.length;
    let ssRes = 0, ssTot = 0;
    for (let i = 0; i < pred.length; i++) {
      ssRes += (d.ytest[i] - pred[i]) ** 2;
      ssTot += (d.ytest[i] - mean) ** 2;
    }
    const r2 = 1 - ssRes / ssTot;
    assert.ok(Math.abs(r2 - ref.kcHouse[weights].r2) <= 0.01, `${weights}: R² ${r2} vs sklearn ${ref.kcHouse[weights].r2}`);
    ref.kcHouse[weights].firstPredictions.forEach((v, i) => assert.ok(Math.abs(pred[i] - v) <= 1e-6 * Math.abs(v), `${weights}: prediction ${i}: ${pred[i]} vs ${v}`));
  }
});
