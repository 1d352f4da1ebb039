import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferColumnType, looksLikeIdName } from './infer-types.js';
import { StringEncoder } from './raw-column.js';
import { parseIsoDate, parseNumber } from './value-parsers.js';

function strings(name: string, values: (string | null)[]) {
  const enc = new StringEncoder();
  for (const v of values) enc.push(v);
  return enc.finish(name);
}

test('id names', () => {
  for (const n of ['id', 'ID', 'user_id', 'customerID', 'movieId']) assert.ok(looksLikeIdName(n), n);
  for (const n of ['paid', 'idle', 'valid', 'identity']) assert.ok(!looksLikeIdName(n), n);
});

test('float columns: numeric, boolean/datetime hints, ids only when nearly unique', () => {
  assert.equal(inferColumnType({ storage: 'float', name: 'x', hint: 'numeric', values: Float64Array.of(1, 2) }), 'numeric');
  assert.equal(inferColumnType({ storage: 'float', name: 'b', hint: 'boolean', values: Float64Array.of(1, 0) }), 'boolean');
  assert.equal(inferColumnType({ storage: 'float', name: 'id', hint: 'numeric', values: Float64Array.of(1, 2, 3, 4) }), 'id');
  assert.equal(inferColumnType({ storage: 'float', name: 'userId', hint: 'numeric', values: Float64Array.of(1, 1, 2, 2) }), 'numeric');
});

test('string columns: boolean tokens, numbers, mostly numbers, dates, text, categorical', () => {
  assert.equal(inferColumnType(strings('c', ['Yes', 'No', null, 'yes'])), 'boolean');
  assert.equal(inferColumnType(strings('c', ['1.5', '2', '03'])), 'numeric');
  assert.equal(inferColumnType(strings('c', [...Array(19).fill('3.5'), ' '])), 'numeric'); // 95% numeric → coerced later
  assert.equal(inferColumnType(strings('c', ['1', 'a', 'b', 'c'])), 'categorical');
  assert.equal(inferColumnType(strings('c', ['2024-01-02', '20141013T000000', '2024-01-02 10:00:00'])), 'datetime');
  assert.equal(inferColumnType(strings('c', ['a long sentence that keeps going on and on', 'another long sentence of many words here'])), 'text');
  assert.equal(inferColumnType(strings('c', ['red', 'green', 'red', 'blue'])), 'categorical');
  assert.equal(inferColumnType(strings('customerID', ['a1', 'b2', 'c3'])), 'id');
  assert.equal(inferColumnType(strings('c', [null, null])), 'categorical');
});

test('value parsers are strict', () => {
  assert.equal(parseNumber(' 12.5 '), 12.5);
  assert.ok(Number.isNaN(parseNumber('1,234')));
  assert.ok(Number.isNaN(parseNumber(' ')));
  assert.equal(parseIsoDate('2024-02-03T04:05:06Z'), Date.UTC(2024, 1, 3, 4, 5, 6));
  assert.equal(parseIsoDate('2024-02-03 04:05:06+02:00'), Date.UTC(2024, 1, 3, 2, 5, 6));
  assert.ok(Number.isNaN(parseIsoDate('2024-02-31')));
});
