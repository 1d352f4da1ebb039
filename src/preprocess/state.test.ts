import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EstimatorState } from '../core/estimator.js';
import { Frame, dictColumn, numericColumn } from '../core/frame.js';
import { decodeModel, encodeModel } from '../core/model-file.js';
import { ColumnDropper } from './column-dropper.js';
import { ColumnTransformer } from './composite/column-transformer.js';
import { DropColumns } from './drop-columns.js';
import { buildPreprocessor } from './from-spec.js';
import { MinMaxScaler } from './scalers/min-max-scaler.js';
import { MissingIndicator } from './impute/missing-indicator.js';
import { OneHotEncoder } from './encoders/one-hot-encoder.js';
import { OrdinalEncoder } from './encoders/ordinal-encoder.js';
import { Pipeline } from './composite/pipeline.js';
import { QuantileClipper } from './scalers/quantile-clipper.js';
import { RobustScaler } from './scalers/robust-scaler.js';
import { TRANSFORMER_TYPES, transformerFromState } from './registry.js';
import { SimpleImputer } from './impute/simple-imputer.js';
import { StandardScaler } from './scalers/standard-scaler.js';
import type { Transformer } from './transformer.js';

const train = new Frame([
  numericColumn('x', Float64Array.from([1, NaN, 3, 4, 10, -2])),
  numericColumn('y', Float64Array.from([0.5, 0.5, 0.25, NaN, 1, 2])),
  numericColumn('os', Float64Array.from([1, 2, 2, 3, 1, 1])),
  dictColumn('m', ['a', 'b', 'a', null, 'c', 'b']),
  numericColumn('const', Float64Array.from([5, 5, 5, 5, 5, 5])),
  dictColumn('uid', ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'], 'id'),
]);
// New rows come with their own dictionary and categories unseen in training.
const fresh = new Frame([
  numericColumn('x', Float64Array.from([NaN, 7, -5])),
  numericColumn('y', Float64Array.from([3, NaN, 0])),
  numericColumn('os', Float64Array.from([2, 9, 1])),
  dictColumn('m', ['zz', 'c', null]),
  numericColumn('const', Float64Array.from([5, 6, 5])),
  dictColumn('uid', ['u9', 'u1', 'u2'], 'id'),
]);

function snapshot(f: Frame): unknown {
  return f.columns.map((c) => (c.kind === 'numeric' ? [c.name, c.type, Array.from(c.values)] : [c.name, c.type, Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]))]));
}

function roundTrip(t: Transformer): Transformer {
  const bytes = encodeModel(t.toState() as unknown as Parameters<typeof encodeModel>[0]);
  return transformerFromState(decodeModel(bytes) as unknown as EstimatorState);
}

const cases: [string, () => Transformer][] = [
  ['simple_imputer', () => new SimpleImputer({ strategy: 'most_frequent', addIndicator: true })],
  ['missing_indicator', () => new MissingIndicator()],
  ['standard_scaler', () => new StandardScaler({ withMean: false })],
  ['minmax_scaler', () => new MinMaxScaler({ featureRange: [-1, 1], clip: true })],
  ['robust_scaler', () => new RobustScaler({ quantileRange: [10, 90] })],
  ['quantile_clipper', () => new QuantileClipper({ quantiles: [0.1, 0.9] })],
  ['one_hot_encoder', () => new OneHotEncoder({ drop: 'if_binary', columns: ['os', 'm'] })],
  ['ordinal_encoder', () => new OrdinalEncoder({ columns: ['os', 'm'] })],
  ['drop_columns', () => new DropColumns({ columns: ['uid'] })],
  ['column_dropper', () => new ColumnDropper()],
  [
    'pipeline',
    () =>
      new Pipeline([
        ['clean', new ColumnDropper()],
        ['impute', new SimpleImputer({ strategy: 'median', columns: ['x', 'y'] })],
        ['scale', new StandardScaler()],
      ]),
  ],
  [
    'column_transformer',
    () =>
      new ColumnTransformer(
        [
          ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'mean' })], ['scale', new RobustScaler()]]), ['x', 'y']],
          ['cat', new Pipeline([['impute', new SimpleImputer({ strategy: 'constant' })], ['encode', new OneHotEncoder()]]), ['m', 'os']],
        ],
        { remainder: 'passthrough' },
      ),
  ],
];

test('every registered transformer type has a round-trip case', () => {
  assert.deepEqual(cases.map(([t]) => t).sort(), [...TRANSFORMER_TYPES].sort());
});

for (const [type, make] of cases) {
  test(`${type}: toState → model file bytes → transformerFromState gives identical transform output`, () => {
    const t = make().fit(train);
    assert.equal(t.type, type);
    const loaded = roundTrip(t);
    assert.equal(loaded.type, type);
    assert.equal(loaded.isFitted, true);
    assert.deepEqual(loaded.getParams(), t.getParams());
    assert.deepEqual(snapshot(loaded.transform(fresh)), snapshot(t.transform(fresh)));
    assert.deepEqual(snapshot(loaded.transform(train)), snapshot(t.transform(train)));
  });
}

test('the pipeline built from a spec round-trips through the model file format', () => {
  const p = buildPreprocessor({ numeric: { indicators: true, clip: [0.05, 0.95] }, categorical: { columns: ['os'] } }, train);
  p.fit(train);
  const loaded = roundTrip(p) as Pipeline;
  assert.ok(loaded instanceof Pipeline);
  assert.deepEqual(snapshot(loaded.transform(fresh)), snapshot(p.transform(fresh)));
});

test('an unfitted transformer cannot be saved', () => {
  assert.throws(() => new StandardScaler().toState(), { code: 'E_NOT_FITTED' });
  assert.throws(() => new Pipeline([['s', new StandardScaler()]]).toState(), { code: 'E_NOT_FITTED' });
});

test('loading refuses unknown types, missing fields and unknown params with E_MODEL_FILE', () => {
  const state = new StandardScaler().fit(train).toState();
  assert.throws(() => transformerFromState({ ...state, type: 'eval_this' }), { code: 'E_MODEL_FILE', message: /unknown transformer type 'eval_this'/ });
  const { mean: _mean, ...noMean } = state.fitted;
  assert.throws(() => transformerFromState({ ...state, fitted: noMean }), { code: 'E_MODEL_FILE', message: /field 'mean'/ });
  assert.throws(() => transformerFromState({ ...state, fitted: { ...state.fitted, scale: new Float64Array(1) } }), { code: 'E_MODEL_FILE', message: /field 'scale' has 1 values/ });
  assert.throws(() => transformerFromState({ ...state, params: { ...state.params, hack: 1 } }), { code: 'E_MODEL_FILE', message: /unknown parameter 'hack'/ });
  const enc = new OneHotEncoder().fit(train).toState();
  assert.throws(() => transformerFromState({ ...enc, fitted: { ...enc.fitted, kinds: ['numeric', 'dict', 'numeric', 'dict', 'numeric', 'oops'] } }), { code: 'E_MODEL_FILE' });
  const pipe = new Pipeline([['s', new StandardScaler()]]).fit(train).toState();
  assert.throws(() => transformerFromState({ ...pipe, fitted: { steps: [{ name: 's' }] } }), { code: 'E_MODEL_FILE', message: /field 'state'/ });
});
