/**
 * Hot numeric kernels: AssemblyScript compiled to WASM SIMD (asm/*.ts → dist/kernels/kernels.wasm),
 * an allocator over their shared memory, and the one worker-thread pool every parallel kernel runs on
 * (the WASM kernels here, and jobs that model families attach: SVM kernel rows, boosting histograms).
 *
 * @example
 * import { gemm, allocF64, setKernelThreads } from './kernels/index.js';
 * const C = allocF64(64 * 32);
 * gemm(64, 32, 128, A, B, C);
 */
export { axpy, dot, dotJs, gemm, gemmJs, GEMM_PARALLEL_MIN_MACS, type GemmOptions } from './gemm.js';
export { allocF64, allocI32, freeArray, isResident, allocatedBytes } from './kernel-memory.js';
export { createLogisticPass, releaseLogisticRows, LR_CHUNK, type LogisticPass, type LogisticPassOptions, type RowData } from './logistic-pass.js';
export { wasmMatmulBias, wasmMatmulTransA, wasmMatmulTransB, PARALLEL_MIN_MACS } from './mlp-products.js';
export { attachPoolJob, kernelThreads, PoolJob, setKernelThreads, shutdownPool, workerPartitions } from './thread-pool.js';
export { definePoolJob, type PoolJobType } from './pool-jobs.js';
export { wasmKernels, type KernelExports, type KernelRuntime } from './wasm-module.js';
