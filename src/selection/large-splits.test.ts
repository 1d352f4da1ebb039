import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupKFold } from './group-k-fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';
import { trainTestSplit } from './train-test-split.js';

// Sizes that would have caught "Maximum call stack size exceeded" from spreading a data-sized array
// into a call (`picked.push(...rows)`): 3M rows, one class / one group far beyond V8's argument limit.
const N = 3_000_000;

test(`stratified trainTestSplit of ${N} rows (a class of 2.4M rows) does not overflow the stack`, () => {
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) y[i] = i % 5 === 0 ? 1 : 0;
  const { train, test: held } = trainTestSplit(N, { testFraction: 0.2, stratify: y, seed: 3 });
  assert.equal(train.length + held.length, N);
  assert.equal(held.length, Math.round(2_400_000 * 0.2) + Math.round(600_000 * 0.2));
  let ones = 0;
  for (let i = 0; i < held.length; i++) ones += y[held[i]];
  assert.equal(ones, 120_000);
  for (let i = 1; i < held.length; i++) assert.ok(held[i - 1] < held[i]);
});

test(`GroupKFold over ${N} rows (one group of 2M rows) does not overflow the stack`, () => {
  const groups = new Float64Array(N);
  for (let i = 0; i < N; i++) groups[i] = i < 2_000_000 ? 0 : 1 + (i % 4);
  const folds = new GroupKFold(groups, { k: 3 }).split(N);
  assert.equal(folds.length, 3);
  assert.equal(folds.reduce((s, f) => s + f.test.length, 0), N);
  assert.equal(folds[0].test.length, 2_000_000);
  for (const f of folds) assert.equal(f.train.length + f.test.length, N);
});

test('StratifiedKFold with 300k classes reports the smallest class instead of overflowing the stack', () => {
  const n = 600_000;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = i % 300_000;
  assert.throws(() => new StratifiedKFold({ k: 3 }).split(n, y), { code: 'E_DATA', message: /smallest class has only 2 rows/ });
});
