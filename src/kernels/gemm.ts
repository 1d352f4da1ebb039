/**
 * General matrix products and BLAS-1 helpers on the WASM kernels (asm/gemm.ts):
 * `C = α·op(A)·op(B) + β·C` over row-major float64 matrices, with `op` = identity or transpose.
 * Operands are packed into 4-wide panels and a 4×4 SIMD micro-kernel does the work (Goto & van de
 * Geijn 2008); large products are split by row panels over the kernel thread pool. Every entry is
 * the plain k-ordered sum, so results equal {@link gemmJs} bit for bit on any number of threads.
 * Without the WASM module the functions fall back to the TypeScript versions.
 */
import { ShapeError } from '../core/errors.js';
import { Staging } from './staging.js';
import { kernelThreads, runPartitions } from './thread-pool.js';
import { wasmKernels } from './wasm-module.js';

/** Options of {@link gemm}. */
export interface GemmOptions {
  /** Use Aᵀ (A is then stored K×M). Default false. */
  transA?: boolean;
  /** Use Bᵀ (B is then stored N×K). Default false. */
  transB?: boolean;
  /** Default 1. */
  alpha?: number;
  /** Default 0 (C is overwritten without being read). */
  beta?: number;
  /** 1 keeps this call on the calling thread; default: the pool's size (see thread-pool.ts). */
  threads?: number;
}

/** Multiply-adds from which {@link gemm} uses the thread pool. */
export const GEMM_PARALLEL_MIN_MACS = 1 << 21;

function checkLen(name: string, a: ArrayLike<number>, want: number): void {
  if (a.length < want) throw new ShapeError(`gemm: ${name} has ${a.length} values, needs at least ${want}; check M, N, K and the transpose flags`);
}

/**
 * Plain TypeScript reference of {@link gemm}: each entry summed over k in order, then α·sum + β·C.
 *
 * @example
 * gemmJs(2, 2, 3, A, B, C); // C = A·B
 */
export function gemmJs(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array, o: GemmOptions = {}): void {
  const alpha = o.alpha ?? 1, beta = o.beta ?? 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (o.transA ? A[k * M + i] : A[i * K + k]) * (o.transB ? B[j * K + k] : B[k * N + j]);
      C[i * N + j] = beta === 0 ? alpha * s : alpha * s + beta * C[i * N + j];
    }
  }
}

/**
 * `C = α·op(A)·op(B) + β·C` with op(A) M×K, op(B) K×N and C M×N, all row-major.
 *
 * @example
 * gemm(64, 32, 128, A, B, C);                        // C = A·B
 * gemm(64, 32, 128, A, Bt, C, { transB: true });     // C = A·Bᵀ (Bt stored 32×128)
 * gemm(64, 32, 128, At, B, C, { transA: true, beta: 1 }); // C += Aᵀ·B
 */
export function gemm(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array, o: GemmOptions = {}): void {
  checkLen('A', A, M * K);
  checkLen('B', B, K * N);
  checkLen('C', C, M * N);
  const runtime = wasmKernels;
  if (runtime === null) return gemmJs(M, N, K, A, B, C, o);
  if (M === 0 || N === 0) return;
  const alpha = o.alpha ?? 1, beta = o.beta ?? 0;
  const ex = runtime.exports;
  const threads = o.threads ?? kernelThreads();
  const parallel = threads > 1 && M * N * K >= GEMM_PARALLEL_MIN_MACS;
  const mPanels = (M + 3) >> 2, nPanels = (N + 3) >> 2;
  const s = new Staging();
  const a = s.input(A.length === M * K ? A : A.subarray(0, M * K));
  const b = s.input(B.length === K * N ? B : B.subarray(0, K * N));
  const cView = C.length === M * N ? C : C.subarray(0, M * N);
  const c = beta === 0 ? s.output(cView) : s.inout(cView);
  const ap = s.reserve(mPanels * K * 32), bp = s.reserve(nPanels * K * 32);
  const acc = K > 256 ? s.reserve(mPanels * nPanels * 128) : ap; // running sums between K blocks
  s.commit();
  const [sar, sak] = o.transA ? [1, M] : [K, 1];
  const [sbr, sbk] = o.transB ? [K, 1] : [1, N];
  if (parallel) {
    const P = Math.min(mPanels, kernelThreads() * 4);
    runPartitions('gemmPack', Math.min(mPanels, P), [s.ptr(a), M, K, sar, sak, s.ptr(ap)]);
    runPartitions('gemmPack', Math.min(nPanels, P), [s.ptr(b), N, K, sbr, sbk, s.ptr(bp)]);
    runPartitions('gemmPanels', P, [M, N, K, alpha, s.ptr(ap), s.ptr(bp), beta, s.ptr(c), N, s.ptr(acc)]);
  } else {
    ex.gemmPack(0, 1, s.ptr(a), M, K, sar, sak, s.ptr(ap));
    ex.gemmPack(0, 1, s.ptr(b), N, K, sbr, sbk, s.ptr(bp));
    ex.gemmPanels(0, 1, M, N, K, alpha, s.ptr(ap), s.ptr(bp), beta, s.ptr(c), N, s.ptr(acc));
  }
  s.finish();
}

/**
 * x·y over the first n values (SIMD; lanes hold indices mod 4, combined (l0+l1)+(l2+l3), tail last).
 *
 * @example
 * dot(x, y, x.length);
 */
export function dot(x: Float64Array, y: Float64Array, n = Math.min(x.length, y.length)): number {
  const runtime = wasmKernels;
  if (runtime === null) return dotJs(x, y, n);
  const s = new Staging();
  const a = s.input(x.subarray(0, n)), b = s.input(y.subarray(0, n));
  s.commit();
  return runtime.exports.dot(s.ptr(a), s.ptr(b), n);
}

/** TypeScript reference of {@link dot} with the same summation order. */
export function dotJs(x: Float64Array, y: Float64Array, n = Math.min(x.length, y.length)): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, j = 0;
  for (; j + 4 <= n; j += 4) {
    l0 += x[j] * y[j];
    l1 += x[j + 1] * y[j + 1];
    l2 += x[j + 2] * y[j + 2];
    l3 += x[j + 3] * y[j + 3];
  }
  let s = l0 + l1 + (l2 + l3);
  for (; j < n; j++) s += x[j] * y[j];
  return s;
}

/**
 * y += a·x over the first n values.
 *
 * @example
 * axpy(0.5, g, w, w.length);
 */
export function axpy(a: number, x: Float64Array, y: Float64Array, n = Math.min(x.length, y.length)): void {
  const runtime = wasmKernels;
  if (runtime === null) {
    for (let j = 0; j < n; j++) y[j] += a * x[j];
    return;
  }
  const s = new Staging();
  const px = s.input(x.subarray(0, n)), py = s.inout(y.subarray(0, n));
  s.commit();
  runtime.exports.axpy(a, s.ptr(px), s.ptr(py), n);
  s.finish();
}
