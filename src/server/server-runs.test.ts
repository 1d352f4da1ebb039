/**
 * Runs through the API, for real: a small spec on a tiny CSV submitted, streamed over SSE until
 * `end` and found finished with its report and registered model; a cancelled run and a run cut by a
 * graceful shutdown both end `interrupted`; a full queue is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../tracking/store.js';
import { readEvents, startTestServer, storeAvailable, tinySpec, type StoreKind } from './server.test-helpers.js';

const yaml = { 'content-type': 'application/yaml' };

/** Many settings, so the run lasts long enough to be cancelled mid-way. */
const MANY_C = Array.from({ length: 400 }, (_, i) => Number((0.01 * (i + 1)).toFixed(2)));

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  test(`a submitted spec runs to the end, streamed over SSE (${kind} store)`, async (t) => {
    if (!(await storeAvailable(t, kind))) return;
    const s = await startTestServer(kind);
    try {
      const res = await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: tinySpec('tiny.csv', 'tiny', [0.1, 1]) });
      assert.equal(res.status, 202);
      const { runId } = (await res.json()) as { runId: string };
      assert.match(runId, /^\d{8}-\d{6}-[0-9a-f]{6}$/);
      const events = await readEvents(await s.req(`/api/v1/runs/${runId}/events`, { as: 'read' }), 60_000);
      const names = events.map((e) => e.event);
      assert.ok(names.includes('stage'), names.join(','));
      assert.ok(names.includes('tasks'), names.join(','));
      assert.ok(names.includes('fold'), names.join(','));
      const fold = events.find((e) => e.event === 'fold')!.data;
      assert.equal(fold.model, 'logistic_regression');
      assert.ok([0.1, 1].includes((fold.params as { C: number }).C), JSON.stringify(fold));
      assert.deepEqual(Object.keys(fold.params as object), ['C'], 'only the parameters the spec names');
      assert.equal(typeof fold.score, 'number');
      assert.equal(typeof fold.fold, 'number');
      assert.deepEqual(events.at(-1), { event: 'end', data: { status: 'finished' } });
      const run = (await (await s.req(`/api/v1/runs/${runId}`, { as: 'read' })).json()) as Record<string, any>;
      assert.equal(run.status, 'finished');
      assert.equal(run.params['best.model'], 'logistic_regression');
      assert.ok('best.C' in run.params);
      assert.ok(run.report?.selection?.leaderboard?.length >= 2, 'the report has the leaderboard');
      assert.deepEqual(run.registered.map((r: { name: string }) => r.name), ['tiny']);
      assert.ok(run.artifacts.some((a: { name: string }) => a.name === 'report.json'));
      // A stream opened after the end replays the end at once.
      const late = await readEvents(await s.req(`/api/v1/runs/${runId}/events`, { as: 'read' }), 5000);
      assert.equal(late.at(-1)?.event, 'end');
    } finally {
      await s.close();
    }
  });
}

