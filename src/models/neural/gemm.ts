/**
 * The three dense products a multi-layer perceptron needs, over row-major Float64Array buffers, in
 * i-k-j loop order so every inner loop walks contiguous memory (the order the reference GEMM uses for
 * row-major data). Two tricks carry the speed in plain JavaScript, which V8 does not vectorise:
 * - zero entries of the left operand are skipped — one-hot inputs and ReLU activations are mostly
 *   zeros;
 * - the non-zeros are applied four at a time, so each output element is loaded and stored once per
 *   four multiply-adds instead of once per one (measured 1.7× on this machine).
 *
 * Float64 throughout so predictions match scikit-learn (numpy float64) to ~1e-12.
 *
 * When the WASM kernels are loaded (src/kernels/), the exported products run there instead — SIMD,
 * split over the kernel thread pool for large products — with the same summation order, so both
 * paths give bit-identical results. The `…Js` functions are the TypeScript paths, kept as the
 * fallback and as the reference the kernels are tested against.
 */
import { wasmMatmulBias, wasmMatmulTransA, wasmMatmulTransB } from '../../kernels/mlp-products.js';
import { wasmKernels } from '../../kernels/wasm-module.js';

const useWasm = wasmKernels !== null;

// Scratch for the non-zeros of one row / one column; grown on demand, never shrunk.
let nzPos = new Int32Array(256);
let nzVal = new Float64Array(256);
let cscStart = new Int32Array(257);
let cscRow = new Int32Array(1024);
let cscVal = new Float64Array(1024);

function ensureScratch(k: number): void {
  if (nzPos.length < k) {
    nzPos = new Int32Array(k);
    nzVal = new Float64Array(k);
  }
}

/**
 * `out[i, :] = Σ_t a_t · W[pos_t / N, :]` over the `nz` non-zeros `(pos_t, a_t)` of a row, added to
 * `out[o .. o+N)`; grouped by four.
 */
function axpyGroups(out: Float64Array, o: number, W: Float64Array, N: number, nz: number): void {
  let t = 0;
  for (; t + 4 <= nz; t += 4) {
    const a0 = nzVal[t], a1 = nzVal[t + 1], a2 = nzVal[t + 2], a3 = nzVal[t + 3];
    const w0 = nzPos[t], w1 = nzPos[t + 1], w2 = nzPos[t + 2], w3 = nzPos[t + 3];
    for (let j = 0; j < N; j++) out[o + j] += a0 * W[w0 + j] + a1 * W[w1 + j] + a2 * W[w2 + j] + a3 * W[w3 + j];
  }
  for (; t < nz; t++) {
    const a = nzVal[t], w = nzPos[t];
    for (let j = 0; j < N; j++) out[o + j] += a * W[w + j];
  }
}

/** `out[i, :] = bias + Σ_k A[i, k] · W[k, :]` — A is rows×K, W is K×N, out is rows×N. */
export function matmulBias(A: Float64Array, rows: number, K: number, W: Float64Array, N: number, bias: Float64Array, out: Float64Array): void {
  if (useWasm) wasmMatmulBias(A, rows, K, W, N, bias, out);
  else matmulBiasJs(A, rows, K, W, N, bias, out);
}

/** TypeScript path of {@link matmulBias}. */
export function matmulBiasJs(A: Float64Array, rows: number, K: number, W: Float64Array, N: number, bias: Float64Array, out: Float64Array): void {
  ensureScratch(K);
  for (let i = 0; i < rows; i++) {
    const o = i * N;
    for (let j = 0; j < N; j++) out[o + j] = bias[j];
    const a0 = i * K;
    let nz = 0;
    for (let k = 0; k < K; k++) {
      const a = A[a0 + k];
      if (a !== 0) {
        nzPos[nz] = k * N;
        nzVal[nz++] = a;
      }
    }
    axpyGroups(out, o, W, N, nz);
  }
}

/**
 * `G = Aᵀ · D` — A is rows×K, D is rows×N, G is K×N (overwritten). The non-zeros of A are first
 * regrouped by column (a small CSC transpose), so row k of G accumulates four rows of D per pass.
 */
