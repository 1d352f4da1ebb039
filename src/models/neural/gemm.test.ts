import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { kernelThreads, setKernelThreads } from '../../kernels/thread-pool.js';
import { wasmKernels } from '../../kernels/wasm-module.js';
import { matmulBias, matmulBiasJs, matmulTransA, matmulTransAJs, matmulTransB, matmulTransBJs } from './gemm.js';

const rng = new Rng(3);
/** Values with about `zeros` of them exactly 0 (one-hot inputs, ReLU outputs). */
const rand = (n: number, zeros = 0): Float64Array => Float64Array.from({ length: n }, () => (rng.random() < zeros ? 0 : rng.random() * 2 - 1));

// Odd sizes (SIMD tails, groups of four with remainders) and one above the thread-pool threshold.
const SHAPES = [[1, 1, 1], [7, 5, 3], [200, 75, 64], [513, 101, 33], [300, 130, 65]];

test('the MLP products run on the WASM kernels', () => {
  assert.notEqual(wasmKernels, null);
});

for (const threads of [1, 2]) {
  test(`the three MLP products equal their TypeScript paths bit for bit (${threads} thread(s))`, () => {
    const before = kernelThreads();
    setKernelThreads(threads);
    try {
      for (const [rows, K, N] of SHAPES) {
        const A = rand(rows * K, 0.5), W = rand(K * N), bias = rand(N), D = rand(rows * N), mask = rand(rows * K, 0.4);
        const z1 = new Float64Array(rows * N), z2 = new Float64Array(rows * N);
        matmulBias(A, rows, K, W, N, bias, z1);
        matmulBiasJs(A, rows, K, W, N, bias, z2);
        assert.deepEqual(z1, z2, `matmulBias ${rows}×${K}×${N}`);
        const g1 = new Float64Array(K * N).fill(9), g2 = new Float64Array(K * N);
        matmulTransA(A, rows, K, D, N, g1);
        matmulTransAJs(A, rows, K, D, N, g2);
        assert.deepEqual(g1, g2, `matmulTransA ${rows}×${K}×${N}`);
        for (const m of [mask, null]) {
          const p1 = new Float64Array(rows * K).fill(9), p2 = new Float64Array(rows * K);
          matmulTransB(D, rows, N, W, K, p1, m);
          matmulTransBJs(D, rows, N, W, K, p2, m);
          assert.deepEqual(p1, p2, `matmulTransB ${rows}×${K}×${N} mask=${m !== null}`);
        }
      }
    } finally {
      setKernelThreads(before);
    }
  });
}

test('products read only the first rows of longer workspaces and leave the rest alone', () => {
  const rows = 3, K = 4, N = 5;
  const A = rand(10 * K), W = rand(K * N), bias = rand(N);
  const out = new Float64Array(10 * N).fill(7);
  matmulBias(A, rows, K, W, N, bias, out);
  const want = new Float64Array(10 * N).fill(7);
  matmulBiasJs(A, rows, K, W, N, bias, want);
  assert.deepEqual(out, want);
  assert.equal(out[rows * N], 7);
});
