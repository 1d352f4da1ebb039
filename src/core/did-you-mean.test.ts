import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, didYouMean } from './did-you-mean.js';

const MODELS = ['logistic_regression', 'linear_svm', 'mlp', 'ridge', 'random_forest', 'gradient_boosting', 'knn'];

test('closestName finds typos and other spellings of a known name, and nothing for a different name', () => {
  assert.equal(closestName('logistic_regresion', MODELS), 'logistic_regression');
  assert.equal(closestName('LogisticRegression', MODELS), 'logistic_regression');
  assert.equal(closestName('random-forest', MODELS), 'random_forest');
  assert.equal(closestName('gradient_bosting', MODELS), 'gradient_boosting');
  assert.equal(closestName('rigde', MODELS), 'ridge');
  assert.equal(closestName('knm', MODELS), 'knn');
  assert.equal(closestName('xgboost', MODELS), null);
  assert.equal(closestName('svm', MODELS), null, 'three letters away from mlp and knn: not a typo');
  assert.equal(closestName('', MODELS), null);
  assert.equal(closestName('Cc', ['C', 'penalty', 'maxIter']), 'C');
  assert.equal(closestName('max_iter', ['C', 'penalty', 'maxIter']), 'maxIter');
  assert.equal(closestName('roc_auc_scor', ['roc_auc', 'f1']), null);
  assert.equal(didYouMean('rigde', MODELS), " — did you mean 'ridge'?");
  assert.equal(didYouMean('xgboost', MODELS), '');
});

test('closestName stays fast on long hostile names (cut-off distance)', () => {
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) closestName('x'.repeat(10_000), MODELS);
  assert.ok(performance.now() - t0 < 2000);
});
