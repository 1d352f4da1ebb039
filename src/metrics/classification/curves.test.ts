import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { auc, averagePrecisionScore, brierScoreLoss, logLoss, precisionRecallCurve, rocAucScore, rocCurve } from '../index.js';
import { assertAllClose, assertClose, isError, loadFixture } from '../../testing/reference/sklearn-fixtures.js';

type Curve = Record<string, (number | null)[]>;

interface Case {
  name: string;
  y_true: number[];
  score: number[];
  pos_label: number;
  probabilities: boolean;
  expected: {
    roc_drop: Curve;
    roc_full: Curve;
    pr: Curve;
    average_precision: number;
    roc_auc: number | { error: true };
    log_loss?: number;
    brier?: number;
  };
}

const { cases } = loadFixture<Case>('binary-scores.json');

for (const c of cases) {
  test(`curves and areas equal sklearn: ${c.name}`, () => {
    const e = c.expected;
    const posLabel = c.pos_label;
    for (const [key, dropIntermediate] of [['roc_drop', true], ['roc_full', false]] as const) {
      const roc = rocCurve(c.y_true, c.score, { posLabel, dropIntermediate });
      assertAllClose(roc.fpr, e[key].fpr, `${c.name} ${key}.fpr`);
      assertAllClose(roc.tpr, e[key].tpr, `${c.name} ${key}.tpr`);
      assertAllClose(roc.thresholds, e[key].thresholds, `${c.name} ${key}.thresholds`);
    }
    const pr = precisionRecallCurve(c.y_true, c.score, { posLabel });
    assertAllClose(pr.precision, e.pr.precision, `${c.name} pr.precision`);
    assertAllClose(pr.recall, e.pr.recall, `${c.name} pr.recall`);
    assertAllClose(pr.thresholds, e.pr.thresholds, `${c.name} pr.thresholds`);
    assertClose(averagePrecisionScore(c.y_true, c.score, { posLabel }), e.average_precision, `${c.name} averagePrecision`);
    if (isError(e.roc_auc)) {
      assert.throws(() => rocAucScore(c.y_true, c.score, { posLabel }), { code: 'E_DATA', message: /ROC AUC is undefined with one class in yTrue/ });
    } else {
      assertClose(rocAucScore(c.y_true, c.score, { posLabel }), e.roc_auc, `${c.name} rocAuc`);
      // The same area from sklearn's curve through the generic trapezoid.
      const roc = rocCurve(c.y_true, c.score, { posLabel });
      assertClose(auc(roc.fpr, roc.tpr), e.roc_auc, `${c.name} auc(roc)`);
    }
    if (c.probabilities) {
      // Like sklearn's log_loss, a single column is the probability of the greater label.
      assertClose(logLoss(c.y_true, c.score), e.log_loss!, `${c.name} logLoss`);
      assertClose(brierScoreLoss(c.y_true, c.score, { posLabel }), e.brier!, `${c.name} brier`);
    }
  });
}

test('the sklearn documentation example, by hand', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  const roc = rocCurve(y, s);
  assert.deepEqual(Array.from(roc.fpr), [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(Array.from(roc.tpr), [0, 0.5, 0.5, 1, 1]);
  assert.deepEqual(Array.from(roc.thresholds), [1.8, 0.8, 0.4, 0.35, 0.1]);
  assert.equal(rocAucScore(y, s), 0.75);
  const pr = precisionRecallCurve(y, s);
  assert.deepEqual(Array.from(pr.recall), [1, 1, 0.5, 0.5, 0]);
  assert.deepEqual(Array.from(pr.thresholds), [0.1, 0.35, 0.4, 0.8]);
  assertClose(averagePrecisionScore(y, s), 5 / 6, 'AP');
});

test('ROC AUC accepts an n×1 or n×2 Matrix for binary targets', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  assert.equal(rocAucScore(y, new Matrix(4, 1, Float64Array.from(s))), 0.75);
  const two = Matrix.fromRows(s.map((p) => [1 - p, p]));
  assert.equal(rocAucScore(y, two), 0.75);
  assert.equal(rocAucScore(y, two, { posLabel: 0 }), 0.75); // column 0 scores class 0
});