export function matmulTransA(A: Float64Array, rows: number, K: number, D: Float64Array, N: number, G: Float64Array): void {
  if (useWasm) wasmMatmulTransA(A, rows, K, D, N, G);
  else matmulTransAJs(A, rows, K, D, N, G);
}

/** TypeScript path of {@link matmulTransA}. */
export function matmulTransAJs(A: Float64Array, rows: number, K: number, D: Float64Array, N: number, G: Float64Array): void {
  G.fill(0, 0, K * N);
  if (cscStart.length < K + 1) cscStart = new Int32Array(K + 1);
  cscStart.fill(0, 0, K + 1);
  for (let i = 0; i < rows; i++) {
    const a0 = i * K;
    for (let k = 0; k < K; k++) if (A[a0 + k] !== 0) cscStart[k + 1]++;
  }
  for (let k = 0; k < K; k++) cscStart[k + 1] += cscStart[k];
  const nnz = cscStart[K];
  if (cscRow.length < nnz) {
    cscRow = new Int32Array(nnz);
    cscVal = new Float64Array(nnz);
  }
  ensureScratch(K);
  const fill = nzPos; // reused as per-column write cursors
  for (let k = 0; k < K; k++) fill[k] = cscStart[k];
  for (let i = 0; i < rows; i++) {
    const a0 = i * K;
    for (let k = 0; k < K; k++) {
      const a = A[a0 + k];
      if (a !== 0) {
        const p = fill[k]++;
        cscRow[p] = i * N;
        cscVal[p] = a;
      }
    }
  }
  for (let k = 0; k < K; k++) {
    const g = k * N;
    let t = cscStart[k];
    const end = cscStart[k + 1];
    for (; t + 4 <= end; t += 4) {
      const a0 = cscVal[t], a1 = cscVal[t + 1], a2 = cscVal[t + 2], a3 = cscVal[t + 3];
      const d0 = cscRow[t], d1 = cscRow[t + 1], d2 = cscRow[t + 2], d3 = cscRow[t + 3];
      for (let j = 0; j < N; j++) G[g + j] += a0 * D[d0 + j] + a1 * D[d1 + j] + a2 * D[d2 + j] + a3 * D[d3 + j];
    }
    for (; t < end; t++) {
      const a = cscVal[t], d = cscRow[t];
      for (let j = 0; j < N; j++) G[g + j] += a * D[d + j];
    }
  }
}

/**
 * `out[i, k] = Σ_j D[i, j] · W[k, j]` (D · Wᵀ) — D is rows×N, W is K×N, out is rows×K. Entries where
 * `mask[i, k] === 0` are set to 0 without computing the dot product: for ReLU the derivative is zero
 * there anyway. Pass `mask = null` to compute every entry.
 */
export function matmulTransB(D: Float64Array, rows: number, N: number, W: Float64Array, K: number, out: Float64Array, mask: Float64Array | null): void {
  if (useWasm) wasmMatmulTransB(D, rows, N, W, K, out, mask);
  else matmulTransBJs(D, rows, N, W, K, out, mask);
}

/** TypeScript path of {@link matmulTransB}. */
export function matmulTransBJs(D: Float64Array, rows: number, N: number, W: Float64Array, K: number, out: Float64Array, mask: Float64Array | null): void {
  for (let i = 0; i < rows; i++) {
    const d = i * N;
    const o = i * K;
    for (let k = 0; k < K; k++) {
      if (mask !== null && mask[o + k] === 0) {
        out[o + k] = 0;
        continue;
      }
      const w = k * N;
      let s0 = 0, s1 = 0;
      let j = 0;
      for (; j + 2 <= N; j += 2) {
        s0 += D[d + j] * W[w + j];
        s1 += D[d + j + 1] * W[w + j + 1];
      }
      if (j < N) s0 += D[d + j] * W[w + j];
      out[o + k] = s0 + s1;
    }
  }
}
