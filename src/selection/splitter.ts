/**
 * Splitters yield (train, test) index pairs, as scikit-learn's do. Indices are Int32Arrays sorted
 * ascending within each part, so the same seed gives the same folds everywhere.
 */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface Splitter {
  /** `groups`/`y` are only read by splitters that need them. */
  split(n: number, y?: ArrayLike<number>): Fold[];
}

/** Sorted copy, so fold contents do not depend on shuffle order. */
export function sortedIndices(a: ArrayLike<number>): Int32Array {
  return Int32Array.from(a).sort();
}

/** The complement of `test` within 0..n-1, ascending. */
export function complement(n: number, test: Int32Array): Int32Array {
  const mark = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) mark[test[i]] = 1;
  const out = new Int32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!mark[i]) out[k++] = i;
  return out;
}

/** Groups row indices by class label (labels are class indices 0..k-1 or any numbers). */
export function indicesByClass(y: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]);
    if (list) list.push(i);
    else byClass.set(y[i], [i]);
  }
  return new Map([...byClass.entries()].sort((a, b) => a[0] - b[0]));
}
