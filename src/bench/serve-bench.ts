/**
 * `npm run bench -- serve`: online serving (issue 16). Registers three models in a temp store —
 * logistic regression and gradient boosting on examples/online-shoppers, an implicit ALS recommender
 * on MovieLens 100K (../shared/datasets, never copied) — starts `trainyard serve --processes N` and,
 * when /usr/bin/python3 has FastAPI, uvicorn and scikit-learn, the anchor of anchors.md "Serving"
 * (bench/python/serve_anchor.py) side by side, and loads each with `wrk` (1 thread, 32 connections):
 * 1-row and 100-row predict requests, one-user GET recommend (k=10, users in turn) and 100-user
 * batches. Prints requests/s, p50/p99, rows/s and the ratios to the anchor measured in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalExecutor } from '../experiment/executor.js';
import { runExperiment } from '../experiment/run.js';
import { validateRecommendSpec } from '../experiment/spec/recommend-spec.js';
import { validateSpec } from '../experiment/spec/spec.js';
import { createApiToken } from '../server/api-tokens.js';
import { datasetPath, repoRoot } from '../testing/paths.js';
import { openStore } from '../tracking/store.js';
import { PYTHON } from './python-env.js';
import { hasWrk, runWrk, type WrkRequest, type WrkResult } from './wrk.js';

const SHOPPERS = join(repoRoot, 'examples', 'online-shoppers', 'online_shoppers_intention.csv');
const CATEGORICAL = ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'];

/** Options of {@link runServeBench}. */
export interface ServeBenchOptions {
  /** Seconds per figure (default 10; a 2 s warm-up precedes each). */
  seconds?: number;
  connections?: number;
  /** `serve --processes` (default: all cores). */
  processes?: number;
  python?: boolean;
  log?: (line: string) => void;
}

/** One row of the table. */
export interface ServeFigure {
  server: 'trainyard' | 'anchor';
  model: string;
  request: string;
  rowsPerRequest: number;
  wrk: WrkResult;
  /** Load average (1 min) just before the figure. */
  load: number;
}

