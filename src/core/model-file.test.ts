/**
 * The model-file decoder treats a file as hostile even when its checksum matches: every crafted file
 * below has a recomputed checksum, and each must fail with E_MODEL_FILE naming the file and the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModel, encodeModel } from './model-file.js';
import { stateArray } from './state-check.js';
import { craftModelFile, editModelHeader, splitModelFile, withChecksum } from '../testing/model-file-craft.js';
import { TrainyardError } from './errors.js';

const FILE = 'crafted.trainyard';

/** `code: message` of what decoding throws; anything but a TrainyardError fails the test. */
function decodeError(bytes: Buffer): string {
  try {
    decodeModel(bytes, FILE);
  } catch (e) {
    assert.ok(e instanceof TrainyardError, `expected E_MODEL_FILE, got ${(e as Error)?.stack ?? String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  return 'no error';
}

const original = (): Buffer => encodeModel({ kind: 'test', w: new Float64Array([1, 2, 3]), nested: { i: new Int32Array([4, 5]) } });

test('a crafted file with a matching checksum still decodes when untouched (the helpers are faithful)', () => {
  const back = decodeModel(editModelHeader(original(), () => undefined), FILE) as { w: Float64Array };
  assert.deepEqual(back.w, new Float64Array([1, 2, 3]));
});

test('dtype outside the whitelist (even one on Object.prototype, like "toString") is E_MODEL_FILE naming arrays[k].dtype', () => {
  for (const dtype of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'f16', 'F64', 7, null]) {
    const bytes = editModelHeader(original(), (env) => (env.arrays[0].dtype = dtype));
    assert.match(decodeError(bytes), /^E_MODEL_FILE: crafted\.trainyard: .*arrays\[0\]\.dtype/, `dtype ${JSON.stringify(dtype)}`);
  }
});

test('array lengths and offsets must be whole numbers ≥ 0 within the file', () => {
  const cases: [string, number | string | null][] = [
    ['length', -1],
    ['length', 2.5],
    ['length', 1e6],
    ['length', Number.MAX_SAFE_INTEGER],
    ['length', '3'],
    ['length', null],
    ['offset', -8],
    ['offset', 0.5],
    ['offset', 1 << 20],
    ['offset', 1e300],
  ];
  for (const [field, value] of cases) {
    const bytes = editModelHeader(original(), (env) => (env.arrays[1][field] = value));
    assert.match(decodeError(bytes), new RegExp(`^E_MODEL_FILE: crafted\\.trainyard: .*arrays\\[1\\]\\.${field}`), `${field} = ${JSON.stringify(value)}`);
  }
});

test('a "__proto__" key (here revived into a typed array) is refused, as are "constructor" and "prototype"', () => {
  // {"__proto__": {"$array": 0}} would replace the revived object's prototype with a Float64Array's, so
  // that `instanceof Float64Array` held for a plain object.
  const { binary } = splitModelFile(original());
  const header = JSON.stringify({
    format: 'trainyard-model',
    formatVersion: 1,
    content: { w: { __proto__: { $array: 0 } } },
    arrays: [{ dtype: 'f64', offset: 0, length: 3 }],
  }).replace('"w":{}', '"w":{"__proto__":{"$array":0}}');
  assert.match(header, /"__proto__"/);
  const bytes = craftModelFile(header, binary);
  let err = decodeError(bytes);
  assert.match(err, /^E_MODEL_FILE: crafted\.trainyard: content\.w holds the key '__proto__'/);
  for (const key of ['constructor', 'prototype']) {
    err = decodeError(editModelHeader(original(), (env) => (env.content.nested[key] = { a: 1 })));
    assert.match(err, new RegExp(`^E_MODEL_FILE: crafted\\.trainyard: content\\.nested holds the key '${key}'`));
  }
  // In the envelope itself, too.
  err = decodeError(craftModelFile(header.replace('"format":', '"__proto__":{},"format":'), binary));
  assert.match(err, /^E_MODEL_FILE: .*'__proto__'/);
});

test('a state check on a decoded object accepts only a real typed array, never a look-alike', () => {
  const fake = Object.create(Float64Array.prototype) as Record<string, never>;
  assert.throws(() => stateArray({ w: fake }, 'w', Float64Array), { code: 'E_MODEL_FILE' });
  assert.throws(() => stateArray(Object.create({ w: new Float64Array(1) }), 'w', Float64Array), { code: 'E_MODEL_FILE', message: /field 'w'/ });
});

test('header length, array references and total array size are bounded by the file', () => {
  const bytes = original();
  // JSON length running past the end of the file.
  const longLen = Buffer.from(bytes.subarray(40));
  longLen.writeUInt32LE(0xffffffff, 0);
  assert.match(decodeError(withChecksum(longLen)), /^E_MODEL_FILE: crafted\.trainyard: .*header length/);
  assert.match(decodeError(withChecksum(Buffer.alloc(4))), /^E_MODEL_FILE: crafted\.trainyard: /);
  // References out of range, not whole, or to the same array twice (a size bomb: one array, many copies).
  for (const ref of [-1, 2, 0.5, 1e9, '0']) {
    assert.match(decodeError(editModelHeader(bytes, (env) => (env.content.w = { $array: ref }))), /^E_MODEL_FILE: crafted\.trainyard: .*content\.w/, `ref ${ref}`);
  }
  assert.match(decodeError(editModelHeader(bytes, (env) => (env.content.again = { $array: 0 }))), /^E_MODEL_FILE: .*arrays\[0\].*more than once/);
  // Two entries over the same bytes: together larger than the binary section.
  assert.match(
    decodeError(editModelHeader(bytes, (env) => (env.arrays[1] = { dtype: 'f64', offset: 0, length: 3 }))),
    /^E_MODEL_FILE: crafted\.trainyard: .*arrays/,
  );
  // A reference object with extra keys, and an unknown $number.
  assert.match(decodeError(editModelHeader(bytes, (env) => (env.content.w = { $array: 0, x: 1 }))), /^E_MODEL_FILE: .*content\.w/);
  assert.match(decodeError(editModelHeader(bytes, (env) => (env.content.n = { $number: 'Infinityy' }))), /^E_MODEL_FILE: .*content\.n/);
  // A number JSON reads as Infinity (the format writes {"$number": "Infinity"} instead).
  const { header, binary } = splitModelFile(bytes);
  assert.match(decodeError(craftModelFile(header.replace('"kind":"test"', '"kind":"test","big":[1,1e999]'), binary)), /^E_MODEL_FILE: .*content\.big\[1\] is a number too large/);
  // Nesting deeper than any saved model: an error, not a stack overflow.
  const deep = `{"format":"trainyard-model","formatVersion":1,"arrays":[],"content":${'['.repeat(200000)}${']'.repeat(200000)}}`;
  assert.match(decodeError(craftModelFile(deep)), /^E_MODEL_FILE: crafted\.trainyard: .*nest/);
});

test('the envelope must be an object with the format, the version, the content and a list of arrays', () => {
  for (const header of ['null', '[]', '"x"', '{"format":"trainyard-model","formatVersion":1,"content":1}', '{"format":"trainyard-model","formatVersion":1,"content":1,"arrays":{}}']) {
    assert.match(decodeError(craftModelFile(header)), /^E_MODEL_FILE: crafted\.trainyard: /, header);
  }
  assert.match(decodeError(craftModelFile('{"format":"trainyard-model","formatVersion":1,"content":1,"arrays":[null]}')), /arrays\[0\]/);
});
