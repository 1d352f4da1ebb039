import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guidedBatches } from './task-batches.js';

test('guidedBatches: every task once, in order, in batches shrinking from 1/(2·workers) of the tasks to single tasks', () => {
  const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  assert.deepEqual(guidedBatches(ids(120), 2).map((b) => b.length), [30, 23, 17, 13, 10, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1]);
  for (const [n, workers] of [[1, 1], [7, 2], [120, 4], [1000, 3], [33, 64]]) {
    const batches = guidedBatches(ids(n), workers);
    assert.deepEqual(batches.flat(), ids(n), `${n} tasks, ${workers} workers`);
    const sizes = batches.map((b) => b.length);
    assert.ok(sizes.every((s, i) => s >= 1 && (i === 0 || s <= sizes[i - 1])), `sizes ${sizes} shrink`);
    assert.ok(sizes[0] <= Math.ceil(n / (2 * workers)));
    assert.equal(sizes.at(-1), 1, 'the last batch is a single task');
  }
  assert.deepEqual(guidedBatches([], 2), []);
  assert.deepEqual(guidedBatches(ids(4), 0), [[0, 1], [2], [3]], 'fewer than one worker counts as one');
});
