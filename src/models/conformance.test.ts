import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { checkEstimatorConformance } from './conformance.js';
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

const binary = blobs([-1, 1], 120, 4, 1);
const three = blobs([0, 2, 5], 150, 4, 2);

test('the registry holds the linear models', () => {
  const names = listModels().map((m) => m.name);
  assert.ok(names.includes('logistic_regression') && names.includes('linear_svm'), names.join(','));
});

for (const entry of listModels()) {
  test(`conformance: ${entry.name}, binary`, async (t) => {
    await checkEstimatorConformance(entry, binary, t);
  });
  test(`conformance: ${entry.name}, 3 classes`, async (t) => {
    await checkEstimatorConformance(entry, three, t);
  });
}

test('conformance without a test context throws on the first failing check', async () => {
  // An entry whose estimator ignores unknown params must fail the suite.
  const real = getModel('logistic_regression');
  const lax = { ...real, create: (p: Record<string, unknown> = {}) => real.create(Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'notAParam'))) };
  await assert.rejects(checkEstimatorConformance(lax, binary), /unknown param names are rejected/);
});
