/**
 * Sorts a node's feature values together with their sample ids — scikit-learn's `sort` in
 * `sklearn/tree/_splitter.pyx`: introsort (Musser 1997) with median-of-3 pivots and a 3-way partition
 * (Bentley & McIlroy 1993), which is fast on the many repeated values of one-hot and count features,
 * plus insertion sort for short runs. The order of equal values does not matter to the split search.
 */

/**
 * Sorts `values[start..start+n)` ascending, applying the same swaps to `samples`.
 *
 * @example
 * const v = Float32Array.of(3, 1, 2), s = Int32Array.of(0, 1, 2);
 * sortSamples(v, s, 0, 3); // v = [1, 2, 3], s = [1, 2, 0]
 */
export function sortSamples(values: Float32Array, samples: Int32Array, start: number, n: number): void {
  if (n < 2) return;
  introsort(values, samples, start, n, 2 * Math.floor(Math.log(n)));
}

function introsort(v: Float32Array, s: Int32Array, lo: number, n: number, maxDepth: number): void {
  while (n > 16) {
    if (maxDepth <= 0) {
      heapsort(v, s, lo, n);
      return;
    }
    maxDepth--;
    const pivot = median3(v, lo, n);
    let i = lo, l = lo, r = lo + n;
    while (i < r) {
      const x = v[i];
      if (x < pivot) {
        swap(v, s, i, l);
        i++;
        l++;
      } else if (x > pivot) {
        r--;
        swap(v, s, i, r);
      } else i++;
    }
    // Recurse into the smaller side, loop on the larger one: stack depth stays O(log n).
    const nl = l - lo, nr = lo + n - r;
    if (nl < nr) {
      introsort(v, s, lo, nl, maxDepth);
      lo = r;
      n = nr;
    } else {
      introsort(v, s, r, nr, maxDepth);
      n = nl;
    }
  }
  insertionSort(v, s, lo, n);
}

function median3(v: Float32Array, lo: number, n: number): number {
  const a = v[lo], b = v[lo + (n >> 1)], c = v[lo + n - 1];
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (b < c) return a < c ? a : c;
  return b;
}

function insertionSort(v: Float32Array, s: Int32Array, lo: number, n: number): void {
  const hi = lo + n;
  for (let i = lo + 1; i < hi; i++) {
    const x = v[i], id = s[i];
    let j = i - 1;
    while (j >= lo && v[j] > x) {
      v[j + 1] = v[j];
      s[j + 1] = s[j];
      j--;
    }
    v[j + 1] = x;
    s[j + 1] = id;
  }
}

function heapsort(v: Float32Array, s: Int32Array, lo: number, n: number): void {
  for (let start = (n - 2) >> 1; start >= 0; start--) siftDown(v, s, lo, start, n);
  for (let end = n - 1; end > 0; end--) {
    swap(v, s, lo, lo + end);
    siftDown(v, s, lo, 0, end);
  }
}

function siftDown(v: Float32Array, s: Int32Array, lo: number, root: number, end: number): void {
  for (;;) {
    const child = root * 2 + 1;
    if (child >= end) return;
    let top = root;
    if (v[lo + top] < v[lo + child]) top = child;
    if (child + 1 < end && v[lo + top] < v[lo + child + 1]) top = child + 1;
    if (top === root) return;
    swap(v, s, lo + root, lo + top);
    root = top;
  }
}

function swap(v: Float32Array, s: Int32Array, i: number, j: number): void {
  const x = v[i];
  v[i] = v[j];
  v[j] = x;
  const t = s[i];
  s[i] = s[j];
  s[j] = t;
}