test('ROC AUC errors: one class, unknown posLabel, multiclass target with one score column', () => {
  assert.throws(() => rocAucScore([1, 1, 1], [0.2, 0.3, 0.4]), {
    code: 'E_DATA',
    message: 'rocAucScore: yTrue has only the positive class 1; ROC AUC is undefined with one class in yTrue. Score on data with both classes (e.g. a stratified split)',
  });
  assert.throws(() => rocAucScore([0, 0], [0.2, 0.3]), { code: 'E_DATA', message: /no sample of the positive class 1; ROC AUC is undefined with one class/ });
  assert.throws(() => rocAucScore([2, 5, 5], [0.2, 0.3, 0.9]), { code: 'E_INVALID_PARAM', message: /posLabel 1 is not a class of yTrue \(2, 5\)/ });
  assert.throws(() => rocAucScore([0, 1, 2], [0.2, 0.3, 0.9]), { code: 'E_DATA', message: /pass an n×k probability Matrix/ });
  assert.throws(() => rocAucScore([0, 1, 1], [0.2, 0.3]), {
    code: 'E_SHAPE',
    message: 'rocAucScore: yTrue has 3 values but scores has 2; they must have the same length',
  });
  assert.throws(() => rocCurve([0, 1], [0.2, NaN]), { code: 'E_DATA', message: /scores has a non-finite value at row 1/ });
  assert.throws(() => rocCurve([0, 1], [0.2, Infinity]), { code: 'E_DATA' });
});

test('-0 and +0 are one threshold', () => {
  const roc = rocCurve([0, 1, 1, 0], [-0, 0, 1, 0], { dropIntermediate: false });
  assert.equal(roc.thresholds.length, 3);
  assert.deepEqual(Array.from(roc.tpr), [0, 0.5, 1]);
  assert.deepEqual(Array.from(roc.fpr), [0, 0, 1]);
});

test('auc needs monotonic x and handles decreasing x', () => {
  assert.equal(auc([0, 0.5, 1], [0, 0.75, 1]), 0.625);
  assert.equal(auc([1, 0.5, 0], [1, 0.75, 0]), 0.625);
  assert.throws(() => auc([0, 1, 0.5], [0, 1, 1]), { code: 'E_DATA', message: /neither increasing nor decreasing/ });
  assert.throws(() => auc([0], [0]), { code: 'E_DATA', message: /at least 2 points, got 1/ });
});

test('brier and log loss refuse bad probabilities and targets', () => {
  assert.throws(() => brierScoreLoss([0, 1], [0.5, 1.2]), { code: 'E_DATA', message: 'brierScoreLoss: yProb must be probabilities in [0, 1]; row 1 is 1.2' });
  assert.throws(() => brierScoreLoss([0, 1, 2], [0.5, 0.2, 0.3]), { code: 'E_DATA', message: /binary targets only/ });
  assert.throws(() => logLoss([1, 1], [0.5, 0.7]), { code: 'E_DATA', message: /only one class \(1\); pass all classes through the labels option/ });
  assertClose(logLoss([1, 1], [0.5, 0.7], { labels: [0, 1] }), -(Math.log(0.5) + Math.log(0.7)) / 2, 'logLoss labels');
  // sklearn 1.2 default eps is machine epsilon; the 1.1 value 1e-15 is still available.
  // Expected: sklearn 1.2.1 log_loss([0, 1], [1.0, 1.0]) and the same with eps=1e-15.
  assertClose(logLoss([0, 1], [1, 1]), 18.021826694558577, 'logLoss eps auto');
  assertClose(logLoss([0, 1], [1, 1], { eps: 1e-15 }), 17.26978799617044, 'logLoss eps 1e-15');
});
