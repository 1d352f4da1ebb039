/**
 * `npm run bench:cluster`: what distribution costs and buys, measured on the local Redis and
 * PostgreSQL with `trainyard worker` processes —
 * 1. per-task overhead: many tiny CV tasks through Redis vs the same tasks inline;
 * 2. speed-up of a 5-fold × 24-candidate search with 1, 2 and 4 worker processes;
 * 3. data-parallel logistic regression, MLP and gradient boosting on the 1M×40 synthetic set over 4
 *    worker processes vs the single-process fits (`cluster-data-parallel.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { forgetWorkers, liveWorkers } from '../../execution/worker-presence.js';
import pg from 'pg';
import { Rng } from '../../core/rng.js';
import { ClusterExecutor } from '../../experiment/cluster-executor.js';
import { InlineExecutor, type Executor } from '../../experiment/executor.js';
import { runExperiment } from '../../experiment/run.js';
import { validateSpec } from '../../experiment/spec/spec.js';
import { repoRoot } from '../../testing/paths.js';
import { benchDataParallel } from './cluster-data-parallel.js';

const REDIS = process.env.TRAINYARD_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const PG = process.env.TRAINYARD_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The `trainyard` entry point the workers run (`TRAINYARD_BIN` benchmarks another build). */
const BIN = process.env.TRAINYARD_BIN ?? join(repoRoot, 'bin/trainyard.js');

interface Scope {
  store: string;
  queue: string;
  workers: ChildProcess[];
}

