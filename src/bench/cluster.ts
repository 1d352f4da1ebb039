/**
 * `npm run bench:cluster`: what distribution costs and buys, measured on the local Redis and
 * PostgreSQL with `trainyard worker` processes —
 * 1. per-task overhead: many tiny CV tasks through Redis vs the same tasks inline;
 * 2. speed-up of a 5-fold × 24-candidate search with 1, 2 and 4 worker processes;
 * 3. data-parallel logistic regression (4 partitions) vs the single-process fit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { ClusterExecutor } from '../experiment/cluster-executor.js';
import { fitLogisticRegressionDataParallel } from '../experiment/data-parallel-logistic.js';
import { InlineExecutor, type Executor } from '../experiment/executor.js';
import { runExperiment } from '../experiment/run-experiment.js';
import { validateSpec } from '../experiment/spec.js';
import { rocAucScore } from '../metrics/index.js';
import { LogisticRegression } from '../models/linear/logistic-regression.js';
import { openStore } from '../tracking/store.js';
import { repoRoot } from '../testing/paths.js';

const REDIS = process.env.TRAINYARD_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const PG = process.env.TRAINYARD_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Scope {
  store: string;
  queue: string;
  workers: ChildProcess[];
}

function startWorkers(n: number, scope: Scope): void {
  for (let i = 0; i < n; i++) {
    scope.workers.push(spawn(process.execPath, [join(repoRoot, 'bin/trainyard.js'), 'worker', '--redis', REDIS, '--store', scope.store, '--queue', scope.queue, '--quiet'], { stdio: 'ignore' }));
  }
}

async function withScope<T>(name: string, fn: (s: Scope) => Promise<T>): Promise<T> {
  const schema = `ty_bench_${name}_${process.pid}`;
  const scope: Scope = { store: `${PG}?schema=${schema}`, queue: `ty-bench-${schema}`, workers: [] };
  try {
    return await fn(scope);
  } finally {
    for (const w of scope.workers) w.kill('SIGKILL');
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/** Wall seconds of a whole `run`, and of its cross-validation stage alone (what the executor does). */
async function timeRun(spec: Record<string, unknown>, dir: string, executor: Executor, store: string): Promise<{ seconds: number; cvSeconds: number }> {
  const t = performance.now();
  const r = await runExperiment({ spec: validateSpec(spec), baseDir: dir, file: 'bench.yaml' }, { store, outDir: join(dir, 'runs'), executor });
  const report = JSON.parse(readFileSync(join(r.reportPath, '..', 'report.json'), 'utf8')) as { durations: { cv: number } };
  return { seconds: (performance.now() - t) / 1000, cvSeconds: report.durations.cv };
}

