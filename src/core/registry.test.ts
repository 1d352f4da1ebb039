import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFileError } from './errors.js';
import { Registry } from './registry.js';

function shapes(): Registry<{ sides: number }> {
  const r = new Registry<{ sides: number }>({ kind: 'shape' });
  r.register('triangle', { sides: 3 });
  r.register('square', { sides: 4 });
  return r;
}

test('register, get, list and names keep registration order', () => {
  const r = shapes();
  assert.equal(r.get('square').sides, 4);
  assert.deepEqual(r.names(), ['triangle', 'square']);
  assert.deepEqual(r.list().map((e) => e.sides), [3, 4]);
  assert.equal(r.has('triangle'), true);
  assert.equal(r.find('circle'), undefined);
});

test('registering a name again replaces its entry; a name must be a non-empty string', () => {
  const r = shapes();
  r.register('square', { sides: 40 });
  assert.equal(r.get('square').sides, 40);
  assert.deepEqual(r.names(), ['triangle', 'square']);
  assert.throws(() => r.register('', { sides: 0 }), { code: 'E_INVALID_PARAM', message: /non-empty string/ });
  assert.throws(() => r.register(7 as unknown as string, { sides: 0 }), { code: 'E_INVALID_PARAM' });
});

test('an unknown name is E_INVALID_PARAM naming it and listing the known names sorted', () => {
  const r = new Registry<number>({ kind: 'metric', plural: 'metrics', param: 'scoring' });
  r.register('rocAuc', 1);
  r.register('f1', 2);
  assert.throws(() => r.get('f2'), (e: any) => {
    assert.equal(e.code, 'E_INVALID_PARAM');
    assert.equal(e.message, "unknown metric 'f2'; known metrics: f1, rocAuc");
    assert.deepEqual(e.details, { param: 'scoring', value: 'f2', allowed: ['f1', 'rocAuc'] });
    return true;
  });
});

test('inherited names are unknown, not Object.prototype members', () => {
  const r = shapes();
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    assert.equal(r.has(name), false, name);
    assert.equal(r.find(name), undefined, name);
    assert.throws(() => r.get(name), { code: 'E_INVALID_PARAM', message: new RegExp(`unknown shape '${name}'; known shapes: square, triangle`) });
  }
  // A registered '__proto__' is an ordinary name, not a prototype change.
  r.register('__proto__', { sides: 0 });
  assert.equal(r.get('__proto__').sides, 0);
  assert.equal(r.find('toString'), undefined);
});

test('non-string names are unknown', () => {
  const r = shapes();
  for (const name of [undefined, null, 3, { toString: () => 'square' }]) {
    assert.equal(r.find(name), undefined);
    assert.throws(() => r.get(name), { code: 'E_INVALID_PARAM' });
  }
});

test('a caller-supplied error replaces the default for unknown names', () => {
  const r = shapes();
  assert.throws(
    () => r.get('hexagon', (name, known) => new ModelFileError(`model file holds a shape of unknown type ${JSON.stringify(name)}; this version knows ${known.join(', ')}`)),
    { code: 'E_MODEL_FILE', message: 'model file holds a shape of unknown type "hexagon"; this version knows square, triangle' },
  );
});