export interface ServeBenchResult {
  figures: ServeFigure[];
  machine: { cpu: string; cores: number; node: string };
  processes: number;
  /** Load average (1 min) before the benchmark started anything. */
  loadBefore: number;
  connections: number;
  seconds: number;
  anchor: string | null;
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The shoppers file's first `n` rows as JSON rows (features only): numbers, booleans, strings. */
function shopperRows(n: number): Record<string, string | number | boolean>[] {
  const lines = readFileSync(SHOPPERS, 'utf8').split('\n');
  const sep = lines[0].includes(';') ? ';' : ',';
  const header = lines[0].split(sep);
  return lines.slice(1, n + 1).map((line) => {
    const cells = line.split(sep);
    const row: Record<string, string | number | boolean> = {};
    header.forEach((h, j) => {
      if (h === 'Revenue') return;
      const c = cells[j];
      row[h] = c === 'TRUE' ? true : c === 'FALSE' ? false : c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c;
    });
    return row;
  });
}

async function waitFor(url: string, child: ChildProcess, what: string, init: RequestInit = {}, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${what} exited before answering`);
    try {
      const r = await fetch(url, init);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function register(store: string, dir: string, log: (l: string) => void): Promise<void> {
  const executor = () => new LocalExecutor();
  const tabular = (name: string, model: string, params: Record<string, unknown>) =>
    validateSpec({
      name,
      data: { source: SHOPPERS, target: 'Revenue' },
      split: { test: 0.2, stratify: true, seed: 0 },
      preprocess: { numeric: { impute: 'median', scale: 'standard' }, categorical: { impute: 'most_frequent', encode: 'onehot', columns: CATEGORICAL } },
      select: { cv: 2, candidates: [{ model, params }] },
    });
  for (const [name, model, params] of [
    ['shoppers-logreg', 'logistic_regression', { C: 1 }],
    ['shoppers-gboost', 'gradient_boosting', {}],
  ] as const) {
    log(`serve bench: training ${name}`);
    await runExperiment({ spec: tabular(name, model, params), baseDir: dir, file: `${name}.yaml` }, { store, outDir: join(dir, 'runs'), executor: executor() });
  }
  log('serve bench: training movielens-als (als_implicit on MovieLens 100K)');
  const spec = validateRecommendSpec(
    {
      name: 'movielens-als',
      task: 'recommend',
      data: { source: datasetPath('movielens-100k', 'u.data'), columns: ['user', 'item', 'rating', 'timestamp'] },
      split: { method: 'stratified_by_item', test: 0.25, seed: 42 },
      select: { metric: 'ndcg@10', candidates: [{ model: 'als_implicit' }] },
    },
    'als.yaml',
  );
  await runExperiment({ spec, baseDir: dir, file: 'als.yaml' }, { store, outDir: join(dir, 'runs'), executor: executor() });
  const s = await openStore(store);
  for (const name of ['shoppers-logreg', 'shoppers-gboost', 'movielens-als']) await s.setModelAlias(name, 'prod', 1);
  await s.close();
}

/**
 * Runs the serving benchmark.
 *
 * @example
 * console.log(formatServeBench(await runServeBench({ seconds: 10 })));
 */
export async function runServeBench(o: ServeBenchOptions = {}): Promise<ServeBenchResult> {
  const log = o.log ?? (() => {});
  const seconds = o.seconds ?? 10;
  const connections = o.connections ?? 32;
  const processes = o.processes ?? availableParallelism();
  if (!hasWrk()) throw new Error('wrk is not installed (apt-get install wrk); the serving benchmark loads the servers with it');
  if (!existsSync(datasetPath('movielens-100k', 'u.data'))) throw new Error('MovieLens 100K is missing from ../shared/datasets/movielens-100k');
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'ty-serve-bench-'));
  const children: ChildProcess[] = [];
  try {
    const store = join(dir, 'store.db');
    await register(store, dir, log);
    const s = await openStore(store);
    const token = await createApiToken(s, 'bench', 'predict');
    await s.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const ty = spawn(process.execPath, [join(repoRoot, 'bin', 'trainyard.js'), 'serve', '--store', store, '--port', String(port), '--processes', String(processes), '--out', join(dir, 'out')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(ty);
    await waitFor(`${base}/api/v1/health`, ty, 'trainyard serve');

    let anchor: { url: string } | null = null;
    let anchorVersion: string | null = null;
    if (o.python !== false && existsSync(PYTHON)) {
      const probe = spawnText(PYTHON, ['-c', 'import fastapi, uvicorn, sklearn, pandas; print(fastapi.__version__, uvicorn.__version__, sklearn.__version__)']);
      if (probe) {
        const aport = await freePort();
        const py = spawn(PYTHON, [join(repoRoot, 'bench', 'python', 'serve_anchor.py'), SHOPPERS, String(aport)], { stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(py);
        await waitFor(`http://127.0.0.1:${aport}/health`, py, 'the FastAPI anchor');
        // Its async handler (no pydantic model, no thread pool) is the faster of its two forms here: the conservative anchor.
        anchor = { url: `http://127.0.0.1:${aport}/predict-async` };
        const [f, u, sk] = probe.trim().split(' ');
        anchorVersion = `FastAPI ${f} (async handler) on uvicorn ${u} (1 process), scikit-learn ${sk}`;
      } else log('serve bench: no FastAPI/uvicorn/scikit-learn in /usr/bin/python3: trainyard alone');
    }

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const rows1 = JSON.stringify({ rows: shopperRows(1) });
    const rows100 = JSON.stringify({ rows: shopperRows(100) });
    const users = Array.from({ length: 943 }, (_, i) => String(i + 1));
    const batch = JSON.stringify({ users: users.slice(0, 100), k: 10 });
    const plan: { server: ServeFigure['server']; model: string; request: string; rows: number; req: WrkRequest }[] = [];
    if (anchor) {
      plan.push({ server: 'anchor', model: 'logistic regression (sklearn)', request: 'predict 1 row', rows: 1, req: { url: anchor.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: rows1 } });
      plan.push({ server: 'anchor', model: 'logistic regression (sklearn)', request: 'predict 100 rows', rows: 100, req: { url: anchor.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: rows100 } });
    }
    for (const [name, label] of [['shoppers-logreg', 'logistic regression'], ['shoppers-gboost', 'gradient boosting']]) {
      const url = `${base}/api/v1/models/${name}@prod/predict`;
      plan.push({ server: 'trainyard', model: label, request: 'predict 1 row', rows: 1, req: { url, method: 'POST', headers: auth, body: rows1 } });
      plan.push({ server: 'trainyard', model: label, request: 'predict 100 rows', rows: 100, req: { url, method: 'POST', headers: auth, body: rows100 } });
    }
    const rec = `${base}/api/v1/models/movielens-als@prod/recommend`;
    plan.push({ server: 'trainyard', model: 'ALS (MovieLens 100K)', request: 'recommend 1 user, k=10', rows: 1, req: { url: rec, method: 'GET', headers: { authorization: auth.authorization }, paths: users.map((u) => `/api/v1/models/movielens-als@prod/recommend?user=${u}&k=10`) } });
    plan.push({ server: 'trainyard', model: 'ALS (MovieLens 100K)', request: 'recommend 100 users, k=10', rows: 100, req: { url: rec, method: 'POST', headers: auth, body: batch } });

    // Every request is answered correctly before it is timed.
    for (const p of plan) {
      const url = p.req.paths ? `${base}${p.req.paths[0]}` : p.req.url;
      const r = await fetch(url, { method: p.req.method, headers: p.req.headers, body: p.req.body });
      if (!r.ok) throw new Error(`${p.server} ${p.model} ${p.request}: HTTP ${r.status} ${await r.text()}`);
    }
    const figures: ServeFigure[] = [];
    for (const p of plan) {
      await runWrk(p.req, connections, 2); // warm-up (JIT, caches)
      const load = loadavg()[0];
      const wrk = await runWrk(p.req, connections, seconds);
      log(`serve bench: ${p.server} ${p.model} ${p.request}: ${wrk.requestsPerSecond.toFixed(0)} req/s, p50 ${wrk.p50Ms} ms, p99 ${wrk.p99Ms} ms, ${wrk.errors} errors (load ${load.toFixed(2)})`);
      figures.push({ server: p.server, model: p.model, request: p.request, rowsPerRequest: p.rows, wrk, load });
    }
    return { figures, machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version }, processes, loadBefore, connections, seconds, anchor: anchorVersion };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Standard output of a command that succeeded, else null. */
