import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, r2Score, rootMeanSquaredError } from './index.js';
import { assertClose, loadFixture } from '../testing/reference/sklearn-fixtures.js';

interface Case {
  name: string;
  y_true: number[];
  y_pred: number[];
  expected: { mse: number; rmse: number; mae: number; r2: number; mape: number };
}

const { cases } = loadFixture<Case>('regression.json');

for (const c of cases) {
  test(`regression metrics equal sklearn: ${c.name}`, () => {
    const e = c.expected;
    assertClose(meanSquaredError(c.y_true, c.y_pred), e.mse, `${c.name} mse`);
    assertClose(rootMeanSquaredError(c.y_true, c.y_pred), e.rmse, `${c.name} rmse`);
    assertClose(meanAbsoluteError(c.y_true, c.y_pred), e.mae, `${c.name} mae`);
    assertClose(r2Score(c.y_true, c.y_pred), e.r2, `${c.name} r2`);
    assertClose(meanAbsolutePercentageError(c.y_true, c.y_pred), e.mape, `${c.name} mape`);
  });
}

test('a zero in yTrue makes MAPE huge (divides by machine epsilon), as in sklearn', () => {
  assert.ok(meanAbsolutePercentageError([0, 1], [1, 1]) > 1e15);
});

test('regression metrics reject mismatched lengths and NaN', () => {
  assert.throws(() => r2Score([1, 2, 3], [1, 2]), { code: 'E_SHAPE', message: 'r2Score: yTrue has 3 values but yPred has 2; they must have the same length' });
  assert.throws(() => meanSquaredError([1, 2], [1, NaN]), { code: 'E_DATA', message: /yPred has a non-finite value at row 1/ });
});
