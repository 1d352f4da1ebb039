/**
 * The one thread pool of trainyard's compute kernels: worker_threads sharing the kernels'
 * WebAssembly.Memory and any SharedArrayBuffers a job brings. It runs partitioned WASM kernels (GEMM,
 * MLP products, logistic passes) and TypeScript jobs that model families attach (pool-jobs.ts: SVM
 * kernel rows, boosting histograms). Running a job is synchronous: the main thread posts it, works on
 * it too, and blocks with Atomics.wait until every partition is done (protocol: pool-protocol.ts).
 * Each partition writes only its own outputs, so results are identical for any thread count.
 *
 * Thread count of the WASM kernels: `TRAINYARD_THREADS` if set, else min(2, available cores) on the
 * main thread and 1 inside worker threads; `setKernelThreads` changes it at run time. An attached job
 * says how many threads it may use; the pool grows to the largest such budget, and workers beyond a
 * job's budget sit it out. Workers start on first use and are unref'd, so they never keep a process alive.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { TrainyardError } from '../core/errors.js';
import { wasmKernels } from './wasm-module.js';
import type { FromWorker, PoolJobType, ToWorker } from './pool-jobs.js';
import {
  CTL_BYTES, CTL_DONE, CTL_FAILED, CTL_FN, CTL_GEN, CTL_INTS, CTL_MAIL, CTL_NARGS, CTL_NEXT, CTL_PARTS, CTL_READY, CTL_WORKERS,
  CTL_WORKER_PARTS, JOB_BASE, KERNEL_NAMES, MAX_ARGS, MAX_PARTS, MAX_WORKERS, type PoolKernel, runClaims, tagOf, WAKE_OFFSET,
} from './pool-protocol.js';

const STARTUP_TIMEOUT_MS = 20_000;

function defaultThreads(): number {
  const env = Number(process.env.TRAINYARD_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  // Code already running in a worker (e.g. one CV fold per core) must not start a pool of its own.
  if (!isMainThread) return 1;
  return Math.max(1, Math.min(2, availableParallelism()));
}

interface PoolWorker {
  worker: Worker;
  /** Main thread's end of the worker's port: attachments go out, error reports come back. */
  port: MessagePort;
}

let threads = defaultThreads();
let workers: PoolWorker[] = [];
let ctl: Int32Array | null = null;
let argv: Float64Array | null = null;
let wakeWords: Int32Array | null = null;
let gen = 0;
let started = 0; // workers that reported ready
let broken = false; // workers failed to start: run everything on the main thread
/** Jobs attached and not yet released, re-sent to workers started later. */
const attached = new Map<number, { module: string; name: string; data: unknown }>();
let nextJobId = 0;
/** A job is running: a partition that starts another job (nested) runs that one alone. */
let busy = false;

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

/**
 * Starts workers until there are `want`; false when the pool cannot run (then callers run alone).
 * With `wait`, blocks until every worker is ready, so none misses the next job; without, a worker
 * still starting simply joins a later job (the caller runs the partitions nobody claims).
 */
function ensurePool(want: number, wait: boolean): boolean {
  if (broken) return false;
  if (workers.length < want) {
    try {
      startWorkers(Math.min(want, MAX_WORKERS));
    } catch {
      // No worker support where we run (e.g. a bundle without the worker file): one thread it is.
      broken = true;
      return false;
    }
  }
  return !wait || started >= workers.length || awaitReady();
}

function startWorkers(want: number): void {
  if (ctl === null) {
    const sab = new SharedArrayBuffer(CTL_BYTES);
    ctl = new Int32Array(sab, 0, CTL_INTS);
    argv = new Float64Array(sab, CTL_INTS * 4, MAX_ARGS);
    wakeWords = new Int32Array(sab, WAKE_OFFSET, MAX_WORKERS + 1);
  }
  const url = new URL('./kernel-worker.js', import.meta.url);
  const runtime = wasmKernels;
  while (workers.length < want) {
    const { port1, port2 } = new MessageChannel();
    const workerData = { kernelPool: true, index: workers.length + 1, module: runtime?.module ?? null, memory: runtime?.memory ?? null, ctlBuffer: ctl.buffer, port: port2 };
    const worker = new Worker(url, { workerData, transferList: [port2] });
    worker.unref();
    port1.unref();
    worker.on('error', () => {
      broken = true;
    });
    for (const [id, a] of attached) post(port1, { op: 'attach', id, ...a });
    workers.push({ worker, port: port1 });
  }
}

function awaitReady(): boolean {
  const c = ctl!;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const r = Atomics.load(c, CTL_READY);
    if (r >= workers.length) break;
    if (Date.now() > deadline) {
      broken = true;
      shutdownPool();
      return false;
    }
    Atomics.wait(c, CTL_READY, r, 100);
  }
  started = workers.length;
  return true;
}

