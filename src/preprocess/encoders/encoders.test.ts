import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn } from '../../core/frame.js';
import { assertFrameClose, frameFrom, loadFixture } from '../frame.test-helpers.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';

const fx = loadFixture('small.json');
const CAT = ['s2', 'n', 'bin'];
const train = frameFrom(fx.columns, CAT, 0, fx.nTrain);
const testRows = frameFrom(fx.columns, CAT, fx.nTrain);
const enc = fx.encoders;

test('OneHotEncoder matches scikit-learn for drop = null / first / if_binary (unknowns → all zeros)', () => {
  for (const drop of [null, 'first', 'if_binary'] as const) {
    const ref = enc[`onehot_${drop ?? 'none'}`];
    const e = new OneHotEncoder({ drop }).fit(train);
    assert.deepEqual(Object.values(e.categories), ref.categories, 'categories sorted like scikit-learn');
    const out = e.transform(testRows);
    assert.equal(out.columns.length, ref.nOut);
    assertFrameClose(out, ref.test, 0, `onehot drop=${drop}`);
  }
});

test('OneHotEncoder names outputs <col>=<category>, sorts by code point and encodes numeric columns by value', () => {
  const e = new OneHotEncoder().fit(train);
  assert.deepEqual(e.featureNames.slice(0, 5), ['s2=Zeta', 's2=alpha', 's2=blue', 's2=green', 's2=red']);
  assert.deepEqual(e.featureNames.slice(5, 9), ['n=1', 'n=2', 'n=3', 'n=10']);
  assert.deepEqual(new OneHotEncoder({ drop: 'if_binary' }).fit(train).featureNames.slice(-1), ['bin=yes']);
  assert.throws(() => new OneHotEncoder({ drop: 'last' as never }).fit(train), { code: 'E_INVALID_PARAM', message: /'drop' must be one of null/ });
});

test('OneHotEncoder counts unknown and missing categories instead of failing', () => {
  const e = new OneHotEncoder().fit(train);
  e.transform(testRows);
  assert.deepEqual(e.unknownCounts, { s2: 1, n: 1, bin: 0 });
  const f = new Frame([dictColumn('m', ['a', 'b', null, 'c'])]);
  const e2 = new OneHotEncoder().fit(f.take([0, 1]));
  const out = e2.transform(f);
  assert.deepEqual(out.names, ['m=a', 'm=b']);
  assert.deepEqual(Array.from((out.column('m=a') as { values: Float64Array }).values), [1, 0, 0, 0]);
  assert.deepEqual(e2.unknownCounts, { m: 1 });
  assert.deepEqual(e2.missingCounts, { m: 1 });
  assert.throws(() => new OneHotEncoder({ handleUnknown: 'error' }).fit(f.take([0, 1])).transform(f), {
    code: 'E_DATA',
    message: /column 'm' .*category 'c' \(row 3\) that was not seen in training/,
  });
});

test('categories are those observed in the training rows, not the whole shared dictionary', () => {
  const f = new Frame([dictColumn('m', ['x', 'y', 'z'])]);
  const e = new OneHotEncoder().fit(f.take([2, 0]));
  assert.deepEqual(e.featureNames, ['m=x', 'm=z']);
});

test('OneHotEncoder output replaces the source column in place; other columns keep their position', () => {
  const f = new Frame([numericColumn('x', Float64Array.from([1, 2])), dictColumn('m', ['a', 'b']), numericColumn('y', Float64Array.from([3, 4]))]);
  assert.deepEqual(new OneHotEncoder({ columns: ['m'] }).fit(f).transform(f).names, ['x', 'm=a', 'm=b', 'y']);
});

test('OrdinalEncoder matches scikit-learn (unknown → -1), keeps missing as NaN, or errors per param', () => {
  const e = new OrdinalEncoder().fit(train);
  assertFrameClose(e.transform(testRows), enc.ordinal.test, 0, 'ordinal');
  assert.deepEqual(e.unknownCounts, { s2: 1, n: 1, bin: 0 });
  const f = new Frame([dictColumn('m', ['b', 'a', null, 'c'])]);
  const out = new OrdinalEncoder().fit(f.take([0, 1])).transform(f).column('m') as { values: Float64Array };
  assert.deepEqual(Array.from(out.values), [1, 0, NaN, -1]);
  assert.throws(() => new OrdinalEncoder({ handleUnknown: 'error' }).fit(f.take([0, 1])).transform(f), { code: 'E_DATA', message: /category 'c'/ });
  assert.throws(() => new OrdinalEncoder({ unknownValue: 2 }).fit(f), { code: 'E_INVALID_PARAM', message: /unknownValue/ });
});

test('a column that changes storage between fit and transform is an E_DATA error', () => {
  const tr = new Frame([dictColumn('m', ['1', '2'])]);
  const te = new Frame([numericColumn('m', Float64Array.from([1, 2]))]);
  assert.throws(() => new OneHotEncoder().fit(tr).transform(te), { code: 'E_DATA', message: /column 'm' was categorical\/text in fit but is numeric/ });
});

test('one-hot of 12k rows × 3 columns takes milliseconds', () => {
  const n = 12_000;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const f = new Frame([
    dictColumn('m', Array.from({ length: n }, (_, i) => months[i % 12])),
    numericColumn('t', Float64Array.from({ length: n }, (_, i) => (i * 7) % 20)),
    dictColumn('v', Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'New' : 'Returning'))),
  ]);
  const e = new OneHotEncoder().fit(f);
  const out = e.transform(f);
  assert.equal(out.columns.length, 12 + 20 + 2);
});
