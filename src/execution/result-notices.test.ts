import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { requireService, tcpProbe } from '../testing/test-services.js';
import { noticeResults, ResultNotices } from './result-notices.js';

const REDIS = 'redis://127.0.0.1:6379';

/** Milliseconds `p` took. */
async function timed(p: Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
}

test('ResultNotices.wait ends when every expected task has reported, counting a task once; else after its timeout; close() removes the keys', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  const runId = `notices-test-${randomBytes(4).toString('hex')}`;
  const worker = new Redis(REDIS);
  const coordinator = new Redis(REDIS);
  const notices = new ResultNotices(coordinator, runId);
  try {
    await notices.expect(3);
    // Nothing arrives: a plain sleep of about the timeout.
    const idle = await timed(notices.wait(300));
    assert.ok(idle >= 290 && idle < 1000, `waited ${idle.toFixed(0)} ms for a 300 ms timeout`);

    // Two of three tasks report (one of them twice, as a re-run task does): not enough.
    await noticeResults(worker, runId, ['a', 'b']);
    await noticeResults(worker, runId, ['a']);
    const partial = await timed(notices.wait(400));
    assert.ok(partial >= 390, `two of three tasks ended the wait after ${partial.toFixed(0)} ms`);

    // The third, 100 ms into a 5 s wait, ends it.
    const pushing = new Promise((r) => setTimeout(r, 100)).then(() => noticeResults(worker, runId, ['c']));
    const woke = await timed(notices.wait(5000));
    await pushing;
    assert.ok(woke >= 95 && woke < 1000, `woke after ${woke.toFixed(0)} ms`);

    // Counting afresh forgets earlier reports; reports that came before the wait end it at once.
    await notices.expect(1);
    const again = await timed(notices.wait(400));
    assert.ok(again >= 390, 'reports from before expect() do not count');
    await noticeResults(worker, runId, ['d']);
    assert.ok((await timed(notices.wait(5000))) < 500, 'a report made before the wait ends it');
    const keys = await worker.keys(`trainyard:results:{${runId}}:*`);
    assert.ok(keys.length > 0);
    for (const key of keys) assert.ok((await worker.pttl(key)) > 0, `${key} expires`);
  } finally {
    await notices.close();
    assert.deepEqual(await worker.keys(`trainyard:results:{${runId}}:*`), [], 'close() deletes the keys');
    worker.disconnect();
    coordinator.disconnect();
  }
});

test('ResultNotices is a plain sleep when Redis cannot be reached', async () => {
  // A port nothing listens on: the client keeps reconnecting, expect() and wait() must still return on time.
  const redis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null }).on('error', () => undefined);
  const notices = new ResultNotices(redis, 'unreachable');
  const took = await timed(notices.expect(2).then(() => notices.wait(300)));
  await notices.close();
  redis.disconnect();
  assert.ok(took >= 290 && took < 2500, `returned after ${took.toFixed(0)} ms`);
});
