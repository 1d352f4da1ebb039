/**
 * Local copies of data snapshots (content-addressed blobs): a cluster worker's, fetched from the store
 * so a data set crosses the network once per worker, not once per task; and the local worker threads'.
 * Workers and runs come and go over days, so the folder is kept to a budget: beyond it, the snapshots used longest ago go first — but never one
 * used in the last few minutes, which a task may be about to read.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainyardError } from '../core/errors.js';
import type { Store } from '../tracking/store.js';

/** Snapshots used within this long are kept whatever the budget. */
const IN_USE_MS = 10 * 60 * 1000;

export class SnapshotCache {
  /**
   * @param dir the folder holding `<sha256>.snapshot` files
   * @param store where missing snapshots are fetched from (none: they are only `put`)
   * @param budgetBytes how much the folder may hold (default 4 GiB)
   *
   * @example
   * const cache = new SnapshotCache('/tmp/trainyard-worker-cache', store);
   * await cache.ensure(task.dataset); // then read `${dir}/${sha}.snapshot`
   */
  constructor(
    readonly dir: string,
    private readonly store?: Store,
    private readonly budgetBytes = 4 * 2 ** 30,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Makes sure snapshot `sha256` is in the folder, fetching it from the store once; marks it used. */
  async ensure(sha256: string): Promise<void> {
    if (this.touch(sha256)) return;
    const bytes = await this.store?.getBlob(sha256);
    if (!bytes) throw new TrainyardError('E_STORE', `data snapshot ${sha256.slice(0, 12)} is not in the store; is this worker's --store the coordinator's?`, { sha256 });
    this.put(sha256, bytes);
  }

  /** Stores snapshot `bytes` under `sha256` (unless present), then keeps the folder to its budget. */
  put(sha256: string, bytes: Buffer): void {
    if (this.touch(sha256)) return;
    const file = join(this.dir, `${sha256}.snapshot`);
    // Written aside and renamed: a reader never sees half a snapshot.
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    this.prune();
  }

  /** Marks snapshot `sha256` used now; false when it is not in the folder. */
  private touch(sha256: string): boolean {
    const file = join(this.dir, `${sha256}.snapshot`);
    if (!existsSync(file)) return false;
    const now = new Date();
    utimesSync(file, now, now);
    return true;
  }

  /** The bytes of snapshot `sha256`, through the folder. */
  async read(sha256: string): Promise<Buffer> {
    await this.ensure(sha256);
    return readFileSync(join(this.dir, `${sha256}.snapshot`));
  }

  /** Deletes the least recently used snapshots while the folder is over budget. */
  private prune(): void {
    const files = readdirSync(this.dir)
      .filter((f) => f.endsWith('.snapshot'))
      .map((f) => {
        const s = statSync(join(this.dir, f), { throwIfNoEntry: false });
        return { path: join(this.dir, f), size: s?.size ?? 0, used: s?.mtimeMs ?? 0 };
      })
      .sort((a, b) => a.used - b.used);
    let total = files.reduce((sum, f) => sum + f.size, 0);
    for (const f of files) {
      if (total <= this.budgetBytes || Date.now() - f.used < IN_USE_MS) break;
      try {
        unlinkSync(f.path);
      } catch {
        // Another worker sharing the folder removed it first.
      }
      total -= f.size;
    }
  }
}
