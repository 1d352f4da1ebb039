/** Runs the real `trainyard` binary in a child process, as a user would. */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Queue } from 'bullmq';
import pg from 'pg';
import { requireService, tcpProbe } from './test-services.js';
import { forgetWorkers } from '../execution/worker-presence.js';
import { repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (when `--json` was given). */
  json: any;
}

/**
 * The `trainyard` entry point the tests run: `bin/trainyard.js` (which loads `dist/`), or
 * `TRAINYARD_BIN` — for testing a build in another folder (e.g. a per-area `dist-*` build).
 */
export const TRAINYARD_BIN = process.env.TRAINYARD_BIN ?? join(repoRoot, 'bin', 'trainyard.js');

export function runCli(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [TRAINYARD_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const lines = r.stdout.trim().split('\n');
  let json: unknown = null;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    json = null;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

export function tempDir(prefix = 'trainyard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a spec file into `dir` and returns its path. */
export function writeSpec(dir: string, yaml: string, name = 'spec.yaml'): string {
  const p = join(dir, name);
  writeFileSync(p, yaml);
  return p;
}

export const TEST_REDIS = 'redis://127.0.0.1:6379';
export const TEST_PG = 'postgres://postgres@127.0.0.1:5432/test';

/** Removes `queue` from Redis with everything its workers left there (killed workers leave their own queues). */
export async function dropQueue(queue: string, redis = TEST_REDIS): Promise<void> {
  const q = new Queue(queue, { connection: { url: redis, maxRetriesPerRequest: 1 } });
  q.on('error', () => undefined);
  await q.obliterate({ force: true }).catch(() => undefined);
  await q.close().catch(() => undefined);
  await forgetWorkers(redis, queue);
}

/** A unique PostgreSQL schema (as a store URL) and queue name for one cluster test, and their clean-up. */
export function clusterScope(redis = TEST_REDIS): { schema: string; store: string; queue: string; cleanup(): Promise<void> } {
  const schema = `ty_cluster_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const queue = `ty-test-${schema}`;
  return {
    schema,
    store: `${TEST_PG}?schema=${schema}`,
    queue,
    async cleanup() {
      await dropQueue(queue, redis);
      const client = new pg.Client({ connectionString: TEST_PG });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** Starts `trainyard worker` as a child process (`bin` lets a test run another build of trainyard). */
export function startWorker(opts: { redis?: string; store: string; queue: string; bin?: string; args?: string[] }): ChildProcess & { stderrText: () => string } {
  const args = ['worker', '--redis', opts.redis ?? TEST_REDIS, '--store', opts.store, '--queue', opts.queue, ...(opts.args ?? [])];
  const child = spawn(process.execPath, [opts.bin ?? TRAINYARD_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return Object.assign(child, { stderrText: () => err });
}

/** A `trainyard worker` started in a process group of its own, which {@link ChaosWorker.kill9} can kill whole or in part. */
export type ChaosWorker = ChildProcess & {
  stderrText: () => string;
  /**
   * SIGKILLs the worker: `tree` its whole process tree at once (the process group: the command and
   * the single-threaded node it runs itself in, see `one-core.ts`), `top` only the process it was
   * started as (an operator's `kill -9 PID`; the node below must then exit with it).
   */
  kill9(how: 'tree' | 'top'): void;
};

/** Like {@link startWorker}, in a process group of its own, for tests that SIGKILL workers. */
export function startChaosWorker(opts: { redis: string; store: string; queue: string; args?: string[] }): ChaosWorker {
  const args = ['worker', '--redis', opts.redis, '--store', opts.store, '--queue', opts.queue, ...(opts.args ?? [])];
  const child = spawn(process.execPath, [TRAINYARD_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const kill9 = (how: 'tree' | 'top'): void => {
    try {
      if (how === 'tree') process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return Object.assign(child, { stderrText: () => err, kill9 });
}

/**
 * Starts a `redis-server` without persistence on `port` (a restart loses every key, as a Redis
 * without persistence does); resolves once it accepts connections.
 */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await tcpProbe('127.0.0.1', port, 200);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

/** Runs the CLI without blocking the event loop (so a test can act while it runs); `signal` SIGKILLs it. */
export function runCliAsync(args: string[], cwd = repoRoot, signal?: AbortSignal): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TRAINYARD_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
    child.on('error', () => undefined); // an abort; 'exit' follows
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => {
      const lines = stdout.trim().split('\n');
      let json: unknown = null;
      try {
        json = JSON.parse(lines[lines.length - 1]);
      } catch {
        json = null;
      }
      resolve({ status, stdout, stderr, json });
    });
  });
}

export const SHOPPERS_CSV = join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv');

/**
 * Writes a spec over the example shoppers data whose `select` block holds `candidates` (YAML list
 * lines) with `cv` folds and F1 selection — the shape most end-to-end tests need.
 */
export function writeShoppersSpec(dir: string, name: string, candidates: string, cv = 3): string {
  return writeSpec(
    dir,
    `name: ${name}
data: { source: ${SHOPPERS_CSV}, target: Revenue }
split: { test: 0.2, seed: 0 }
preprocess:
  categorical: { columns: [Month, VisitorType, Weekend, OperatingSystems, Browser, Region, TrafficType] }
select:
  cv: ${cv}
  metric: f1
  candidates:
${candidates}
`,
    `${name}-${Math.random().toString(36).slice(2)}.yaml`,
  );
}

/** 8 logistic-regression configurations (`C`) × 4 folds = 32 quick tasks: enough that a signal or a kill lands mid-run. */
export function writeThirtyTwoTaskSpec(dir: string, name: string, C = '[0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]'): string {
  return writeShoppersSpec(dir, name, `    - { model: logistic_regression, params: { C: ${C} } }`, 4);
}

/** Six LR + SVM configurations × 3 folds = 18 quick tasks. */
export const EIGHTEEN_TASKS = `    - { model: logistic_regression, params: { C: [0.01, 0.1, 1, 10] } }
    - { model: linear_svm, params: { C: [0.1, 1] } }`;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Task results stored so far in a cluster test's PostgreSQL schema (0 before the tables exist). */
export async function storedResultCount(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM "${schema}".task_results`).catch(() => ({ rows: [{ n: 0 }] }));
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

/** What {@link withTwoWorkers} hands its body: a temp folder, the cluster scope and the workers. */
export interface TwoWorkerCluster {
  dir: string;
  schema: string;
  store: string;
  queue: string;
  workers: (ChildProcess & { stderrText: () => string })[];
}

/**
 * Runs `body` with two `trainyard worker` processes on a fresh cluster scope (local Redis and
 * PostgreSQL; the test is skipped when either is down), then kills the workers and drops the scope.
 */
export async function withTwoWorkers(t: TestContext, body: (c: TwoWorkerCluster) => Promise<void>): Promise<void> {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const dir = tempDir();
  const { schema, store, queue, cleanup } = clusterScope();
  const workers = [startWorker({ store, queue }), startWorker({ store, queue })];
  try {
    await body({ dir, schema, store, queue, workers });
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await cleanup();
  }
}

/** Task results stored for run `runId` in a cluster test's PostgreSQL schema. */
export async function storedRunResultCount(schema: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM "${schema}".task_results WHERE run_id = $1`, [runId]);
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

const localRunArgs = (specPath: string, dir: string): string[] => ['run', specPath, '--store', join(dir, 'local.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet'];

/** A distributed run's `best` and `test` equal those of a local single-thread run of the same spec. */
export function assertSameAsLocalRun(cluster: CliResult, specPath: string, dir: string): void {
  assertSameFigures(cluster, runCli(localRunArgs(specPath, dir)));
}

/** The local single-thread run {@link assertSameAsLocalRun} compares with, started without waiting (e.g. alongside a cluster run). */
export function localRunAsync(specPath: string, dir: string): Promise<CliResult> {
  return runCliAsync(localRunArgs(specPath, dir));
}

/** A distributed run's `best` and `test` equal those of `local` (see {@link localRunAsync}). */
export function assertSameFigures(cluster: CliResult, local: CliResult): void {
  assert.equal(local.status, 0, local.stderr);
  assert.deepEqual(cluster.json.best, local.json.best);
  assert.deepEqual(cluster.json.test, local.json.test);
}
