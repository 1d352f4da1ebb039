/**
 * The lock-free job protocol shared by the pool (main thread) and its workers, over a small
 * SharedArrayBuffer of int32 control words and float64 arguments.
 *
 * A job is "call kernel `fn(p, P, ...args)` for every partition p < P". Threads claim partitions with
 * a compare-and-swap on NEXT, whose high bits carry the job's generation: a worker that wakes late and
 * still holds an old generation cannot claim a partition of a newer job. The main thread claims
 * partitions too, then waits until DONE reaches P — never on a worker that has not woken up.
 * Which thread runs a partition does not matter: each writes only its own outputs.
 */
export const CTL_GEN = 0; // job generation, bumped (and notified) to start a job
export const CTL_FN = 1; // kernel index into KERNEL_NAMES, or -1 to make workers exit
export const CTL_PARTS = 2; // P
export const CTL_NARGS = 3;
export const CTL_NEXT = 4; // (generation tag << 16) | next partition
export const CTL_DONE = 5; // partitions finished
export const CTL_READY = 6; // workers that finished starting up
export const CTL_WORKER_PARTS = 7; // partitions run by workers so far (a statistic)
export const CTL_INTS = 8;
export const MAX_ARGS = 16;
export const MAX_PARTS = 0xffff;
/** Bytes of the control buffer: CTL_INTS int32 words, then MAX_ARGS float64 arguments. */
export const CTL_BYTES = CTL_INTS * 4 + MAX_ARGS * 8;

/** Kernels the pool can run, by index (partitioned exports of the WASM module). */
export const KERNEL_NAMES = ['mlpMatmulBias', 'mlpMatmulTransA', 'mlpMatmulTransB', 'gemmPack', 'gemmPanels', 'lrBinaryChunk', 'lrMultinomialChunk'] as const;
/** Name of a kernel the pool can run. */
export type PoolKernel = (typeof KERNEL_NAMES)[number];

/** The generation tag stored in NEXT (15 bits, so the word stays positive). */
export const tagOf = (gen: number): number => (gen & 0x7fff) << 16;

type PartitionFn = (p: number, P: number, ...args: number[]) => void;

/**
 * Claims and runs partitions of the job tagged `gen` until none is left (or a newer job started).
 * Returns how many this thread ran.
 *
 * @example
 * runClaims(ctl, gen, fn, P, args); // in a worker, after waking for generation `gen`
 */
export function runClaims(ctl: Int32Array, gen: number, fn: PartitionFn, P: number, args: number[]): number {
  const tag = tagOf(gen);
  let ran = 0;
  for (;;) {
    const v = Atomics.load(ctl, CTL_NEXT);
    if ((v & 0x7fff0000) !== tag) return ran;
    const p = v & 0xffff;
    if (p >= P) return ran;
    if (Atomics.compareExchange(ctl, CTL_NEXT, v, v + 1) !== v) continue;
    fn(p, P, ...args);
    ran++;
    if (Atomics.add(ctl, CTL_DONE, 1) + 1 === P) Atomics.notify(ctl, CTL_DONE);
  }
}
