import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { LinearSVR } from './linear-svr.js';
import { fixtureCases, relError } from '../../testing/reference/linear-fixtures.js';

for (const { name, ref, data } of fixtureCases('svr_')) {
  test(`matches scikit-learn LinearSVR at a tight tolerance: ${name}`, () => {
    const m = new LinearSVR(ref.params as never).fit(data.Xtrain, data.ytrain);
    assert.ok(relError(m.coef, ref.coef as number[]) < 1e-6, `coef: ${relError(m.coef, ref.coef as number[])}`);
    assert.ok(Math.abs(m.intercept - (ref.intercept as number)) < 1e-5, `intercept ${m.intercept} vs ${ref.intercept}`);
    assert.ok(relError(m.predict(data.Xtest), ref.predict) < 1e-6);
  });
}

const [{ data }] = fixtureCases('svr_l1');

test('the seed changes the visiting order, not the converged solution', () => {
  const a = new LinearSVR({ tol: 1e-10, maxIter: 100000, seed: 1 }).fit(data.Xtrain, data.ytrain);
  const b = new LinearSVR({ tol: 1e-10, maxIter: 100000, seed: 2 }).fit(data.Xtrain, data.ytrain);
  assert.ok(relError(a.coef, b.coef) < 1e-6);
  const c = new LinearSVR({ maxIter: 2, seed: 1 }).fit(data.Xtrain, data.ytrain);
  const d = new LinearSVR({ maxIter: 2, seed: 2 }).fit(data.Xtrain, data.ytrain);
  assert.notDeepEqual(c.coef, d.coef);
  assert.equal(c.nIter, 2);
});

test('a tube wider than every residual leaves the model at zero', () => {
  const m = new LinearSVR({ epsilon: 1e6 }).fit(data.Xtrain, data.ytrain);
  assert.ok(m.coef.every((v) => v === 0) && m.intercept === 0);
});

test('LinearSVR rejects bad params and data', () => {
  const X = Matrix.fromRows([[1, 2], [3, 4], [5, 7]]);
  assert.throws(() => new LinearSVR({ epsilon: -0.1 }).fit(X, [1, 2, 3]), { code: 'E_INVALID_PARAM', message: /'epsilon' must be a number >= 0/ });
  assert.throws(() => new LinearSVR({ loss: 'hinge' as never }).fit(X, [1, 2, 3]), { code: 'E_INVALID_PARAM', message: /'loss' must be one of "epsilon_insensitive", "squared_epsilon_insensitive"/ });
  assert.throws(() => new LinearSVR().fit(X, [1, Infinity, 3]), { code: 'E_DATA' });
});
