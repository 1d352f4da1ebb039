/**
 * SIGINT / SIGTERM during `trainyard run` mid-cross-validation: exit 130 / 143, the run `interrupted`
 * in the store with its finished task results kept, no model folder (nor the hidden work folder),
 * stderr naming `--resume RUN_ID` — and that resume finishing with the figures of an uninterrupted run.
 * Worker threads (`--workers 2`), the inline executor (`--workers 1`) and a --cluster run on the real
 * Redis and PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { assertSameAsLocalRun, clusterScope, runCli, runCliAsync, startWorker, tempDir, TEST_PG, TEST_REDIS, TRAINYARD_BIN, writeShoppersSpec, writeThirtyTwoTaskSpec, type CliResult } from '../testing/cli.js';

/** 8 candidates × 4 folds: enough tasks that the signal lands mid-run however fast they are. */
const TASKS = 32;

function read<T>(store: string, sql: string): T[] {
  try {
    const db = new Database(store, { readonly: true, timeout: 5000 });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  } catch {
    return []; // the store or its tables do not exist yet
  }
}

const taskCount = (store: string): number => read<{ n: number }>(store, 'SELECT count(*) AS n FROM task_results')[0]?.n ?? 0;

let fresh: CliResult | undefined;
function uninterrupted(specPath: string, dir: string): CliResult {
  fresh ??= runCli(['run', specPath, '--store', join(dir, 'fresh.db'), '--out', join(dir, 'fresh-runs'), '--json', '--quiet']);
  assert.equal(fresh.status, 0, fresh.stderr);
  return fresh;
}

for (const [signal, code, workers] of [
  ['SIGINT', 130, '2'],
  ['SIGTERM', 143, '1'],
] as const) {
  test(`${signal} mid-CV (--workers ${workers}): exit ${code}, run interrupted with its finished tasks kept, no model folder; --resume completes it`, async () => {
    const dir = tempDir();
    const store = join(dir, 's.db');
    const out = join(dir, 'runs');
    const specPath = writeThirtyTwoTaskSpec(dir, 'signals');
    const child = spawn(process.execPath, [TRAINYARD_BIN, 'run', specPath, '--store', store, '--out', out, '--workers', workers], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (c, s) => r({ code: c, signal: s })));
    let n = 0;
    for (let i = 0; i < 1200 && n < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      n = taskCount(store);
    }
    assert.ok(n >= 3 && n < TASKS, `signalled after some tasks (${n})`);
    child.kill(signal);
    const status = await exited;
    assert.deepEqual(status, { code, signal: null }, stderr);

    const runs = read<{ id: string; status: string; error_code: string; error_message: string }>(store, 'SELECT id, status, error_code, error_message FROM runs');
    assert.equal(runs.length, 1);
    const [run] = runs;
    assert.equal(run.status, 'interrupted', `status in the store (stderr: ${stderr})`);
    assert.equal(run.error_code, signal);
    const kept = taskCount(store);
    assert.ok(kept >= n && kept < TASKS, `finished task results kept (${kept})`);
    assert.match(run.error_message, new RegExp(`${kept} tasks finished`));
    assert.deepEqual(existsSync(out) ? readdirSync(out) : [], [], 'no model folder, no hidden work folder');
    assert.match(stderr, new RegExp(`trainyard run .*\\.yaml .*--resume ${run.id}`));

    const resumed = runCli(['run', specPath, '--store', store, '--out', out, '--resume', run.id, '--json']);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`cv +${TASKS - kept} tasks \\(${kept} finished before the resume\\)`));
    const json = resumed.json as { runId: string; best: unknown; test: unknown };
    assert.equal(json.runId, run.id);
    assert.equal(read<{ status: string }>(store, 'SELECT status FROM runs')[0].status, 'finished');
    assert.equal(taskCount(store), TASKS);
    const reference = uninterrupted(specPath, dir).json as { best: unknown; test: unknown };
    assert.deepEqual(json.best, reference.best);
    assert.deepEqual(json.test, reference.test);
  });
}

async function pgRows<R>(schema: string, sql: string, args: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    return (await client.query(sql.replaceAll('{s}', `"${schema}"`), args)).rows as R[];
  } catch {
    return []; // the tables do not exist yet
  } finally {
    await client.end();
  }
}

test('SIGINT to a --cluster coordinator mid-search: exit 130, run interrupted in PostgreSQL; --resume completes it, each task counted once, figures of a local run', async () => {
  const dir = tempDir();
  const scope = clusterScope();
  // 5 MLP folds of over a second each: the signal lands with some stored and some not.
  const specPath = writeShoppersSpec(dir, 'cluster-signals', '    - { model: mlp, params: { hidden: [[32]], earlyStopping: true } }', 5);
  const worker = startWorker({ store: scope.store, queue: scope.queue });
  try {
    const out = join(dir, 'runs');
    const child = spawn(process.execPath, [TRAINYARD_BIN, 'run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (c, sig) => r({ code: c, signal: sig })));
    const stored = async (): Promise<number> => (await pgRows<{ n: number }>(scope.schema, 'SELECT count(*)::int AS n FROM {s}.task_results'))[0]?.n ?? 0;
    let n = 0;
    for (let i = 0; i < 1200 && n < 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      n = await stored();
    }
    assert.ok(n >= 1 && n < 5, `signalled after some tasks (${n})`);
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 130, signal: null }, stderr);
    const [run] = await pgRows<{ id: string; status: string; error_code: string }>(scope.schema, 'SELECT id, status, error_code FROM {s}.runs');
    assert.equal(run.status, 'interrupted', stderr);
    assert.equal(run.error_code, 'SIGINT');
    assert.match(stderr, new RegExp(`--resume ${run.id}`));
    assert.deepEqual(existsSync(out) ? readdirSync(out) : [], []);

    const resumed = await runCliAsync(['run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', out, '--resume', run.id, '--json', '--quiet']);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.equal((resumed.json as { runId: string }).runId, run.id);
    const ids = await pgRows<{ task_id: string }>(scope.schema, 'SELECT task_id FROM {s}.task_results WHERE run_id = $1', [run.id]);
    assert.deepEqual(ids.map((r) => r.task_id).sort(), ['c0.0/f0', 'c0.0/f1', 'c0.0/f2', 'c0.0/f3', 'c0.0/f4']);
    assertSameAsLocalRun(resumed, specPath, dir);
  } finally {
    worker.kill('SIGKILL');
    await scope.cleanup();
  }
});
