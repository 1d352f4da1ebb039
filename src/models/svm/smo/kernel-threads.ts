/**
 * Kernel rows on both cores: the kernel thread pool (kernels/thread-pool.ts) computes half of each
 * kernel row on a worker over shared memory while the calling thread computes the other half. Kernel
 * rows are compute-bound (a dot product and an `exp` per entry), so this is where a second core pays
 * off (see anchors.md).
 *
 * Each half is computed with the same arithmetic whoever computes it, so results do not depend on
 * the number of threads. The pool's protocol also covers a busy machine: when the calling thread is
 * done with its half before the worker has claimed the other, it computes that half itself — so a
 * slow or starved worker never stalls SMO.
 */
import { availableParallelism } from 'node:os';
import { attachPoolJob, type PoolJob } from '../../../kernels/thread-pool.js';
import { definePoolJob } from '../../../kernels/pool-jobs.js';
import { FeatureRows, type FeatureRowsParts } from './feature-rows.js';
import { applyKernel, type KernelSpec } from './kernel.js';

/** Below this many training rows a helper thread costs more (hand-offs) than it saves. */
const MIN_ROWS_FOR_THREADS = 2000;
/** Below this many entries a row is computed on the calling thread alone. */
const MIN_SPLIT = 2048;
/** Threads a kernel row is split over: the caller and one worker, one half each. */
const ROW_THREADS = 2;
/** Slots of a job's arguments: the row, whether it goes through `targets`, and the two halves' bounds. */
const ROW = 0, USE_TARGETS = 1, FROM = 2, MID = 3, TO = 4;

/** What a worker receives when a fit attaches its kernel rows to the pool (shared arrays). */
export interface KernelWorkerData {
  parts: FeatureRowsParts;
  spec: KernelSpec;
  targets: Int32Array;
  out: Float64Array;
}

/** A thread's view of the kernel rows of one fit. */
interface RowState {
  rows: FeatureRows;
  spec: KernelSpec;
  targets: Int32Array;
  out: Float64Array;
}

/**
 * Pool job: partition 0 is the first half of a kernel row, partition 1 the second
 * (arguments: row, useTargets, from, mid, to).
 */
export const kernelRowJob = definePoolJob({
  module: import.meta.url,
  name: 'kernelRowJob',
  attach: (d: KernelWorkerData): RowState => ({ rows: new FeatureRows(d.parts), spec: d.spec, targets: d.targets, out: d.out }),
  run: (s: RowState, p: number, _P: number, a: ArrayLike<number>): void => {
    // Arguments arrive as doubles on a worker; integer copies keep the row loops in int32 for the JIT.
    const from = (p === 0 ? a[FROM] : a[MID]) | 0, to = (p === 0 ? a[MID] : a[TO]) | 0;
    kernelRange(s.rows, s.spec, a[ROW] | 0, a[USE_TARGETS] === 1 ? s.targets : null, from, to, s.out);
  },
});

/**
 * `out[t] = K(row r, row targets[t])` (or row t when `targets` is null) for t in [from, to).
 *
 * @example
 * kernelRange(rows, { kernel: 'rbf', gamma: 0.1, degree: 3, coef0: 0 }, 0, null, 0, rows.rows, out);
 */
export function kernelRange(rows: FeatureRows, spec: KernelSpec, r: number, targets: Int32Array | null, from: number, to: number, out: Float64Array): void {
  rows.dotsOfRow(r, targets, from, to, out);
  applyKernel(spec, out, from, to, rows.sqNorms[r], rows.sqNorms, targets);
}

/**
 * Computes kernel rows, with a helper thread when the problem is large enough.
 *
 * @example
 * const kr = new KernelRows(new FeatureRows(X), spec);
 * try { kr.compute(0, false, 0, X.rows); } finally { kr.close(); } // kr.out[t] = K(x_0, x_t)
 */
export class KernelRows {
  readonly rows: FeatureRows;
  readonly spec: KernelSpec;
  /** Shared (when threaded) buffer the Q matrix keeps its variable → row map in. */
  readonly targets: Int32Array;
  /** Shared output of kernel values. */
  readonly out: Float64Array;
  private readonly minSplit: number;
  private job: PoolJob<RowState> | null = null;
  /** Reused argument block of {@link kernelRowJob} (one per row would be garbage). */
  private readonly args = [0, 0, 0, 0, 0];

  /**
   * `threads`: 'auto' (default) uses a helper thread for large problems on multi-core machines,
   * 'off' never, 'always' on any problem and for short rows too (tests use 'off'/'always' to check that
   * results do not depend on the number of threads).
   */
  constructor(rows: FeatureRows, spec: KernelSpec, threads: 'auto' | 'off' | 'always' = 'auto') {
    this.rows = rows;
    this.spec = spec;
    const l = rows.rows;
    this.minSplit = threads === 'always' ? 16 : MIN_SPLIT;
    const useThreads = threads === 'always' || (threads === 'auto' && l >= MIN_ROWS_FOR_THREADS && availableParallelism() > 1);
    if (!useThreads) {
      this.targets = new Int32Array(l);
      this.out = new Float64Array(l);
      return;
    }
    this.targets = new Int32Array(new SharedArrayBuffer(4 * l));
    this.out = new Float64Array(new SharedArrayBuffer(8 * l));
    const data: KernelWorkerData = { parts: rows.sharedParts(), spec, targets: this.targets, out: this.out };
    this.job = attachPoolJob(kernelRowJob, data, { rows, spec, targets: this.targets, out: this.out });
  }

  /**
   * Kernel values of training row `r` against `targets[t]` (the shared {@link targets} buffer, or
   * row t itself when `useTargets` is false) for t in [from, to), into {@link out}.
   */
  compute(r: number, useTargets: boolean, from: number, to: number): void {
    const job = this.job;
    if (job === null || to - from < this.minSplit) {
      kernelRange(this.rows, this.spec, r, useTargets ? this.targets : null, from, to, this.out);
      return;
    }
    const a = this.args;
    a[ROW] = r;
    a[USE_TARGETS] = useTargets ? 1 : 0;
    a[FROM] = from;
    a[MID] = (from + to) >>> 1;
    a[TO] = to;
    job.run(ROW_THREADS, a, ROW_THREADS);
  }

  /** True when kernel rows are split with a pool worker. */
  get threaded(): boolean {
    return this.job !== null;
  }

  /** Detaches the kernel rows from the pool (call when training ends). */
  close(): void {
    this.job?.release();
    this.job = null;
  }
}
