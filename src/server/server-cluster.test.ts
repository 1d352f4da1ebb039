/** `GET /cluster` and the queue metrics in cluster mode, against the test Redis and a real worker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { requireService, tcpProbe } from '../testing/test-services.js';
import { TRAINYARD_VERSION } from '../core/version.js';
import { startExperimentWorker } from '../experiment/experiment-worker.js';
import { dropQueue } from '../testing/cli.js';
import { readEvents, startTestServer, tinySpec } from './server.test-helpers.js';

test('cluster mode: a submitted run executes on a worker; /cluster shows the worker (version, tasks done) and the queue counts', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  const redisUrl = 'redis://127.0.0.1:6379';
  const queue = `ty-srv-${randomBytes(4).toString('hex')}`;
  const s = await startTestServer('sqlite', { cluster: redisUrl, queue, workers: undefined });
  const worker = await startExperimentWorker({ redisUrl, store: s.storeLocation, queue, concurrency: 1, cacheDir: `${s.outDir}-cache` });
  try {
    // 2 settings × 2 folds = 4 tasks, all on the worker.
    const res = await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: { 'content-type': 'application/yaml' }, body: tinySpec('tiny.csv', 'on-cluster', [0.1, 1]) });
    const { runId } = (await res.json()) as { runId: string };
    const events = await readEvents(await s.req(`/api/v1/runs/${runId}/events`, { as: 'read' }), 60_000);
    assert.deepEqual(events.at(-1), { event: 'end', data: { status: 'finished' } });

    const cluster = await s.req('/api/v1/cluster', { as: 'read' });
    const body = (await cluster.json()) as Record<string, any>;
    assert.equal(cluster.status, 200, JSON.stringify(body));
    assert.equal(body.mode, 'cluster');
    assert.deepEqual(body.queue, { name: queue, waiting: 0, active: 0, delayed: 0, failed: 0 });
    assert.deepEqual(body.runs, { pending: 0, running: 0 });
    assert.equal(body.workers.length, 1);
    const [w] = body.workers;
    assert.equal(w.id, worker.id);
    assert.equal(w.pid, process.pid);
    assert.equal(w.version, TRAINYARD_VERSION);
    // The announcement carrying the count is refreshed every 3 s.
    let done = w.tasksDone as number;
    for (let i = 0; i < 20 && done < 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      done = ((await (await s.req('/api/v1/cluster', { as: 'read' })).json()) as Record<string, any>).workers[0].tasksDone;
    }
    assert.equal(done, 4);
    assert.ok(Date.now() - Date.parse(w.lastHeartbeat) < 10_000);
    const metrics = await (await s.req('/api/v1/metrics', { as: 'read' })).text();
    assert.match(metrics, /^trainyard_queue_depth 0$/m);
    assert.match(metrics, /^trainyard_workers_seen 1$/m);
  } finally {
    await worker.close();
    await s.close();
    await dropQueue(queue, redisUrl);
  }
});
