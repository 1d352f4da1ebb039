import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from './bounded-cache.js';

test('keeps at most `capacity` entries, forgetting the least recently used', () => {
  const c = new BoundedCache<string, number>(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1); // a is now the most recent
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  assert.equal(c.get('c'), 3);
});

test('with a size function: evicts until the total fits, and never keeps an entry larger than the budget', () => {
  const c = new BoundedCache<string, Float64Array>(100, (v) => v.byteLength);
  const a = c.set('a', new Float64Array(5)); // 40 bytes
  c.set('b', new Float64Array(5));
  assert.equal(c.get('a'), a);
  c.set('c', new Float64Array(5)); // 120 bytes in all: b (least recent) goes
  assert.equal(c.get('b'), undefined);
  assert.ok(c.get('a') && c.get('c'));
  const big = c.set('big', new Float64Array(20)); // 160 bytes: returned, not kept, nothing evicted for it
  assert.equal(big.length, 20);
  assert.equal(c.get('big'), undefined);
  assert.ok(c.get('a') && c.get('c'));
  c.set('a', new Float64Array(1)); // replacing an entry counts only its new size
  c.set('d', new Float64Array(6)); // 8 + 40 + 48 = 96 bytes: all three fit
  assert.ok(c.get('a') && c.get('c') && c.get('d'));
});
