/**
 * Requests per second of `GET /api/v1/runs` (the dashboard's main listing: a page of 50 runs with
 * the total) with 1,000 finished runs in a SQLite store, through the whole stack — auth (a token
 * looked up per request), rate limit, validation, store query, serialisation.
 *
 * `node dist/bench/server-bench.js [--runs 1000] [--connections 16] [--seconds 10]`
 *
 * The load comes from a worker thread (keep-alive fetch, `connections` requests in flight), so the
 * client does not share the server's event loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createApiToken } from '../server/api-tokens.js';
import { buildServer } from '../server/server.js';

const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, connections, seconds } = workerData;
const latencies = [];
let ok = 0, failed = 0;
const end = Date.now() + seconds * 1000;
async function loop() {
  while (Date.now() < end) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: 'Bearer ' + token } });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (res.status === 200) ok++; else failed++;
  }
}
Promise.all(Array.from({ length: connections }, loop)).then(() => parentPort.postMessage({ ok, failed, latencies }));
`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, connections: { type: 'string', default: '16' }, seconds: { type: 'string', default: '10' } } });
  const runs = Number(values.runs), connections = Number(values.connections), seconds = Number(values.seconds);
  const dir = mkdtempSync(join(tmpdir(), 'ty-server-bench-'));
  const app = await buildServer({ store: join(dir, 'store.db'), logger: false, rateLimit: { max: 1e9, timeWindow: 60_000 } });
  try {
    const store = app.trainyardStore;
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < runs; i++) {
      const id = `bench-${String(i).padStart(5, '0')}`;
      const startedAt = new Date(t0 + i * 60_000).toISOString();
      await store.beginRun({ id, name: `exp-${i % 20}`, startedAt, spec: { name: `exp-${i % 20}` }, specHash: 'h' });
      await store.completeRun({
        id, name: `exp-${i % 20}`, status: 'finished', startedAt, finishedAt: new Date(t0 + i * 60_000 + 30_000).toISOString(), spec: { name: `exp-${i % 20}` }, specHash: 'h',
        params: { 'best.model': 'logistic_regression', 'best.C': 1 },
        metrics: [{ key: 'test.f1', value: (i % 97) / 97 }, { key: 'test.accuracy', value: (i % 89) / 89 }, { key: 'cv.f1', value: (i % 83) / 83 }],
        artifacts: [],
      });
    }
    const token = await createApiToken(store, 'bench', 'read');
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/api/v1/runs`;
    const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await first.json()) as { total: number; runs: unknown[] };
    if (body.total !== runs) throw new Error(`expected ${runs} runs, the API lists ${body.total}`);
    // Warm-up, then the measured window.
    await measure(url, token, connections, 2);
    const r = await measure(url, token, connections, seconds);
    const sorted = Float64Array.from(r.latencies).sort();
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
    console.log(`GET /api/v1/runs (page of ${body.runs.length} of ${runs} runs, SQLite, ${connections} connections, ${seconds} s): ${(r.ok / seconds).toFixed(0)} requests/s, latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${r.failed} non-200`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(url: string, token: string, connections: number, seconds: number): Promise<{ ok: number; failed: number; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD, { eval: true, workerData: { url, token, connections, seconds } });
    w.once('message', (m) => {
      resolve(m as { ok: number; failed: number; latencies: number[] });
      void w.terminate();
    });
    w.once('error', reject);
  });
}

await main();
