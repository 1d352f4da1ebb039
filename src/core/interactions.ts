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
  const counts = new Int32Array(nRows + 1);
  for (let i = 0; i < n; i++) {
    const r = rows[i], c = cols[i];
    if (!(r >= 0 && r < nRows && c >= 0 && c < nCols)) {
      throw new DataError(`interaction ${i} has index (${r}, ${c}) outside ${nRows} × ${nCols}; map ids with the interaction preprocessing first`, { row: i });
    }
    counts[r + 1]++;
  }
  for (let r = 0; r < nRows; r++) counts[r + 1] += counts[r];
  // Counting sort by row, then sort each row by column and merge repeats.
  const order = new Int32Array(n), next = counts.slice(0, nRows);
  for (let i = 0; i < n; i++) order[next[rows[i]]++] = i;
  const indptr = new Int32Array(nRows + 1), indices = new Int32Array(n), values = new Float64Array(n);
  let nnz = 0;
  for (let r = 0; r < nRows; r++) {
    const seg = Array.from(order.subarray(counts[r], counts[r + 1])).sort((a, b) => cols[a] - cols[b] || a - b);
    for (const i of seg) {
      if (nnz > indptr[r] && indices[nnz - 1] === cols[i]) values[nnz - 1] += data.values[i];
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