/** Starts `n` workers and resolves once all have announced themselves — started, code loaded — so timings exclude their boot. */
async function startWorkers(n: number, scope: Scope): Promise<void> {
  for (let i = 0; i < n; i++) {
    scope.workers.push(spawn(process.execPath, [BIN, 'worker', '--redis', REDIS, '--store', scope.store, '--queue', scope.queue, '--quiet'], { stdio: 'ignore' }));
  }
  const redis = new Redis(REDIS);
  try {
    for (const deadline = Date.now() + 60_000; (await liveWorkers(redis, scope.queue)).length < n; ) {
      if (Date.now() > deadline) throw new Error(`bench: ${n} workers did not come up on ${scope.queue} within 60 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    redis.disconnect();
  }
}

async function withScope<T>(name: string, fn: (s: Scope) => Promise<T>): Promise<T> {
  const schema = `ty_bench_${name}_${process.pid}`;
  const scope: Scope = { store: `${PG}?schema=${schema}`, queue: `ty-bench-${schema}`, workers: [] };
  try {
    return await fn(scope);
  } finally {
    for (const w of scope.workers) w.kill('SIGKILL');
    // Jobs and events of the scope's queue would otherwise stay in Redis.
    const queue = new Queue(scope.queue, { connection: { url: REDIS, maxRetriesPerRequest: 1 } });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await forgetWorkers(REDIS, scope.queue);
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/**
 * Seconds to compute a search's CV tasks split over `shares` plain processes started together (no queue,
 * store or coordinator): the slowest share's compute time.
 */
async function timeShared(spec: Record<string, unknown>, shares: number): Promise<number> {
  const children = Array.from({ length: shares }, (_, part) =>
    spawn(process.execPath, ['--single-threaded', join(repoRoot, 'dist/bench/cluster/search-share-child.js'), JSON.stringify(spec), String(part), String(shares)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((c) => createInterface({ input: c.stdout! }));
  // The next line child i prints; a child that exits first fails the bench.
  const nextLine = (i: number): Promise<string> =>
    new Promise((resolve, reject) => {
      outputs[i].once('line', resolve);
      children[i].once('exit', (code) => reject(new Error(`bench: search share ${i} exited with ${code}`)));
    });
  await Promise.all(children.map((_, i) => nextLine(i))); // 'ready': every share has loaded and planned
  const done = children.map((_, i) => nextLine(i));
  for (const c of children) c.stdin!.write('go\n');
  return Math.max(...(await Promise.all(done)).map((line) => (JSON.parse(line) as { seconds: number }).seconds));
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

/** The benchmark's sections; `npm run bench:cluster -- search` runs only the ones named. */
export const CLUSTER_SECTIONS = ['overhead', 'search', 'data-parallel'] as const;
export type ClusterSection = (typeof CLUSTER_SECTIONS)[number];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

export async function benchCluster(sections: readonly ClusterSection[] = CLUSTER_SECTIONS): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-bench-cluster-'));
  const out: Record<string, unknown> = { date: new Date().toISOString(), cores: availableParallelism(), loadAverage: loadavg()[0] };
  if (sections.includes('overhead')) out.tinyTasks = await benchOverhead(dir);
  if (sections.includes('search')) out.search = await benchSearch(dir);
  // 3. Data-parallel LR, MLP and GBDT on the 1M×40 synthetic set, 4 partitions on 4 workers, vs one process.
  if (sections.includes('data-parallel')) {
    out.dataParallel = await benchDataParallel(
      (name, workers, fn) =>
        withScope(name, async (s) => {
          await startWorkers(workers, s);
          return fn(s);
        }),
      REDIS,
    );
  }
  return out;
}

/** 1. Per-task overhead: 200 tiny tasks (40 configurations × 5 folds of a 60-row problem). */
async function benchOverhead(dir: string): Promise<Record<string, number>> {
  const tiny = {
    name: 'tiny',
    data: { source: tinyCsv(dir), target: 'y' },
    select: { cv: 5, candidates: [{ model: 'logistic_regression', params: { C: Array.from({ length: 40 }, (_, i) => 0.01 * (i + 1)) } }] },
  };
  const inline = await timeRun(tiny, dir, new InlineExecutor(), join(dir, 'inline.db'));
  const cluster = await withScope('tiny', async (s) => {
    await startWorkers(2, s);
    return timeRun(tiny, dir, new ClusterExecutor({ redisUrl: REDIS, queue: s.queue }), s.store);
  });
  const tasks = 200;
  // Overhead: the cluster's CV stage beyond the inline compute shared by 2 workers.
  const overheadMs = ((cluster.cvSeconds - inline.cvSeconds / 2) / tasks) * 1000;
  console.log(`tiny tasks: ${tasks} through Redis with 2 workers in ${cluster.cvSeconds.toFixed(2)} s (${(tasks / cluster.cvSeconds).toFixed(0)} tasks/s); inline ${inline.cvSeconds.toFixed(2)} s; overhead ≈ ${overheadMs.toFixed(1)} ms/task (target ≤ 5)`);
  return { tasks, inlineCvSeconds: inline.cvSeconds, clusterCvSeconds: cluster.cvSeconds, tasksPerSecond: tasks / cluster.cvSeconds, overheadMsPerTask: overheadMs };
}

/**
 * 2. Speed-up of a 5-fold × 24-candidate search on online-shoppers with 1, 2 and 4 worker processes;
 * each is timed 5 times (fresh workers and store each time). The repetitions interleave (1, 2, 4, 1,
 * 2, 4, …) because this machine's speed drifts by a tenth within minutes: the speed-up is the median
 * of the 5 ratios of runs made side by side (the 1-worker run and the n-worker run of one repetition),
 * and the ratio of the medians, which mixes runs minutes apart, is reported beside it. Each repetition
 * also times the same tasks in 1 and in 2 plain processes with nothing between them (no Redis, store
 * or coordinator): their ratio is the ceiling of the 2-worker speed-up on this machine.
 */
async function benchSearch(dir: string): Promise<Record<string, unknown>> {
  const search = {
    name: 'search',
    data: { source: join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv'), target: 'Revenue' },
    preprocess: { categorical: { columns: ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] } },
    select: { cv: 5, metric: 'f1', candidates: [{ model: 'logistic_regression', params: { C: Array.from({ length: 24 }, (_, i) => 10 ** (-3 + i / 5)) } }] },
  };
  const counts = [1, 2, 4];
  const seconds: Record<string, number> = {};
  const runs: Record<string, number[]> = Object.fromEntries(counts.map((n) => [n, []]));
  const plain: Record<string, number[]> = { 1: [], 2: [] };
  for (let rep = 0; rep < 5; rep++) {
    for (const n of counts) {
      const { cvSeconds } = await withScope(`search${n}_${rep}`, async (s) => {
        await startWorkers(n, s);
        return timeRun(search, dir, new ClusterExecutor({ redisUrl: REDIS, queue: s.queue }), s.store);
      });
      runs[n].push(cvSeconds);
    }
    plain[1].push(await timeShared(search, 1));
    plain[2].push(await timeShared(search, 2));
  }
  const speedups: Record<string, number> = {};
  for (const n of counts) {
    seconds[n] = median(runs[n]);
    speedups[n] = median(runs[n].map((t, rep) => runs[1][rep] / t));
    console.log(
      `search 24 × 5 folds (CV stage) with ${n} worker process(es): ${seconds[n].toFixed(2)} s, median of ${runs[n].map((x) => x.toFixed(2)).join(' / ')} ` +
        `(speed-up ${speedups[n].toFixed(2)}×, ratio of medians ${(seconds[1] / seconds[n]).toFixed(2)}×, efficiency per core ${(speedups[n] / Math.min(n, availableParallelism())).toFixed(2)}${n === 2 ? '; target ≥ 1.8×' : ''})`,
    );
  }
  const ceiling = median(plain[2].map((t, rep) => plain[1][rep] / t));
  // What the queue, store and coordinator cost: 2 workers' time over 2 plain processes' time, pair by pair.
  const clusterOverPlain2 = median(runs[2].map((t, rep) => t / plain[2][rep]));
  console.log(
    `the same tasks in plain processes, no cluster: 1 process ${median(plain[1]).toFixed(2)} s, 2 processes ${median(plain[2]).toFixed(2)} s ` +
      `(median of ${plain[2].map((x) => x.toFixed(2)).join(' / ')}): speed-up ${ceiling.toFixed(2)}×, the ceiling for 2 workers on this machine; ` +
      `2 workers take ${clusterOverPlain2.toFixed(3)}× the time of 2 plain processes`,
  );
  return { seconds, runs, speedup2: speedups[2], speedup4: speedups[4], ratioOfMedians2: seconds[1] / seconds[2], ratioOfMedians4: seconds[1] / seconds[4], plain, plainSpeedup2: ceiling, clusterOverPlain2 };
}
