/**
 * A cluster worker's snapshot cache: per user (`TRAINYARD_CACHE_DIR` here), a corrupt entry fetched
 * again from the store (the run succeeds with the same figures), an unsafe folder refused with E_IO.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { requireService, tcpProbe } from '../../testing/test-services.js';
import { clusterScope, runCli, startWorker, tempDir, TEST_REDIS as REDIS, TRAINYARD_BIN, writeShoppersSpec } from '../../testing/cli.js';

/** Starts a worker whose environment names `cacheDir` as its cache. */
function workerWithCache(cacheDir: string, store: string, queue: string): ReturnType<typeof startWorker> {
  const saved = process.env.TRAINYARD_CACHE_DIR;
  process.env.TRAINYARD_CACHE_DIR = cacheDir; // spawn passes the environment at this moment
  try {
    return startWorker({ store, queue });
  } finally {
    if (saved === undefined) delete process.env.TRAINYARD_CACHE_DIR;
    else process.env.TRAINYARD_CACHE_DIR = saved;
  }
}

test('cluster worker: a corrupt cache entry is fetched again from the store and the run gives the same figures', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const dir = tempDir('ty-worker-cache-');
  const cacheDir = join(dir, 'worker-cache');
  const { store, queue, cleanup } = clusterScope();
  const worker = workerWithCache(cacheDir, store, queue);
  try {
    const specPath = writeShoppersSpec(dir, 'worker-cache', `    - { model: logistic_regression, params: { C: [0.1, 1] } }`, 2);
    const runOnce = (tag: string) => runCli(['run', specPath, '--cluster', REDIS, '--queue', queue, '--store', store, '--out', join(dir, `runs-${tag}`), '--json', '--quiet']);
    const first = runOnce('first');
    assert.equal(first.status, 0, first.stderr);
    const entries = readdirSync(cacheDir).filter((f) => f.endsWith('.snapshot'));
    assert.equal(entries.length, 1, 'the worker cached the snapshot in its TRAINYARD_CACHE_DIR');
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    const file = join(cacheDir, entries[0]);
    truncateSync(file, 64);

    const second = runOnce('second');
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(second.json.best, first.json.best);
    assert.deepEqual(second.json.test, first.json.test);
    assert.ok(statSync(file).size > 64, 'the entry was fetched again');
    // runCli blocked this event loop: the worker's stderr arrives now.
    for (let i = 0; i < 50 && !worker.stderrText().includes(file); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(worker.stderrText(), /warning: the cached data snapshot .* was corrupt/);
    assert.ok(worker.stderrText().includes(file), worker.stderrText());
  } finally {
    worker.kill('SIGKILL');
    await cleanup();
  }
});

test('cluster worker: a cache folder others may write to is refused with E_IO (exit 4) naming it', async (t) => {
  if (!(await requireService(t, 'Redis', () => tcpProbe('127.0.0.1', 6379)))) return;
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const dir = tempDir('ty-worker-cache-');
  const cacheDir = join(dir, 'shared');
  mkdirSync(cacheDir);
  chmodSync(cacheDir, 0o777);
  const { store, queue, cleanup } = clusterScope();
  try {
    const r = spawnSync(process.execPath, [TRAINYARD_BIN, 'worker', '--redis', REDIS, '--store', store, '--queue', queue], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TRAINYARD_CACHE_DIR: cacheDir },
    });
    assert.equal(r.status, 4, r.stderr);
    assert.ok(r.stderr.includes(`E_IO: the snapshot cache folder ${cacheDir} may be written by other users (mode 0777)`), r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  } finally {
    await cleanup();
  }
});
