/**
 * WASM versions of the three dense products of src/models/neural/gemm.ts (same arguments, same
 * results bit for bit: the kernels keep that file's summation order). Operands already in kernel
 * memory (see kernel-memory.ts) are used in place; others are staged per call. Products of at least
 * {@link PARALLEL_MIN_MACS} multiply-adds are split by output rows over the thread pool.
 */
import { Staging } from './staging.js';
import { kernelThreads, runPartitions } from './thread-pool.js';
import { wasmKernels } from './wasm-module.js';

/** Work (multiply-adds) from which a product is spread over the thread pool. */
export const PARALLEL_MIN_MACS = 1 << 21;

function partitions(rows: number, macs: number): number {
  const t = kernelThreads();
  if (t <= 1 || macs < PARALLEL_MIN_MACS) return 1;
  return Math.min(rows, t * 4);
}

/**
 * `out[i, :] = bias + Σ_k A[i, k] · W[k, :]` (A rows×K, W K×N, out rows×N), zeros of A skipped.
 *
 * @example
 * wasmMatmulBias(X, 200, 75, W, 64, b, Z); // Z = X·W + b
 */
export function wasmMatmulBias(A: Float64Array, rows: number, K: number, W: Float64Array, N: number, bias: Float64Array, out: Float64Array): void {
  const k = wasmKernels!.exports;
  const P = partitions(rows, rows * K * N);
  const s = new Staging();
  const a = s.input(A.length === rows * K ? A : A.subarray(0, rows * K));
  const w = s.input(W), b = s.input(bias);
  const o = s.output(out.length === rows * N ? out : out.subarray(0, rows * N));
  const scratch = s.reserve(P * K * 16);
  s.commit();
  if (P === 1) k.mlpMatmulBias(0, 1, s.ptr(a), rows, K, s.ptr(w), N, s.ptr(b), s.ptr(o), s.ptr(scratch));
  else runPartitions('mlpMatmulBias', P, [s.ptr(a), rows, K, s.ptr(w), N, s.ptr(b), s.ptr(o), s.ptr(scratch)]);
  s.finish();
}

/**
 * `G = Aᵀ · D` (A rows×K, D rows×N, G K×N overwritten), zeros of A skipped.
 *
 * @example
 * wasmMatmulTransA(X, 200, 75, delta, 64, gradW);
 */
export function wasmMatmulTransA(A: Float64Array, rows: number, K: number, D: Float64Array, N: number, G: Float64Array): void {
  const k = wasmKernels!.exports;
  const P = Math.min(partitions(rows, rows * K * N), K);
  const s = new Staging();
  const a = s.input(A.length === rows * K ? A : A.subarray(0, rows * K));
  const d = s.input(D.length === rows * N ? D : D.subarray(0, rows * N));
  const g = s.output(G.length === K * N ? G : G.subarray(0, K * N));
  const scratch = s.reserve(P * rows * 16);
  s.commit();
  if (P <= 1) k.mlpMatmulTransA(0, 1, s.ptr(a), rows, K, s.ptr(d), N, s.ptr(g), s.ptr(scratch));
  else runPartitions('mlpMatmulTransA', P, [s.ptr(a), rows, K, s.ptr(d), N, s.ptr(g), s.ptr(scratch)]);
  s.finish();
}

/**
 * `out[i, k] = Σ_j D[i, j] · W[k, j]` (D rows×N, W K×N, out rows×K); 0 where `mask[i, k] === 0`.
 *
 * @example
 * wasmMatmulTransB(delta, 200, 32, W, 64, prevDelta, reluOutput);
 */
export function wasmMatmulTransB(D: Float64Array, rows: number, N: number, W: Float64Array, K: number, out: Float64Array, mask: Float64Array | null): void {
  const k = wasmKernels!.exports;
  const P = partitions(rows, rows * K * N);
  const s = new Staging();
  const d = s.input(D.length === rows * N ? D : D.subarray(0, rows * N));
  const w = s.input(W);
  const m = mask === null ? null : s.input(mask.length === rows * K ? mask : mask.subarray(0, rows * K));
  const o = s.output(out.length === rows * K ? out : out.subarray(0, rows * K));
  const scratch = s.reserve(P * K * 4);
  s.commit();
  const mp = m === null ? 0 : s.ptr(m);
  if (P === 1) k.mlpMatmulTransB(0, 1, s.ptr(d), rows, N, s.ptr(w), K, s.ptr(o), mp, s.ptr(scratch));
  else runPartitions('mlpMatmulTransB', P, [s.ptr(d), rows, N, s.ptr(w), K, s.ptr(o), mp, s.ptr(scratch)]);
  s.finish();
}
