import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { checkEstimatorConformance } from '../testing/conformance/estimator-conformance.js';
import { getModel, listModels } from './registry.js';

/** Gaussian blobs: class c is centred at (c, −c, c, …) · 1.5; labels are arbitrary numbers. */
function blobs(labels: number[], n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % labels.length;
    y[i] = labels[c];
    for (let j = 0; j < d; j++) X.set(i, j, rng.normal() + 1.5 * c * (j % 2 === 0 ? 1 : -1));
  }
  return { X, y };
}

/** y = X·w + 5 + noise with standard-normal features; `constantColumn` adds a zero-variance feature. */
function linearData(n: number, d: number, seed: number, constantColumn: boolean): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const cols = d + (constantColumn ? 1 : 0);
  const X = new Matrix(n, cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 5 + 0.5 * rng.normal();
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      X.set(i, j, v);
      s += (j % 2 === 0 ? 3 : -2) * v;
    }
    if (constantColumn) X.set(i, d, 2.5);
    y[i] = s;
  }
  return { X, y };
}

const binary = blobs([-1, 1], 120, 4, 1);
const three = blobs([0, 2, 5], 150, 4, 2);
const regression = linearData(150, 5, 3, false);
const regressionConstant = linearData(120, 4, 4, true);

test('the registry holds the linear models', () => {
  const names = listModels().map((m) => m.name);
  assert.ok(names.includes('logistic_regression') && names.includes('linear_svm'), names.join(','));
});

test('the registry holds regressors', () => {
  const names = listModels().filter((m) => m.task === 'regression').map((m) => m.name);
  for (const n of ['linear_regression', 'ridge', 'lasso', 'elastic_net', 'linear_svr', 'sgd_regressor']) assert.ok(names.includes(n), names.join(','));
});

for (const entry of listModels()) {
  if (entry.task === 'regression') {
    test(`conformance: ${entry.name}, regression`, async (t) => {
      await checkEstimatorConformance(entry, regression, t);
    });
    test(`conformance: ${entry.name}, regression with a zero-variance feature`, async (t) => {
      await checkEstimatorConformance(entry, regressionConstant, t);
    });
    continue;
  }
  // Count models (multinomial naive Bayes) take |X|: the same blobs, folded onto the non-negative orthant.
  const fold = (d: { X: Matrix; y: Float64Array }) => (entry.nonNegativeX ? { X: new Matrix(d.X.rows, d.X.cols, d.X.data.map(Math.abs)), y: d.y } : d);
  test(`conformance: ${entry.name}, binary`, async (t) => {
    await checkEstimatorConformance(entry, fold(binary), t);
  });
  test(`conformance: ${entry.name}, 3 classes`, async (t) => {
    await checkEstimatorConformance(entry, fold(three), t);
  });
}

test('conformance catches a regressor that ignores NaN in y', async () => {
  const real = getModel('ridge');
  const sloppy = {
    ...real,
    create: (p: Record<string, unknown> = {}) => {
      const e = real.create(p);
      const fit = e.fit.bind(e);
      e.fit = (X, y) => fit(X, Float64Array.from(y, (v) => (Number.isFinite(v) ? v : 0)));
      return e;
    },
  };
  await assert.rejects(checkEstimatorConformance(sloppy, regression), /NaN or infinity in y/);
});

test('conformance without a test context throws on the first failing check', async () => {
  // An entry whose estimator ignores unknown params must fail the suite.
  const real = getModel('logistic_regression');
  const lax = { ...real, create: (p: Record<string, unknown> = {}) => real.create(Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'notAParam'))) };
  await assert.rejects(checkEstimatorConformance(lax, binary), /unknown param names are rejected/);
});
