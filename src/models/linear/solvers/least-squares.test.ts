import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../../core/matrix.js';
import { LinearRegression } from '../linear-regression.js';
import { fixtureCases, relError } from '../../../testing/reference/linear-fixtures.js';
import { Ridge } from '../ridge.js';
import { centredGram, choleskySolve, minNormSolve, symmetricEigen } from './normal-equations.js';

for (const { name, ref, data } of [...fixtureCases('linreg_'), ...fixtureCases('ridge_')]) {
  test(`matches scikit-learn: ${name}`, () => {
    const Ctor = name.startsWith('ridge') ? Ridge : LinearRegression;
    const m = new Ctor(ref.params as never).fit(data.Xtrain, data.ytrain);
    // Well-conditioned problems match to ~1e-12; rank-deficient ones go through the eigen fallback.
    const tol = ref.data === 'rankdef' && name.startsWith('linreg') ? 1e-8 : 1e-10;
    assert.ok(relError(m.coef, ref.coef as number[]) < tol, `coef: ${relError(m.coef, ref.coef as number[])}`);
    assert.ok(Math.abs(m.intercept - (ref.intercept as number)) < tol * Math.max(1, Math.abs(ref.intercept as number)), 'intercept');
    assert.ok(relError(m.predict(data.Xtest), ref.predict) < tol, 'predict');
  });
}

test('LinearRegression reports the rank and returns the minimum-norm solution on collinear columns', () => {
  const [{ data }] = fixtureCases('linreg_rankdef');
  const m = new LinearRegression().fit(data.Xtrain, data.ytrain);
  assert.equal(m.rank, data.Xtrain.cols - 2);
  // Duplicated column 0 (as column 6): the minimum-norm split gives both the same weight.
  assert.ok(Math.abs(m.coef[0] - m.coef[6]) < 1e-8);
  const full = new LinearRegression().fit(fixtureCases('linreg_default')[0].data.Xtrain, fixtureCases('linreg_default')[0].data.ytrain);
  assert.equal(full.rank, 6);
});

test('a zero-variance column gets weight 0 and does not break the fit', () => {
  const X = Matrix.fromRows([[1, 7], [2, 7], [3, 7], [4, 7]]);
  const m = new LinearRegression().fit(X, [3, 5, 7, 9]);
  assert.ok(Math.abs(m.coef[0] - 2) < 1e-12 && Math.abs(m.coef[1]) < 1e-12);
  assert.ok(Math.abs(m.intercept - 1) < 1e-10);
  assert.equal(m.rank, 1);
});

test('Ridge shrinks towards zero as alpha grows and leaves the intercept unpenalised', () => {
  const [{ data }] = fixtureCases('linreg_default');
  const norms = [0, 1, 100, 1e6].map((alpha) => {
    const m = new Ridge({ alpha }).fit(data.Xtrain, data.ytrain);
    return { norm: Math.hypot(...m.coef), intercept: m.intercept };
  });
  for (let i = 1; i < norms.length; i++) assert.ok(norms[i].norm < norms[i - 1].norm);
  let mean = 0;
  for (const v of data.ytrain) mean += v / data.ytrain.length;
  assert.ok(Math.abs(norms[3].intercept - mean) < 1e-3, 'huge alpha: intercept → mean of y');
});

test('Cholesky, Jacobi and the minimum-norm solve agree on a small SPD system', () => {
  const A = Float64Array.of(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3);
  const b = Float64Array.of(1, 2, 3);
  const w = choleskySolve(A, b, 3)!;
  const { w: w2, rank } = minNormSolve(A, b, 3);
  assert.equal(rank, 3);
  assert.ok(relError(w, w2) < 1e-12);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(A[i * 3] * w[0] + A[i * 3 + 1] * w[1] + A[i * 3 + 2] * w[2] - b[i]) < 1e-12);
  const { values } = symmetricEigen(A, 3);
  assert.ok(Math.abs(values.reduce((a, v) => a + v, 0) - 12) < 1e-12, 'trace is preserved');
  assert.equal(choleskySolve(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1), 2), null, 'singular → null');
});

test('LinearRegression and Ridge reject bad input with typed errors', () => {
  const X = Matrix.fromRows([[1, 2], [3, 4], [5, 7]]);
  assert.throws(() => new LinearRegression().fit(X, [1, NaN, 3]), { code: 'E_DATA', message: /target y has a missing or non-finite value \(NaN\) at row 1/ });
  assert.throws(() => new Ridge({ alpha: -1 }).fit(X, [1, 2, 3]), { code: 'E_INVALID_PARAM', message: /'alpha' must be a number >= 0, got -1/ });
  assert.throws(() => new LinearRegression().predict(X), { code: 'E_NOT_FITTED' });
  assert.throws(() => new Ridge().fit(X, [1, 2, 3]).predict(new Matrix(1, 3)), { code: 'E_SHAPE', message: /X has 3 features, but the model was fitted with 2/ });
});

test('centredGram (sparse columns uncentred + correction, dense tiles) equals the naive centred product', () => {
  const n = 301, d = 7;
  const X = new Matrix(n, d), y = new Float64Array(n);
  let s = 1;
  const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.set(i, j, j % 3 === 0 ? (rnd() < 0.2 ? 1 : 0) : 100 + rnd());
    y[i] = rnd() * 10;
  }
  const xMean = new Float64Array(d);
  for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) xMean[j] += X.get(i, j) / n;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  const { gram, xty } = centredGram(X.data, n, d, y, xMean, yMean);
  for (let a = 0; a < d; a++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += (X.get(i, a) - xMean[a]) * (y[i] - yMean);
    assert.ok(Math.abs(xty[a] - t) < 1e-9 * Math.max(1, Math.abs(t)), `xty[${a}]`);
    for (let b = 0; b < d; b++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += (X.get(i, a) - xMean[a]) * (X.get(i, b) - xMean[b]);
      assert.ok(Math.abs(gram[a * d + b] - g) < 1e-9 * Math.max(1, Math.abs(g)), `gram[${a}][${b}] ${gram[a * d + b]} vs ${g}`);
    }
  }
});
