/**
 * Top-k selection over a dense score vector, skipping excluded items (those the user has already seen).
 * A bounded min-heap keeps it O(nItems · log k); ties go to the smaller item index so that the result
 * is the same on every machine.
 */

/** The best `k` items by score, best first, leaving out `exclude` (sorted or not) and NaN scores. */
export function topK(scores: Float64Array, k: number, exclude?: ArrayLike<number>): { items: Int32Array; scores: Float64Array } {
  const n = scores.length;
  let skip: Uint8Array | null = null;
  if (exclude && exclude.length > 0) {
    skip = new Uint8Array(n);
    for (let i = 0; i < exclude.length; i++) skip[exclude[i]] = 1;
  }
  const cap = Math.max(0, Math.min(k, n));
  const heapItems = new Int32Array(cap), heapScores = new Float64Array(cap);
  let size = 0;
  // "a is worse than b": lower score, or equal score and larger index.
  const worse = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);
  const siftDown = (pos: number): void => {
    for (;;) {
      const l = 2 * pos + 1, r = l + 1;
      let m = pos;
      if (l < size && worse(heapScores[l], heapItems[l], heapScores[m], heapItems[m])) m = l;
      if (r < size && worse(heapScores[r], heapItems[r], heapScores[m], heapItems[m])) m = r;
      if (m === pos) return;
      const ts = heapScores[pos], ti = heapItems[pos];
      heapScores[pos] = heapScores[m]; heapItems[pos] = heapItems[m];
      heapScores[m] = ts; heapItems[m] = ti;
      pos = m;
    }
  };
  if (cap > 0) {
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      if (s !== s || (skip !== null && skip[i] === 1)) continue;
      if (size < cap) {
        let pos = size++;
        heapScores[pos] = s; heapItems[pos] = i;
        while (pos > 0) {
          const parent = (pos - 1) >> 1;
          if (!worse(heapScores[pos], heapItems[pos], heapScores[parent], heapItems[parent])) break;
          const ts = heapScores[pos], ti = heapItems[pos];
          heapScores[pos] = heapScores[parent]; heapItems[pos] = heapItems[parent];
          heapScores[parent] = ts; heapItems[parent] = ti;
          pos = parent;
        }
      } else if (worse(heapScores[0], heapItems[0], s, i)) {
        heapScores[0] = s; heapItems[0] = i;
        siftDown(0);
      }
    }
  }
  // Pop the worst repeatedly into the back of the output: best first.
  const items = new Int32Array(size), out = new Float64Array(size);
  for (let p = size - 1; p >= 0; p--) {
    items[p] = heapItems[0]; out[p] = heapScores[0];
    size--;
    heapItems[0] = heapItems[size]; heapScores[0] = heapScores[size];
    siftDown(0);
  }
  return { items, scores: out };
}
