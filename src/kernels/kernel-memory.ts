/**
 * A first-fit allocator over the kernels' shared WebAssembly memory, so callers can keep their big
 * arrays (training matrices, layer weights, workspaces) inside it: kernels then read them in place
 * instead of copying them in on every call. Arrays returned by {@link allocF64} are ordinary
 * Float64Array views and are freed when they are garbage collected (or explicitly with
 * {@link freeArray}); do not keep a `subarray` of one longer than the array itself.
 */
import { MAX_PAGES, wasmKernels } from './wasm-module.js';

const ALIGN = 64; // cache-line alignment keeps SIMD loads within one line
const PAGE = 65536;

const runtime = wasmKernels;
const heapStart = runtime ? Math.ceil(runtime.exports.heapBase() / ALIGN) * ALIGN : 0;
let heapEnd = heapStart; // first byte never handed out
/** Free blocks sorted by address, coalesced. */
const freeList: { start: number; size: number }[] = [];
const sizes = new Map<number, number>();
/** Every SharedArrayBuffer object handed out for the memory (one per size it had). */
const knownBuffers = new WeakSet<ArrayBufferLike>();
let current: ArrayBufferLike | null = null;
const registry = new FinalizationRegistry<number>((ptr) => freeBytes(ptr));

function buffer(minBytes: number): ArrayBufferLike {
  if (!runtime) throw new Error('WASM kernels are not loaded');
  if (current === null || current.byteLength < minBytes) {
    const b = runtime.memory.buffer;
    knownBuffers.add(b);
    current = b;
    return b;
  }
  return current;
}

/**
 * Allocates `bytes` (rounded up to 64) and returns the byte address; grows the memory when needed.
 * Throws a RangeError past 4 GiB.
 *
 * @example
 * const ptr = allocBytes(1024); // … kernel work … then freeBytes(ptr)
 */
export function allocBytes(bytes: number): number {
  const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  for (let i = 0; i < freeList.length; i++) {
    const b = freeList[i];
    if (b.size < size) continue;
    const ptr = b.start;
    if (b.size === size) freeList.splice(i, 1);
    else {
      b.start += size;
      b.size -= size;
    }
    sizes.set(ptr, size);
    return ptr;
  }
  const ptr = heapEnd;
  const end = ptr + size;
  const mem = runtime!.memory;
  const have = mem.buffer.byteLength;
  if (end > have) {
    const pages = Math.ceil((end - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`kernel memory: cannot allocate ${bytes} bytes (4 GiB limit)`);
    mem.grow(pages);
  }
  heapEnd = end;
  sizes.set(ptr, size);
  return ptr;
}

/**
 * Returns a block from {@link allocBytes} to the free list (merging neighbours).
 *
 * @example
 * freeBytes(allocBytes(64));
 */
export function freeBytes(ptr: number): void {
  const size = sizes.get(ptr);
  if (size === undefined) return;
  sizes.delete(ptr);
  let lo = 0, hi = freeList.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (freeList[mid].start < ptr) lo = mid + 1;
    else hi = mid;
  }
  freeList.splice(lo, 0, { start: ptr, size });
  // Merge with the next block, then with the previous one.
  if (lo + 1 < freeList.length && ptr + size === freeList[lo + 1].start) {
    freeList[lo].size += freeList[lo + 1].size;
    freeList.splice(lo + 1, 1);
  }
  if (lo > 0 && freeList[lo - 1].start + freeList[lo - 1].size === ptr) {
    freeList[lo - 1].size += freeList[lo].size;
    freeList.splice(lo, 1);
    lo--;
  }
  // A free block at the top goes back to the bump pointer.
  const last = freeList[freeList.length - 1];
  if (last && last.start + last.size === heapEnd) {
    heapEnd = last.start;
    freeList.pop();
  }
}

/**
 * A Float64Array view of `n` values at byte address `ptr` (no allocation, no ownership).
 *
 * @example
 * const v = f64At(ptr, 16);
 */
export function f64At(ptr: number, n: number): Float64Array {
  return new Float64Array(buffer(ptr + n * 8), ptr, n);
}

/**
 * An Int32Array view of `n` values at byte address `ptr`.
 *
 * @example
 * const idx = i32At(ptr, 16);
 */
export function i32At(ptr: number, n: number): Int32Array {
  return new Int32Array(buffer(ptr + n * 4), ptr, n);
}

/**
 * A zero-filled Float64Array of `n` values living in kernel memory, or a plain Float64Array when the
 * WASM kernels are not loaded. Freed automatically when garbage collected.
 *
 * @example
 * const w = allocF64(64 * 32); // kernels read it in place, no copies per call
 */
export function allocF64(n: number): Float64Array {
  if (!runtime) return new Float64Array(n);
  const ptr = allocBytes(n * 8);
  const view = f64At(ptr, n);
  view.fill(0);
  registry.register(view, ptr, view);
  return view;
}

/**
 * Int32 twin of {@link allocF64}.
 *
 * @example
 * const labels = allocI32(n);
 */
export function allocI32(n: number): Int32Array {
  if (!runtime) return new Int32Array(n);
  const ptr = allocBytes(n * 4);
  const view = i32At(ptr, n);
  view.fill(0);
  registry.register(view, ptr, view);
  return view;
}

/**
 * Frees an array from {@link allocF64}/{@link allocI32} now; the array must not be used afterwards.
 *
 * @example
 * freeArray(workspace);
 */
export function freeArray(a: Float64Array | Int32Array): void {
  if (!isResident(a)) return;
  registry.unregister(a);
  freeBytes(a.byteOffset);
}

/**
 * True when `a` lives in kernel memory (kernels can use `a.byteOffset` as its address).
 *
 * @example
 * isResident(allocF64(4)); // true
 */
export function isResident(a: ArrayBufferView): boolean {
  return knownBuffers.has(a.buffer);
}

/**
 * Bytes currently handed out (for tests and leak checks).
 *
 * @example
 * const before = allocatedBytes();
 */
export function allocatedBytes(): number {
  let s = 0;
  for (const v of sizes.values()) s += v;
  return s;
}

/**
 * First and one-past-last byte of the managed heap (for tests).
 *
 * @example
 * const { start, end } = heapBounds();
 */
export function heapBounds(): { start: number; end: number } {
  return { start: heapStart, end: heapEnd };
}
