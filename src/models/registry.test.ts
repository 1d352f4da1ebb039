import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainyardError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { decodeModel, encodeModel } from '../core/model-file.js';
import type { EstimatorState, StateValue } from '../core/estimator.js';
import { estimatorFromState, getModel, listModels, modelEntry, registerModel } from './registry.js';
import { LogisticRegression } from './linear/logistic-regression.js';

function thrown(fn: () => unknown): TrainyardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TrainyardError) return e;
    throw e;
  }
  assert.fail('expected an error');
}

const X = Matrix.fromRows([[0, 1], [1, 0], [2, 1], [3, 0], [0.5, 2], [2.5, -1]]);
const y = Float64Array.of(0, 0, 1, 1, 0, 1);

test('getModel returns entries whose defaults match a fresh estimator', () => {
  const e = getModel('logistic_regression');
  assert.equal(e.task, 'classification');
  assert.equal(e.defaults().C, 1);
  assert.equal(e.defaults().maxIter, 100);
  assert.equal(getModel('linear_svm').defaults().loss, 'squared_hinge');
  assert.equal(e.create({ C: 3 }).getParams().C, 3);
});

test('an unknown model name is E_INVALID_PARAM listing the known names', () => {
  const err = thrown(() => getModel('random_forrest'));
  assert.equal(err.code, 'E_INVALID_PARAM');
  assert.match(err.message, /unknown model 'random_forrest'; known models: .*linear_svm.*logistic_regression/);
});

test('estimatorFromState rebuilds a fitted model; unknown types and params are E_MODEL_FILE', () => {
  const m = new LogisticRegression({ C: 0.3 }).fit(X, y);
  const state = decodeModel(encodeModel(m.toState() as unknown as StateValue)) as unknown as EstimatorState;
  const back = estimatorFromState(state);
  assert.ok(back instanceof LogisticRegression);
  assert.deepEqual(Array.from(back.predict(X)), Array.from(m.predict(X)));
  assert.equal(thrown(() => estimatorFromState({ ...state, type: 'gbm_v9' })).code, 'E_MODEL_FILE');
  assert.match(thrown(() => estimatorFromState({ ...state, type: 'gbm_v9' })).message, /unknown type "gbm_v9"/);
  assert.equal(thrown(() => estimatorFromState({ ...state, params: { ...state.params, bogus: 1 } })).code, 'E_MODEL_FILE');
  const fitted = { ...state.fitted, coef: new Float64Array(1) };
  assert.equal(thrown(() => estimatorFromState({ ...state, fitted })).code, 'E_MODEL_FILE');
  assert.equal(thrown(() => estimatorFromState({ ...state, fitted: { ...state.fitted, mode: 'multinomial' } })).code, 'E_MODEL_FILE');
});

test('a model joins the registry with one registerModel line', () => {
  class Renamed extends LogisticRegression {
    override readonly type = 'test_renamed_lr' as 'logistic_regression';
  }
  registerModel(modelEntry('test_renamed_lr', 'classification', Renamed));
  assert.ok(listModels().some((m) => m.name === 'test_renamed_lr'));
  const m = getModel('test_renamed_lr').create().fit(X, y);
  assert.ok(estimatorFromState(m.toState()) instanceof Renamed);
});
