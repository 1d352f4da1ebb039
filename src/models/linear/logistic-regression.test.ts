import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainyardError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { LogisticRegression } from './logistic-regression.js';
import { accuracy, maxAbsoluteError, maxRelativeError, referenceCases, rocAuc } from '../../testing/reference/linear-reference-fixtures.js';

for (const { name, data, ref } of referenceCases('logistic_regression')) {
  test(`matches scikit-learn LogisticRegression: ${name}`, () => {
    const m = new LogisticRegression(ref.params as never).fit(data.Xtrain, data.ytrain);
    assert.deepEqual(Array.from(m.classes), ref.classes);
    const opt = ref.optimum!;
    // Against the exact optimum of the same objective (newton-cg, tol 1e-12) at default tolerances.
    assert.ok(maxRelativeError(m.coef.data, opt.coef.flat()) < 1e-5, `coef vs optimum: ${maxRelativeError(m.coef.data, opt.coef.flat())}`);
    assert.ok(maxAbsoluteError(m.intercept, opt.intercept) < 1e-4, 'intercept vs optimum');
    const proba = m.predictProba(data.Xtest);
    assert.ok(maxAbsoluteError(proba.data, opt.proba.flat()) < 1e-5, `proba vs optimum: ${maxAbsoluteError(proba.data, opt.proba.flat())}`);
    // Against sklearn's lbfgs fit itself (which stops a little short of the optimum, see generate.py).
    assert.ok(maxRelativeError(m.coef.data, ref.coef.flat()) < 1e-4, `coef vs lbfgs: ${maxRelativeError(m.coef.data, ref.coef.flat())}`);
    assert.ok(maxAbsoluteError(proba.data, ref.proba!.flat()) < 5e-5, 'proba vs lbfgs');
    assert.ok(maxAbsoluteError(m.decisionFunction(data.Xtest).data, ref.decision.flat()) < 1e-3, 'decision');
    const pred = m.predict(data.Xtest);
    assert.deepEqual(Array.from(pred), ref.predict);
    assert.equal(accuracy(pred, data.ytest), ref.accuracy);
    if (ref.classes.length === 2) {
      const p1 = Float64Array.from({ length: proba.rows }, (_, i) => proba.get(i, 1));
      assert.ok(Math.abs(rocAuc(data.ytest, p1, ref.classes[1]) - ref.auc!) < 1e-9, 'AUC');
    }
  });
}

const [{ data: bin }] = referenceCases('logistic_regression');

function code(fn: () => unknown): TrainyardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TrainyardError) return e;
    throw e;
  }
  assert.fail('expected an error');
}

test('NaN in X is a DataError naming the column, its name and the fix', () => {
  const X = new Matrix(bin.Xtrain.rows, bin.Xtrain.cols, bin.Xtrain.data.slice());
  X.set(7, 2, NaN);
  const names = ['a', 'b', 'PageValues', 'd', 'e', 'f', 'g', 'h'];
  const e = code(() => new LogisticRegression().fit(X, bin.ytrain, { featureNames: names }));
  assert.equal(e.code, 'E_DATA');
  assert.match(e.message, /column 2 \('PageValues'\)/);
  assert.match(e.message, /row 7/);
  assert.match(e.message, /impute/);
  assert.equal(e.details.column, 2);
  const e2 = code(() => new LogisticRegression().fit(X, bin.ytrain));
  assert.match(e2.message, /feature column 2 has a missing value/);
});

test('a single class in y is a DataError', () => {
  const e = code(() => new LogisticRegression().fit(bin.Xtrain, new Float64Array(bin.Xtrain.rows).fill(3)));
  assert.equal(e.code, 'E_DATA');
  assert.match(e.message, /single class \(3\)/);
});

test('X/y length mismatch is a ShapeError', () => {
  const e = code(() => new LogisticRegression().fit(bin.Xtrain, bin.ytrain.subarray(0, 10)));
  assert.equal(e.code, 'E_SHAPE');
});

test('predict with a different feature count is a ShapeError naming both counts', () => {
  const m = new LogisticRegression().fit(bin.Xtrain, bin.ytrain);
  const e = code(() => m.predictProba(new Matrix(2, 5)));
  assert.equal(e.code, 'E_SHAPE');
  assert.match(e.message, /X has 5 features, but the model was fitted with 8/);
});

test('predict before fit is NotFittedError', () => {
  assert.equal(code(() => new LogisticRegression().predict(bin.Xtest)).code, 'E_NOT_FITTED');
  assert.equal(code(() => new LogisticRegression().classes).code, 'E_NOT_FITTED');
});

test('out-of-range params are InvalidParamError naming the param and allowed range', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ C: 0 }, /'C' must be a number > 0, got 0/],
    [{ C: -2 }, /'C' must be a number > 0/],
    [{ maxIter: 0 }, /'maxIter' must be an integer >= 1/],
    [{ maxIter: 2.5 }, /'maxIter'/],
    [{ penalty: 'l3' }, /'penalty' must be one of "l2", "l1", "elasticnet", "none", got "l3"/],
    [{ penalty: 'elasticnet' }, /'l1Ratio' must be a number >= 0 and <= 1, got null/],
    [{ penalty: 'elasticnet', l1Ratio: 1.5 }, /'l1Ratio'/],
    [{ multiClass: 'x' }, /'multiClass'/],
    [{ classWeight: 'auto' }, /'classWeight'/],
    [{ classWeight: { 10: 1, 5: 2 } }, /classWeight names class '5', which is not in y \(classes: 10, 20\)/],
  ];
  for (const [params, re] of cases) {
    const e = code(() => new LogisticRegression(params).fit(bin.Xtrain, bin.ytrain));
    assert.equal(e.code, 'E_INVALID_PARAM', JSON.stringify(params));
    assert.match(e.message, re);
  }
  assert.equal(code(() => new LogisticRegression({ alpha: 1 } as never)).code, 'E_INVALID_PARAM');
});

test('onEpochEnd reports each L-BFGS iteration with a decreasing loss', () => {
  const losses: number[] = [];
  const m = new LogisticRegression().fit(bin.Xtrain, bin.ytrain, { onEpochEnd: (l) => losses.push(l.loss) });
  assert.equal(losses.length, m.nIter);
  for (let i = 1; i < losses.length; i++) assert.ok(losses[i] <= losses[i - 1]);
});

test('maxIter bounds the iterations', () => {
  assert.equal(new LogisticRegression({ maxIter: 2 }).fit(bin.Xtrain, bin.ytrain).nIter, 2);
});

test('a refit after X was changed in place learns from the new values (kernel rows are not reused across fits)', () => {
  const n = 200, d = 3;
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = 1 + Math.sin(7 * i + 3 * j); // dense: kept row-major
    y[i] = X.data[i * d] > 1 ? 1 : 0;
  }
  const before = new LogisticRegression().fit(X, y).coef.data[0];
  for (let i = 0; i < n; i++) X.data[i * d] = -X.data[i * d];
  const after = new LogisticRegression().fit(X, y).coef.data[0];
  const onCopy = new LogisticRegression().fit(new Matrix(n, d, X.data.slice()), y).coef.data[0];
  assert.ok(before > 0 && after < 0, `coef ${before} then ${after}`);
  assert.equal(after, onCopy);
});
