/**
 * A small pool of worker_threads sharing the kernels' WebAssembly.Memory, for compute-bound kernels
 * (GEMM, MLP products). `runPartitions` is synchronous: the main thread posts the job, works on it
 * too, and blocks with Atomics.wait until every partition is done (protocol: pool-protocol.ts).
 * Each partition writes only its own outputs, so results are identical for any thread count.
 *
 * Thread count: `TRAINYARD_THREADS` if set, else min(2, available cores) on the main thread and 1
 * inside worker threads; `setKernelThreads` changes it at run time. Workers start on first use and are unref'd, so they never keep a process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread } from 'node:worker_threads';
import { wasmKernels } from './wasm-module.js';
import {
  CTL_BYTES, CTL_DONE, CTL_FN, CTL_GEN, CTL_INTS, CTL_NARGS, CTL_NEXT, CTL_PARTS, CTL_READY, CTL_WORKER_PARTS,
  KERNEL_NAMES, MAX_ARGS, MAX_PARTS, type PoolKernel, runClaims, tagOf,
} from './pool-protocol.js';

const STARTUP_TIMEOUT_MS = 20_000;

function defaultThreads(): number {
  const env = Number(process.env.TRAINYARD_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  // Code already running in a worker (e.g. one CV fold per core) must not start a pool of its own.
  if (!isMainThread) return 1;
  return Math.max(1, Math.min(2, availableParallelism()));
}

let threads = defaultThreads();
let workers: Worker[] = [];
let ctl: Int32Array | null = null;
let argv: Float64Array | null = null;
let gen = 0;
let started = 0; // workers that reported ready
let broken = false; // workers failed to start: run everything on the main thread

/**
 * Sets how many threads (main included) kernels may use; 1 disables the pool.
 *
 * @example
 * setKernelThreads(1); // e.g. when the caller already runs one fit per core
 */
export function setKernelThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`kernel threads must be an integer ≥ 1, got ${n}`);
  if (n < threads) shutdownPool();
  threads = n;
}

/**
 * Threads kernels may use (main thread included).
 *
 * @example
 * if (kernelThreads() > 1) console.log('kernels run on the pool');
 */
export function kernelThreads(): number {
  return broken ? 1 : threads;
}

function ensurePool(): boolean {
  const runtime = wasmKernels;
  if (runtime === null || broken) return false;
  const want = threads - 1;
  if (workers.length >= want) return true;
  if (ctl === null) {
    const sab = new SharedArrayBuffer(CTL_BYTES);
    ctl = new Int32Array(sab, 0, CTL_INTS);
    argv = new Float64Array(sab, CTL_INTS * 4, MAX_ARGS);
  }
  const url = new URL('./kernel-worker.js', import.meta.url);
  while (workers.length < want) {
    const w = new Worker(url, { workerData: { module: runtime.module, memory: runtime.memory, ctlBuffer: ctl.buffer } });
    w.unref();
    w.on('error', () => {
      broken = true;
    });
    workers.push(w);
  }
  // Block until every worker is ready, so none can miss a job's generation bump.
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const r = Atomics.load(ctl, CTL_READY);
    if (r >= workers.length) break;
    if (Date.now() > deadline) {
      broken = true;
      shutdownPool();
      return false;
    }
    Atomics.wait(ctl, CTL_READY, r, 100);
  }
  started = workers.length;
  return true;
}

/**
 * Partitions run by worker threads (not the main thread) since the pool started: shows whether the
 * pool actually shares the work.
 *
 * @example
 * const before = workerPartitions(); gemm(n, n, n, A, B, C); console.log(workerPartitions() - before);
 */
export function workerPartitions(): number {
  return ctl === null ? 0 : Atomics.load(ctl, CTL_WORKER_PARTS);
}

/**
 * Stops the workers (they are restarted on the next parallel call).
 *
 * @example
 * shutdownPool();
 */
export function shutdownPool(): void {
  if (ctl !== null && workers.length > 0) {
    Atomics.store(ctl, CTL_FN, -1);
    Atomics.add(ctl, CTL_GEN, 1);
    gen = Atomics.load(ctl, CTL_GEN);
    Atomics.notify(ctl, CTL_GEN);
    for (const w of workers) void w.terminate();
  }
  workers = [];
  started = 0;
  if (ctl !== null) Atomics.store(ctl, CTL_READY, 0);
}

type Fn = (p: number, P: number, ...a: number[]) => void;

/**
 * Runs `kernel(p, P, ...args)` for p = 0 … P−1, spread over the pool when `parallel` and more than one
 * thread is configured, else in order on the calling thread. Same results either way.
 *
 * @example
 * runPartitions('lrBinaryChunk', chunks, [n, d, LR_CHUNK, X, 0, 0, y, sw, w, 1, slots]);
 */
export function runPartitions(kernel: PoolKernel, P: number, args: number[], parallel = true): void {
  const runtime = wasmKernels;
  if (runtime === null) throw new Error('WASM kernels are not loaded');
  const fn = (runtime.exports as unknown as Record<string, Fn>)[kernel];
  if (!parallel || P <= 1 || threads <= 1 || P > MAX_PARTS || args.length > MAX_ARGS || !ensurePool() || started === 0) {
    for (let p = 0; p < P; p++) fn(p, P, ...args);
    return;
  }
  const c = ctl!;
  argv!.set(args);
  Atomics.store(c, CTL_FN, KERNEL_NAMES.indexOf(kernel));
  Atomics.store(c, CTL_PARTS, P);
  Atomics.store(c, CTL_NARGS, args.length);
  Atomics.store(c, CTL_DONE, 0);
  gen = (gen + 1) & 0x3fffffff;
  Atomics.store(c, CTL_NEXT, tagOf(gen));
  Atomics.store(c, CTL_GEN, gen);
  Atomics.notify(c, CTL_GEN);
  runClaims(c, gen, fn, P, args);
  for (;;) {
    const d = Atomics.load(c, CTL_DONE);
    if (d >= P) break;
    // A worker that died mid-partition would otherwise leave this thread waiting forever.
    if (Atomics.wait(c, CTL_DONE, d, 5000) === 'timed-out' && broken) throw new Error('kernel worker thread failed');
  }
}
