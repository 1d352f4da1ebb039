import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../../core/matrix.js';
import { fixtureCases, relError } from '../../../testing/reference/linear-fixtures.js';
import { SGDClassifier } from './sgd-classifier.js';
import { SGDRegressor } from './sgd-regressor.js';

// Without shuffling SGD is deterministic, so scikit-learn's _plain_sgd can be matched step for step.
for (const { name, ref, data } of fixtureCases('sgdreg_')) {
  test(`SGDRegressor matches scikit-learn without shuffling: ${name}`, () => {
    const m = new SGDRegressor(ref.params as never).fit(data.Xtrain, data.ytrain);
    assert.equal(m.nIter, ref.n_iter);
    assert.ok(relError(m.coef, ref.coef as number[]) < 1e-9, `coef: ${relError(m.coef, ref.coef as number[])}`);
    assert.ok(Math.abs(m.intercept - (ref.intercept as number)) < 1e-8);
    assert.ok(relError(m.predict(data.Xtest), ref.predict) < 1e-9);
  });
}

for (const { name, ref, data } of fixtureCases('sgdclf_')) {
  test(`SGDClassifier matches scikit-learn without shuffling: ${name}`, () => {
    const m = new SGDClassifier(ref.params as never).fit(data.Xtrain, data.ytrain);
    assert.deepEqual(Array.from(m.classes), ref.classes);
    assert.equal(m.nIter, ref.n_iter);
    const coef = (ref.coef as number[][]).flat();
    assert.ok(relError(m.coef.data, coef) < 1e-9, `coef: ${relError(m.coef.data, coef)}`);
    assert.ok(relError(m.intercept, ref.intercept as number[]) < 1e-9);
    assert.ok(relError(m.decisionFunction(data.Xtest).data, ref.decision!.flat()) < 1e-9);
    assert.deepEqual(Array.from(m.predict(data.Xtest)), ref.predict);
  });
}

const [{ data: bin }] = fixtureCases('sgdclf_hinge');
const [{ data: three }] = fixtureCases('sgdclf_mhuber');

test('same seed → bit-identical model; another seed → another shuffle', () => {
  const a = new SGDClassifier({ seed: 3 }).fit(bin.Xtrain, bin.ytrain);
  const b = new SGDClassifier({ seed: 3 }).fit(bin.Xtrain, bin.ytrain);
  const c = new SGDClassifier({ seed: 4 }).fit(bin.Xtrain, bin.ytrain);
  assert.deepEqual(a.coef.data, b.coef.data);
  assert.notDeepEqual(a.coef.data, c.coef.data);
});

test('predictProba exists only for log_loss and modified_huber, and its rows sum to 1', () => {
  assert.equal(new SGDClassifier().predictProba, undefined);
  assert.equal(new SGDClassifier({ loss: 'squared_hinge' }).predictProba, undefined);
  for (const loss of ['log_loss', 'modified_huber'] as const) {
    const m = new SGDClassifier({ loss, seed: 1 }).fit(three.Xtrain, three.ytrain);
    const p = m.predictProba!(three.Xtest);
    assert.deepEqual([p.rows, p.cols], [three.Xtest.rows, 3]);
    for (let i = 0; i < p.rows; i++) assert.ok(Math.abs(p.get(i, 0) + p.get(i, 1) + p.get(i, 2) - 1) < 1e-12);
  }
  const b = new SGDClassifier({ loss: 'log_loss', seed: 1 }).fit(bin.Xtrain, bin.ytrain);
  const d = b.decisionFunction(bin.Xtest), p = b.predictProba!(bin.Xtest);
  assert.ok(Math.abs(p.get(0, 1) - 1 / (1 + Math.exp(-d.get(0, 0)))) < 1e-15, 'binary log_loss: sigmoid of the score');
});

test('onEpochEnd reports each epoch; tol null runs every epoch', () => {
  const seen: number[] = [];
  const m = new SGDRegressor({ tol: null, maxIter: 7 }).fit(bin.Xtrain, bin.ytrain, { onEpochEnd: (l) => seen.push(l.epoch) });
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(m.nIter, 7);
});

test('L1 penalties give exact zeros', () => {
  const m = new SGDClassifier({ penalty: 'l1', alpha: 0.05, loss: 'log_loss', seed: 2 }).fit(bin.Xtrain, bin.ytrain);
  assert.ok(Array.from(m.coef.data).some((v) => v === 0));
});

test('SGD models reject bad params and diverging fits with typed errors', () => {
  assert.throws(() => new SGDClassifier({ alpha: 0 }).fit(bin.Xtrain, bin.ytrain), { code: 'E_INVALID_PARAM', message: /'alpha' must be a number > 0/ });
  assert.throws(() => new SGDClassifier({ learningRate: 'constant' }).fit(bin.Xtrain, bin.ytrain), { code: 'E_INVALID_PARAM', message: /'eta0' must be a number > 0/ });
  assert.throws(() => new SGDClassifier({ average: 1.5 }).fit(bin.Xtrain, bin.ytrain), { code: 'E_INVALID_PARAM', message: /'average'/ });
  assert.throws(() => new SGDRegressor({ loss: 'log_loss' as never }).fit(bin.Xtrain, bin.ytrain), { code: 'E_INVALID_PARAM', message: /'loss'/ });
  assert.throws(() => new SGDClassifier().fit(bin.Xtrain, new Float64Array(bin.Xtrain.rows)), { code: 'E_DATA', message: /single class/ });
  const huge = new Matrix(bin.Xtrain.rows, bin.Xtrain.cols, bin.Xtrain.data.map((v) => v * 1e150));
  assert.throws(() => new SGDRegressor({ learningRate: 'constant', eta0: 10 }).fit(huge, bin.ytrain), { code: 'E_DATA', message: /standardise the features/ });
});