test('cancel → interrupted; a queued run cancelled is recorded interrupted; a full queue is refused', async () => {
  const s = await startTestServer('sqlite', { maxPending: 1 });
  try {
    const submit = async (cs: number[]) => s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: tinySpec('tiny.csv', 'slow', cs) });
    const first = (await (await submit(MANY_C)).json()) as { runId: string };
    const queued = (await (await submit([1])).json()) as { runId: string };
    const full = await submit([1]);
    assert.equal(full.status, 503);
    assert.equal(((await full.json()) as { error: { code: string } }).error.code, 'E_QUEUE_FULL');

    // The queued run is listed (first, with its stage) though it is not in the store yet.
    const listed = (await (await s.req('/api/v1/runs', { as: 'read' })).json()) as { runs: { id: string; status: string; progress?: { stage: string } }[]; total: number };
    assert.equal(listed.runs[0].id, queued.runId);
    assert.equal(listed.runs[0].status, 'pending');
    assert.equal(listed.runs[0].progress?.stage, 'queued');
    assert.equal(((await (await s.req(`/api/v1/runs/${queued.runId}`, { as: 'read' })).json()) as { status: string }).status, 'pending');

    // Cancel the queued run: it never started and is recorded interrupted.
    const c1 = await s.req(`/api/v1/runs/${queued.runId}/cancel`, { as: 'run', method: 'POST' });
    assert.deepEqual(await c1.json(), { runId: queued.runId, status: 'interrupted' });
    const q = (await (await s.req(`/api/v1/runs/${queued.runId}`, { as: 'read' })).json()) as { status: string };
    assert.equal(q.status, 'interrupted');

    // Cancel the running one once its tasks are under way.
    let cancelled = false;
    const events = await readEvents(await s.req(`/api/v1/runs/${first.runId}/events`, { as: 'read' }), 60_000, (e) => {
      if (e.event === 'tasks' && !cancelled) {
        cancelled = true;
        void s.req(`/api/v1/runs/${first.runId}/cancel`, { as: 'run', method: 'POST' });
      }
    });
    assert.deepEqual(events.at(-1), { event: 'end', data: { status: 'interrupted' } });
    const r = (await (await s.req(`/api/v1/runs/${first.runId}`, { as: 'read' })).json()) as { status: string; error?: { code: string } };
    assert.equal(r.status, 'interrupted');
    assert.equal(r.error?.code, 'CANCELLED');
    const again = await s.req(`/api/v1/runs/${first.runId}/cancel`, { as: 'run', method: 'POST' });
    assert.equal(again.status, 409);
  } finally {
    await s.close();
  }
});

test('graceful shutdown: the running run is recorded interrupted, the store closed', async () => {
  const s = await startTestServer('sqlite');
  const res = await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: tinySpec('tiny.csv', 'slow', MANY_C) });
  const { runId } = (await res.json()) as { runId: string };
  const stream = await s.req(`/api/v1/runs/${runId}/events`, { as: 'read' });
  // Wait until tasks run, then close the server as SIGTERM would.
  const reader = stream.body!.getReader();
  let seen = '';
  while (!seen.includes('event: tasks')) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  await reader.cancel();
  await s.app.close();
  const store = await openStore(s.storeLocation);
  try {
    const run = await store.getRun(runId);
    assert.equal(run?.status, 'interrupted');
    assert.equal(run?.error?.code, 'SHUTDOWN');
  } finally {
    await store.close();
    await s.close();
  }
});

test("events of a run this server does not execute: its status from the store until it ends", async () => {
  const s = await startTestServer('sqlite');
  try {
    const store = s.app.trainyardStore;
    await store.beginRun({ id: 'cli-run', name: 'churn', startedAt: new Date().toISOString(), spec: {}, specHash: 'h' });
    const stream = s.req('/api/v1/runs/cli-run/events', { as: 'read' }).then((res) => readEvents(res, 10_000));
    await new Promise((r) => setTimeout(r, 300));
    await store.completeRun({ id: 'cli-run', name: 'churn', status: 'failed', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), spec: {}, specHash: 'h', params: {}, metrics: [], artifacts: [], error: { code: 'E_DATA', message: 'bad row' } });
    const events = await stream;
    assert.deepEqual(events[0], { event: 'status', data: { status: 'running' } });
    assert.deepEqual(events.at(-1), { event: 'end', data: { status: 'failed', error: { code: 'E_DATA', message: 'bad row' } } });
    assert.equal((await s.req('/api/v1/runs/no-such-run/events', { as: 'read' })).status, 404);
  } finally {
    await s.close();
  }
});

test('a run that fails before it records itself (bad data) is recorded failed under the id the client got', async () => {
  const s = await startTestServer('sqlite');
  try {
    const res = await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: tinySpec('tiny.csv').replace('target: y', 'target: no_such_column') });
    assert.equal(res.status, 202);
    const { runId } = (await res.json()) as { runId: string };
    const events = await readEvents(await s.req(`/api/v1/runs/${runId}/events`, { as: 'read' }), 30_000);
    const end = events.at(-1)!;
    assert.equal(end.data.status, 'failed');
    const run = (await (await s.req(`/api/v1/runs/${runId}`, { as: 'read' })).json()) as { status: string; error: { code: string; message: string } };
    assert.equal(run.status, 'failed');
    assert.equal(run.error.code, (end.data.error as { code: string }).code);
    assert.match(run.error.message, /no_such_column/);
  } finally {
    await s.close();
  }
});
