/**
 * Chaos test of the cluster against the real PostgreSQL store and a redis-server of its own: a
 * 200-task search (40 configurations × 5 folds) runs on three `trainyard worker` processes while,
 * at moments drawn from a seeded RNG, workers are SIGKILLed (replaced at once, so 2–3 stay alive) and
 * Redis is SIGKILLed and started again empty. No result may be lost or counted twice: the run exits 0,
 * the store holds exactly one result per task, and the figures equal those of a local run.
 *
 * The seed is printed (t.diagnostic, and in every failure message); `TRAINYARD_CHAOS_SEED=<n>` replays
 * a schedule.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { Rng } from '../../core/rng.js';
import { openStore } from '../../tracking/store.js';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { assertSameFigures, clusterScope, freePort, localRunAsync, runCliAsync, startChaosWorker, startRedisServer, TEST_PG, tempDir, writeShoppersSpec, type ChaosWorker } from '../../testing/cli.js';

/** 20 + 10 + 10 configurations × 5 folds: cheap models, so the kills, not the fits, take the time. */
const CANDIDATES = `    - { model: decision_tree, params: { maxDepth: [1, 2, 3, 4], minSamplesLeaf: [1, 5, 20, 50, 100] } }
    - { model: logistic_regression, params: { C: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30] } }
    - { model: naive_bayes, params: { varSmoothing: [1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3] } }`;
const CONFIGS = [20, 10, 10];
const FOLDS = 5;
const TASKS = CONFIGS.reduce((a, b) => a + b) * FOLDS;
const WORKERS = 3;
const KILLS = 8;
/** A killed worker's batch is taken over after about this long (the default 5 s would make the test slow, not stronger). */
const LOCK_MS = 1000;
/** A run that has not finished by then hangs (the chaos run takes 35–50 s on a loaded 2-core machine). */
const HANG_MS = 100_000;

