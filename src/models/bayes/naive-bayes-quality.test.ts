// Held-out quality on real data against scikit-learn 1.2 on the same rows (fixtures/bayes/reference.json):
// GaussianNB on online shoppers (preprocessed as the kNN quality test), MultinomialNB on an SMS spam
// bag of words built the same way in TypeScript and Python. The issue asks for accuracy within 0.01.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../testing/paths.js';
import { accuracy, rocAuc } from '../../testing/reference/linear-reference-fixtures.js';
import { shoppersData, smsData } from '../../testing/reference/neighbors-reference-data.js';
import { GaussianNB } from './gaussian-nb.js';
import { MultinomialNB } from './multinomial-nb.js';

const ref = JSON.parse(readFileSync(fixturePath('bayes', 'reference.json'), 'utf8')) as Record<'shoppers' | 'sms', { accuracy: number; auc: number; predict: string }>;
const smsSplit = JSON.parse(readFileSync(fixturePath('bayes', 'sms-split.json'), 'utf8')) as { test: number[]; vocabulary: string[] };

function agreement(pred: Float64Array, bits: string): number {
  let same = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === Number(bits[i])) same++;
  return same / pred.length;
}

test('online shoppers: GaussianNB accuracy and AUC within 0.01 of scikit-learn, same predictions', async () => {
  const d = await shoppersData();
  const nb = new GaussianNB().fit(d.Xtrain, d.ytrain, { featureNames: d.featureNames });
  const pred = nb.predict(d.Xtest);
  const acc = accuracy(pred, d.ytest), auc = rocAuc(d.ytest, nb.predictProba(d.Xtest).column(1), 1);
  assert.ok(Math.abs(acc - ref.shoppers.accuracy) <= 0.01, `accuracy ${acc} vs sklearn ${ref.shoppers.accuracy}`);
  assert.ok(Math.abs(auc - ref.shoppers.auc) <= 0.01, `AUC ${auc} vs sklearn ${ref.shoppers.auc}`);
  assert.ok(agreement(pred, ref.shoppers.predict) >= 0.999, `predictions agree on ${agreement(pred, ref.shoppers.predict)} of rows`);
});

test('SMS spam bag of words: MultinomialNB accuracy within 0.01 of scikit-learn, same predictions', () => {
  const d = smsData();
  assert.deepEqual(Array.from(d.test), smsSplit.test, 'trainTestSplit changed: rerun fixtures/neighbors/dump-splits.mjs and fixtures/bayes/generate.py');
  assert.deepEqual(d.vocabulary, smsSplit.vocabulary);
  const nb = new MultinomialNB().fit(d.Xtrain, d.ytrain, { featureNames: d.featureNames });
  const pred = nb.predict(d.Xtest);
  const acc = accuracy(pred, d.ytest), auc = rocAuc(d.ytest, nb.predictProba(d.Xtest).column(1), 1);
  assert.ok(Math.abs(acc - ref.sms.accuracy) <= 0.01, `accuracy ${acc} vs sklearn ${ref.sms.accuracy}`);
  assert.ok(Math.abs(auc - ref.sms.auc) <= 0.01, `AUC ${auc} vs sklearn ${ref.sms.auc}`);
  assert.equal(agreement(pred, ref.sms.predict), 1, 'predictions differ from sklearn');
});
