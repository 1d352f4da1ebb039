/**
 * Loads trainyard's WASM kernels (compiled from `asm/*.ts` by `npm run build` into
 * `dist/kernels/kernels.wasm`) synchronously at import, so estimators stay synchronous. The module
 * imports one shared `WebAssembly.Memory`: worker threads instantiate the same module over the same
 * memory (see thread-pool.ts), and typed-array views into it stay valid when it grows (a shared
 * memory never moves). When the file is missing (a TypeScript-only build) or WASM SIMD is not
 * available, `wasmKernels` is null and callers use their plain TypeScript paths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';

/** The parts of the WebAssembly JS API used here (this project's lib settings do not declare them). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
/** A compiled module (opaque; structured-cloneable to workers). */
export type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (m: WasmModule, imports: object) => { exports: object };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The exported kernel functions (pointers are byte addresses into {@link KernelRuntime.memory}). */
export interface KernelExports {
  heapBase(): number;
  mlpMatmulBias(p: number, P: number, A: number, rows: number, K: number, W: number, N: number, bias: number, out: number, scratch: number): void;
  mlpMatmulTransA(p: number, P: number, A: number, rows: number, K: number, D: number, N: number, G: number, scratch: number): void;
  mlpMatmulTransB(p: number, P: number, D: number, rows: number, N: number, W: number, K: number, out: number, mask: number, scratch: number): void;
  gemmPack(p: number, P: number, X: number, rows: number, K: number, sr: number, sk: number, out: number): void;
  gemmPanels(p: number, P: number, M: number, N: number, K: number, alpha: number, Ap: number, Bp: number, beta: number, C: number, ldc: number, acc: number): void;
  dot(x: number, y: number, n: number): number;
  axpy(a: number, x: number, y: number, n: number): void;
  lrBinaryChunk(
    p: number, P: number, n: number, d: number, chunk: number, X: number, indptr: number, indices: number,
    y: number, sw: number, w: number, fitIntercept: number, slots: number,
  ): void;
  lrMultinomialChunk(
    p: number, P: number, n: number, d: number, k: number, chunk: number, X: number, indptr: number, indices: number,
    yIdx: number, sw: number, w: number, fitIntercept: number, slots: number, zScratch: number,
  ): void;
  reduceSlots(slots: number, nSlots: number, len: number, out: number): void;
  dualCdSweep(
    activeSize: number, d: number, indptr: number, indices: number, values: number, y: number, alpha: number,
    QD: number, diag: number, upper: number, index: number, w: number, bias: number, PGmaxOld: number, PGminOld: number, out: number,
  ): number;
}

/** The loaded module, its shared memory and the main thread's instance. */
export interface KernelRuntime {
  module: WasmModule;
  memory: WasmMemory;
  exports: KernelExports;
}

/** Largest memory the kernels may grow to: 65,536 pages of 64 KiB = 4 GiB (the wasm32 limit). */
export const MAX_PAGES = 65536;

/** Where the compiled module is expected: next to this file in dist/kernels/. */
export const wasmPath = fileURLToPath(new URL('./kernels.wasm', import.meta.url));

/**
 * Instantiates the module over `memory` (used by the main thread and by every worker).
 *
 * @example
 * const k = instantiateKernels(wasmKernels!.module, wasmKernels!.memory);
 */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): KernelExports {
  return new wasmApi!.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/**
 * Compiles module bytes (throws when this runtime lacks WebAssembly).
 *
 * @example
 * const m = compileKernels(readFileSync(wasmPath));
 */
export function compileKernels(bytes: Uint8Array): WasmModule {
  if (wasmApi === undefined) throw new Error('WebAssembly is not available');
  return new wasmApi.Module(bytes);
}

/**
 * The module the main thread compiled, in a kernel pool worker (kernel-worker.ts): reusing it spares
 * each worker reading and compiling the file again before it can help.
 */
function poolWorkerModule(): WasmModule | null {
  if (isMainThread) return null;
  const d = workerData as { kernelPool?: boolean; module?: WasmModule | null } | null;
  return d?.kernelPool === true ? (d.module ?? null) : null;
}

function load(): KernelRuntime | null {
  if (wasmApi === undefined || process.env.TRAINYARD_KERNELS === 'js') return null;
  const compiled = poolWorkerModule();
  if (compiled === null && !existsSync(wasmPath)) return null;
  try {
    // A memory of this thread's own either way: code running on a worker allocates apart from the main thread.
    const module = compiled ?? compileKernels(readFileSync(wasmPath));
    const memory = new wasmApi.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    return { module, memory, exports: instantiateKernels(module, memory) };
  } catch {
    // No SIMD / threads support in this runtime: fall back to TypeScript.
    return null;
  }
}

/**
 * The WASM kernels, or null when unavailable (missing `kernels.wasm`, or `TRAINYARD_KERNELS=js`).
 *
 * @example
 * if (wasmKernels) console.log('kernels: wasm'); else console.log('kernels: typescript');
 */
export const wasmKernels: KernelRuntime | null = load();
