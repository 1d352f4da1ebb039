/**
 * A `trainyard worker`'s process tree never outlives the worker. The command re-runs itself in a child
 * node (`--single-threaded`, see one-core.ts): that child must go when its parent goes — signalled
 * together with its whole process group (a terminal's Ctrl-C, a process manager stopping a wrapper such
 * as npx); killed with SIGKILL is cli-cluster.test.ts's — and a worker whose store disappears exits
 * with E_STORE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { dropQueue, tempDir, TEST_PG, TEST_REDIS, TRAINYARD_BIN } from '../../testing/cli.js';

interface StartedWorker {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stderr: () => string;
  queue: string;
}

/** Starts `trainyard worker` in a process group of its own (as a wrapper or process manager would) and waits until it takes tasks. */
async function startWorker(store: string, extraEnv: Record<string, string> = {}): Promise<StartedWorker> {
  const queue = `lifecycle-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const proc = spawn(process.execPath, [TRAINYARD_BIN, 'worker', '--redis', TEST_REDIS, '--store', store, '--queue', queue], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: { ...process.env, ...extraEnv },
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  for (let i = 0; i < 600 && !/waiting for tasks/.test(err); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(err, /waiting for tasks/, 'the worker started');
  return { proc, exited, stderr: () => err, queue };
}

/** Pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (let t = 0; t < withinMs; t += 50) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

test('the worker process killed while its child is still starting: the child exits too', async () => {
  const dir = tempDir();
  const queue = `lifecycle-${process.pid}-early`;
  const proc = spawn(process.execPath, [TRAINYARD_BIN, 'worker', '--redis', TEST_REDIS, '--store', join(dir, 's.db'), '--queue', queue, '--quiet'], { stdio: 'ignore', detached: true });
  let child = 0;
  for (let i = 0; i < 1000 && !child; i++) {
    [child] = childrenOf(proc.pid!);
    if (!child) await new Promise((r) => setTimeout(r, 10));
  }
  try {
    assert.ok(child, 'the worker started its child');
    proc.kill('SIGKILL'); // before the child has loaded the CLI, let alone watched its parent
    assert.ok(await gone(child, 5000), `child ${child} still alive 5 s after its parent was killed`);
  } finally {
    for (const pid of [proc.pid!, child]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    await dropQueue(queue);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to the worker's whole process group: one clean shutdown (exit 0), no process left`, async () => {
    const dir = tempDir();
    const w = await startWorker(join(dir, 's.db'));
    const [child] = childrenOf(w.proc.pid!);
    try {
      assert.ok(child, 'the worker runs in a child node');
      process.kill(-w.proc.pid!, signal); // as a terminal's Ctrl-C or `kill -- -PGID` does
      assert.deepEqual(await w.exited, { code: 0, signal: null }, w.stderr());
      assert.ok(await gone(child, 5000), `child ${child} outlived its parent`);
    } finally {
      for (const pid of [w.proc.pid!, child]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      await dropQueue(w.queue);
    }
  });
}

test('a worker whose SQLite store file is removed exits with E_STORE (9) instead of waiting for tasks', async () => {
  const dir = tempDir();
  const store = join(dir, 's.db');
  const w = await startWorker(store);
  const [child] = childrenOf(w.proc.pid!);
  try {
    for (const f of [store, `${store}-wal`, `${store}-shm`]) rmSync(f, { force: true });
    const result = await Promise.race([w.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    assert.deepEqual(result, { code: 9, signal: null }, w.stderr());
    assert.match(w.stderr(), /E_STORE: the store .*s\.db is gone \(its file .* was removed\)/);
    assert.ok(await gone(child, 5000));
  } finally {
    for (const pid of [w.proc.pid!, child]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    await dropQueue(w.queue);
  }
});

test('a worker whose PostgreSQL store is dropped exits with E_STORE (9)', async () => {
  const schema = `lifecycle_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const store = `${TEST_PG}?schema=${schema}`;
  const w = await startWorker(store);
  const [child] = childrenOf(w.proc.pid!);
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    const result = await Promise.race([w.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    assert.deepEqual(result, { code: 9, signal: null }, w.stderr());
    assert.match(w.stderr(), /E_STORE: the store postgres:.* is gone/);
    assert.ok(await gone(child, 5000));
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
    for (const pid of [w.proc.pid!, child]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    await dropQueue(w.queue);
  }
});
