import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn, type DictColumn } from '../../core/frame.js';
import { assertClose, assertFrameClose, frameFrom, loadFixture } from '../frame.test-helpers.js';
import { MissingIndicator } from './missing-indicator.js';
import { SimpleImputer } from './simple-imputer.js';

const fx = loadFixture('small.json');
const NUM = ['a', 'b', 'c', 'd'];
const train = frameFrom(fx.columns, NUM, 0, fx.nTrain);
const testRows = frameFrom(fx.columns, NUM, fx.nTrain);
const imp = fx.imputer;

function strings(c: DictColumn): (string | null)[] {
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}

test('SimpleImputer mean / median / most_frequent / constant match scikit-learn', () => {
  for (const strategy of ['mean', 'median', 'most_frequent'] as const) {
    const m = new SimpleImputer({ strategy }).fit(train);
    assertClose(Object.values(m.statistics) as number[], imp[strategy].statistics, 1e-14, `${strategy} statistics`);
    assertFrameClose(m.transform(testRows), imp[strategy].test, 1e-14, strategy);
  }
  const m = new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fit(train);
  assertFrameClose(m.transform(testRows), imp.constant.test, 0, 'constant');
});

test('SimpleImputer addIndicator appends <col>_missing for columns with missing training values, as MissingIndicator(missing-only)', () => {
  const m = new SimpleImputer({ strategy: 'mean', addIndicator: true }).fit(train);
  const out = m.transform(testRows);
  const expectedNames = (imp.meanIndicator.names as string[]).map((n) => n.replace(/^missingindicator_(.*)$/, '$1_missing'));
  assert.deepEqual(out.names, expectedNames);
  assertFrameClose(out, imp.meanIndicator.test, 1e-14, 'mean + indicator');
});

test('SimpleImputer on a categorical column: most_frequent and constant ("missing_value") match scikit-learn', () => {
  const tr = frameFrom(fx.columns, ['s'], 0, fx.nTrain);
  const te = frameFrom(fx.columns, ['s'], fx.nTrain);
  const mf = new SimpleImputer({ strategy: 'most_frequent' }).fit(tr);
  assert.deepEqual(Object.values(mf.statistics), imp.stringMostFrequent.statistics);
  assert.deepEqual(strings(mf.transform(te).column('s') as DictColumn), imp.stringMostFrequent.test);
  const k = new SimpleImputer({ strategy: 'constant' }).fit(tr);
  assert.deepEqual(strings(k.transform(te).column('s') as DictColumn), imp.stringConstant.test);
});

test('most_frequent breaks ties towards the smallest value, as scikit-learn', () => {
  const f = new Frame([numericColumn('x', Float64Array.from([3, 1, 3, 1, NaN])), dictColumn('s', ['b', 'a', 'b', 'a', null])]);
  const m = new SimpleImputer({ strategy: 'most_frequent' }).fit(f);
  assert.deepEqual(m.statistics, { x: 1, s: 'a' });
});

test('mean/median refuse a categorical column and an all-missing column, naming it and what to do', () => {
  const f = new Frame([numericColumn('empty', Float64Array.from([NaN, NaN])), dictColumn('s', ['a', null])]);
  assert.throws(() => new SimpleImputer({ strategy: 'median', columns: ['s'] }).fit(f), { code: 'E_DATA', message: /column 's'.*use 'most_frequent' or 'constant'/ });
  assert.throws(() => new SimpleImputer({ strategy: 'median' }).fit(f), {
    code: 'E_DATA',
    message: /column 'empty' has no non-missing values.*drop the column.*'constant'/,
  });
  // With columns: null, mean/median leave the categorical column alone.
  const ok = new SimpleImputer({ strategy: 'constant', fillValue: 0 }).fit(f).transform(f);
  assert.deepEqual(Array.from((ok.column('empty') as { values: Float64Array }).values), [0, 0]);
});

test('constant fill on a categorical column adds the value to the dictionary of new rows when absent', () => {
  const tr = new Frame([dictColumn('s', ['a', null])]);
  const te = new Frame([dictColumn('s', [null, 'z'])]);
  const out = new SimpleImputer({ strategy: 'constant', fillValue: 'unknown' }).fit(tr).transform(te).column('s') as DictColumn;
  assert.deepEqual(strings(out), ['unknown', 'z']);
  assert.deepEqual(strings(te.column('s') as DictColumn), [null, 'z'], 'input is not modified');
});

test('MissingIndicator outputs only the indicator columns, for columns missing in training', () => {
  const mi = new MissingIndicator().fit(train);
  const out = mi.transform(testRows);
  assert.deepEqual(out.names, ['a_missing', 'b_missing', 'c_missing']);
  const a = fx.columns.a.slice(fx.nTrain) as (number | null)[];
  assert.deepEqual(Array.from((out.column('a_missing') as { values: Float64Array }).values), a.map((v) => (v === null ? 1 : 0)));
  assert.deepEqual(new MissingIndicator({ features: 'all' }).fit(train).transform(testRows).names, ['a_missing', 'b_missing', 'c_missing', 'd_missing']);
});

test('SimpleImputer rejects an unknown strategy at fit time', () => {
  assert.throws(() => new SimpleImputer({ strategy: 'mode' as never }).fit(train), { code: 'E_INVALID_PARAM', message: /strategy.*"mode"/ });
});

test('SimpleImputer most_frequent on a numeric column breaks ties toward the smallest value, as scikit-learn', () => {
  const frame = new Frame([numericColumn('x', Float64Array.from([3, 1, NaN, 3, 1, 2, -4]))]);
  assert.deepEqual(new SimpleImputer({ strategy: 'most_frequent' }).fit(frame).statistics, { x: 1 });
  const all = new Frame([numericColumn('x', Float64Array.from([NaN, NaN]))]);
  assert.throws(() => new SimpleImputer({ strategy: 'most_frequent' }).fit(all), /x/);
});