function tinyCsv(dir: string): string {
  const rng = new Rng(1);
  const lines = ['a,b,y'];
  for (let i = 0; i < 60; i++) lines.push(`${rng.normal().toFixed(3)},${rng.normal().toFixed(3)},${i % 2}`);
  const file = join(dir, 'tiny.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export async function benchCluster(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-bench-cluster-'));
  const out: Record<string, unknown> = { date: new Date().toISOString(), cores: availableParallelism(), loadAverage: loadavg()[0] };

  // 1. Per-task overhead: 200 tiny tasks (40 configurations × 5 folds of a 60-row problem).
  const tiny = {
    name: 'tiny',
    data: { source: tinyCsv(dir), target: 'y' },
    select: { cv: 5, candidates: [{ model: 'logistic_regression', params: { C: Array.from({ length: 40 }, (_, i) => 0.01 * (i + 1)) } }] },
  };
  const inline = await timeRun(tiny, dir, new InlineExecutor(), join(dir, 'inline.db'));
  const cluster = await withScope('tiny', async (s) => {
    startWorkers(2, s);
    await new Promise((r) => setTimeout(r, 1500)); // workers connect
    return timeRun(tiny, dir, new ClusterExecutor({ redisUrl: REDIS, queue: s.queue, pollMs: 20 }), s.store);
  });
  const tasks = 200;
  // Overhead: the cluster's CV stage beyond the inline compute shared by 2 workers.
  const overheadMs = ((cluster.cvSeconds - inline.cvSeconds / 2) / tasks) * 1000;
  out.tinyTasks = { tasks, inlineCvSeconds: inline.cvSeconds, clusterCvSeconds: cluster.cvSeconds, tasksPerSecond: tasks / cluster.cvSeconds, overheadMsPerTask: overheadMs };
  console.log(`tiny tasks: ${tasks} through Redis with 2 workers in ${cluster.cvSeconds.toFixed(2)} s (${(tasks / cluster.cvSeconds).toFixed(0)} tasks/s); inline ${inline.cvSeconds.toFixed(2)} s; overhead ≈ ${overheadMs.toFixed(1)} ms/task (target ≤ 5)`);

  // 2. Speed-up of a 5-fold × 24-candidate search on online-shoppers.
  const search = {
    name: 'search',
    data: { source: join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv'), target: 'Revenue' },
    preprocess: { categorical: { columns: ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] } },
    select: { cv: 5, metric: 'f1', candidates: [{ model: 'logistic_regression', params: { C: Array.from({ length: 24 }, (_, i) => 10 ** (-3 + i / 5)) } }] },
  };
  const speedup: Record<string, number> = {};
  for (const n of [1, 2, 4]) {
    speedup[n] = (
      await withScope(`search${n}`, async (s) => {
        startWorkers(n, s);
        await new Promise((r) => setTimeout(r, 1500));
        return timeRun(search, dir, new ClusterExecutor({ redisUrl: REDIS, queue: s.queue }), s.store);
      })
    ).cvSeconds;
    console.log(`search 24 × 5 folds (CV stage) with ${n} worker process(es): ${speedup[n].toFixed(2)} s (speed-up ${(speedup[1] / speedup[n]).toFixed(2)}×, efficiency per core ${(speedup[1] / speedup[n] / Math.min(n, availableParallelism())).toFixed(2)})`);
  }
  out.search = { seconds: speedup, speedup2: speedup[1] / speedup[2], speedup4: speedup[1] / speedup[4] };

  // 3. Data-parallel logistic regression: 200k × 40 over 4 partitions vs one process.
  const rng = new Rng(7);
  const n = 250_000, d = 40;
  const w = Float64Array.from({ length: d }, () => rng.normal());
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += w[j] * (X.data[i * d + j] = rng.normal());
    y[i] = rng.random() < 1 / (1 + Math.exp(-z / 3)) ? 1 : 0;
  }
  const trainIdx = Int32Array.from({ length: 200_000 }, (_, i) => i);
  const testIdx = Int32Array.from({ length: 50_000 }, (_, i) => 200_000 + i);
  const Xtr = X.takeRows(trainIdx), ytr = y.slice(0, 200_000), Xte = X.takeRows(testIdx), yte = y.slice(200_000);
  let t = performance.now();
  const single = new LogisticRegression({ C: 1 }).fit(Xtr, ytr);
  const singleSeconds = (performance.now() - t) / 1000;
  const dp = await withScope('dp', async (s) => {
    startWorkers(4, s);
    await new Promise((r) => setTimeout(r, 1500));
    const store = await openStore(s.store);
    try {
      t = performance.now();
      const m = await fitLogisticRegressionDataParallel(Xtr, ytr, { C: 1 }, { redisUrl: REDIS, store, partitions: 4, runId: `bench-${process.pid}`, queue: s.queue });
      return { model: m, seconds: (performance.now() - t) / 1000 };
    } finally {
      await store.close();
    }
  });
  const aucSingle = rocAucScore(yte, single.predictProba(Xte).column(1));
  const aucDp = rocAucScore(yte, dp.model.predictProba(Xte).column(1));
  out.dataParallel = { rows: 200_000, cols: d, partitions: 4, singleSeconds, dataParallelSeconds: dp.seconds, aucSingle, aucDataParallel: aucDp };
  console.log(`data-parallel LR 200k×40, 4 partitions: ${dp.seconds.toFixed(2)} s vs single process ${singleSeconds.toFixed(2)} s; AUC ${aucDp.toFixed(5)} vs ${aucSingle.toFixed(5)}`);
  return out;
}
