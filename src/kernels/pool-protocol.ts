/**
 * The lock-free job protocol shared by the pool (main thread) and its workers, over a small
 * SharedArrayBuffer of int32 control words and float64 arguments.
 *
 * A job is "run partition p of the job for every p < P": either a partitioned WASM kernel
 * `fn(p, P, ...args)` or a TypeScript job attached to the pool (pool-jobs.ts). Threads claim
 * partitions with a compare-and-swap on NEXT, whose high bits carry the job's generation: a worker
 * that wakes late and still holds an old generation cannot claim a partition of a newer job. The main
 * thread claims partitions too, then waits until DONE reaches P — never on a worker that has not woken
 * up. Which thread runs a partition does not matter: each writes only its own outputs.
 *
 * Each worker sleeps on its own wake word (set to the job's generation), so a job wakes only the
 * workers in its thread budget: a kernel row split over two threads does not pay for waking every
 * worker that a wider boosting fit started.
 */
export const CTL_GEN = 0; // generation of the latest job (its workers' wake words hold it too)
export const CTL_FN = 1; // kernel index into KERNEL_NAMES, JOB_BASE + attached job id, or -1 to make workers exit
export const CTL_PARTS = 2; // P
export const CTL_NARGS = 3;
export const CTL_NEXT = 4; // (generation tag << 16) | next partition
export const CTL_DONE = 5; // partitions finished
export const CTL_READY = 6; // workers that finished starting up
export const CTL_WORKER_PARTS = 7; // partitions run by workers so far (a statistic)
export const CTL_WORKERS = 8; // workers 1..CTL_WORKERS may help with the current job (the caller's thread budget)
export const CTL_FAILED = 9; // partitions that threw in a worker since the job started
export const CTL_MAIL = 10; // messages posted to workers so far: a worker reads its port only when this moved
export const CTL_INTS = 12; // (even, so the float64 arguments that follow stay aligned)
export const MAX_ARGS = 16;
export const MAX_PARTS = 0xffff;
/** Most workers the pool starts (worker indices run 1 … MAX_WORKERS). */
export const MAX_WORKERS = 255;
/** Byte offset of the wake words (one int32 per worker index, 0 unused), after the arguments. */
export const WAKE_OFFSET = CTL_INTS * 4 + MAX_ARGS * 8;
/** Bytes of the control buffer: CTL_INTS int32 words, MAX_ARGS float64 arguments, the wake words. */
export const CTL_BYTES = WAKE_OFFSET + (MAX_WORKERS + 1) * 4;

/** Kernels the pool can run, by index (partitioned exports of the WASM module). */
export const KERNEL_NAMES = ['mlpMatmulBias', 'mlpMatmulTransA', 'mlpMatmulTransB', 'gemmPack', 'gemmPanels', 'lrBinaryChunk', 'lrMultinomialChunk'] as const;
/** Name of a kernel the pool can run. */
export type PoolKernel = (typeof KERNEL_NAMES)[number];
/** CTL_FN of attached job `id` (kept clear of the WASM kernel indices). */
export const JOB_BASE = 256;

/** The generation tag stored in NEXT (15 bits, so the word stays positive). */
export const tagOf = (gen: number): number => (gen & 0x7fff) << 16;

/**
 * Claims and runs partitions of the job tagged `gen` until none is left (or a newer job started).
 * Returns how many this thread claimed. A partition that throws is still counted as done — the
 * caller waiting for DONE must not hang — and `onError` receives the error; after one failure this
 * thread claims the rest without running them, so the job ends quickly.
 *
 * @example
 * runClaims(ctl, gen, P, (p) => fn(p, P, ...args), report); // in a worker, after waking for generation `gen`
 */
export function runClaims(ctl: Int32Array, gen: number, P: number, run: (p: number) => void, onError: (e: unknown) => void): number {
  const tag = tagOf(gen);
  let ran = 0;
  let failed = false;
  for (;;) {
    const v = Atomics.load(ctl, CTL_NEXT);
    if ((v & 0x7fff0000) !== tag) return ran;
    const p = v & 0xffff;
    if (p >= P) return ran;
    if (Atomics.compareExchange(ctl, CTL_NEXT, v, v + 1) !== v) continue;
    if (!failed) {
      try {
        run(p);
      } catch (e) {
        failed = true;
        onError(e);
      }
    }
    ran++;
    if (Atomics.add(ctl, CTL_DONE, 1) + 1 === P) Atomics.notify(ctl, CTL_DONE);
  }
}
