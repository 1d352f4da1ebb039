import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainyardError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { SVR } from './svr.js';

const rng = new Rng(11);
const X = new Matrix(200, 2);
const y = new Float64Array(200);
for (let i = 0; i < 200; i++) {
  X.set(i, 0, rng.normal());
  X.set(i, 1, rng.normal());
  y[i] = Math.sin(2 * X.get(i, 0)) + 0.3 * X.get(i, 1) + 0.05 * rng.normal();
}

function mse(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

test('RBF SVR fits a smooth non-linear function; the linear kernel cannot', () => {
  const rbf = mse(new SVR({ C: 10 }).fit(X, y).predict(X), y);
  const lin = mse(new SVR({ kernel: 'linear', C: 10 }).fit(X, y).predict(X), y);
  assert.ok(rbf < 0.02, `rbf mse ${rbf}`);
  assert.ok(lin > 5 * rbf, `linear mse ${lin} vs rbf ${rbf}`);
});

test('residuals of non-support vectors lie inside the ε-tube; a wider tube needs fewer support vectors', () => {
  const m = new SVR({ epsilon: 0.2, C: 10 }).fit(X, y);
  const pred = m.predict(X);
  const sv = new Set(m.support);
  for (let i = 0; i < X.rows; i++) if (!sv.has(i)) assert.ok(Math.abs(pred[i] - y[i]) <= 0.2 + 1e-2, `row ${i} residual ${pred[i] - y[i]}`);
  const narrow = new SVR({ epsilon: 0.02, C: 10 }).fit(X, y).support.length;
  assert.ok(m.support.length < narrow, `${m.support.length} support vectors at ε = 0.2 vs ${narrow} at ε = 0.02`);
});

test('bad input: NaN target, NaN feature naming the column, wrong feature count, epsilon < 0', () => {
  const yn = y.slice();
  yn[4] = NaN;
  assert.throws(() => new SVR().fit(X, yn), (e: TrainyardError) => e.code === 'E_DATA' && /row 4/.test(e.message));
  const Xn = new Matrix(X.rows, 2, X.data.slice());
  Xn.set(9, 0, NaN);
  assert.throws(() => new SVR().fit(Xn, y, { featureNames: ['sqft', 'age'] }), (e: TrainyardError) => e.code === 'E_DATA' && /'sqft'/.test(e.message));
  const m = new SVR().fit(X, y);
  assert.throws(() => m.predict(new Matrix(1, 3)), (e: TrainyardError) => e.code === 'E_SHAPE');
  assert.throws(() => new SVR({ epsilon: -1 }).fit(X, y), (e: TrainyardError) => e.code === 'E_INVALID_PARAM' && /epsilon/.test(e.message));
  assert.throws(() => new SVR().predict(X), (e: TrainyardError) => e.code === 'E_NOT_FITTED');
});

test('state round trip predicts identically', () => {
  const m = new SVR({ kernel: 'poly', degree: 2, coef0: 1 }).fit(X, y);
  const back = new SVR().restoreState(m.toState());
  assert.deepEqual(back.predict(X), m.predict(X));
});
