import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracyScore,
  balancedAccuracyScore,
  confusionMatrix,
  f1Score,
  fbetaScore,
  matthewsCorrcoef,
  precisionScore,
  recallScore,
  type Average,
} from '../index.js';
import { assertClose, isError, loadFixture } from '../../testing/reference/sklearn-fixtures.js';

interface Case {
  name: string;
  y_true: number[];
  y_pred: number[];
  pos_label: number;
  expected: Record<string, unknown>;
}

const { sklearn, cases } = loadFixture<Case>('classification.json');

test(`fixtures come from scikit-learn 1.2 (${sklearn}) and cover ${cases.length} cases`, () => {
  assert.match(sklearn, /^1\.2\./);
  assert.ok(cases.length >= 10);
});

for (const c of cases) {
  test(`classification metrics equal sklearn: ${c.name}`, () => {
    const e = c.expected;
    assertClose(accuracyScore(c.y_true, c.y_pred), e.accuracy as number, `${c.name} accuracy`);
    assertClose(balancedAccuracyScore(c.y_true, c.y_pred), e.balanced_accuracy as number, `${c.name} balancedAccuracy`);
    assertClose(matthewsCorrcoef(c.y_true, c.y_pred), e.mcc as number, `${c.name} mcc`);
    assert.deepEqual(confusionMatrix(c.y_true, c.y_pred), e.confusion_matrix, `${c.name} confusionMatrix`);
    let checked = 0;
    for (const average of ['binary', 'macro', 'micro', 'weighted'] as Average[]) {
      if (!(`f1_${average}` in e)) continue;
      const opts = { average, posLabel: c.pos_label };
      const pairs: [string, () => number][] = [
        [`precision_${average}`, () => precisionScore(c.y_true, c.y_pred, opts)],
        [`recall_${average}`, () => recallScore(c.y_true, c.y_pred, opts)],
        [`f1_${average}`, () => f1Score(c.y_true, c.y_pred, opts)],
        [`fbeta0.5_${average}`, () => fbetaScore(c.y_true, c.y_pred, 0.5, opts)],
        [`fbeta2.0_${average}`, () => fbetaScore(c.y_true, c.y_pred, 2, opts)],
      ];
      for (const [key, run] of pairs) {
        const want = e[key];
        if (isError(want)) assert.throws(run, { code: 'E_INVALID_PARAM' }, `${c.name} ${key}`);
        else assertClose(run(), want as number, `${c.name} ${key}`);
        checked++;
      }
    }
    assert.ok(checked >= 15, `${c.name}: only ${checked} averaged scores checked`);
  });
}

test('hand-computed values: precision, recall, F-beta, balanced accuracy, MCC', () => {
  assert.equal(precisionScore([0, 1, 1, 0], [1, 1, 0, 0]), 0.5);
  assert.equal(recallScore([0, 1, 1, 0], [1, 1, 0, 0]), 0.5);
  assert.equal(fbetaScore([0, 1, 1, 0], [1, 1, 0, 0], 2), 0.5);
  assert.equal(fbetaScore([0, 1, 1, 1], [1, 1, 0, 0], Infinity), 1 / 3); // F∞ is recall
  assert.equal(balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1]), (2 / 3 + 1) / 2);
  assert.equal(balancedAccuracyScore([0, 0, 1, 1], [0, 0, 1, 1], { adjusted: true }), 1);
  assertClose(matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]), -1 / 3, 'mcc');
  assert.equal(accuracyScore([0, 1, 2, 2], [0, 2, 2, 2]), 0.75);
  assert.deepEqual(confusionMatrix([0, 1, 1, 2], [0, 1, 0, 2]), { labels: [0, 1, 2], matrix: [[1, 0, 0], [1, 1, 0], [0, 0, 1]] });
});

test('confusionMatrix with labels: orders by label, drops rows outside the list, refuses labels absent from yTrue', () => {
  assert.deepEqual(confusionMatrix([2, 0, 2, 1], [2, 0, 1, 1], { labels: [2, 0] }), { labels: [0, 2], matrix: [[1, 0], [0, 1]] });
  assert.deepEqual(confusionMatrix([0, 1], [0, 0], { labels: [0, 1, 5] }).matrix, [[1, 0, 0], [1, 0, 0], [0, 0, 0]]);
  assert.throws(() => confusionMatrix([0, 1], [0, 1], { labels: [7] }), { code: 'E_DATA', message: /none of the labels \[7\] occurs in yTrue/ });
  assert.throws(() => confusionMatrix([0, 1], [0, 1], { labels: [1, 1] }), { code: 'E_DATA', message: /distinct/ });
});

test('binary average refuses a multiclass target and a posLabel that is not a label', () => {
  assert.throws(() => f1Score([0, 1, 2], [0, 1, 1]), {
    code: 'E_INVALID_PARAM',
    message: /hold 3 labels \(0, 1, 2\) but average is 'binary'; choose 'macro', 'micro' or 'weighted'/,
  });
  assert.throws(() => precisionScore([2, 5, 5], [2, 5, 2]), { code: 'E_INVALID_PARAM', message: /posLabel 1 is not a label of the data; it should be one of 2, 5/ });
  assert.equal(precisionScore([2, 5, 5], [2, 5, 2], { posLabel: 5 }), 1);
  assert.throws(() => f1Score([0, 1], [0, 1], { average: 'samples' as Average }), { code: 'E_INVALID_PARAM', message: /'average' must be one of/ });
  assert.throws(() => fbetaScore([0, 1], [0, 1], -1), { code: 'E_INVALID_PARAM', message: /'beta' must be a number >= 0, got -1/ });
});

test('label metrics reject mismatched lengths, empty input and NaN labels', () => {
  assert.throws(() => accuracyScore([0, 1, 1], [0, 1]), {
    code: 'E_SHAPE',
    message: 'accuracyScore: yTrue has 3 values but yPred has 2; they must have the same length',
  });
  assert.throws(() => f1Score([], []), { code: 'E_DATA', message: /empty/ });
  assert.throws(() => matthewsCorrcoef([0, NaN], [0, 1]), { code: 'E_DATA', message: /yTrue has a non-finite value at row 1 \(NaN\)/ });
});

test('typed arrays work as inputs and give the same answer as plain arrays', () => {
  const yt = [0, 1, 2, 1, 0, 2, 2];
  const yp = [0, 2, 2, 1, 0, 1, 2];
  assert.equal(f1Score(Float64Array.from(yt), Int32Array.from(yp), { average: 'macro' }), f1Score(yt, yp, { average: 'macro' }));
});

test('labels need not be small integers: negative and fractional labels sort numerically', () => {
  const yt = [0.5, -1.5, 100000, 0.5, -1.5];
  const yp = [0.5, 0.5, 100000, -1.5, -1.5];
  assert.deepEqual(confusionMatrix(yt, yp), { labels: [-1.5, 0.5, 100000], matrix: [[1, 1, 0], [1, 1, 0], [0, 0, 1]] });
  assertClose(f1Score(yt, yp, { average: 'macro' }), (0.5 + 0.5 + 1) / 3, 'f1 macro');
  assert.equal(precisionScore([-1, 1, 1], [1, 1, -1]), 0.5);
});
