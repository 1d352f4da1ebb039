import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { ElasticNet, Lasso } from './elastic-net.js';
import { fixtureCases, relError } from '../../testing/reference/linear-fixtures.js';

for (const [{ name, ref, data }, precompute] of [...fixtureCases('lasso_'), ...fixtureCases('enet_')].flatMap((c) => [[c, false], [c, true]] as const)) {
  test(`matches scikit-learn coordinate descent: ${name}, ${precompute ? 'on the Gram matrix' : 'on X'}`, () => {
    const Ctor = name.startsWith('lasso') ? Lasso : ElasticNet;
    const m = new Ctor({ ...ref.params, precompute } as never).fit(data.Xtrain, data.ytrain);
    // Same algorithm, same visiting order and stopping rule: same passes and the same weights.
    assert.equal(m.nIter, ref.n_iter);
    assert.ok(relError(m.coef, ref.coef as number[]) < 1e-9, `coef: ${relError(m.coef, ref.coef as number[])}`);
    assert.deepEqual(Array.from(m.coef, (v) => v === 0), (ref.coef as number[]).map((v) => v === 0), 'same zero pattern');
    assert.ok(Math.abs(m.intercept - (ref.intercept as number)) < 1e-8);
    assert.ok(relError(m.predict(data.Xtest), ref.predict) < 1e-9);
  });
}

const [{ data }] = fixtureCases('lasso_default');

test('random selection reaches the same optimum as cyclic at a tight tolerance', () => {
  const cyclic = new ElasticNet({ alpha: 0.3, l1Ratio: 0.8, tol: 1e-12, maxIter: 100000 }).fit(data.Xtrain, data.ytrain);
  const random = new ElasticNet({ alpha: 0.3, l1Ratio: 0.8, tol: 1e-12, maxIter: 100000, selection: 'random', seed: 4 }).fit(data.Xtrain, data.ytrain);
  assert.ok(relError(random.coef, cyclic.coef) < 1e-6);
  assert.ok(random.dualGap >= 0 && random.dualGap < 1e-6);
});

test('a large alpha zeroes every weight and the intercept becomes the mean of y', () => {
  const m = new Lasso({ alpha: 1e6 }).fit(data.Xtrain, data.ytrain);
  assert.ok(m.coef.every((v) => v === 0));
  assert.ok(Math.abs(m.intercept - data.ytrain.reduce((a, b) => a + b, 0) / data.ytrain.length) < 1e-9);
  assert.equal(m.nIter, 1);
});

test('l1Ratio 1 is the lasso; maxIter caps the passes', () => {
  const a = new ElasticNet({ alpha: 2, l1Ratio: 1 }).fit(data.Xtrain, data.ytrain);
  const b = new Lasso({ alpha: 2 }).fit(data.Xtrain, data.ytrain);
  assert.deepEqual(a.coef, b.coef);
  assert.equal(new ElasticNet({ alpha: 0.01, maxIter: 2, tol: 0 }).fit(data.Xtrain, data.ytrain).nIter, 2);
});

test('ElasticNet and Lasso reject bad params and data', () => {
  const X = Matrix.fromRows([[1, 2], [3, 4], [5, 7]]);
  assert.throws(() => new ElasticNet({ l1Ratio: 1.2 }).fit(X, [1, 2, 3]), { code: 'E_INVALID_PARAM', message: /'l1Ratio' must be a number >= 0 and <= 1, got 1.2/ });
  assert.throws(() => new Lasso({ selection: 'greedy' as never }).fit(X, [1, 2, 3]), { code: 'E_INVALID_PARAM', message: /'selection'/ });
  assert.throws(() => new Lasso().fit(X, [1, 2]), { code: 'E_SHAPE' });
  assert.throws(() => new Lasso({ l1Ratio: 0.5 } as never), { code: 'E_INVALID_PARAM', message: /unknown parameter 'l1Ratio'/ });
});
