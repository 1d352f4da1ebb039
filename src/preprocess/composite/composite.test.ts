import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn } from '../../core/frame.js';
import { ColumnDropper } from '../column-dropper.js';
import { ColumnTransformer } from './column-transformer.js';
import { DropColumns } from '../drop-columns.js';
import { MinMaxScaler } from '../scalers/min-max-scaler.js';
import { OneHotEncoder } from '../encoders/one-hot-encoder.js';
import { Pipeline } from './pipeline.js';
import { RobustScaler } from '../scalers/robust-scaler.js';
import { SimpleImputer } from '../impute/simple-imputer.js';
import { StandardScaler } from '../scalers/standard-scaler.js';
import { toMatrix } from '../to-matrix.js';
import { assertClose } from '../frame.test-helpers.js';

function sample(): Frame {
  return new Frame([
    numericColumn('x', Float64Array.from([1, NaN, 3, 4])),
    numericColumn('k', Float64Array.from([7, 7, NaN, 7])),
    dictColumn('m', ['a', 'b', 'a', null]),
    numericColumn('id', Float64Array.from([10, 11, 12, 13]), 'id'),
  ]);
}

test('Pipeline exposes nested step__param keys and routes setParams to the step', () => {
  const p = new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new StandardScaler()]]);
  assert.deepEqual(p.getParams(), {
    impute__strategy: 'median',
    impute__fillValue: null,
    impute__addIndicator: false,
    impute__columns: null,
    scale__withMean: true,
    scale__withStd: true,
    scale__columns: null,
  });
  p.setParams({ scale__withMean: false });
  assert.equal(p.getParams().scale__withMean, false);
  assert.equal((p.step('scale') as StandardScaler).getParams().withMean, false);
  assert.throws(() => p.setParams({ scale__nope: 1 }), { code: 'E_INVALID_PARAM', message: /unknown parameter 'nope'/ });
  assert.throws(() => p.setParams({ nope__x: 1 }), { code: 'E_INVALID_PARAM', message: /valid parameters: impute__<param>, scale__<param>/ });
  p.setParams({ scale: new RobustScaler() });
  assert.equal(p.step('scale')?.type, 'robust_scaler');
});

test('Pipeline fits each step on the previous output and clone() is unfitted with the same params', () => {
  const p = new Pipeline([['impute', new SimpleImputer({ strategy: 'mean', columns: ['x'] })], ['scale', new MinMaxScaler({ columns: ['x'] })]]);
  const out = p.fit(sample()).transform(sample());
  // mean of the observed x (8/3) fills row 1, then min-max over [1, 4].
  assertClose((out.column('x') as { values: Float64Array }).values, [0, 5 / 9, 2 / 3, 1], 1e-15, 'x');
  const c = p.clone();
  assert.equal(c.isFitted, false);
  assert.equal((c.step('impute') as SimpleImputer).isFitted, false);
  assert.deepEqual(c.getParams(), p.getParams());
  assert.notEqual(c.step('impute'), p.step('impute'));
  assert.throws(() => c.transform(sample()), { code: 'E_NOT_FITTED' });
  assert.throws(() => new Pipeline([['a', new StandardScaler()], ['a', new StandardScaler()]]).fit(sample()), { code: 'E_INVALID_PARAM', message: /used twice/ });
});

test('refitting a pipeline is idempotent', () => {
  const p = new Pipeline([['impute', new SimpleImputer({ strategy: 'median', columns: ['x'] })], ['scale', new StandardScaler({ columns: ['x'] })]]);
  const a = toMatrix(p.fit(sample()).transform(sample()).select(['x'])).X.data;
  const b = toMatrix(p.fit(sample()).transform(sample()).select(['x'])).X.data;
  assert.deepEqual(a, b);
});

