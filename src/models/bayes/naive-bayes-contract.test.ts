// Naive Bayes errors and contract: MultinomialNB through the conformance suite on count data (the
// suite's shared data has negative values, which multinomial NB refuses), and the typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { checkEstimatorConformance } from '../../testing/conformance/estimator-conformance.js';
import { modelEntry, registerModel } from '../registry.js';
import { GaussianNB } from './gaussian-nb.js';
import { MultinomialNB } from './multinomial-nb.js';
import { thrown } from '../../testing/thrown.js';


/** Poisson-like counts whose rates depend on the class; labels are arbitrary numbers. */
function counts(labels: number[], n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % labels.length;
    y[i] = labels[c];
    for (let j = 0; j < d; j++) X.set(i, j, Math.floor(rng.random() * (1 + ((j + c) % 3) * 2)));
  }
  return { X, y };
}

// Registered here for this test process only: the shared conformance test runs every registered
// model on data with negative values, which MultinomialNB must refuse (it needs a non-negative-X
// flag in the suite, as scikit-learn's `requires_positive_X` tag, before joining registry.ts).
const multinomialEntry = modelEntry('multinomial_nb', 'classification', MultinomialNB, [{ alpha: -1 }, { fitPrior: 'yes' }, { classPrior: [2, -1] }]);
registerModel(multinomialEntry);

test('conformance: multinomial_nb, binary counts', async (t) => {
  await checkEstimatorConformance(multinomialEntry, counts([-1, 1], 120, 6, 1), t);
});

test('conformance: multinomial_nb, 3 classes of counts', async (t) => {
  await checkEstimatorConformance(multinomialEntry, counts([0, 2, 5], 150, 6, 2), t);
});

test('MultinomialNB refuses negative features, naming the column', () => {
  const { X, y } = counts([0, 1], 40, 4, 3);
  X.set(7, 2, -1);
  const msg = thrown(() => new MultinomialNB().fit(X, y, { featureNames: ['free', 'win', 'call', 'now'] }));
  assert.match(msg, /^E_DATA: .*column 2 \('call'\).*negative value \(-1\) at row 7/);
  const nb = new MultinomialNB().fit(counts([0, 1], 40, 4, 4).X, y);
  assert.match(thrown(() => nb.predict(X)), /^E_DATA: .*column 2/);
});

test('GaussianNB: a zero-variance feature is smoothed; all-constant X is a data error', () => {
  const rng = new Rng(5);
  const X = new Matrix(60, 3), y = Float64Array.from({ length: 60 }, (_, i) => i % 2);
  for (let i = 0; i < 60; i++) X.set(i, 0, rng.normal() + y[i]), X.set(i, 1, 4), X.set(i, 2, rng.normal());
  const nb = new GaussianNB().fit(X, y);
  const v = nb.variance;
  assert.ok(v.get(0, 1) > 0 && v.get(0, 1) === v.get(1, 1), 'the constant column gets epsilon as its variance');
  const p = nb.predictProba(X);
  for (const x of p.data) assert.ok(Number.isFinite(x));
  const constant = new Matrix(10, 2).data.fill(1);
  assert.match(thrown(() => new GaussianNB().fit(new Matrix(10, 2, constant), Float64Array.from({ length: 10 }, (_, i) => i % 2), { featureNames: ['a', 'b'] })), /^E_DATA: .*\('a'\).*constant/);
});

test('naive Bayes parameter and input errors are typed and named', () => {
  const { X, y } = counts([0, 1, 2], 60, 4, 6);
  assert.match(thrown(() => new GaussianNB({ priors: [0.5, 0.5] }).fit(X, y)), /^E_INVALID_PARAM: .*'priors'.*3 classes/);
  assert.match(thrown(() => new GaussianNB({ priors: [0.5, 0.4, 0.3] }).fit(X, y)), /^E_INVALID_PARAM: .*'priors'.*sum to 1/);
  assert.match(thrown(() => new MultinomialNB({ classPrior: [0.5, 0.6, -0.1] }).fit(X, y)), /^E_INVALID_PARAM: .*'classPrior'/);
  assert.match(thrown(() => new GaussianNB({ varSmoothing: -1 }).fit(X, y)), /^E_INVALID_PARAM: .*'varSmoothing'/);
  assert.match(thrown(() => new GaussianNB().fit(X, new Float64Array(60).fill(3))), /^E_DATA: .*single class/);
  assert.match(thrown(() => new GaussianNB().fit(X, y.subarray(1))), /^E_SHAPE/);
  const nb = new GaussianNB().fit(X, y);
  assert.match(thrown(() => nb.predict(new Matrix(2, 5))), /^E_SHAPE: .*5 features.*4/);
  const Xn = new Matrix(60, 4, X.data.slice());
  Xn.set(3, 3, NaN);
  assert.match(thrown(() => new MultinomialNB().fit(Xn, y)), /^E_DATA: .*column 3.*row 3/);
  assert.match(thrown(() => new MultinomialNB().predictProba(X)), /^E_NOT_FITTED/);
});

test('naive Bayes decision scores: log-odds for two classes, log-probabilities for more', () => {
  const b = counts([0, 1], 80, 5, 7);
  const nb = new MultinomialNB().fit(b.X, b.y);
  const s = nb.decisionFunction(b.X), lp = nb.predictLogProba(b.X);
  assert.equal(s.cols, 1);
  for (let i = 0; i < b.X.rows; i++) assert.ok(Math.abs(s.data[i] - (lp.get(i, 1) - lp.get(i, 0))) < 1e-9);
  const t = counts([0, 1, 2], 90, 5, 8);
  const g = new GaussianNB().fit(t.X, t.y);
  assert.deepEqual(g.decisionFunction(t.X).data, g.predictLogProba(t.X).data);
});
