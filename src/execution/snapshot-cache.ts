/**
 * Local copies of data snapshots (content-addressed blobs): a cluster worker's, fetched from the store
 * so a data set crosses the network once per worker, not once per task; and the local worker threads'.
 * Workers and runs come and go over days, so the folder is kept to a budget: beyond it, the snapshots used longest ago go first — but never one
 * used in the last few minutes, which a task may be about to read.
 *
 * The folder is the user's own ({@link snapshotCacheDir}: `$TRAINYARD_CACHE_DIR`, else the XDG cache
 * folder), created with mode 0700 and refused (E_IO) when another user owns it or others may write
 * to it: whoever can write there chooses the data a run trains on. An entry whose bytes do not hash
 * to its name (truncated, corrupted, edited) is a cache miss: it is replaced (by an atomic rename)
 * from the run's data or the store, and a warning names the file once.
 */
import { createHash } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { readWholeFile } from '../core/read-whole-file.js';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { IoError, TrainyardError } from '../core/errors.js';
import { ensureDir } from '../core/fs-errors.js';
import type { Store } from '../tracking/store.js';

/** Snapshots used within this long are kept whatever the budget. */
const IN_USE_MS = 10 * 60 * 1000;
/** A snapshot's use is recorded (its mtime set) at most this often: marking is a write to the folder. */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * The snapshot cache folder of this user: `$TRAINYARD_CACHE_DIR` if set, else
 * `$XDG_CACHE_HOME/trainyard/snapshots` (when absolute, as the XDG spec requires), else
 * `~/.cache/trainyard/snapshots`. Every user of the cache (local runs, cluster workers) takes its
 * default from here; {@link SnapshotCache} creates and checks it.
 *
 * @example
 * new SnapshotCache(snapshotCacheDir(), store);
 */
export function snapshotCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRAINYARD_CACHE_DIR) return resolve(env.TRAINYARD_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'trainyard', 'snapshots');
}

/**
 * Creates `dir` (mode 0700) or checks an existing one: a directory owned by this user that neither
 * group nor others may write to. E_IO naming the folder and the fix otherwise.
 */