async function haveServices(t: TestContext): Promise<boolean> {
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return false;
  return requireService(t, 'redis-server (binary)', () => new Promise((ok, fail) => spawn('redis-server', ['--version']).on('exit', (c) => (c === 0 ? ok(c) : fail(new Error(`exit ${c}`)))).on('error', fail)));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test(`cluster chaos: ${KILLS} worker SIGKILLs and a Redis restart during a ${TASKS}-task search lose and double-count no result; the figures equal a local run`, { timeout: 180_000 }, async (t) => {
  if (!(await haveServices(t))) return;
  const seed = Number(process.env.TRAINYARD_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  assert.ok(Number.isInteger(seed), `TRAINYARD_CHAOS_SEED must be an integer, got ${process.env.TRAINYARD_CHAOS_SEED}`);
  t.diagnostic(`chaos seed ${seed} (replay with TRAINYARD_CHAOS_SEED=${seed})`);
  const rng = new Rng(seed);
  // The schedule: each event fires once this many results are stored (then after a short random
  // delay), all before the end of the run: kills while the first batches start, mid-run and late.
  type Event = { after: number; delayMs: number; what: 'kill' | 'redis' };
  const events: Event[] = [
    ...Array.from({ length: KILLS }, (): Event => ({ after: rng.int(150), delayMs: rng.int(250), what: 'kill' })),
    { after: 50 + rng.int(80), delayMs: rng.int(250), what: 'redis' } as Event,
  ].sort((a, b) => a.after - b.after);

  const port = await freePort();
  const redis = `redis://127.0.0.1:${port}`;
  let server = await startRedisServer(port);
  const dir = tempDir();
  const scope = clusterScope(redis);
  const specPath = writeShoppersSpec(dir, 'chaos', CANDIDATES, FOLDS);
  const started: ChaosWorker[] = [];
  const startOne = (): ChaosWorker => {
    const w = startChaosWorker({ redis, store: scope.store, queue: scope.queue, args: ['--lock-ms', String(LOCK_MS)] });
    started.push(w);
    return w;
  };
  const alive = Array.from({ length: WORKERS }, startOne);
  const db = new pg.Client({ connectionString: TEST_PG });
  await db.connect();
  const stored = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM "${scope.schema}".task_results`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n as number;
  const log: string[] = [];
  const hang = new AbortController();
  const t0 = Date.now();
  try {
    let finished = false;
    const run = runCliAsync(['run', specPath, '--cluster', redis, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet'], undefined, hang.signal).finally(() => (finished = true));
    // The reference run computes meanwhile: the cluster mostly waits for locks to expire and workers to start.
    const local = localRunAsync(specPath, dir);
    const hangTimer = setTimeout(() => hang.abort(), HANG_MS);
    const ready = (w: ChaosWorker): boolean => w.stderrText().includes(' waiting for tasks on ');
    let kills = 0;
    let restarts = 0;
    for (const e of events) {
      let n = await stored();
      while (!finished && n < e.after) {
        await sleep(50);
        n = await stored();
      }
      if (finished) break;
      await sleep(e.delayMs);
      const at = async (): Promise<string> => `${((Date.now() - t0) / 1000).toFixed(1)} s, ${await stored()}/${TASKS} stored`;
      if (e.what === 'kill') {
        // A worker that has started (and so may hold a batch), not one still loading.
        while (!finished && !alive.some(ready)) await sleep(50);
        if (finished) break;
        const candidates = alive.flatMap((w, i) => (ready(w) ? [i] : []));
        const i = candidates[rng.int(candidates.length)];
        const how = rng.random() < 0.5 ? 'tree' : 'top';
        alive[i].kill9(how);
        alive[i] = startOne();
        kills++;
        log.push(`${await at()}: SIGKILL worker ${i} (${how === 'tree' ? 'its process tree' : 'the top process only'}), replacement started`);
      } else {
        server.kill('SIGKILL');
        await new Promise((r) => server.once('exit', r));
        server = await startRedisServer(port);
        restarts++;
        log.push(`${await at()}: SIGKILL redis-server, restarted empty`);
      }
    }
    const cluster = await run;
    clearTimeout(hangTimer);
    const seconds = (Date.now() - t0) / 1000;
    const why = (): string =>
      `seed ${seed}\nschedule:\n  ${log.join('\n  ')}\ncoordinator stderr:\n${cluster.stderr}\nworker logs:\n${started.map((w, i) => `--- worker process ${i}\n${w.stderrText().split('\n').slice(-15).join('\n')}`).join('\n')}`;
    assert.ok(!hang.signal.aborted, `the run hung: not finished after ${HANG_MS / 1000} s\n${why()}`);
    assert.equal(cluster.status, 0, why());
    assert.equal(kills, KILLS, `the run finished before every kill\n${why()}`);
    assert.equal(restarts, 1, `the run finished before the Redis restart\n${why()}`);

    // Exactly one result per task, every one a result (no failure), read from the table itself.
    const rows = (await db.query(`SELECT task_id, result FROM "${scope.schema}".task_results WHERE run_id = $1`, [cluster.json.runId])).rows as { task_id: string; result: { error?: unknown; score?: number } }[];
    const expected = CONFIGS.flatMap((n, c) => Array.from({ length: n }, (_, j) => Array.from({ length: FOLDS }, (_, f) => `c${c}.${j}/f${f}`)).flat());
    const ids = rows.map((r) => r.task_id);
    const lost = expected.filter((id) => !ids.includes(id));
    const doubled = ids.length - new Set(ids).size;
    const strangers = [...new Set(ids)].filter((id) => !expected.includes(id));
    t.diagnostic(`${kills} worker kills and ${restarts} Redis restart survived in ${seconds.toFixed(1)} s; results lost: ${lost.length}, doubled: ${doubled}`);
    for (const line of log) t.diagnostic(line);
    assert.deepEqual({ lost, doubled, strangers }, { lost: [], doubled: 0, strangers: [] }, why());
    assert.equal(rows.length, TASKS);
    assert.deepEqual(rows.filter((r) => r.result.error !== undefined).map((r) => r.task_id), [], `tasks stored as failed\n${why()}`);
    const all = (await db.query(`SELECT count(*)::int AS n FROM "${scope.schema}".task_results`)).rows[0].n as number;
    assert.equal(all, TASKS, 'results of no other run');
    const status = (await db.query(`SELECT status FROM "${scope.schema}".runs WHERE id = $1`, [cluster.json.runId])).rows[0]?.status;
    assert.equal(status, 'finished');
    // Tasks run more than once (a killed worker's unflushed work, a batch re-enqueued after the restart) still count once.
    const done = started.flatMap((w) => [...w.stderrText().matchAll(/ task \S+ (c\S+) done/g)].map((m) => m[1]));
    t.diagnostic(`task runs logged: ${done.length} for ${TASKS} tasks (re-runs after kills count once)`);
    // The figures: best and test, and each of the 200 stored CV scores, equal those of the local run.
    const localRun = await local;
    assertSameFigures(cluster, localRun);
    const localStore = await openStore(join(dir, 'local.db'));
    const localScores = new Map((await localStore.getTaskResults(localRun.json.runId)).map((r) => [r.taskId, (r.result as { score: number }).score]));
    await localStore.close();
    assert.equal(localScores.size, TASKS);
    assert.deepEqual(new Map(rows.map((r) => [r.task_id, r.result.score])), localScores, `stored CV scores differ from the local run's\n${why()}`);
  } finally {
    hang.abort();
    for (const w of started) w.kill9('tree');
    await db.end();
    await scope.cleanup();
    server.kill('SIGKILL');
  }
});
