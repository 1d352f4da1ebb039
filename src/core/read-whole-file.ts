/**
 * `readFileSync` for files of any size a Buffer can hold: Node's refuses files over 2 GiB
 * (ERR_FS_FILE_TOO_LARGE), and the data snapshot of a wide 10M-row data set is larger. Reads in 1 GiB
 * slices into one buffer of the file's size (at most `buffer.constants.MAX_LENGTH`, 4 GiB on Node 20).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants } from 'node:buffer';
import { IoError } from './errors.js';

const SLICE = 1 << 30;

/**
 * The bytes of the file at `path`; throws like `readFileSync` for a missing file, E_IO when it is
 * larger than a Buffer can be or shrinks while being read.
 *
 * @example
 * const bytes = readWholeFile(join(dir, `${sha}.snapshot`));
 */
export function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > constants.MAX_LENGTH) throw new IoError(`${path} holds ${size} bytes, more than the ${constants.MAX_LENGTH} one buffer can hold; split the data (a data-parallel fit) or use fewer columns`, { file: path, size });
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, out, at, Math.min(SLICE, size - at), at);
      if (n === 0) throw new IoError(`${path} ended after ${at} of its ${size} bytes while being read; it was changed meanwhile — retry`, { file: path, size });
      at += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
