/**
 * LRU cache of kernel-matrix rows, after libsvm's `Cache` (`svm.cpp`): SMO asks for the same few
 * hundred rows again and again, so rows are kept (as float32, libsvm's `Qfloat`, which halves the
 * memory per row) until the `cacheSize` budget is spent, then the least recently used row is dropped.
 *
 * Unlike libsvm, every row owns a fixed slot of `l` values (no realloc per request), taken from pools
 * allocated on demand; a row records how much of it is filled (`len`), so rows first computed over a
 * shrunk active set are extended later. The cache never changes results: a cached value equals a
 * recomputed one bit for bit.
 */

const SLOTS_PER_POOL = 32;

/**
 * LRU cache of Q-matrix rows (float32) within a byte budget.
 *
 * @example
 * const cache = new KernelCache(l, 200 * 2 ** 20);
 * const start = cache.request(i, len); // fill cache.row(i) from `start` to `len`
 */
export class KernelCache {
  private readonly l: number;
  private readonly maxSlots: number;
  private readonly slotOf: Int32Array;
  private readonly owner: Int32Array;
  private readonly len: Int32Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly rows: Float32Array[] = [];
  private readonly free: number[] = [];
  /** Swaps recorded by `swapIndex`, applied to the rows' contents at the next `request`. */
  private readonly pending: number[] = [];
  /** 1 for an index in a pending swap (a second swap involving it forces the pending ones out first). */
  private readonly touched: Uint8Array;
  /** Slot index of the LRU list's sentinel. */
  private readonly head: number;

  /** `l` rows of length `l`; `bytes` is the budget (at least two rows are always kept). */
  constructor(l: number, bytes: number) {
    this.l = l;
    this.maxSlots = Math.max(2, Math.min(l, Math.floor(bytes / (4 * Math.max(l, 1)))));
    this.slotOf = new Int32Array(l).fill(-1);
    this.touched = new Uint8Array(l);
    this.owner = new Int32Array(this.maxSlots).fill(-1);
    this.len = new Int32Array(this.maxSlots);
    this.prev = new Int32Array(this.maxSlots + 1);
    this.next = new Int32Array(this.maxSlots + 1);
    this.head = this.maxSlots;
    this.prev[this.head] = this.next[this.head] = this.head;
  }

  /**
   * Makes row `index` resident with at least `len` values and returns the position from which the
   * caller must fill it (`>= len` when nothing is missing). Read the row with {@link row}.
   */
  request(index: number, len: number): number {
    if (this.pending.length > 0) this.applySwaps();
    let s = this.slotOf[index];
    if (s >= 0) {
      this.unlink(s);
    } else {
      s = this.takeSlot();
      this.slotOf[index] = s;
      this.owner[s] = index;
      this.len[s] = 0;
    }
    this.linkLast(s);
    const have = this.len[s];
    if (have >= len) return len;
    this.len[s] = len;
    return have;
  }

  /** The storage of a resident row (valid until the next `request`/`swapIndex`). */
  row(index: number): Float32Array {
    return this.rows[this.slotOf[index]];
  }

  /**
   * Renumbers rows `i` and `j` (libsvm's `Cache::swap_index`, used when shrinking moves a variable
   * out of the active set): the rows trade slots at once, and every cached row trades its entries i
   * and j — or is dropped when it is too short to hold both — at the next `request`. Deferring lets a
   * whole shrinking pass be applied row by row (one row's swaps stay in the CPU cache) instead of
   * touching every cached row once per swap; it gives the same rows because the swaps of one pass
   * are disjoint pairs.
   */
  swapIndex(i: number, j: number): void {
    if (i === j) return;
    const si = this.slotOf[i], sj = this.slotOf[j];
    this.slotOf[i] = sj;
    this.slotOf[j] = si;
    if (sj >= 0) this.owner[sj] = i;
    if (si >= 0) this.owner[si] = j;
    if (this.touched[i] || this.touched[j]) this.applySwaps();
    this.touched[i] = this.touched[j] = 1;
    this.pending.push(Math.min(i, j), Math.max(i, j));
  }

  private applySwaps(): void {
    const pend = this.pending, np = pend.length;
    if (np === 0) return;
    for (let s = this.next[this.head]; s !== this.head; ) {
      const after = this.next[s];
      const n = this.len[s], r = this.rows[s];
      for (let q = 0; q < np; q += 2) {
        const lo = pend[q], hi = pend[q + 1];
        if (n <= lo) continue;
        if (n <= hi) {
          this.drop(s);
          break;
        }
        const t = r[lo];
        r[lo] = r[hi];
        r[hi] = t;
      }
      s = after;
    }
    for (let q = 0; q < np; q++) this.touched[pend[q]] = 0;
    pend.length = 0;
  }

  private takeSlot(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    const used = this.rows.length;
    if (used < this.maxSlots) {
      // Pools of a few slots: small problems never allocate the whole budget.
      const count = Math.min(SLOTS_PER_POOL, this.maxSlots - used);
      const pool = new Float32Array(count * this.l);
      for (let k = 0; k < count; k++) this.rows.push(pool.subarray(k * this.l, (k + 1) * this.l));
      for (let k = count - 1; k > 0; k--) this.free.push(used + k);
      return used;
    }
    const lru = this.next[this.head];
    this.drop(lru);
    return this.free.pop()!;
  }

  private drop(s: number): void {
    this.unlink(s);
    this.slotOf[this.owner[s]] = -1;
    this.owner[s] = -1;
    this.len[s] = 0;
    this.free.push(s);
  }

  private unlink(s: number): void {
    this.next[this.prev[s]] = this.next[s];
    this.prev[this.next[s]] = this.prev[s];
  }

  private linkLast(s: number): void {
    const h = this.head;
    this.next[s] = h;
    this.prev[s] = this.prev[h];
    this.next[this.prev[h]] = s;
    this.prev[h] = s;
  }
}
