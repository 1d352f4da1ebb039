/**
 * Input checks and label bookkeeping shared by the metric functions. Metrics are pure functions over
 * plain numeric arrays, so every check happens here up front and the hot loops stay branch-free.
 */
import { DataError, ShapeError } from '../core/errors.js';

/** Throws `E_SHAPE` naming both inputs and their lengths unless they have the same length. */
export function checkSameLength(fn: string, aName: string, a: ArrayLike<number>, bName: string, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new ShapeError(`${fn}: ${aName} has ${a.length} values but ${bName} has ${b.length}; they must have the same length`, {
      metric: fn,
      [aName]: a.length,
      [bName]: b.length,
    });
  }
}

/** Throws `E_DATA` on empty input: every metric here is undefined over zero samples. */
export function checkNonEmpty(fn: string, name: string, a: ArrayLike<number>): void {
  if (a.length === 0) throw new DataError(`${fn}: ${name} is empty; a metric needs at least one sample`, { metric: fn });
}

/** Throws `E_DATA` at the first NaN or ±Infinity, naming the row (sklearn's `assert_all_finite`). */
export function checkFinite(fn: string, name: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      throw new DataError(`${fn}: ${name} has a non-finite value at row ${i} (${a[i]}); drop or impute such rows before scoring`, {
        metric: fn,
        row: i,
        value: String(a[i]),
      });
    }
  }
}

/** Length, emptiness and finiteness checks for a (truth, prediction) pair. */
export function checkPair(fn: string, aName: string, a: ArrayLike<number>, bName: string, b: ArrayLike<number>): void {
  checkSameLength(fn, aName, a, bName, b);
  checkNonEmpty(fn, aName, a);
  checkFinite(fn, aName, a);
  checkFinite(fn, bName, b);
}

/** Labels below this bound that are non-negative integers take the table fast path (no hashing). */
const TABLE_LIMIT = 1 << 16;

/** Sorted distinct values of the given label arrays (sklearn's `unique_labels` for numeric labels). */
export function uniqueLabels(...arrays: ArrayLike<number>[]): Float64Array {
  // Class indices 0..k-1 are the common case: a presence table is several times faster than a Set.
  const seen = new Uint8Array(TABLE_LIMIT);
  let small = true;
  outer: for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if ((v | 0) !== v || v < 0 || v >= TABLE_LIMIT) {
        small = false;
        break outer;
      }
      seen[v] = 1;
    }
  }
  if (small) {
    const out: number[] = [];
    for (let v = 0; v < TABLE_LIMIT; v++) if (seen[v]) out.push(v);
    return Float64Array.from(out);
  }
  const set = new Set<number>();
  for (const a of arrays) for (let i = 0; i < a.length; i++) set.add(a[i]); // a Set stores -0 as +0
  return Float64Array.from(set).sort();
}

/** Maps each label to its column index in `labels`; labels not in the list map to -1. */
export function encodeLabels(y: ArrayLike<number>, labels: ArrayLike<number>): Int32Array {
  const out = new Int32Array(y.length);
  let max = -1;
  for (let j = 0; j < labels.length; j++) {
    const v = labels[j];
    if ((v | 0) !== v || v < 0 || v >= TABLE_LIMIT) {
      max = -2;
      break;
    }
    if (v > max) max = v;
  }
  if (max >= -1) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let j = 0; j < labels.length; j++) table[labels[j]] = j;
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      out[i] = (v | 0) === v && v >= 0 && v <= max ? table[v] : -1;
    }
    return out;
  }
  const index = new Map<number, number>();
  for (let j = 0; j < labels.length; j++) index.set(labels[j], j); // Map keys treat -0 and +0 alike
  for (let i = 0; i < y.length; i++) out[i] = index.get(y[i]) ?? -1;
  return out;
}

/** `labels` as a sorted Float64Array, refusing duplicates (sklearn requires unique, ordered labels). */
export function checkLabelList(fn: string, labels: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(labels).sort();
  for (let j = 0; j < sorted.length; j++) {
    if (!Number.isFinite(sorted[j])) throw new DataError(`${fn}: labels must be finite numbers, got ${sorted[j]}`, { metric: fn });
    if (j > 0 && sorted[j] === sorted[j - 1]) {
      throw new DataError(`${fn}: labels must be distinct, got ${sorted[j]} twice`, { metric: fn, label: sorted[j] });
    }
  }
  return sorted;
}
