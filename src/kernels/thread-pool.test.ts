import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { TrainyardError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { gemm, gemmJs } from './gemm.js';
import { blockSumJob, failOnWorkerJob, sineSquareJob, type TestJobData } from './thread-pool.test-helpers.js';
import { attachPoolJob, workerPartitions } from './thread-pool.js';

const rng = new Rng(7);
const sharedF64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * n));
const P = 64;

function jobData(x: Float64Array): TestJobData {
  return { x, out: sharedF64(x.length), ranOn: new Int32Array(new SharedArrayBuffer(4 * P)) };
}

/** Runs small jobs until a worker has taken part: workers start in the background. */
function warmUp(): void {
  const d = jobData(sharedF64(4096).fill(1));
  const job = attachPoolJob(blockSumJob, d, d);
  try {
    const before = workerPartitions();
    for (let i = 0; i < 10_000 && workerPartitions() === before; i++) job.run(P, [], 2);
    assert.ok(workerPartitions() > before, 'no pool worker joined in');
  } finally {
    job.release();
  }
}

test('TypeScript jobs of two kinds and WASM kernels share one pool, with the single-thread results', () => {
  const x = sharedF64(20_000);
  for (let i = 0; i < x.length; i++) x[i] = rng.random() * 10 - 5;
  const a = jobData(x), b = jobData(x);
  const sines = attachPoolJob(sineSquareJob, a, a);
  const sums = attachPoolJob(blockSumJob, b, b);
  try {
    sines.run(P, [0.5], 1);
    sums.run(P, [], 1);
    const wantSines = a.out.slice(), wantSums = b.out.slice();
    const M = 128, N = 128, K = 200; // above GEMM_PARALLEL_MIN_MACS: gemm runs on the pool too
    const A = Float64Array.from({ length: M * K }, () => rng.random()), B = Float64Array.from({ length: K * N }, () => rng.random());
    const wantC = new Float64Array(M * N);
    gemmJs(M, N, K, A, B, wantC);
    // The same workers serve both kinds of job (and the WASM kernels in between): look for one
    // worker thread that ran partitions of each. A busy machine may leave the caller doing every
    // partition of a call, hence the retries.
    const before = workerPartitions();
    let shared = false;
    for (let round = 0; round < 200 && !shared; round++) {
      a.out.fill(0);
      b.out.fill(0);
      a.ranOn.fill(0);
      b.ranOn.fill(0);
      sines.run(P, [0.5], 2);
      const C = new Float64Array(M * N);
      gemm(M, N, K, A, B, C);
      sums.run(P, [], 2);
      assert.deepEqual(a.out, wantSines);
      assert.deepEqual(b.out, wantSums);
      assert.deepEqual(C, wantC);
      const workersA = new Set([...a.ranOn].filter((t) => t !== threadId));
      shared = [...b.ranOn].some((t) => t !== threadId && workersA.has(t));
    }
    assert.ok(shared, 'no pool worker ran partitions of both jobs');
    assert.ok(workerPartitions() > before);
  } finally {
    sines.release();
    sums.release();
  }
});

test('a partition that throws on a worker surfaces as an error on the caller, and the pool still works', () => {
  warmUp(); // a worker must be listening when the failing job is posted
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const failing = attachPoolJob(failOnWorkerJob, flag, flag);
  try {
    assert.throws(
      () => failing.run(2, [], 2),
      (e: unknown) => e instanceof TrainyardError && e.code === 'E_INTERNAL' && /boom in a pool worker/.test(e.message),
    );
  } finally {
    failing.release();
  }
  assert.throws(() => failing.run(2, [], 2), /released/);
  const x = sharedF64(5000).fill(1.5);
  const d = jobData(x);
  const sums = attachPoolJob(blockSumJob, d, d);
  try {
    sums.run(8, [], 2);
  } finally {
    sums.release();
  }
  assert.deepEqual([...d.out.subarray(0, 8)], new Array(8).fill(625 * 1.5));
});

test('a job uses at most its own thread budget of a pool that a wider job grew', () => {
  const x = sharedF64(8192).fill(2);
  const d = jobData(x);
  const job = attachPoolJob(blockSumJob, d, d);
  try {
    job.run(P, [], 4); // the pool now has (at least) 3 workers
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      job.run(P, [], 2);
      for (const t of d.ranOn) seen.add(t);
      assert.deepEqual([...d.out.subarray(0, P)], new Array(P).fill(256));
    }
    assert.ok(seen.size <= 2, `threads used: ${[...seen].join(', ')}`);
  } finally {
    job.release();
  }
});

test('pool workers do not keep a process alive', () => {
  const pool = new URL('./thread-pool.js', import.meta.url).href;
  const jobs = new URL('./thread-pool.test-helpers.js', import.meta.url).href;
  const script = `
    const { attachPoolJob } = await import(${JSON.stringify(pool)});
    const { blockSumJob } = await import(${JSON.stringify(jobs)});
    const x = new Float64Array(new SharedArrayBuffer(8 * 4096)).fill(1);
    const d = { x, out: new Float64Array(new SharedArrayBuffer(8 * 64)), ranOn: new Int32Array(new SharedArrayBuffer(4 * 64)) };
    attachPoolJob(blockSumJob, d, d).run(64, [], 2); // attached, never released
    console.log('ran', d.out[0]);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000, cwd: fileURLToPath(new URL('.', import.meta.url)) });
  assert.equal(r.signal, null, 'the process had to be killed');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ran 64/);
});
