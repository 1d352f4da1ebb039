import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.js';
import { decodeModel, encodeModel } from './model-file.js';
import { dictColumn, Frame, numericColumn } from './frame.js';
import { Matrix } from './matrix.js';
import { checkNumber } from './params.js';

test('Rng is deterministic per seed, uniform enough, and streams differ', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const xs = Array.from({ length: 1000 }, () => a.random());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b.random()));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.03, `mean ${mean}`);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notEqual(new Rng(1).random(), new Rng(2).random());
  assert.notEqual(Rng.derive(7, 0).random(), Rng.derive(7, 1).random());
  const counts = new Array(5).fill(0);
  const r = new Rng(3);
  for (let i = 0; i < 50000; i++) counts[r.int(5)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, `int(5) count ${c}`);
  const p = new Rng(5).permutation(100);
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
});

test('model file round-trips JSON, typed arrays and non-finite numbers', () => {
  const doc = { a: 1, nan: NaN, inf: -Infinity, s: 'x', w: new Float64Array([1.5, NaN, -2]), i: new Int32Array([1, -1]), u: new Uint8Array([7]), nested: [{ f: new Float32Array([0.25]) }] };
  const back = decodeModel(encodeModel(doc)) as typeof doc;
  assert.deepEqual(back, doc);
});

test('model file detects tampering, truncation and foreign files', () => {
  const bytes = encodeModel({ w: new Float64Array([1, 2, 3]) });
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 1] ^= 1;
  assert.throws(() => decodeModel(flipped, 'm.trainyard'), { code: 'E_MODEL_FILE', message: /m\.trainyard: checksum mismatch/ });
  assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 8)), /checksum mismatch/);
  assert.throws(() => decodeModel(Buffer.from('{"not":"a model"}')), /not a trainyard model file/);
});

test('Frame: select, take, unknown column error lists available columns', () => {
  const f = new Frame([numericColumn('x', new Float64Array([1, 2, 3])), dictColumn('c', ['a', null, 'a'])], 'data.csv');
  assert.equal(f.nRows, 3);
  assert.deepEqual(f.take([2, 0]).cell('x', 0), '3');
  assert.equal(f.cell('c', 1), '');
  assert.throws(() => f.column('y'), { code: 'E_DATA', message: /data\.csv: unknown column 'y'; available columns: x, c/ });
  assert.throws(() => new Frame([numericColumn('x', new Float64Array(2)), numericColumn('y', new Float64Array(3))]), /has 3 rows, expected 2/);
});

test('Matrix: takeRows and shape checks', () => {
  const m = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(m.takeRows([2, 0]).toArrays(), [[5, 6], [1, 2]]);
  assert.throws(() => Matrix.fromRows([[1, 2], [3]]), { code: 'E_SHAPE' });
});

test('checkNumber names the parameter, value and allowed range', () => {
  assert.equal(checkNumber('LogisticRegression', 'C', 2, { min: 0, exclusiveMin: true }), 2);
  assert.throws(() => checkNumber('LogisticRegression', 'C', -1, { min: 0, exclusiveMin: true }), {
    code: 'E_INVALID_PARAM',
    message: "LogisticRegression: parameter 'C' must be a number > 0, got -1",
  });
});
