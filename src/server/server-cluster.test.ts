/** `GET /cluster` and the queue metrics in cluster mode, against the test Redis. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireService, tcpProbe } from '../testing/test-services.js';
import { presenceKey } from '../execution/worker-presence.js';
import { startTestServer } from './server.test-helpers.js';

test('cluster mode: workers seen in Redis and the queue counts', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  const queue = `ty-srv-${randomBytes(4).toString('hex')}`;
  const redis = new Redis('redis://127.0.0.1:6379');
  const s = await startTestServer('sqlite', { cluster: 'redis://127.0.0.1:6379', queue, workers: undefined });
  try {
    // A worker's announcement, as worker-presence.ts makes it (no CLIENT connection: checked by TTL only when CLIENT LIST lacks it).
    await redis.zadd(presenceKey(queue), Date.now(), 'host-a-123-abcdef');
    const res = await s.req('/api/v1/cluster', { as: 'read' });
    const body = (await res.json()) as Record<string, any>;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.mode, 'cluster');
    assert.deepEqual(body.queue, { name: queue, waiting: 0, active: 0, delayed: 0, failed: 0 });
    assert.deepEqual(body.runs, { pending: 0, running: 0 });
    assert.ok(Array.isArray(body.workers));
    const metrics = await (await s.req('/api/v1/metrics', { as: 'read' })).text();
    assert.match(metrics, /^trainyard_queue_depth 0$/m);
    assert.match(metrics, /^trainyard_workers_seen \d+$/m);
  } finally {
    await s.close();
    await redis.del(presenceKey(queue));
    redis.disconnect();
  }
});
