// Held-out quality on real data against scikit-learn 1.2 on exactly the same rows and features
// (fixtures/svm/quality.json and splits.json, from generate.py / dump-splits.mjs): online-shoppers
// SVC (RBF, defaults) and a 4,000-row kc-house subsample SVR (RBF, defaults, log price).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accuracyScore } from '../../metrics/classification/classification.js';
import { rocAucScore } from '../../metrics/classification/ranking-auc.js';
import { r2Score } from '../../metrics/regression.js';
import { fixturePath } from '../../testing/paths.js';
import { kcHouseSplit, shoppersSplit } from './quality-data.test-helpers.js';
import { SVC } from './svc.js';
import { SVR } from './svr.js';

const ref = JSON.parse(readFileSync(fixturePath('svm', 'quality.json'), 'utf8'));
const splits = JSON.parse(readFileSync(fixturePath('svm', 'splits.json'), 'utf8'));

test('online-shoppers: SVC (RBF) matches scikit-learn on the same split', async () => {
  const d = await shoppersSplit();
  assert.deepEqual(Array.from(d.test), splits.shoppers.test, 'trainTestSplit no longer gives the rows the fixture was made with');
  assert.equal(d.Xtrain.cols, ref.shoppers.features);
  const m = new SVC().fit(d.Xtrain, d.ytrain);
  const pred = m.predict(d.Xtest);
  const acc = accuracyScore(d.ytest, pred);
  const auc = rocAucScore(d.ytest, m.decisionFunction(d.Xtest).data);
  assert.ok(Math.abs(acc - ref.shoppers.accuracy) <= 0.01, `accuracy ${acc} vs sklearn ${ref.shoppers.accuracy}`);
  assert.ok(Math.abs(auc - ref.shoppers.auc) <= 0.01, `AUC ${auc} vs sklearn ${ref.shoppers.auc}`);
  let same = 0;
  for (let i = 0; i < pred.length; i++) if ((pred[i] > 0 ? '1' : '0') === ref.shoppers.predictPositive[i]) same++;
  assert.ok(same / pred.length >= 0.995, `only ${same} of ${pred.length} predictions equal sklearn's`);
  const nSV = Array.from(m.nSupport);
  nSV.forEach((v, c) => assert.ok(Math.abs(v - ref.shoppers.nSupport[c]) <= 0.01 * ref.shoppers.nSupport[c], `nSupport ${nSV} vs ${ref.shoppers.nSupport}`));
  assert.ok(Math.abs(m.intercept[0] - ref.shoppers.intercept) < 1e-3, `intercept ${m.intercept[0]} vs ${ref.shoppers.intercept}`);

  // Probabilities (Platt, 5-fold internal CV) on the first 3,000 training rows, as generate.py.
  const n = 3000, d3 = d.Xtrain.cols;
  const X3 = d.Xtrain.takeRows(Int32Array.from({ length: n }, (_, i) => i));
  const p = new SVC({ probability: true, seed: 0 }).fit(X3, d.ytrain.subarray(0, n));
  assert.equal(X3.cols, d3);
  const proba = p.predictProba(d.Xtest);
  const pAuc = rocAucScore(d.ytest, proba.column(1));
  const pAcc = accuracyScore(d.ytest, p.predict(d.Xtest));
  const r3 = ref.shoppers.probability3000;
  assert.ok(Math.abs(pAuc - r3.auc) <= 0.005, `probability AUC ${pAuc} vs sklearn ${r3.auc}`);
  assert.ok(Math.abs(pAcc - r3.accuracy) <= 0.01, `accuracy ${pAcc} vs sklearn ${r3.accuracy}`);
});

test('kc-house subsample: SVR (RBF) R² matches scikit-learn on the same split', async () => {
  const d = await kcHouseSplit();
  assert.deepEqual(Array.from(d.test), splits.kcHouse.test, 'trainTestSplit no longer gives the rows the fixture was made with');
  assert.equal(d.Xtrain.cols, ref.kcHouse.features);
  const m = new SVR().fit(d.Xtrain, d.ytrain);
  const r2 = r2Score(d.ytest, m.predict(d.Xtest));
  assert.ok(Math.abs(r2 - ref.kcHouse.r2) <= 0.01, `R² ${r2} vs sklearn ${ref.kcHouse.r2}`);
  assert.ok(Math.abs(m.support.length - ref.kcHouse.nSupport) <= 0.01 * ref.kcHouse.nSupport, `nSV ${m.support.length} vs ${ref.kcHouse.nSupport}`);
});
