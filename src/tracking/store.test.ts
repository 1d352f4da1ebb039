import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRunId, openStore, redactUrl } from './store.js';

test('newRunId is YYYYMMDD-HHMMSS-hex, sorts by time and differs per call', () => {
  const a = newRunId(new Date('2026-11-27T03:15:00.000Z'));
  assert.match(a, /^20261127-031500-[0-9a-f]{6}$/);
  const b = newRunId(new Date('2026-11-27T03:15:01.000Z'));
  assert.ok(a < b);
  const ids = new Set(Array.from({ length: 100 }, () => newRunId()));
  assert.ok(ids.size >= 99);
});

test('redactUrl hides the password and nothing else', () => {
  assert.equal(redactUrl('postgres://u:pw@h:5432/db?schema=s'), 'postgres://u:***@h:5432/db?schema=s');
  assert.equal(redactUrl('postgres://u@h/db'), 'postgres://u@h/db');
});

test('openStore refuses an empty or unknown location with a StoreError', async () => {
  await assert.rejects(openStore(''), { code: 'E_STORE' });
  await assert.rejects(openStore('redis://u:pw@h:6379'), (err: Error & { code?: string }) => err.code === 'E_STORE' && !err.message.includes('pw@'));
});
