/**
 * Kernel rows on both cores: a helper worker thread computes half of each kernel row over shared
 * memory while the calling thread computes the other half. Kernel rows are compute-bound (a dot
 * product and an `exp` per entry), so this is where a second core pays off (see anchors.md).
 *
 * Each half is computed with the same arithmetic whoever computes it, so results do not depend on
 * the number of threads. Hand-off protocol on one shared Int32 state word: the caller posts a job
 * (IDLE → POSTED), the worker claims it (POSTED → TAKEN) and finishes (→ DONE). When the caller is
 * done with its half and the worker has not claimed yet (a busy machine), the caller takes the job
 * back (POSTED → IDLE) and computes it itself — so a slow or starved worker never stalls SMO.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FeatureRows, type FeatureRowsParts } from './feature-rows.js';
import { applyKernel, type KernelSpec } from './kernel.js';

/** Slots of the shared control block: the state word, then the posted job (row, range, indirection). */
export const STATE = 0, ROW = 1, FROM = 2, TO = 3, USE_TARGETS = 4;
/** Values of the state word (see the file comment for the hand-off). */
export const IDLE = 0, POSTED = 1, TAKEN = 2, DONE = 3, EXIT = 4;

/** Below this many training rows a helper thread costs more (start-up, hand-offs) than it saves. */
const MIN_ROWS_FOR_THREADS = 2000;
/** Below this many entries a row is computed on the calling thread alone. */
const MIN_SPLIT = 2048;

/** What the worker receives at start-up. */
export interface KernelWorkerData {
  parts: FeatureRowsParts;
  spec: KernelSpec;
  ctrl: Int32Array;
  targets: Int32Array;
  out: Float64Array;
}

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
  private readonly ctrl: Int32Array | null;
  private readonly minSplit: number;
  private worker: Worker | null = null;

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
      this.ctrl = null;
      return;
    }
    this.targets = new Int32Array(new SharedArrayBuffer(4 * l));
    this.out = new Float64Array(new SharedArrayBuffer(8 * l));
    this.ctrl = new Int32Array(new SharedArrayBuffer(4 * 8));
    const workerData: KernelWorkerData = { parts: rows.sharedParts(), spec, ctrl: this.ctrl, targets: this.targets, out: this.out };
    try {
      this.worker = new Worker(new URL('./kernel-worker.js', import.meta.url), { workerData });
      this.worker.unref();
    } catch {
      // No worker support where we run (e.g. a bundle without the worker file): one thread it is.
      this.worker = null;
    }
  }

  /**
   * Kernel values of training row `r` against `targets[t]` (the shared {@link targets} buffer, or
   * row t itself when `useTargets` is false) for t in [from, to), into {@link out}.
   */
  compute(r: number, useTargets: boolean, from: number, to: number): void {
    const targets = useTargets ? this.targets : null;
    const ctrl = this.ctrl;
    if (ctrl === null || this.worker === null || to - from < this.minSplit) {
      kernelRange(this.rows, this.spec, r, targets, from, to, this.out);
      return;
    }
    const mid = (from + to) >>> 1;
    ctrl[ROW] = r;
    ctrl[FROM] = mid;
    ctrl[TO] = to;
    ctrl[USE_TARGETS] = useTargets ? 1 : 0;
    Atomics.store(ctrl, STATE, POSTED);
    Atomics.notify(ctrl, STATE, 1);
    kernelRange(this.rows, this.spec, r, targets, from, mid, this.out);
    if (Atomics.compareExchange(ctrl, STATE, POSTED, IDLE) === POSTED) {
      kernelRange(this.rows, this.spec, r, targets, mid, to, this.out);
      return;
    }
    while (Atomics.load(ctrl, STATE) !== DONE) Atomics.wait(ctrl, STATE, TAKEN);
    Atomics.store(ctrl, STATE, IDLE);
  }

  /** True when a helper thread is running. */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** Stops the helper thread (call when training ends). */
  close(): void {
    if (this.ctrl === null || this.worker === null) return;
    Atomics.store(this.ctrl, STATE, EXIT);
    Atomics.notify(this.ctrl, STATE);
    void this.worker.terminate();
    this.worker = null;
  }
}
