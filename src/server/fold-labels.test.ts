import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldLabeller } from './fold-labels.js';

test('fold labels: the grid setting of a task, only the parameters the spec names', () => {
  const label = foldLabeller({ select: { candidates: [{ model: 'logistic_regression', params: { C: [0.1, 1], penalty: 'l2' } }, { model: 'knn' }] } });
  assert.deepEqual(label(0, 1), { model: 'logistic_regression', params: { C: 1, penalty: 'l2' } });
  assert.deepEqual(label(1, 0), { model: 'knn', params: {} });
  assert.deepEqual(label(5, 0), {}, 'an unknown candidate has no label');
});

test('fold labels: random draws are the ones the run makes; unknown models and recommenders get the model only', () => {
  const spec = { select: { search: { method: 'random', iterations: 3, seed: 4 }, candidates: [{ model: 'logistic_regression', params: { C: { logUniform: [0.01, 10] } } }] } };
  const a = foldLabeller(spec)(0, 2);
  assert.equal(typeof (a.params as { C: number }).C, 'number');
  assert.deepEqual(foldLabeller(spec)(0, 2), a, 'deterministic');
  assert.deepEqual(foldLabeller({ select: { candidates: [{ model: 'no_such_model' }] } })(0, 0), { model: 'no_such_model' });
  assert.deepEqual(foldLabeller({ task: 'recommend', select: { candidates: [{ model: 'bpr' }] } })(0, 0), { model: 'bpr' });
});
