import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { logLoss, rocAucOneVsRest, rocAucScore } from '../index.js';
import { assertClose, isError, loadFixture } from '../../testing/reference/sklearn-fixtures.js';

interface Case {
  name: string;
  y_true: number[];
  proba: number[][];
  labels: number[] | null;
  expected: { roc_auc_ovr_macro: number | { error: true }; log_loss: number | { error: true } };
}

const { cases } = loadFixture<Case>('multiclass-proba.json');

for (const c of cases) {
  test(`multiclass ROC AUC (OvR macro) and log loss equal sklearn: ${c.name}`, () => {
    const P = Matrix.fromRows(c.proba);
    const opts = c.labels ? { labels: c.labels } : {};
    const e = c.expected;
    if (isError(e.roc_auc_ovr_macro)) {
      assert.throws(() => rocAucScore(c.y_true, P, opts), { code: 'E_DATA', message: /ROC AUC is undefined with one class/ });
    } else {
      assertClose(rocAucScore(c.y_true, P, opts), e.roc_auc_ovr_macro, `${c.name} rocAuc`);
    }
    assert.ok(!isError(e.log_loss));
    assertClose(logLoss(c.y_true, P, opts), e.log_loss, `${c.name} logLoss`);
  });
}

test('multiclass ROC AUC refuses non-probabilities, wrong column counts and unknown labels', () => {
  const y = [0, 1, 2, 1];
  const dec = Matrix.fromRows([[2, -1, 0], [0, 1, 0.5], [-1, 0, 3], [0, 2, 1]]);
  assert.throws(() => rocAucScore(y, dec), { code: 'E_DATA', message: /must be probabilities summing to 1 per row; row 1 sums to 1\.5/ });
  // Columns are only ranked, so the lower-level function takes decision scores.
  assert.equal(rocAucOneVsRest(y, dec, [0, 1, 2]), 1);
  const P4 = Matrix.fromRows(y.map(() => [0.25, 0.25, 0.25, 0.25]));
  assert.throws(() => rocAucScore(y, P4), { code: 'E_SHAPE', message: /scores has 4 columns but there are 3 classes \(0, 1, 2\)/ });
  assert.throws(() => logLoss(y, P4), { code: 'E_SHAPE', message: /yProb has 4 column\(s\) but there are 3 classes/ });
  const P3 = Matrix.fromRows(y.map(() => [0.2, 0.3, 0.5]));
  assert.throws(() => logLoss([0, 1, 7, 1], P3, { labels: [0, 1, 2] }), { code: 'E_DATA', message: /label 7 \(row 2\) which is not among the classes 0, 1, 2/ });
});
