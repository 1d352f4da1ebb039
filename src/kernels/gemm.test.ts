import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { axpy, dot, dotJs, gemm, gemmJs } from './gemm.js';
import { allocF64 } from './kernel-memory.js';
import { kernelThreads, setKernelThreads } from './thread-pool.js';
import { wasmKernels } from './wasm-module.js';

const rng = new Rng(42);
const rand = (n: number): Float64Array => Float64Array.from({ length: n }, () => rng.random() * 2 - 1);

test('the WASM kernels are loaded from the build', () => {
  assert.notEqual(wasmKernels, null, 'dist/kernels/kernels.wasm missing: run npm run build');
});

test('gemm equals the TypeScript reference bit for bit for every transpose, odd sizes, alpha/beta', () => {
  // K = 600 crosses the kernel's K blocks of 256.
  for (const [M, N, K] of [[1, 1, 1], [5, 7, 3], [33, 17, 65], [6, 130, 9], [9, 11, 600]]) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const [alpha, beta] of [[1, 0], [0.7, 0.3]]) {
          const A = rand(M * K), B = rand(K * N), C0 = rand(M * N);
          const got = C0.slice(), want = C0.slice();
          gemm(M, N, K, A, B, got, { transA, transB, alpha, beta });
          gemmJs(M, N, K, A, B, want, { transA, transB, alpha, beta });
          assert.deepEqual(got, want, `M=${M} N=${N} K=${K} transA=${transA} transB=${transB} alpha=${alpha}`);
        }
      }
    }
  }
});

test('gemm with beta = 0 ignores NaN already in C, and reads resident operands in place', () => {
  const A = allocF64(6), B = allocF64(6);
  A.set([1, 2, 3, 4, 5, 6]);
  B.set([1, 0, 0, 1, 1, 1]);
  const C = new Float64Array(4).fill(NaN);
  gemm(2, 2, 3, A, B, C);
  assert.deepEqual([...C], [4, 5, 10, 11]);
});

test('gemm results do not depend on the thread count', () => {
  const before = kernelThreads();
  try {
    const M = 203, N = 129, K = 301; // above the parallel threshold, not multiples of 4, two K blocks
    const A = rand(M * K), B = rand(N * K);
    const one = new Float64Array(M * N), two = new Float64Array(M * N);
    setKernelThreads(1);
    gemm(M, N, K, A, B, one, { transB: true });
    setKernelThreads(2);
    gemm(M, N, K, A, B, two, { transB: true });
    assert.deepEqual(two, one);
    const want = new Float64Array(M * N);
    gemmJs(M, N, K, A, B, want, { transB: true });
    assert.deepEqual(one, want);
  } finally {
    setKernelThreads(before);
  }
});

test('gemm rejects operands that are too short', () => {
  assert.throws(() => gemm(2, 2, 2, new Float64Array(3), new Float64Array(4), new Float64Array(4)), ShapeError);
});

test('dot and axpy match their references on lengths that are not multiples of the SIMD width', () => {
  for (const n of [0, 1, 3, 4, 7, 33]) {
    const x = rand(n), y = rand(n);
    assert.equal(dot(x, y), dotJs(x, y));
    const got = y.slice(), want = y.slice();
    axpy(0.37, x, got);
    for (let j = 0; j < n; j++) want[j] += 0.37 * x[j];
    assert.deepEqual(got, want);
  }
});

test('setKernelThreads rejects a non-positive count', () => {
  assert.throws(() => setKernelThreads(0), RangeError);
});
