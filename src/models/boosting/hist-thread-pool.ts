/**
 * Runs histogram jobs on several threads over SharedArrayBuffers. Work is split by feature: thread t
 * owns a fixed contiguous block of features and does everything for them (build, subtract, split
 * search), so results are bit-identical for any thread count. The protocol is synchronous — the
 * main thread publishes a job sequence number with `Atomics.notify`, does its own block, then
 * `Atomics.wait`s for each worker's done counter — because `fit` is synchronous and a node job
 * lasts microseconds to milliseconds (a postMessage round trip would cost more than small jobs).
 */
import { Worker } from 'node:worker_threads';
import { TrainyardError } from '../../core/errors.js';
import { FEATURE_STRIDE, PARAMS_LENGTH, RESULT_STRIDE, runNodeJob, type HistViews } from './hist-kernels.js';

/** Control block slots (Int32): job sequence, quit flag, one done counter per worker, then one started flag per worker. */
const SEQ = 0, QUIT = 1, DONE = 2;
/** A worker that has not started after this long (e.g. its compiled file is missing) fails the fit. */
const START_TIMEOUT_MS = 30_000;
/** A node job smaller than this (rows × features) runs on the main thread alone. */
const PARALLEL_MIN_WORK = 40_000;

/** The SharedArrayBuffers behind {@link HistViews}, as sent to workers. */
export interface HistBuffers {
  binned: SharedArrayBuffer;
  binnedRows: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  hess: SharedArrayBuffer;
  orderedGrad: SharedArrayBuffer;
  orderedHess: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  hist: SharedArrayBuffer;
  result: SharedArrayBuffer;
  params: SharedArrayBuffer;
  nBinsNonMissing: SharedArrayBuffer;
  hasMissing: SharedArrayBuffer;
  featureMask: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/** Sizes needed to allocate the buffers. */
export interface HistShape {
  nRows: number;
  nFeatures: number;
  /** Gradient columns (1, or the number of classes for multiclass). */
  nOutputs: number;
  /** Histogram slots (one per splittable leaf alive at once, plus one). */
  nSlots: number;
}

/**
 * Allocates the shared buffers for a fit.
 *
 * @example
 * const buffers = allocateHistBuffers({ nRows: 1000, nFeatures: 8, nOutputs: 1, nSlots: 32 }, 2);
 */
export function allocateHistBuffers(s: HistShape, nWorkers: number): HistBuffers {
  const f64 = (n: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(n, 1) * 8);
  return {
    binned: new SharedArrayBuffer(Math.max(s.nRows * s.nFeatures, 1)),
    binnedRows: new SharedArrayBuffer(Math.max(s.nRows * s.nFeatures, 1)),
    grad: f64(s.nRows * s.nOutputs),
    hess: f64(s.nRows * s.nOutputs),
    orderedGrad: f64(s.nRows),
    orderedHess: f64(s.nRows),
    rows: new SharedArrayBuffer(Math.max(s.nRows, 1) * 4),
    hist: f64(s.nSlots * s.nFeatures * FEATURE_STRIDE),
    result: f64(2 * s.nFeatures * RESULT_STRIDE),
    params: f64(PARAMS_LENGTH),
    nBinsNonMissing: new SharedArrayBuffer(Math.max(s.nFeatures, 1) * 4),
    hasMissing: new SharedArrayBuffer(Math.max(s.nFeatures, 1)),
    featureMask: new SharedArrayBuffer(Math.max(s.nFeatures, 1)),
    control: new SharedArrayBuffer((DONE + 2 * Math.max(nWorkers, 1)) * 4),
  };
}

/** Typed views on the buffers (main thread and workers alike). */
export function histViews(b: HistBuffers): HistViews {
  return {
    binned: new Uint8Array(b.binned),
    binnedRows: new Uint8Array(b.binnedRows),
    grad: new Float64Array(b.grad),
    hess: new Float64Array(b.hess),
    orderedGrad: new Float64Array(b.orderedGrad),
    orderedHess: new Float64Array(b.orderedHess),
    rows: new Int32Array(b.rows),
    hist: new Float64Array(b.hist),
    result: new Float64Array(b.result),
    params: new Float64Array(b.params),
    nBinsNonMissing: new Int32Array(b.nBinsNonMissing),
    hasMissing: new Uint8Array(b.hasMissing),
    featureMask: new Uint8Array(b.featureMask),
  };
}

/** Feature block of thread t among T threads over d features. */
export function featureBlock(t: number, T: number, d: number): [number, number] {
  return [Math.floor((t * d) / T), Math.floor(((t + 1) * d) / T)];
}

/**
 * A pool of `nThreads − 1` workers plus the calling thread.
 *
 * @example
 * const pool = new HistThreadPool(buffers, 2);
 * pool.runNodeJob(rowCount); // params already written to the shared block
 * pool.close();
 */
export class HistThreadPool {
  readonly views: HistViews;
  readonly nThreads: number;
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private seq = 0;

  constructor(buffers: HistBuffers, nThreads: number) {
    this.views = histViews(buffers);
    this.control = new Int32Array(buffers.control);
    const d = this.views.nBinsNonMissing.length;
    this.nThreads = Math.max(1, Math.min(nThreads, d));
    for (let w = 1; w < this.nThreads; w++) {
      const worker = new Worker(new URL('./hist-worker.js', import.meta.url), {
        workerData: { buffers, index: w, nThreads: this.nThreads },
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Runs the node job described by the shared params block; returns when every thread is done. */
  runNodeJob(work: number): void {
    const d = this.views.nBinsNonMissing.length;
    if (this.workers.length === 0 || work < PARALLEL_MIN_WORK) {
      runNodeJob(this.views, 0, d);
      return;
    }
    const c = this.control;
    const seq = ++this.seq;
    Atomics.store(c, SEQ, seq);
    Atomics.notify(c, SEQ);
    const [f0, f1] = featureBlock(0, this.nThreads, d);
    runNodeJob(this.views, f0, f1);
    const started = Date.now();
    for (let w = 1; w < this.nThreads; w++) {
      for (;;) {
        const done = Atomics.load(c, DONE + w - 1);
        if (done === seq) break;
        if (done < 0) throw new TrainyardError('E_INTERNAL', `histogram worker ${w} failed; see stderr`, { worker: w });
        if (Atomics.load(c, startedSlot(w, this.nThreads)) === 0 && Date.now() - started > START_TIMEOUT_MS) {
          this.close();
          throw new TrainyardError('E_INTERNAL', `histogram worker ${w} did not start within ${START_TIMEOUT_MS / 1000} s (is dist/models/boosting/hist-worker.js built?); set nThreads: 1 to fit without workers`, { worker: w });
        }
        Atomics.wait(c, DONE + w - 1, done, 1_000);
      }
    }
  }

  /** Stops the workers (they exit on their own; nothing waits for them). */
  close(): void {
    if (this.workers.length === 0) return;
    Atomics.store(this.control, QUIT, 1);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    this.workers.length = 0;
  }
}

/** Control block layout, shared with `hist-worker.ts`. */
export const CONTROL = { SEQ, QUIT, DONE } as const;

/** Slot of worker `index`'s started flag among `nThreads` threads. */
export function startedSlot(index: number, nThreads: number): number {
  return DONE + nThreads - 1 + index - 1;
}
