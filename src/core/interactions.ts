/**
 * User–item interactions in dense index form — what every recommender fits on. Raw ids (strings or
 * numbers in the source) are mapped to 0..nUsers-1 / 0..nItems-1 by the preprocessing layer, which
 * keeps the mapping in the model bundle; the models only ever see these indices.
 */
import { DataError } from './errors.js';

/** Events as parallel arrays, one entry per (user, item) event. */
export interface Interactions {
  readonly nUsers: number;
  readonly nItems: number;
  readonly users: Int32Array;
  readonly items: Int32Array;
  /** The rating (explicit feedback) or event weight (implicit feedback; 1 when the source has none). */
  readonly values: Float64Array;
  /** Event times (seconds), when the source has them; time-based splits need them. */
  readonly timestamps?: Float64Array;
}

/**
 * Compressed sparse rows: row r's entries are `indices[indptr[r] .. indptr[r+1])` with their `values`,
 * column indices ascending within a row.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** The events at `index` (a split's train or test part), same index space. */
export function subsetInteractions(data: Interactions, index: ArrayLike<number>): Interactions {
  const n = index.length;
  const users = new Int32Array(n), items = new Int32Array(n), values = new Float64Array(n);
  const timestamps = data.timestamps ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const j = index[i];
    users[i] = data.users[j];
    items[i] = data.items[j];
    values[i] = data.values[j];
    if (timestamps) timestamps[i] = data.timestamps![j];
  }
  return { nUsers: data.nUsers, nItems: data.nItems, users, items, values, ...(timestamps ? { timestamps } : {}) };
}

/**
 * The user × item matrix of `data` (or item × user with `byItem`). Repeated (user, item) pairs are
 * summed, so implicit events of one pair add up to one confidence weight.
 */
export function interactionsToCsr(data: Interactions, byItem = false): CsrMatrix {
  const rows = byItem ? data.items : data.users, cols = byItem ? data.users : data.items;
  const nRows = byItem ? data.nItems : data.nUsers, nCols = byItem ? data.nUsers : data.nItems;
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const r = rows[i], c = cols[i];
    if (!(r >= 0 && r < nRows && c >= 0 && c < nCols)) {
      throw new DataError(`interaction ${i} has index (${r}, ${c}) outside ${nRows} × ${nCols}; map ids with the interaction preprocessing first`, { row: i });
    }
  }
  // Two stable counting sorts (by column, then by row) order events by (row, column, input order)
  // in O(n), so repeats of one pair are adjacent and merge in input order.
  const byCol = countingOrder(cols, nCols, null);
  const order = countingOrder(rows, nRows, byCol);
  const indptr = new Int32Array(nRows + 1), indices = new Int32Array(n), values = new Float64Array(n);
  let nnz = 0, p = 0;
  for (let r = 0; r < nRows; r++) {
    const rowStart = nnz;
    for (; p < n && rows[order[p]] === r; p++) {
      const i = order[p];
      if (nnz > rowStart && indices[nnz - 1] === cols[i]) values[nnz - 1] += data.values[i];
      else {
        indices[nnz] = cols[i];
        values[nnz] = data.values[i];
        nnz++;
      }
    }
    indptr[r + 1] = nnz;
  }
  return { nRows, nCols, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}

/** Stable counting sort of `order` (default 0..n-1) by `keys[order[i]]` in 0..nKeys-1. */
function countingOrder(keys: Int32Array, nKeys: number, order: Int32Array | null): Int32Array {
  const n = keys.length;
  const next = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) next[keys[i] + 1]++;
  for (let k = 0; k < nKeys; k++) next[k + 1] += next[k];
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order === null ? p : order[p];
    out[next[keys[i]]++] = i;
  }
  return out;
}
