/**
 * TypeScript jobs for the kernel thread pool. A model family that wants its hot loop on the pool
 * defines a job type in one of its modules: how a thread turns the job's data (SharedArrayBuffers,
 * shared typed arrays) into its state, and how it runs partition p of P with a few numeric
 * arguments. A worker imports the defining module once, by URL, when a job of that type is first
 * attached — so the kernels layer never imports the layers above it.
 */

/**
 * A job type the pool can run. `module` and `name` tell a worker where to find this very object:
 * the export `name` of the module at `module` (pass `import.meta.url`).
 */
export interface PoolJobType<D, S> {
  readonly module: string;
  readonly name: string;
  /** Builds a thread's state from the job data (called once per attachment on each worker). */
  attach(data: D): S;
  /**
   * Runs partition `p` of `P`; it must write only that partition's outputs. `args` holds the numbers
   * given to `run` (on a worker, followed by stale slots: index it, do not rely on its length). On a
   * worker they are read from a Float64Array: convert integers (`| 0`) before loops use them, or the
   * JIT keeps the loop in doubles.
   */
  run(state: S, p: number, P: number, args: ArrayLike<number>): void;
}

/**
 * Declares a job type; export the result under `name` from the module at `module`.
 *
 * @example
 * export const squareJob = definePoolJob({
 *   module: import.meta.url, name: 'squareJob',
 *   attach: (d: { x: Float64Array }) => d.x,
 *   run: (x, p, P) => { for (let i = p; i < x.length; i += P) x[i] *= x[i]; },
 * });
 */
export function definePoolJob<D, S>(type: PoolJobType<D, S>): PoolJobType<D, S> {
  return type;
}

/** Messages from the main thread to a worker (through the worker's own port, read synchronously). */
export type ToWorker =
  | { op: 'attach'; id: number; module: string; name: string; data: unknown }
  | { op: 'release'; id: number };

/** Message from a worker to the main thread: a partition threw. */
export interface FromWorker {
  op: 'error';
  worker: number;
  message: string;
  stack?: string;
}