export function ensurePrivateDir(dir: string): void {
  const fix = `or set TRAINYARD_CACHE_DIR to a folder of your own`;
  ensureDir(dir, `check its parent's permissions, ${fix}`, 0o700);
  const st = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new IoError(`the snapshot cache folder ${dir} belongs to another user (uid ${st.uid}; you are uid ${uid}), who could change the data your runs train on; remove it, ${fix}`, {
      path: dir,
      owner: st.uid,
      uid,
    });
  }
  if (uid !== undefined && (st.mode & 0o022) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new IoError(`the snapshot cache folder ${dir} may be written by other users (mode ${mode}), who could change the data your runs train on; run \`chmod 700 ${dir}\`, ${fix}`, {
      path: dir,
      mode,
    });
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Per process: files whose content was checked, by (inode, size, mtime) when checked; changed files are checked again. */
const verified = new Map<string, string>();
/** Files already warned about (once per file per process). */
const warned = new Set<string>();

function stampOf(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

export class SnapshotCache {
  /**
   * @param dir the folder holding `<sha256>.snapshot` files (created 0700; E_IO when another user owns it or others may write to it)
   * @param store where missing snapshots are fetched from (none: they are only `put`)
   * @param budgetBytes how much the folder may hold (default 4 GiB)
   *
   * @example
   * const cache = new SnapshotCache(snapshotCacheDir(), store);
   * await cache.ensure(task.dataset); // then read `${dir}/${sha}.snapshot`
   */
  constructor(
    readonly dir: string,
    private readonly store?: Store,
    private readonly budgetBytes = 4 * 2 ** 30,
  ) {
    ensurePrivateDir(dir);
  }

  /** Makes sure a sound copy of snapshot `sha256` is in the folder, fetching it from the store when missing or bad; marks it used. */
  async ensure(sha256: string): Promise<void> {
    if (!this.sound(sha256)) await this.fetch(sha256);
  }

  /** Stores snapshot `bytes` under `sha256` (unless a sound copy is there), then keeps the folder to its budget. */
  put(sha256: string, bytes: Buffer): void {
    if (this.sound(sha256, bytes)) return;
    this.write(sha256, bytes);
  }

  /** The bytes of snapshot `sha256`, through the folder (checked against their name). */
  async read(sha256: string): Promise<Buffer> {
    await this.ensure(sha256);
    const file = this.file(sha256);
    const bytes = readWholeFile(file);
    if (sha256Of(bytes) === sha256) return bytes;
    // Changed since ensure() checked it: fetch it once more.
    this.reportBad(file);
    return this.fetch(sha256);
  }

  /** Fetches snapshot `sha256` from the store into the folder (replacing a bad copy at once, by rename) and returns its bytes. */
  private async fetch(sha256: string): Promise<Buffer> {
    const bytes = await this.store?.getBlob(sha256);
    if (!bytes || sha256Of(bytes) !== sha256) {
      // No good copy to replace a bad one with: remove it, so nothing reads it.
      rmSync(this.file(sha256), { force: true });
      if (!bytes) throw new TrainyardError('E_STORE', `data snapshot ${sha256.slice(0, 12)} is not in the store; is this worker's --store the coordinator's?`, { sha256 });
      throw new TrainyardError('E_STORE', `the store's copy of data snapshot ${sha256.slice(0, 12)} is corrupt (its content does not hash to its name); run the experiment again from its coordinator`, { sha256 });
    }
    this.write(sha256, bytes);
    return bytes;
  }

  private file(sha256: string): string {
    return join(this.dir, `${sha256}.snapshot`);
  }

  /**
   * True when the folder holds snapshot `sha256` and its content is right (hashes to its name, or
   * equals `expected`), marking it used; for a bad copy, a warning and false (the caller replaces it).
   * Content is checked once per process while the file stays unchanged.
   */
  private sound(sha256: string, expected?: Buffer): boolean {
    const file = this.file(sha256);
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) return false;
    if (verified.get(file) !== stampOf(st)) {
      let ok = false;
      try {
        const bytes = readWholeFile(file);
        ok = expected ? bytes.equals(expected) : sha256Of(bytes) === sha256;
      } catch {
        ok = false; // unreadable: replaced like a corrupt copy
      }
      if (!ok) {
        this.reportBad(file); // replaced by the caller, atomically: readers never find the file missing
        return false;
      }
    }
    this.touch(file, st);
    return true;
  }

  /** Marks `file` used now (at most once a minute) and remembers it as checked. */
  private touch(file: string, st: Stats): void {
    let now = st;
    if (Date.now() - st.mtimeMs > TOUCH_EVERY_MS) {
      const t = new Date();
      try {
        utimesSync(file, t, t);
        now = statSync(file);
      } catch {
        // Removed by another worker's prune in between: the next ensure() fetches it again.
      }
    }
    verified.set(file, stampOf(now));
  }

  /** Forgets a bad copy (the caller replaces it), warning once per file. */
  private reportBad(file: string): void {
    verified.delete(file);
    if (!warned.has(file)) {
      warned.add(file);
      process.stderr.write(`trainyard: warning: the cached data snapshot ${file} was corrupt (truncated or changed: its content does not match its sha256); replaced it with the run's data (or the store's copy)\n`);
    }
  }

  private write(sha256: string, bytes: Buffer): void {
    const file = this.file(sha256);
    // Written aside and renamed: a reader never sees half a snapshot.
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, file);
    const st = statSync(file, { throwIfNoEntry: false });
    if (st) verified.set(file, stampOf(st));
    this.prune();
  }

  /** Deletes the least recently used snapshots while the folder is over budget. */
  private prune(): void {
    const names = readdirSync(this.dir);
    for (const f of names) {
      // What a process killed while writing left aside.
      if (!f.includes('.snapshot.tmp-')) continue;
      const s = statSync(join(this.dir, f), { throwIfNoEntry: false });
      if (s && Date.now() - s.mtimeMs > IN_USE_MS) rmSync(join(this.dir, f), { force: true });
    }
    const files = names
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
