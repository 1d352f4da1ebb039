/**
 * The fused logistic loss + gradient pass on the WASM kernels (asm/logistic.ts), for
 * src/models/linear/logistic-loss.ts. The training rows are copied into kernel memory once and stay
 * there across L-BFGS iterations (and across the one-vs-rest problems of one fit, which share them);
 * each evaluation copies in only the parameters. Rows run in fixed chunks of {@link LR_CHUNK}, each
 * writing its own partial sums, added afterwards in chunk order — so the result is the same on any
 * number of threads.
 */
import { allocBytes, allocF64, allocI32, f64At, freeBytes, i32At, isResident } from './kernel-memory.js';
import { runPartitions } from './thread-pool.js';
import { wasmKernels } from './wasm-module.js';

/** Rows per chunk (one partial gradient each). */
export const LR_CHUNK = 4096;
/** Stored values (n·nnz-per-row·classes) from which a pass is spread over the thread pool. */
export const LR_PARALLEL_MIN = 1 << 20;

/** Rows as dense row-major values or CSR (the shape of linear/row-store.ts's RowStore). */
export interface RowData {
  readonly rows: number;
  readonly cols: number;
  readonly dense: Float64Array | null;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

interface ResidentRows {
  key: WeakRef<object>;
  X: number;
  indptr: number;
  indices: number;
  owned: number[];
}

// The most recent training matrix, kept resident; a fit on other data replaces (and frees) it.
let cached: ResidentRows | null = null;

function copyIn(a: Float64Array | Int32Array, owned: number[]): number {
  if (isResident(a)) return a.byteOffset;
  const ptr = allocBytes(Math.max(8, a.byteLength));
  owned.push(ptr);
  (a instanceof Float64Array ? f64At(ptr, a.length) : i32At(ptr, a.length)).set(a);
  return ptr;
}

function residentRows(X: RowData): ResidentRows {
  const key = X.dense ?? X.values;
  if (cached !== null && cached.key.deref() === key) return cached;
  releaseLogisticRows();
  const owned: number[] = [];
  const r: ResidentRows =
    X.dense !== null
      ? { key: new WeakRef(key), X: copyIn(X.dense, owned), indptr: 0, indices: 0, owned }
      : { key: new WeakRef(key), X: copyIn(X.values, owned), indptr: copyIn(X.indptr, owned), indices: copyIn(X.indices, owned), owned };
  cached = r;
  return r;
}

/**
 * Frees the training rows kept resident by the last logistic fit (they are otherwise kept until a fit
 * on other data).
 *
 * @example
 * releaseLogisticRows();
 */
export function releaseLogisticRows(): void {
  if (cached === null) return;
  for (const p of cached.owned) freeBytes(p);
  cached = null;
}

/** One loss evaluation: writes the unpenalised gradient into `grad` and returns the unpenalised loss. */
export type LogisticPass = (w: Float64Array, grad: Float64Array) => number;

/** Options of {@link createLogisticPass}. */
export interface LogisticPassOptions {
  X: RowData;
  /** Binary: 0/1 per row (Float64Array). Multinomial: class index per row (Int32Array). */
  y: Float64Array | Int32Array;
  /** Per-row sample weights. */
  sw: Float64Array;
  /** Classes for the multinomial loss; 1 for the binary loss. */
  k: number;
  fitIntercept: boolean;
}

/**
 * Builds the WASM pass for a binary (k = 1, parameters [w, b]) or multinomial (parameters
 * [W (k×d), b (k)]) logistic loss. `y` and `sw` are copied now, so later changes to them do not leak in.
 *
 * @example
 * const pass = createLogisticPass({ X: rows, y: y01, sw, k: 1, fitIntercept: true });
 * const loss = pass(w, grad); // add the L2 penalty yourself
 */
export function createLogisticPass(o: LogisticPassOptions): LogisticPass {
  const ex = wasmKernels!.exports;
  const { X, k, fitIntercept } = o;
  const n = X.rows, d = X.cols;
  const multi = k > 1;
  const y = multi ? allocI32(n) : allocF64(n);
  y.set(o.y);
  const sw = allocF64(n);
  sw.set(o.sw);
  const nParams = multi ? k * d + k : d + 1;
  const slotLen = multi ? 1 + nParams : d + 2;
  const P = Math.max(1, Math.ceil(n / LR_CHUNK));
  const slots = allocF64(P * slotLen);
  const total = allocF64(slotLen);
  const w = allocF64(nParams);
  const z = allocF64(multi ? P * k : 1);
  const nnz = X.dense !== null ? n * d : X.values.length;
  const parallel = nnz * k >= LR_PARALLEL_MIN;
  const fi = fitIntercept ? 1 : 0;
  return (wIn, grad) => {
    // The closure holds y, sw, slots… so kernel memory they use cannot be freed while it lives.
    const r = residentRows(X);
    w.set(wIn.subarray(0, Math.min(wIn.length, nParams)));
    if (multi) {
      runPartitions('lrMultinomialChunk', P, [n, d, k, LR_CHUNK, r.X, r.indptr, r.indices, y.byteOffset, sw.byteOffset, w.byteOffset, fi, slots.byteOffset, z.byteOffset], parallel);
    } else {
      runPartitions('lrBinaryChunk', P, [n, d, LR_CHUNK, r.X, r.indptr, r.indices, y.byteOffset, sw.byteOffset, w.byteOffset, fi, slots.byteOffset], parallel);
    }
    ex.reduceSlots(slots.byteOffset, P, slotLen, total.byteOffset);
    if (multi) {
      grad.set(total.subarray(1, 1 + (fitIntercept ? nParams : k * d)));
    } else {
      grad.set(total.subarray(2, 2 + d));
      if (fitIntercept) grad[d] = total[1];
    }
    return total[0];
  };
}
