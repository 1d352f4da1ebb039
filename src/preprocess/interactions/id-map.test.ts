import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import { thrown } from '../../testing/thrown.js';
import { IdMap } from './id-map.js';

test('IdMap: numeric ids in numeric order, numbers and their text are one key', () => {
  const m = IdMap.fromValues([196, 186, 22, 196, 1000]);
  assert.equal(m.size, 4);
  assert.deepEqual(m.toArray(), ['22', '186', '196', '1000']); // numeric, not lexicographic ('1000' < '186')
  assert.equal(m.index(196), 2);
  assert.equal(m.index('196'), 2);
  assert.equal(m.index(' 196 '), 2); // CLI text with spaces
  assert.equal(m.index('196.0'), 2);
  assert.equal(m.index(197), -1);
  assert.equal(m.index('abc'), -1);
  assert.equal(m.raw(0), '22');
  // Text ids that all spell numbers sort numerically too, so a numeric and a text column agree.
  assert.deepEqual(IdMap.fromValues(['196', '22', '1000']).toArray(), ['22', '196', '1000']);
});

test('IdMap: text ids in code-point order, independent of row order', () => {
  const a = IdMap.fromValues(['b', 'a10', 'A', 'a9', 'b']);
  const b = IdMap.fromValues(['a9', 'b', 'A', 'a10']);
  assert.deepEqual(a.toArray(), ['A', 'a10', 'a9', 'b']);
  assert.deepEqual(b.toArray(), a.toArray());
  // One non-numeric id switches the whole map to text order.
  assert.deepEqual(IdMap.fromValues([10, 9, 'x']).toArray(), ['10', '9', 'x']);
});

test('IdMap: state round trip through the model-file encoding keeps the index order', () => {
  const m = IdMap.fromValues(['u3', 'u1', 'u2', 'ü4']);
  const restored = IdMap.fromState((decodeModel(encodeModel({ users: m.toState() })) as { users: never }).users, 'users');
  assert.deepEqual(restored.toArray(), m.toArray());
  for (const id of ['u1', 'u2', 'u3', 'ü4']) assert.equal(restored.index(id), m.index(id));
  assert.equal(restored.raw(3), 'ü4');
  // fromState keeps the saved order as is (a model's factors are stored in it), even if unsorted.
  assert.deepEqual(IdMap.fromState({ ids: ['z', 'a'] }).toArray(), ['z', 'a']);
});

test('IdMap: bad input and bad state', () => {
  assert.match(thrown(() => IdMap.fromValues([1, NaN])), /^E_DATA: IdMap: value 2 is a missing id/);
  assert.match(thrown(() => IdMap.fromValues(['a', ''])), /^E_DATA: .*missing id/);
  assert.match(thrown(() => IdMap.fromValues([1, 2]).raw(2)), /^E_DATA: IdMap: index 2 is outside 0\.\.1/);
  assert.match(thrown(() => IdMap.fromState(null, 'users')), /^E_MODEL_FILE: model file: field 'users' must be an object/);
  assert.match(thrown(() => IdMap.fromState({ ids: 'a' }, 'items')), /^E_MODEL_FILE: .*field 'items\.ids' must be a list of strings/);
  assert.match(thrown(() => IdMap.fromState({ ids: ['a', 3] }, 'items')), /entry 1 must be a string, got number/);
  assert.match(thrown(() => IdMap.fromState({ ids: ['a', 'b', 'a'] })), /^E_MODEL_FILE: .*repeats id 'a' \(entry 2\)/);
  assert.match(thrown(() => IdMap.fromState({})), /field 'idMap\.ids' must be a list of strings, got nothing/);
});
