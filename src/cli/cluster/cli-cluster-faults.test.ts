/**
 * Cluster fault tolerance against the real Redis and PostgreSQL: a worker killed mid-task, a task that
 * always fails, a worker of another trainyard version, and tasks that outlast their lock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { repoRoot } from '../../testing/paths.js';
import { assertSameAsLocalRun, clusterScope, runCliAsync, startWorker, tempDir, TEST_PG, TEST_REDIS, writeShoppersSpec } from '../../testing/cli.js';


function spec(dir: string, candidates: string, cv = 3): string {
  return writeShoppersSpec(dir, 'faults', candidates, cv);
}

async function services(t: Parameters<typeof requireService>[0]): Promise<boolean> {
  return (await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379))) && (await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)));
}

async function storeQuery<R>(schema: string, sql: string, args: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    return (await client.query(sql.replaceAll('{s}', `"${schema}"`), args)).rows as R[];
  } finally {
    await client.end();
  }
}

test('a worker SIGKILLed mid-batch: another worker runs the rest of its batch, finished tasks are not run again, each counts once, figures match a local run', async (t) => {
  if (!(await services(t))) return;
  const dir = tempDir();
  const scope = clusterScope();
  // 5 folds go in batches of 2, 1, 1, 1; a fold takes over a second, so each result is stored as it finishes.
  const specPath = spec(dir, '    - { model: mlp, params: { hidden: [[32]], earlyStopping: true } }', 5);
  const first = startWorker({ store: scope.store, queue: scope.queue });
  const workers = [first];
  try {
    const run = runCliAsync(['run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    const storedIds = async (): Promise<string[]> => (await storeQuery<{ task_id: string }>(scope.schema, 'SELECT task_id FROM {s}.task_results').catch(() => [])).map((r) => r.task_id);
    let before: string[] = [];
    for (let i = 0; i < 1200 && before.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      before = await storedIds();
    }
    first.kill('SIGKILL');
    before = await storedIds();
    assert.ok(before.length > 0 && before.length < 5, `killed after ${before.length} stored results`);
    const second = startWorker({ store: scope.store, queue: scope.queue });
    workers.push(second);
    const cluster = await run;
    assert.equal(cluster.status, 0, cluster.stderr);
    assertSameAsLocalRun(cluster, specPath, dir);
    const rows = await storeQuery<{ task_id: string }>(scope.schema, 'SELECT task_id FROM {s}.task_results WHERE run_id = $1', [cluster.json.runId]);
    assert.deepEqual(rows.map((r) => r.task_id).sort(), ['c0.0/f0', 'c0.0/f1', 'c0.0/f2', 'c0.0/f3', 'c0.0/f4']);
    await new Promise((r) => setTimeout(r, 200));
    const rerun = before.filter((id) => second.stderrText().includes(` ${id} done`));
    assert.deepEqual(rerun, [], `the second worker ran again what the first had stored:\n${second.stderrText()}`);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
  }
});

test('a task that always fails: failed after its attempts with its error in the run; the other tasks, those of its batch too, finish once', async (t) => {
  if (!(await services(t))) return;
  const dir = tempDir();
  const scope = clusterScope();
  // C = -1 passes the plan (a known parameter) but every fit refuses it. 12 tasks for 2 workers go in
  // batches of 3, 3, 2, 1, …: the first holds both failing folds and then a good one.
  const specPath = spec(dir, '    - { model: logistic_regression, params: { C: [-1, 1, 2, 3, 4, 5] } }', 2);
  const workers = [startWorker({ store: scope.store, queue: scope.queue }), startWorker({ store: scope.store, queue: scope.queue })];
  try {
    const r = await runCliAsync(['run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    assert.equal(r.status, 5, r.stderr);
    assert.match(r.stderr, /2 of 12 tasks failed after 3 attempts; first: task c0\.0\/f0: .*parameter 'C' must be a number > 0, got -1/);
    const runs = await storeQuery<{ status: string; error_code: string; error_message: string }>(scope.schema, 'SELECT status, error_code, error_message FROM {s}.runs');
    assert.equal(runs.length, 1);
    assert.equal(runs[0].status, 'failed');
    assert.equal(runs[0].error_code, 'E_INVALID_PARAM');
    const results = await storeQuery<{ task_id: string; attempt: number; result: { score?: number; error?: unknown; attempts?: number } }>(scope.schema, 'SELECT task_id, attempt, result FROM {s}.task_results ORDER BY task_id');
    assert.deepEqual(
      results.map((x) => [x.task_id, typeof x.result.score === 'number' ? `ok@${x.attempt}` : `failed×${x.result.attempts}`]),
      [['c0.0/f0', 'failed×3'], ['c0.0/f1', 'failed×3'], ...['c0.1', 'c0.2', 'c0.3', 'c0.4', 'c0.5'].flatMap((c) => [[`${c}/f0`, 'ok@1'], [`${c}/f1`, 'ok@1']])],
    );
    // The failing batch's good task ran on its first attempt only: its retries skipped it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = workers.map((w) => w.stderrText()).join('');
    assert.equal(log.match(/ c0\.1\/f0 done/g)?.length, 1, log);
    assert.equal(log.match(/failed \(attempt 3\/3\)/g)?.length, 1, log);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
  }
});

test('a worker of another trainyard version is refused with a clear error and takes no attempt', async (t) => {
  if (!(await services(t))) return;
  const dir = tempDir();
  const scope = clusterScope();
  // Another "install": the same build with a different version in its package.json.
  const other = join(dir, 'other-install');
  mkdirSync(other);
  cpSync(join(repoRoot, 'dist'), join(other, 'dist'), { recursive: true });
  cpSync(join(repoRoot, 'bin'), join(other, 'bin'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(other, 'node_modules'));
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  writeFileSync(join(other, 'package.json'), JSON.stringify({ ...pkg, version: '0.0.0-other' }));
  const stranger = startWorker({ store: scope.store, queue: scope.queue, bin: join(other, 'bin', 'trainyard.js') });
  const workers = [stranger];
  try {
    const specPath = spec(dir, '    - { model: logistic_regression }', 2);
    const run = runCliAsync(['run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    const code = await new Promise<number | null>((r) => stranger.once('exit', r));
    assert.notEqual(code, 0);
    assert.match(stranger.stderrText(), /this worker runs trainyard 0\.0\.0-other but run \S+ was submitted by trainyard \d+\.\d+\.\d+; install the same version on every machine/);
    workers.push(startWorker({ store: scope.store, queue: scope.queue }));
    const r = await run;
    assert.equal(r.status, 0, r.stderr);
    const attempts = await storeQuery<{ attempt: number }>(scope.schema, 'SELECT attempt FROM {s}.task_results');
    assert.deepEqual(attempts.map((a) => a.attempt), [1, 1]);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
  }
});

test('tasks longer than the job lock run once each: the worker keeps renewing its locks while a task computes', async (t) => {
  if (!(await services(t))) return;
  const dir = tempDir();
  const scope = clusterScope();
  // ~1 s per fold against a 300 ms lock: a worker whose main thread computed would lose its lock
  // mid-task and the other worker would run the same fold again.
  const specPath = spec(dir, '    - { model: mlp, params: { hidden: [[128, 128]], epochs: 8, earlyStopping: false } }', 4);
  const workers = [0, 1].map(() => startWorker({ store: scope.store, queue: scope.queue, args: ['--lock-ms', '300'] }));
  try {
    const run = await runCliAsync(['run', specPath, '--cluster', TEST_REDIS, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    assert.equal(run.status, 0, run.stderr);
    const log = workers.map((w) => w.stderrText()).join('');
    const runs = [...log.matchAll(/task \S+ (c\S+) done/g)].map((m) => m[1]).sort();
    assert.deepEqual(runs, ['c0.0/f0', 'c0.0/f1', 'c0.0/f2', 'c0.0/f3'], log);
    assert.doesNotMatch(log, /failed/);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await scope.cleanup();
  }
});
