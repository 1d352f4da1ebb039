import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupKFold } from './group-k-fold.js';
import { RepeatedKFold } from './repeated-k-fold.js';
import { TimeSeriesSplit } from './time-series-split.js';
import { sampleParams } from './param-distributions.js';

test('GroupKFold keeps every group on one side and balances fold sizes', () => {
  const groups = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4];
  const folds = new GroupKFold(groups, { k: 3 }).split(groups.length);
  const seen = new Set<number>();
  for (const f of folds) {
    const testGroups = new Set([...f.test].map((i) => groups[i]));
    for (const i of f.train) assert.ok(!testGroups.has(groups[i]), 'a group straddles train and test');
    for (const i of f.test) seen.add(i);
  }
  assert.equal(seen.size, groups.length);
  // sklearn's GroupKFold on the same groups: sizes 4 (group 2), 4 (groups 0, 3), 4 (groups 1, 4).
  assert.deepEqual(folds.map((f) => f.test.length), [4, 4, 4]);
  assert.throws(() => new GroupKFold(groups, { k: 6 }).split(groups.length), { code: 'E_INVALID_PARAM' });
});

test('RepeatedKFold repeats with different shuffles', () => {
  const folds = new RepeatedKFold({ k: 3, repeats: 2, seed: 1 }).split(9);
  assert.equal(folds.length, 6);
  assert.notDeepEqual(folds.slice(0, 3), folds.slice(3));
});

test('TimeSeriesSplit trains only on the past, with a gap', () => {
  const folds = new TimeSeriesSplit({ k: 3, gap: 1 }).split(12);
  // sklearn TimeSeriesSplit(n_splits=3, gap=1) on 12 rows: test blocks [3..5], [6..8], [9..11].
  assert.deepEqual(folds.map((f) => [...f.test]), [[3, 4, 5], [6, 7, 8], [9, 10, 11]]);
  assert.deepEqual(folds.map((f) => f.train.length), [2, 5, 8]);
  for (const f of folds) assert.ok(f.train[f.train.length - 1] < f.test[0] - 1);
});

test('sampleParams draws from distributions reproducibly and within range', () => {
  const space = { C: { logUniform: [1e-3, 1e2] }, maxIter: { int: [10, 20] }, penalty: ['l2', 'none'], hidden: [[8], [16, 8]], tol: 1e-4 };
  const a = sampleParams(space, { hidden: [100] }, 50, 7);
  assert.deepEqual(a, sampleParams(space, { hidden: [100] }, 50, 7));
  for (const p of a) {
    assert.ok((p.C as number) >= 1e-3 && (p.C as number) <= 1e2);
    assert.ok(Number.isInteger(p.maxIter) && (p.maxIter as number) >= 10 && (p.maxIter as number) <= 20);
    assert.ok(['l2', 'none'].includes(p.penalty as string));
    assert.ok(Array.isArray(p.hidden));
    assert.equal(p.tol, 1e-4);
  }
  assert.throws(() => sampleParams({ C: { logUniform: [0, 1] } }, {}, 1, 0), /low > 0/);
});
