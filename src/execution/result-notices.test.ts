import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { requireService, tcpProbe } from '../data/test-services.js';
import { noticeResult, ResultNotices } from './result-notices.js';

const REDIS = 'redis://127.0.0.1:6379';

test('ResultNotices.wait ends when the expected notices arrive, else after its timeout; close() removes the list', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  const runId = `notices-test-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS);
  const notices = new ResultNotices(REDIS, runId);
  try {
    // Nothing arrives: a plain sleep of about the timeout.
    let t0 = performance.now();
    await notices.wait(1, 300);
    const idle = performance.now() - t0;
    assert.ok(idle >= 290 && idle < 1000, `waited ${idle.toFixed(0)} ms for a 300 ms timeout`);

    // Two notices, pushed 100 ms apart, end a wait for two long before its 5 s timeout.
    t0 = performance.now();
    const pushing = (async () => {
      await noticeResult(redis, runId, 'a');
      await new Promise((r) => setTimeout(r, 100));
      await noticeResult(redis, runId, 'b');
    })();
    await notices.wait(2, 5000);
    const woke = performance.now() - t0;
    await pushing;
    assert.ok(woke >= 95 && woke < 1000, `woke after ${woke.toFixed(0)} ms`);

    // Notices that queued up while nobody waited count at once; one of two is not enough.
    await noticeResult(redis, runId, 'c');
    await noticeResult(redis, runId, 'd');
    t0 = performance.now();
    await notices.wait(2, 5000);
    assert.ok(performance.now() - t0 < 500, 'two queued notices end a wait for two');
    await noticeResult(redis, runId, 'e');
    t0 = performance.now();
    await notices.wait(2, 400);
    assert.ok(performance.now() - t0 >= 390, 'one notice does not end a wait for two');
    assert.ok((await redis.pttl(`trainyard:results:${runId}`)) > 0 || (await redis.exists(`trainyard:results:${runId}`)) === 0, 'the list expires');
  } finally {
    await notices.close();
    assert.equal(await redis.exists(`trainyard:results:${runId}`), 0, 'close() deletes the list');
    redis.disconnect();
  }
});

test('ResultNotices.wait is a plain sleep when Redis cannot be reached', async () => {
  // A port nothing listens on: the client keeps reconnecting, wait() must still return on time.
  const notices = new ResultNotices('redis://127.0.0.1:1', 'unreachable');
  const t0 = performance.now();
  await notices.wait(1, 300);
  const took = performance.now() - t0;
  await notices.close();
  assert.ok(took >= 290 && took < 1500, `returned after ${took.toFixed(0)} ms`);
});
