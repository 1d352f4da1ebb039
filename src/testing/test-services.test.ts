import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeService, tcpProbe } from './test-services.js';

test('probeService reports reachable and unreachable services (and caches by name)', async () => {
  const down = await probeService('nothing-on-port-1', () => tcpProbe('127.0.0.1', 1, 1000));
  assert.equal(down.ok, false);
  assert.match(down.reason, /ECONNREFUSED|no answer/);
  const up = await probeService('always-up', async () => undefined);
  assert.deepEqual(up, { name: 'always-up', ok: true, reason: '' });
  const slow = await probeService('slow', () => new Promise((r) => setTimeout(r, 500)), 50);
  assert.equal(slow.ok, false);
  assert.equal(await probeService('always-up', async () => Promise.reject(new Error('x'))), up);
});