function spawnText(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout : null;
}

/** The table: one line per figure, ratios to the anchor's figure of the same rows per request. */
export function formatServeBench(r: ServeBenchResult): string {
  const anchorOf = (rows: number) => r.figures.find((f) => f.server === 'anchor' && f.rowsPerRequest === rows);
  const lines = [
    `\n== serve: wrk 1 thread, ${r.connections} connections, ${r.seconds} s per figure; trainyard serve --processes ${r.processes}; anchor: ${r.anchor ?? 'not run'}`,
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, node ${r.machine.node}; load average ${r.loadBefore.toFixed(2)} before the benchmark (the load column includes its own server, anchor and wrk)`,
    '| server | model | request | req/s | p50 ms | p99 ms | rows/s | errors | × anchor req/s | × anchor rows/s | load |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of r.figures) {
    const a = f.server === 'trainyard' && f.request.startsWith('predict') ? anchorOf(f.rowsPerRequest) : undefined;
    const rowsPerSecond = f.wrk.requestsPerSecond * f.rowsPerRequest;
    const ratio = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(1)}×`);
    lines.push(
      `| ${f.server} | ${f.model} | ${f.request} | ${f.wrk.requestsPerSecond.toFixed(0)} | ${f.wrk.p50Ms.toFixed(2)} | ${f.wrk.p99Ms.toFixed(2)} | ${f.rowsPerRequest ? rowsPerSecond.toFixed(0) : '—'} | ${f.wrk.errors} | ` +
        `${ratio(a ? f.wrk.requestsPerSecond / a.wrk.requestsPerSecond : undefined)} | ${ratio(a ? rowsPerSecond / (a.wrk.requestsPerSecond * a.rowsPerRequest) : undefined)} | ${f.load.toFixed(2)} |`,
    );
  }
  const rec = r.figures.filter((f) => f.request.startsWith('recommend'));
  const best = Math.max(0, ...rec.map((f) => f.wrk.requestsPerSecond * f.rowsPerRequest));
  // anchors.md "Serving" measured the same anchor on a quiet machine: 296 req/s (1 row, 32 connections), 23k rows/s (100 rows, 8 connections).
  const published = r.figures
    .filter((f) => f.server === 'trainyard' && f.request.startsWith('predict'))
    .map((f) => `${f.model} ${f.rowsPerRequest} row${f.rowsPerRequest > 1 ? 's' : ''}: ${f.rowsPerRequest === 1 ? (f.wrk.requestsPerSecond / 296).toFixed(1) : ((f.wrk.requestsPerSecond * f.rowsPerRequest) / 23_200).toFixed(1)}×`);
  lines.push(`against the anchor's published figures (anchors.md: 296 req/s at 1 row, 23.2k rows/s at 100 rows): ${published.join(', ')}`);
  lines.push(`targets: 1-row ≥ 10× the anchor's req/s with p99 ≤ 20 ms; 100-row ≥ 10× its rows/s; ≥ 5,000 recommendations/s (best here: ${best.toFixed(0)}/s)`);
  return lines.join('\n');
}
