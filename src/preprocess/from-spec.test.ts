import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn } from '../core/frame.js';
import { ColumnTransformer } from './composite/column-transformer.js';
import { buildPreprocessor, resolveColumnRoles } from './from-spec.js';
import { Pipeline } from './composite/pipeline.js';
import { toMatrix } from './to-matrix.js';

const frame = new Frame([
  numericColumn('age', Float64Array.from([30, NaN, 50, 41])),
  numericColumn('os', Float64Array.from([1, 2, 2, 3])),
  numericColumn('flag', Float64Array.from([0, 1, 1, 0]), 'boolean'),
  numericColumn('when', Float64Array.from([1e12, 1.1e12, 1.2e12, 1.3e12]), 'datetime'),
  dictColumn('city', ['Oslo', null, 'Rome', 'Oslo']),
  dictColumn('vip', ['yes', 'no', 'no', 'yes'], 'boolean'),
  dictColumn('comment', ['nice', 'meh', 'ok', 'great'], 'text'),
  dictColumn('customerID', ['c1', 'c2', 'c3', 'c4'], 'id'),
  numericColumn('same', Float64Array.from([7, 7, 7, 7])),
]);

test('column roles follow semantic types; listed categorical columns win even when numeric', () => {
  const roles = resolveColumnRoles({ categorical: { columns: ['os'] } }, frame);
  assert.deepEqual(roles.numeric, ['age', 'flag', 'when', 'same']);
  assert.deepEqual(roles.categorical, ['os', 'city', 'vip']);
  assert.deepEqual(roles.leftOut, [
    { column: 'comment', reason: 'text' },
    { column: 'customerID', reason: 'id' },
  ]);
  const keepIds = resolveColumnRoles({ dropIds: false, drop: ['comment'] }, frame);
  assert.deepEqual(keepIds.categorical, ['city', 'vip', 'customerID']);
  assert.deepEqual(keepIds.leftOut, [{ column: 'comment', reason: 'listed' }]);
});

test('a listed column that is not in the frame is an E_DATA error naming the spec key and the available columns', () => {
  assert.throws(() => resolveColumnRoles({ categorical: { columns: ['OperatingSystem'] } }, frame), {
    code: 'E_DATA',
    message: /^unknown column 'OperatingSystem' in preprocess\.categorical\.columns; available: age, os, flag/,
  });
  assert.throws(() => resolveColumnRoles({ drop: ['x'] }, frame), { code: 'E_DATA', message: /unknown column 'x' in preprocess\.drop/ });
  assert.throws(() => resolveColumnRoles({ numeric: { columns: ['city'] } }, frame), { code: 'E_DATA', message: /column 'city' in preprocess\.numeric\.columns holds categorical values/ });
  assert.throws(() => resolveColumnRoles({ numeric: { columns: ['os'] }, categorical: { columns: ['os'] } }, frame), { code: 'E_DATA', message: /listed in both/ });
});

test('the default pipeline imputes, scales, one-hot encodes, drops constants, and leaves out text and ids with a note', () => {
  const p = buildPreprocessor({}, frame);
  assert.deepEqual(p.notes, [
    "column 'comment' is left out: free text is not used as a feature; list it under preprocess.categorical.columns to one-hot encode it",
    "column 'customerID' is left out: an id column; set preprocess.dropIds: false to keep it",
  ]);
  const { X, featureNames } = toMatrix(p.fitTransform(frame));
  assert.deepEqual(featureNames, ['age', 'os', 'flag', 'when', 'city=Oslo', 'city=Rome', 'vip=no', 'vip=yes']);
  assert.equal(X.rows, 4);
  // Standard-scaled columns have mean 0 over the training rows.
  for (let j = 0; j < 4; j++) assert.ok(Math.abs(X.column(j).reduce((a, b) => a + b, 0)) < 1e-9, featureNames[j]);
  assert.deepEqual(Array.from(X.column(4)), [1, 1, 0, 1], 'missing city imputed with the most frequent value');
});

test('spec options reach the transformers: robust scale, clip, indicators, ordinal encoding, no constant dropping', () => {
  const p = buildPreprocessor(
    { numeric: { impute: 'constant', fillValue: -1, scale: 'robust', clip: [0.1, 0.9], indicators: true, columns: ['age'] }, categorical: { encode: 'ordinal', impute: 'none' }, dropConstant: false },
    frame,
  );
  const ct = p.step('columns') as ColumnTransformer;
  assert.deepEqual(ct.transformers.map(([n]) => n), ['numeric', 'missing', 'categorical']);
  assert.deepEqual((ct.transformers[0][1] as Pipeline).namedSteps.map(([n, t]) => `${n}:${t.type}`), ['empty:column_dropper', 'impute:simple_imputer', 'clip:quantile_clipper', 'scale:robust_scaler']);
  assert.equal(p.getParams().columns__numeric__impute__fillValue, -1);
  const out = p.fitTransform(frame);
  assert.deepEqual(out.names, ['age', 'os', 'flag', 'when', 'same', 'age_missing', 'city', 'vip']);
  assert.deepEqual(Array.from((out.column('age_missing') as { values: Float64Array }).values), [0, 1, 0, 0], 'indicators are not scaled');
  assert.throws(() => toMatrix(out), { code: 'E_DATA', message: /column 'city' has a missing value \(NaN\) at row 1/ });
});

test('nested params of the built pipeline can be set for a search', () => {
  const p = buildPreprocessor({}, frame);
  p.setParams({ columns__numeric__scale__withMean: false, columns__categorical__encode__drop: 'first' });
  const out = p.fitTransform(frame);
  assert.deepEqual(out.names.filter((n) => n.includes('=')), ['city=Rome', 'vip=yes']);
  assert.equal((out.column('flag') as { values: Float64Array }).values[0], 0, 'not centred');
});

test('a column with no value in the fitting rows is dropped in every branch (also with dropConstant: false), noted, and dropped again after a save/load', async () => {
  const { fittedDropNotes } = await import('./from-spec.js');
  const { transformerFromState } = await import('./registry.js');
  const train = new Frame([
    numericColumn('x', Float64Array.from([1, 2, 3, 4])),
    numericColumn('sparse', Float64Array.from([NaN, NaN, NaN, NaN])),
    dictColumn('tag', [null, null, null, null]),
    dictColumn('city', ['Oslo', 'Rome', 'Oslo', 'Rome']),
  ]);
  const later = new Frame([
    numericColumn('x', Float64Array.from([5])),
    numericColumn('sparse', Float64Array.from([9])),
    dictColumn('tag', ['new']),
    dictColumn('city', ['Rome']),
  ]);
  for (const dropConstant of [true, false]) {
    const p = buildPreprocessor({ dropConstant }, train);
    const out = p.fitTransform(train);
    assert.deepEqual(out.names, ['x', 'city=Oslo', 'city=Rome']);
    assert.deepEqual(fittedDropNotes(p), [
      "column 'sparse' has no values in the training rows; it was dropped like a constant column (also when predicting)",
      "column 'tag' has no values in the training rows; it was dropped like a constant column (also when predicting)",
    ]);
    const restored = transformerFromState(structuredClone(p.toState()));
    assert.deepEqual(restored.transform(later).names, ['x', 'city=Oslo', 'city=Rome']);
  }
});
