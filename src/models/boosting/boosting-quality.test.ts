/**
 * The quality bar on real data: on the same held-out rows (fixtures/boosting/splits.json) and
 * the same preprocessing, trainyard's boosting reaches scikit-learn's HistGradientBoosting and
 * XGBoost hist figures (fixtures/boosting/reference.json) minus 0.01 — accuracy and ROC AUC on
 * online-shoppers, accuracy on penguins (3 classes, NaN in numeric columns), R² on kc-house.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accuracyScore } from '../../metrics/classification/classification.js';
import { rocAucScore } from '../../metrics/classification/ranking-auc.js';
import { r2Score } from '../../metrics/regression.js';
import { fixturePath } from '../../testing/paths.js';
import { loadQualitySet } from './datasets.test-helpers.js';
import { HistGradientBoostingClassifier } from './hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from './hist-gradient-boosting-regressor.js';

interface Ref {
  rowsTrain: number;
  rowsTest: number;
  sklearn: { accuracy?: number; auc?: number; r2?: number };
  xgboost: { accuracy?: number; auc?: number; r2?: number };
}
const reference = JSON.parse(readFileSync(fixturePath('boosting', 'reference.json'), 'utf8')) as Record<string, Ref>;
const splits = JSON.parse(readFileSync(fixturePath('boosting', 'splits.json'), 'utf8')) as Record<string, { test: number[] }>;

function atLeast(name: string, metric: 'accuracy' | 'auc' | 'r2', value: number): void {
  for (const lib of ['sklearn', 'xgboost'] as const) {
    const ref = reference[name][lib][metric]!;
    assert.ok(value >= ref - 0.01, `${name}: ${metric} ${value.toFixed(4)} vs ${lib} ${ref.toFixed(4)} (must be >= ref − 0.01)`);
  }
}

async function load(name: 'shoppers' | 'kc_house' | 'penguins') {
  const s = await loadQualitySet(name);
  // The fixtures were computed on these very rows.
  assert.deepEqual(Array.from(s.test), splits[name].test, `${name}: split differs from fixtures/boosting/splits.json; rerun dump-splits.mjs and generate.py`);
  assert.equal(s.ytrain.length, reference[name].rowsTrain);
  return s;
}

test('online-shoppers: accuracy and AUC reach scikit-learn HGB and XGBoost − 0.01', async () => {
  const s = await load('shoppers');
  const m = new HistGradientBoostingClassifier({ seed: 0 }).fit(s.Xtrain, s.ytrain);
  assert.equal(m.nIter, 100, 'fewer than 10,000 training rows: early stopping stays off, as in sklearn');
  atLeast('shoppers', 'accuracy', accuracyScore(s.ytest, m.predict(s.Xtest)));
  atLeast('shoppers', 'auc', rocAucScore(s.ytest, m.decisionFunction(s.Xtest).data));
  // PageValues is by far the strongest signal on this data.
  const imp = m.featureImportances;
  assert.equal(s.featureNames[imp.indexOf(Math.max(...imp))], 'PageValues');
});

test('penguins (3 classes, NaN in numeric columns): accuracy reaches the references − 0.01', async () => {
  const s = await load('penguins');
  const m = new HistGradientBoostingClassifier().fit(s.Xtrain, s.ytrain);
  atLeast('penguins', 'accuracy', accuracyScore(s.ytest, m.predict(s.Xtest)));
  assert.equal(m.decisionFunction(s.Xtest).cols, 3);
});

test('kc-house regression: R² reaches the references − 0.01 (early stopping on, as sklearn auto)', async () => {
  const s = await load('kc_house');
  const m = new HistGradientBoostingRegressor().fit(s.Xtrain, s.ytrain);
  assert.equal(m.validationLoss.length, m.nIter + 1, 'more than 10,000 rows: early stopping watched the validation loss');
  atLeast('kc_house', 'r2', r2Score(s.ytest, m.predict(s.Xtest)));
});
