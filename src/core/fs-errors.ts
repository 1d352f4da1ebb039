/**
 * File-system failures on outputs as `E_IO` errors (exit 4) that name the path, say what went wrong in
 * words (not only an errno) and what to do — never a stack trace. And `ensureDir`, a `mkdir -p` that
 * does not hang: Node's recursive mkdir loops forever under /proc (mkdir there fails with ENOENT for
 * an existing parent), so folders are created one level at a time below the nearest existing one.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IoError, TrainyardError } from './errors.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for the file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'something of that name already exists',
  ENOENT: 'the folder does not exist or cannot hold files',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'an input/output error from the device',
  ENXIO: 'no reader or device at the other end',
  EPIPE: 'the reader closed the pipe',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

/**
 * An `E_IO` error for a failed file-system operation: "cannot ACTION 'PATH': REASON (CODE); FIX".
 * A TrainyardError passes through unchanged.
 *
 * @example
 * try { mkdirSync(dir) } catch (e) { throw fsError(e, 'create the output folder', dir, 'choose a writable folder with --out') }
 */
export function fsError(err: unknown, action: string, path: string, fix: string): TrainyardError {
  if (err instanceof TrainyardError) return err;
  const code = (err as { code?: string })?.code;
  const reason = code && REASONS[code] ? `${REASONS[code]} (${code})` : firstLine((err as Error)?.message ?? String(err));
  return new IoError(`cannot ${action} '${path}': ${reason}; ${fix}`, { path, ...(code ? { cause: code } : {}) });
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/**
 * Creates folder `dir` and its missing parents (like `mkdir -p`; the folders it creates get `mode`,
 * less the umask), or throws `E_IO` naming it with `fix`. Refuses a path where a file stands in for a folder.
 */
export function ensureDir(dir: string, fix: string, mode?: number): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let p = target;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT' && dirname(p) !== p) {
        missing.push(p);
        p = dirname(p);
        continue;
      }
      throw fsError(e, 'create the folder', target, fix);
    }
    if (!isDir) throw new IoError(`cannot create the folder '${target}': '${p}' is a file, not a folder; ${fix}`, { path: target, file: p, cause: 'ENOTDIR' });
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m, mode);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST' && statSync(m, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw fsError(e, 'create the folder', m, fix);
    }
  }
}
