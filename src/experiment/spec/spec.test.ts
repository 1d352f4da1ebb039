import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSpec } from './spec.js';

const minimal = { name: 'x', data: { source: 'a.csv', target: 'y' }, select: { candidates: [{ model: 'logistic_regression' }] } };

test('defaults fill split, cv and preprocess', () => {
  const s = validateSpec(minimal);
  assert.deepEqual(s.split, { test: 0.2, stratify: true, seed: 0 });
  assert.equal(s.select.cv, 5);
});

test('errors name the key path', () => {
  assert.throws(() => validateSpec({ ...minimal, split: { test: 2 } }, 'f.yaml'), /f\.yaml: split\.test: /);
  assert.throws(() => validateSpec({ ...minimal, select: { candidates: [{ modle: 'x' }] } }, 'f.yaml'), /select\.candidates\[0\]/);
  assert.throws(() => validateSpec({ ...minimal, data: { source: 'a.csv' } }, 'f.yaml'), /data\.target/);
  assert.throws(() => validateSpec({ ...minimal, name: 'has space' }), { code: 'E_SPEC' });
});

test('data.thousands and data.decimal are validated options of the data source', () => {
  const s = validateSpec({ ...minimal, data: { source: 'a.csv', target: 'y', thousands: '.', decimal: ',' } });
  assert.equal(s.data.thousands, '.');
  assert.equal(s.data.decimal, ',');
  assert.throws(() => validateSpec({ ...minimal, data: { source: 'a.csv', target: 'y', thousands: 'x' } }, 'f.yaml'), { code: 'E_SPEC', message: /f\.yaml: data\.thousands: / });
  assert.throws(() => validateSpec({ ...minimal, data: { source: 'a.csv', target: 'y', decimal: ';' } }, 'f.yaml'), { code: 'E_SPEC', message: /f\.yaml: data\.decimal: / });
});