/** Posts to a worker's port, then counts the message so the worker knows to read its port. */
function post(port: MessagePort, m: ToWorker): void {
  port.postMessage(m);
  Atomics.add(ctl!, CTL_MAIL, 1);
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
 * Stops the workers (they are restarted, with the jobs still attached, on the next parallel call).
 *
 * @example
 * shutdownPool();
 */
export function shutdownPool(): void {
  if (ctl !== null && workers.length > 0) {
    Atomics.store(ctl, CTL_FN, -1);
    signal(workers.length);
    for (const w of workers) {
      w.port.close();
      void w.worker.terminate();
    }
  }
  workers = [];
  started = 0;
  if (ctl !== null) Atomics.store(ctl, CTL_READY, 0);
}

/**
 * Runs `run(p)` for p = 0 … P−1 on the calling thread and up to `helpers` workers (which call job
 * `fn` with `args`). Throws the first failure, after every partition has been accounted for.
 */
function dispatch(fn: number, P: number, args: ArrayLike<number>, helpers: number, run: (p: number) => void): void {
  busy = true;
  try {
    postAndJoin(fn, P, args, helpers, run);
  } finally {
    busy = false;
  }
}

function postAndJoin(fn: number, P: number, args: ArrayLike<number>, helpers: number, run: (p: number) => void): void {
  const c = ctl!;
  argv!.set(args);
  Atomics.store(c, CTL_FN, fn);
  Atomics.store(c, CTL_PARTS, P);
  Atomics.store(c, CTL_NARGS, args.length);
  Atomics.store(c, CTL_WORKERS, helpers);
  Atomics.store(c, CTL_DONE, 0);
  signal(Math.min(helpers, workers.length));
  let local: { error: unknown } | null = null;
  runClaims(c, gen, P, run, (error) => {
    local = { error };
  });
  for (;;) {
    const d = Atomics.load(c, CTL_DONE);
    if (d >= P) break;
    // A worker that died mid-partition would otherwise leave this thread waiting forever.
    if (Atomics.wait(c, CTL_DONE, d, 5000) === 'timed-out' && broken) throw new TrainyardError('E_INTERNAL', 'kernel worker thread failed');
  }
  if (Atomics.load(c, CTL_FAILED) > 0) throw workerFailure(c);
  if (local !== null) throw (local as { error: unknown }).error;
}

/** Collects the workers' error reports of the job that just ended into one error. */
function workerFailure(c: Int32Array): TrainyardError {
  Atomics.store(c, CTL_FAILED, 0);
  const reports: FromWorker[] = [];
  for (const w of workers) {
    for (let r = receiveMessageOnPort(w.port); r !== undefined; r = receiveMessageOnPort(w.port)) reports.push(r.message as FromWorker);
  }
  const first = reports[0];
  const what = first === undefined ? 'no report' : first.message;
  return new TrainyardError('E_INTERNAL', `kernel pool worker ${first?.worker ?? '?'} failed: ${what}`, { worker: first?.worker, stack: first?.stack });
}

/**
 * Wakes the workers for an empty job, so they read their ports now: a released job's buffers are
 * then freed at once, not at the next job.
 */
function wake(): void {
  Atomics.store(ctl!, CTL_FN, JOB_BASE - 1); // no kernel and no job: workers only drain their ports
  Atomics.store(ctl!, CTL_PARTS, 0);
  signal(workers.length);
}

/** Starts a new generation (its partitions claimable from now) and wakes workers 1 … n for it. */
function signal(n: number): void {
  const c = ctl!, w = wakeWords!;
  gen = (gen + 1) & 0x3fffffff;
  Atomics.store(c, CTL_NEXT, tagOf(gen));
  Atomics.store(c, CTL_GEN, gen);
  for (let i = 1; i <= n; i++) {
    Atomics.store(w, i, gen);
    Atomics.notify(w, i, 1);
  }
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
  if (!parallel || busy || P <= 1 || threads <= 1 || P > MAX_PARTS || args.length > MAX_ARGS || !ensurePool(threads - 1, true)) {
    for (let p = 0; p < P; p++) fn(p, P, ...args);
    return;
  }
  dispatch(KERNEL_NAMES.indexOf(kernel), P, args, threads - 1, (p) => fn(p, P, ...args));
}

/**
 * A TypeScript job attached to the pool: its data are on every worker until {@link release}.
 *
 * @example
 * const job = attachPoolJob(squareJob, { x }, x);
 * try { job.run(4, [], 2); } finally { job.release(); }
 */
export class PoolJob<S> {
  private released = false;

  constructor(
    private readonly id: number,
    private readonly type: PoolJobType<unknown, S>,
    private readonly local: S,
  ) {}

  /**
   * Runs partitions 0 … P−1 with `args` (at most 16 numbers) on up to `threads` threads, the calling
   * thread included; with 1 thread, in order on the calling thread. Same results either way.
   */
  run(P: number, args: ArrayLike<number>, threads: number): void {
    const { type, local } = this;
    if (this.released) throw new Error(`pool job ${type.name} was released`);
    if (threads <= 1 || busy || P <= 1 || P > MAX_PARTS || args.length > MAX_ARGS || !ensurePool(threads - 1, false)) {
      for (let p = 0; p < P; p++) type.run(local, p, P, args);
      return;
    }
    dispatch(JOB_BASE + this.id, P, args, threads - 1, (p) => type.run(local, p, P, args));
  }

  /** Drops the job's data from the workers (call when the fit ends). */
  release(): void {
    if (this.released) return;
    this.released = true;
    attached.delete(this.id);
    if (workers.length === 0) return;
    for (const w of workers) post(w.port, { op: 'release', id: this.id });
    if (!busy) wake();
  }
}

/**
 * Attaches a job of `type` with `data` (structured-cloned to each worker: share big arrays through
 * SharedArrayBuffers) and the calling thread's own state `local`. Workers build their state with
 * `type.attach(data)` when they next wake up.
 *
 * @example
 * const job = attachPoolJob(histJob, buffers, histViews(buffers));
 */
export function attachPoolJob<D, S>(type: PoolJobType<D, S>, data: D, local: S): PoolJob<S> {
  const id = nextJobId++;
  const a = { module: type.module, name: type.name, data };
  attached.set(id, a);
  for (const w of workers) post(w.port, { op: 'attach', id, ...a });
  return new PoolJob(id, type as PoolJobType<unknown, S>, local);
}
