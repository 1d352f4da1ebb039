/**
 * One bounded max-heap per query row, holding the k best (smallest) candidates seen so far.
 *
 * Reference: scikit-learn 1.2 `sklearn/utils/_heap.pyx` (`heap_push`) and `NeighborsHeap` in
 * `sklearn/neighbors/_binary_tree.pxi`. The root is the worst kept candidate, so the common case — a
 * candidate farther than all k kept ones — costs one comparison. Candidates are ordered by
 * (distance, training index): on equal distances the lower training index wins, as in scikit-learn's
 * brute search (which scans training rows in order and rejects a candidate equal to the root). Making
 * the index part of the order makes the result independent of the visiting order, so brute force and
 * the KD-tree return the same neighbours.
 */

/** Flat storage of `rows` heaps of size `k`: entry t of heap q is at `q * k + t`. */
export class NeighborHeaps {
  readonly rows: number;
  readonly k: number;
  readonly dist: Float64Array;
  readonly idx: Int32Array;

  /**
   * Empty heaps (every slot +∞ with the largest index, so any real candidate replaces it).
   *
   * @example
   * const h = new NeighborHeaps(2, 3);
   * h.push(0, 1.5, 7);
   * h.sort(); // h.dist[0] === 1.5, h.idx[0] === 7
   */
  constructor(rows: number, k: number) {
    this.rows = rows;
    this.k = k;
    this.dist = new Float64Array(rows * k).fill(Infinity);
    this.idx = new Int32Array(rows * k).fill(0x7fffffff);
  }

  /** The worst kept distance of heap `q` (the bound a search prunes against). */
  largest(q: number): number {
    return this.dist[q * this.k];
  }

  /** Offers candidate (`d`, `i`) to heap `q`; kept only if it beats the current worst. */
  push(q: number, d: number, i: number): void {
    const k = this.k, D = this.dist, I = this.idx, off = q * k;
    if (d > D[off] || (d === D[off] && i >= I[off])) return;
    this.siftDown(off, k, d, i);
  }

  /**
   * Places (d, i) at the root of heap `off`, restricted to its first `size` slots, and sifts it down
   * the max-heap ordered by (distance, index) — ties go to the higher index so the lower one is kept.
   */
  private siftDown(off: number, size: number, d: number, i: number): void {
    const D = this.dist, I = this.idx;
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= size) break;
      let c = l;
      const r = l + 1;
      if (r < size && (D[off + r] > D[off + l] || (D[off + r] === D[off + l] && I[off + r] > I[off + l]))) c = r;
      const dc = D[off + c];
      if (dc > d || (dc === d && I[off + c] > i)) {
        D[off + pos] = dc;
        I[off + pos] = I[off + c];
        pos = c;
      } else break;
    }
    D[off + pos] = d;
    I[off + pos] = i;
  }

  /** Sorts every heap ascending by (distance, index) in place (heapsort on the max-heap). */
  sort(): void {
    const k = this.k, D = this.dist, I = this.idx;
    for (let q = 0; q < this.rows; q++) {
      const off = q * k;
      for (let end = k - 1; end > 0; end--) {
        const d0 = D[off], i0 = I[off];
        const d = D[off + end], i = I[off + end];
        D[off + end] = d0;
        I[off + end] = i0;
        this.siftDown(off, end, d, i);
      }
    }
  }
}