test('ColumnTransformer concatenates branches in order, then the remainder; nested params work', () => {
  const ct = new ColumnTransformer(
    [
      ['cat', new Pipeline([['impute', new SimpleImputer({ strategy: 'most_frequent' })], ['encode', new OneHotEncoder()]]), ['m']],
      ['num', new SimpleImputer({ strategy: 'mean' }), ['x']],
    ],
    { remainder: 'passthrough' },
  );
  const out = ct.fit(sample()).transform(sample());
  assert.deepEqual(out.names, ['m=a', 'm=b', 'x', 'k', 'id']);
  assert.equal(ct.getParams().cat__encode__drop, null);
  ct.setParams({ cat__encode__drop: 'first', remainder: 'drop' });
  assert.deepEqual(ct.fit(sample()).transform(sample()).names, ['m=b', 'x']);
  assert.throws(() => new ColumnTransformer([['a', new StandardScaler(), ['nope']]]).fit(sample()), {
    code: 'E_DATA',
    message: /branch 'a' lists unknown column 'nope'; available: x, k, m, id/,
  });
  assert.throws(() => new ColumnTransformer([['a', new StandardScaler(), ['x']], ['b', new StandardScaler(), ['x']]]).fit(sample()), {
    code: 'E_DATA',
    message: /output column 'x' is produced by both 'a' and 'b'/,
  });
  assert.throws(() => ct.transform(sample().drop(['m'])), { code: 'E_DATA', message: /column 'm' of branch 'cat' is missing/ });
});

test('ColumnDropper drops constant (one distinct non-missing value), empty and id columns, and says why', () => {
  const f = new Frame([...sample().columns, numericColumn('allNaN', Float64Array.from([NaN, NaN, NaN, NaN])), dictColumn('one', ['q', 'q', null, 'q'])]);
  const d = new ColumnDropper().fit(f);
  assert.deepEqual(d.dropped, [
    { column: 'k', reason: 'constant' },
    { column: 'id', reason: 'id' },
    { column: 'allNaN', reason: 'empty' },
    { column: 'one', reason: 'constant' },
  ]);
  assert.deepEqual(d.transform(f).names, ['x', 'm']);
  assert.deepEqual(new ColumnDropper({ dropIds: false, dropConstant: false, dropEmpty: false }).fit(f).dropped, []);
  assert.deepEqual(new ColumnDropper({ dropIds: false, dropConstant: false }).fit(f).dropped, [{ column: 'allNaN', reason: 'empty' }]);
});

test('an all-NaN column is dropped before the imputer; without the dropper the imputer names it (E_DATA)', () => {
  const f = new Frame([numericColumn('x', Float64Array.from([1, 2])), numericColumn('allNaN', Float64Array.from([NaN, NaN]))]);
  const p = new Pipeline([['clean', new ColumnDropper()], ['impute', new SimpleImputer({ strategy: 'median' })]]);
  assert.deepEqual(p.fitTransform(f).names, ['x']);
  const bare = new Pipeline([['clean', new ColumnDropper({ dropEmpty: false })], ['impute', new SimpleImputer({ strategy: 'median' })]]);
  assert.throws(() => bare.fit(f), { code: 'E_DATA', message: /column 'allNaN' has no non-missing values.*drop the column \(preprocess\.drop\) or impute it with strategy 'constant'/ });
});

test('DropColumns checks names against the training frame and tolerates their absence later', () => {
  const d = new DropColumns({ columns: ['id'] }).fit(sample());
  assert.deepEqual(d.transform(sample()).names, ['x', 'k', 'm']);
  assert.deepEqual(d.transform(sample().drop(['id'])).names, ['x', 'k', 'm']);
  assert.throws(() => new DropColumns({ columns: ['ID'] }).fit(sample()), { code: 'E_DATA', message: /unknown column 'ID'; available: x, k, m, id/ });
});

test('toMatrix packs numeric columns row-major and names what it cannot take', () => {
  const f = new Frame([numericColumn('a', Float64Array.from([1, 2])), numericColumn('b', Float64Array.from([3, 4]))]);
  const { X, featureNames } = toMatrix(f);
  assert.deepEqual(Array.from(X.data), [1, 3, 2, 4]);
  assert.deepEqual(featureNames, ['a', 'b']);
  assert.throws(() => toMatrix(sample()), { code: 'E_DATA', message: /column 'x' has a missing value \(NaN\) at row 1.*impute/ });
  assert.equal(toMatrix(sample().select(['x']), { allowNaN: true }).X.rows, 4);
  assert.throws(() => toMatrix(sample().select(['m'])), { code: 'E_DATA', message: /column 'm' is categorical.*encode it .* or drop it/ });
  assert.throws(() => toMatrix(new Frame([numericColumn('z', Float64Array.from([Infinity]))])), { code: 'E_DATA', message: /infinite value/ });
  assert.throws(() => toMatrix(new Frame([])), { code: 'E_DATA', message: /no feature columns/ });
});
