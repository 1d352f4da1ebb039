/**
 * Kernel micro-benchmark: GEMM GFLOP/s at 256/512/1024 (plain i-k-j TypeScript vs WASM SIMD on 1
 * and 2 threads) and one logistic-regression gradient pass over 800k×40 (TypeScript vs WASM vs WASM on 2
 * threads), all in the same process run so the ratios are comparable (anchors.md: compare ratios,
 * never absolute times). Run: `node dist/bench/kernels-bench.js`, or call {@link benchKernels}.
 */
import { pathToFileURL } from 'node:url';
import { Rng } from '../core/rng.js';
import { gemm } from '../kernels/gemm.js';
import { createLogisticPass } from '../kernels/logistic-pass.js';
import { binaryPassJs } from '../testing/reference/kernel-reference-passes.js';
import { kernelThreads, setKernelThreads } from '../kernels/thread-pool.js';
import { wasmKernels } from '../kernels/wasm-module.js';

/** Results of {@link benchKernels}. */
export interface KernelBenchResult {
  backend: 'wasm' | 'js';
  gemm: { n: number; tsGflops: number; wasmGflops: number; wasm2Gflops: number }[];
  logisticPass: { rows: number; cols: number; tsMs: number; wasmMs: number; wasm2Ms: number; maxRelDiff: number };
}

/** Options of {@link benchKernels}. */
export interface KernelBenchOptions {
  /** GEMM sizes. Default [256, 512, 1024]. */
  sizes?: number[];
  /** Rows of the logistic pass. Default 800,000. */
  rows?: number;
  /** Columns of the logistic pass. Default 40. */
  cols?: number;
}

function best(reps: number, f: () => void): number {
  let t = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

/** The usual fast plain-TypeScript product: i-k-j order, contiguous inner loop (C = A·B). */
function gemmIkjJs(n: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const c = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[i * n + k], b = k * n;
      for (let j = 0; j < n; j++) C[c + j] += a * B[b + j];
    }
  }
}

function randomArray(rng: Rng, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.random() * 2 - 1;
  return a;
}

/**
 * Runs the kernel micro-benchmark (a few seconds) and returns its figures.
 *
 * @example
 * const r = benchKernels({ sizes: [256], rows: 100_000 });
 * console.log(r.gemm[0].wasmGflops / r.gemm[0].tsGflops);
 */
export function benchKernels(options: KernelBenchOptions = {}): KernelBenchResult {
  const rng = new Rng(1);
  const threadsBefore = kernelThreads();
  const out: KernelBenchResult = {
    backend: wasmKernels ? 'wasm' : 'js',
    gemm: [],
    logisticPass: { rows: 0, cols: 0, tsMs: 0, wasmMs: 0, wasm2Ms: 0, maxRelDiff: 0 },
  };
  try {
    for (const n of options.sizes ?? [256, 512, 1024]) {
      const A = randomArray(rng, n * n), B = randomArray(rng, n * n), C = new Float64Array(n * n);
      const flop = 2 * n * n * n;
      const reps = n >= 1024 ? 2 : 4;
      const ts = best(n >= 1024 ? 1 : 2, () => gemmIkjJs(n, A, B, C));
      setKernelThreads(1);
      const w1 = best(reps, () => gemm(n, n, n, A, B, C));
      setKernelThreads(2);
      const w2 = best(reps, () => gemm(n, n, n, A, B, C));
      out.gemm.push({ n, tsGflops: flop / ts / 1e6, wasmGflops: flop / w1 / 1e6, wasm2Gflops: flop / w2 / 1e6 });
    }
    const rows = options.rows ?? 800_000, cols = options.cols ?? 40;
    const X = randomArray(rng, rows * cols);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) y[i] = X[i * cols] + 0.5 * X[i * cols + 1] + rng.random() - 0.5 > 0 ? 1 : 0;
    const sw = new Float64Array(rows).fill(1);
    const w = randomArray(rng, cols + 1).map((v) => v * 0.1);
    const gTs = new Float64Array(cols + 1), gW = new Float64Array(cols + 1);
    let lossTs = 0, lossW = 0;
    const tsMs = best(3, () => (lossTs = binaryPassJs(X, rows, cols, y, sw, w, gTs, true)));
    const data = { rows, cols, dense: X, indptr: new Int32Array(0), indices: new Int32Array(0), values: new Float64Array(0) };
    const pass = createLogisticPass({ X: data, y, sw, k: 1, fitIntercept: true });
    setKernelThreads(1);
    pass(w, gW); // first call copies the rows into kernel memory
    const wasmMs = best(5, () => (lossW = pass(w, gW)));
    setKernelThreads(2);
    pass(w, gW);
    const wasm2Ms = best(5, () => (lossW = pass(w, gW)));
    let rel = Math.abs(lossW - lossTs) / Math.abs(lossTs);
    for (let j = 0; j <= cols; j++) rel = Math.max(rel, Math.abs(gW[j] - gTs[j]) / Math.max(1e-300, Math.abs(gTs[j])));
    out.logisticPass = { rows, cols, tsMs, wasmMs, wasm2Ms, maxRelDiff: rel };
  } finally {
    setKernelThreads(threadsBefore);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = benchKernels();
  console.log(`kernels: ${r.backend}`);
  for (const g of r.gemm) {
    console.log(`gemm ${g.n}: TS ${g.tsGflops.toFixed(2)} GFLOP/s, WASM ${g.wasmGflops.toFixed(2)}, WASM×2 threads ${g.wasm2Gflops.toFixed(2)}`);
  }
  const l = r.logisticPass;
  console.log(`logistic pass ${l.rows}×${l.cols}: TS ${l.tsMs.toFixed(1)} ms, WASM ${l.wasmMs.toFixed(1)} ms, WASM×2 ${l.wasm2Ms.toFixed(1)} ms (max rel diff ${l.maxRelDiff.toExponential(1)})`);
}
