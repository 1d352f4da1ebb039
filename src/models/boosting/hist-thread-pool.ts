/**
 * Runs histogram jobs on several threads of the kernel thread pool (kernels/thread-pool.ts) over
 * SharedArrayBuffers. Work is split by feature: partition t of a node job is a fixed contiguous block
 * of features, done start to finish (build, subtract, split search) by whichever thread claims it, so
 * results are bit-identical for any thread count. The pool is synchronous — the main thread posts
 * the job, does partitions itself and `Atomics.wait`s for the rest — because `fit` is synchronous and
 * a node job lasts microseconds to milliseconds (a postMessage round trip would cost more than small jobs).
 */
import { attachPoolJob, type PoolJob } from '../../kernels/thread-pool.js';
import { definePoolJob } from '../../kernels/pool-jobs.js';
import { FEATURE_STRIDE, PARAMS_LENGTH, RESULT_STRIDE, runNodeJob, type HistViews } from './hist-kernels.js';

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
 * Allocates the shared buffers for a fit (`nThreads` is not needed by the shared pool; the parameter
 * stays for callers).
 *
 * @example
 * const buffers = allocateHistBuffers({ nRows: 1000, nFeatures: 8, nOutputs: 1, nSlots: 32 }, 2);
 */
export function allocateHistBuffers(s: HistShape, _nThreads: number): HistBuffers {
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

/** Pool job: partition t of P is the node job of feature block t (params in the shared block). */
export const histNodeJob = definePoolJob({
  module: import.meta.url,
  name: 'histNodeJob',
  attach: (b: HistBuffers): HistViews => histViews(b),
  run: (v: HistViews, t: number, T: number): void => {
    const [f0, f1] = featureBlock(t, T, v.nBinsNonMissing.length);
    runNodeJob(v, f0, f1);
  },
});

/**
 * The histogram work of one fit on `nThreads` threads (the calling thread and kernel pool workers).
 *
 * @example
 * const pool = new HistThreadPool(buffers, 2);
 * pool.runNodeJob(rowCount); // params already written to the shared block
 * pool.close();
 */
export class HistThreadPool {
  readonly views: HistViews;
  readonly nThreads: number;
  private job: PoolJob<HistViews> | null = null;
  private static readonly noArgs: number[] = [];

  constructor(buffers: HistBuffers, nThreads: number) {
    this.views = histViews(buffers);
    const d = this.views.nBinsNonMissing.length;
    this.nThreads = Math.max(1, Math.min(nThreads, d));
    if (this.nThreads > 1) this.job = attachPoolJob(histNodeJob, buffers, this.views);
  }

  /** Runs the node job described by the shared params block; returns when every thread is done. */
  runNodeJob(work: number): void {
    if (this.job === null || work < PARALLEL_MIN_WORK) {
      runNodeJob(this.views, 0, this.views.nBinsNonMissing.length);
      return;
    }
    this.job.run(this.nThreads, HistThreadPool.noArgs, this.nThreads);
  }

  /** Detaches the fit's buffers from the pool's workers. */
  close(): void {
    this.job?.release();
    this.job = null;
  }
}
