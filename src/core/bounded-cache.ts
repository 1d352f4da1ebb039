/**
 * A map that forgets its least recently used entries beyond a capacity: what long-lived workers keep
 * between tasks (data sets, prepared folds, partitions) must not grow with every run they serve.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;

  /**
   * @param capacity the most entries kept, or the most total size with `sizeOf`
   * @param sizeOf the size of a value (bytes, say); an entry larger than `capacity` is not kept
   *
   * @example
   * const nets = new BoundedCache<string, MlpNetwork>(4);
   * const net = nets.get(key) ?? nets.set(key, build());
   * const folds = new BoundedCache<string, Matrix>(256 * 2 ** 20, (m) => m.data.byteLength);
   */
  constructor(
    private readonly capacity: number,
    private readonly sizeOf: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  /** Stores `value` (evicting the oldest entries while over capacity) and returns it. */
  set(key: K, value: V): V {
    this.delete(key);
    const size = this.sizeOf(value);
    if (size > this.capacity) return value;
    this.map.set(key, value);
    this.total += size;
    for (const [oldest, v] of this.map) {
      if (this.total <= this.capacity) break;
      this.map.delete(oldest);
      this.total -= this.sizeOf(v);
    }
    return value;
  }

  /** Entries kept. */
  get size(): number {
    return this.map.size;
  }

  /** Total size of the entries kept (their count without `sizeOf`). */
  get totalSize(): number {
    return this.total;
  }

  delete(key: K): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    this.map.delete(key);
    this.total -= this.sizeOf(v);
  }
}
