import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KFold } from './k-fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';
import { trainTestSplit } from './train-test-split.js';
import { expandGrid } from './param-grid.js';

function partitionCheck(n: number, folds: { train: Int32Array; test: Int32Array }[]): void {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    assert.equal(f.train.length + f.test.length, n);
    for (const i of f.test) seen[i]++;
    const inTest = new Set(f.test);
    for (const i of f.train) assert.ok(!inTest.has(i));
  }
  assert.ok(seen.every((c) => c === 1), 'every row is in exactly one test fold');
}

test('KFold partitions rows into k folds whose sizes differ by at most one', () => {
  const folds = new KFold({ k: 3, seed: 1 }).split(10);
  partitionCheck(10, folds);
  assert.deepEqual(folds.map((f) => f.test.length), [4, 3, 3]);
});

test('KFold is deterministic per seed and differs across seeds', () => {
  const a = new KFold({ k: 5, seed: 3 }).split(50);
  const b = new KFold({ k: 5, seed: 3 }).split(50);
  const c = new KFold({ k: 5, seed: 4 }).split(50);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('KFold rejects k < 2 and k > n', () => {
  assert.throws(() => new KFold({ k: 1 }).split(10), { code: 'E_INVALID_PARAM' });
  assert.throws(() => new KFold({ k: 11 }).split(10), { code: 'E_INVALID_PARAM' });
});

test('StratifiedKFold keeps class proportions in every fold', () => {
  const y = new Float64Array(100).map((_, i) => (i < 20 ? 1 : 0));
  const folds = new StratifiedKFold({ k: 5, seed: 0 }).split(100, y);
  partitionCheck(100, folds);
  for (const f of folds) {
    assert.equal(f.test.length, 20);
    assert.equal([...f.test].filter((i) => y[i] === 1).length, 4);
  }
});

test('StratifiedKFold refuses a class smaller than k, naming the fix', () => {
  const y = [0, 0, 0, 0, 0, 1];
  assert.throws(() => new StratifiedKFold({ k: 3 }).split(6, y), /smallest class has only 1 rows/);
});

test('trainTestSplit stratifies and is reproducible', () => {
  const y = new Float64Array(1000).map((_, i) => (i % 10 === 0 ? 1 : 0));
  const s = trainTestSplit(1000, { testFraction: 0.2, stratify: y, seed: 0 });
  assert.equal(s.test.length, 200);
  assert.equal([...s.test].filter((i) => y[i] === 1).length, 20);
  assert.deepEqual(s, trainTestSplit(1000, { testFraction: 0.2, stratify: y, seed: 0 }));
  assert.throws(() => trainTestSplit(10, { testFraction: 1.5 }), { code: 'E_INVALID_PARAM' });
});

test('expandGrid makes the cartesian product and treats list-valued params correctly', () => {
  const grid = expandGrid({ C: [0.1, 1], penalty: 'l2' }, { C: 1, penalty: 'l2' });
  assert.deepEqual(grid, [{ C: 0.1, penalty: 'l2' }, { C: 1, penalty: 'l2' }]);
  const mlp = expandGrid({ hidden: [[64, 32], [16]], lr: [0.001] }, { hidden: [100], lr: 0.001 });
  assert.deepEqual(mlp, [{ hidden: [64, 32], lr: 0.001 }, { hidden: [16], lr: 0.001 }]);
  assert.deepEqual(expandGrid({ hidden: [64, 32] }, { hidden: [100] }), [{ hidden: [64, 32] }]);
});
