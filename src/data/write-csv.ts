/**
 * CSV output (RFC 4180) for `trainyard predict`: a header line, then one line per row, fields quoted
 * only when they contain the delimiter, a quote, a line break or edge spaces.
 *
 * Where it goes depends on what the target is (`csvTarget`):
 * - `-` (and `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`): streamed to standard output;
 * - a regular file, or a path that does not exist yet: written to a temporary file in the same folder
 *   and renamed into place, so a reader never sees half a file (the file keeps its permissions);
 * - a symbolic link: followed — the file it points to is written as above and the link stays a link;
 * - a FIFO or a character device (`/dev/null`, a terminal): written through, in place, never replaced;
 * - anything else (a folder, a block device, a socket): refused with `E_IO`.
 */
import { constants, statSync, lstatSync, realpathSync } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../core/errors.js';
import { fsError } from '../core/fs-errors.js';
import type { Column, Frame } from '../core/frame.js';

const ROWS_PER_WRITE = 8192;

const OUTPUT_FIX = 'choose another --output (a file in a folder you can write, or - for standard output)';

/** Where `writeCsv` writes: standard output, a regular file replaced atomically, or a pipe/device written through. */
export type CsvTarget =
  | { kind: 'stdout'; file: '-' }
  | { kind: 'file'; file: string; mode?: number }
  | { kind: 'through'; file: string };

/** Names that mean standard output. */
const STDOUT_NAMES = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/**
 * Decides how `file` is written, and checks what can be checked before any work: the folder exists
 * and is a folder, the target is not a folder or a block device. Throws `E_IO` naming the path.
 *
 * @example
 * csvTarget('-');            // { kind: 'stdout', file: '-' }
 * csvTarget('out/p.csv');    // { kind: 'file', file: '/abs/out/p.csv' }
 */
export function csvTarget(file: string): CsvTarget {
  if (STDOUT_NAMES.has(file)) return { kind: 'stdout', file: '-' };
  const abs = path.resolve(file);
  let st;
  try {
    st = statSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    throw fsError(e, 'write', abs, OUTPUT_FIX);
  }
  if (!st) {
    const link = lstatSync(abs, { throwIfNoEntry: false });
    if (link?.isSymbolicLink()) throw new IoError(`cannot write '${abs}': it is a symbolic link to a file that does not exist; ${OUTPUT_FIX}`, { path: abs });
    const dir = path.dirname(abs);
    const parent = statSync(dir, { throwIfNoEntry: false });
    if (!parent) throw new IoError(`cannot write '${abs}': the folder '${dir}' does not exist; create it, or ${OUTPUT_FIX}`, { path: abs, cause: 'ENOENT' });
    if (!parent.isDirectory()) throw new IoError(`cannot write '${abs}': '${dir}' is a file, not a folder; ${OUTPUT_FIX}`, { path: abs, cause: 'ENOTDIR' });
    return { kind: 'file', file: abs };
  }
  if (st.isFile()) return { kind: 'file', file: realpathSync(abs), mode: st.mode & 0o7777 };
  if (st.isFIFO() || st.isCharacterDevice()) return { kind: 'through', file: abs };
  const what = st.isDirectory() ? 'a folder' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  throw new IoError(`cannot write '${abs}': it is ${what}, not a file; ${OUTPUT_FIX}`, { path: abs });
}

/**
 * Writes `frame` as CSV to `file` (see `csvTarget` for what each kind of target gets). Missing cells
 * are empty fields; booleans are written as true/false and datetimes as ISO-8601 text, so `loadFrame`
 * reads them back as such.
 *
 * @example
 * await writeCsv(predictions, 'out/predictions.csv');
 * await writeCsv(predictions, '-'); // standard output
 */
export async function writeCsv(frame: Frame, file: string): Promise<void> {
  const target = csvTarget(file);
  if (target.kind === 'stdout') return writeStdout(frame);
  if (target.kind === 'through') return writeThrough(frame, target.file);
  return writeAtomic(frame, target.file, target.mode);
}

/** The CSV text in chunks of ROWS_PER_WRITE rows (the header first). */
function* csvChunks(frame: Frame): Generator<string> {
  const formatters = frame.columns.map(formatter);
  yield frame.names.map(quoteField).join(',') + '\n';
  for (let start = 0; start < frame.nRows; start += ROWS_PER_WRITE) {
    const end = Math.min(frame.nRows, start + ROWS_PER_WRITE);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(formatters.map((f) => f(i)).join(','));
    yield lines.join('\n') + '\n';
  }
}

async function writeAtomic(frame: Frame, target: string, mode: number | undefined): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fh;
  try {
    fh = await open(tmp, 'w');
  } catch (e) {
    throw fsError(e, 'write', target, OUTPUT_FIX);
  }
  try {
    for (const chunk of csvChunks(frame)) await fh.write(chunk);
    await fh.close();
    fh = undefined;
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, target);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw fsError(e, 'write', target, OUTPUT_FIX);
  }
}

/** A FIFO or character device: opened for writing (a FIFO waits for its reader) and written in place. */
async function writeThrough(frame: Frame, target: string): Promise<void> {
  let fh;
  try {
    fh = await open(target, constants.O_WRONLY);
    for (const chunk of csvChunks(frame)) await fh.write(chunk);
    await fh.close();
    fh = undefined;
  } catch (e) {
    await fh?.close().catch(() => undefined);
    throw fsError(e, 'write', target, OUTPUT_FIX);
  }
}

/** Streams to standard output, waiting for the reader when its buffer is full. */
async function writeStdout(frame: Frame): Promise<void> {
  const out = process.stdout;
  let failure: Error | undefined;
  const onError = (e: Error): void => {
    failure = e;
  };
  out.on('error', onError); // kept: a later EPIPE must not become an uncaught exception
  for (const chunk of csvChunks(frame)) {
    if (failure) break;
    if (!out.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          out.off('drain', done);
          out.off('error', done);
          resolve();
        };
        out.on('drain', done);
        out.on('error', done);
      });
    }
  }
  if (!failure) await new Promise<void>((resolve) => out.write('', () => resolve()));
  if (failure) throw fsError(failure, 'write', 'standard output', 'check what reads the output of --output -');
}

function formatter(c: Column): (row: number) => string {
  if (c.kind === 'dict') {
    const quoted = c.dictionary.map(quoteField);
    return (i) => (c.codes[i] < 0 ? '' : quoted[c.codes[i]]);
  }
  const v = c.values;
  if (c.type === 'boolean') return (i) => (Number.isNaN(v[i]) ? '' : v[i] !== 0 ? 'true' : 'false');
  if (c.type === 'datetime') return (i) => (Number.isFinite(v[i]) ? new Date(v[i]).toISOString() : '');
  return (i) => (Number.isNaN(v[i]) ? '' : String(v[i]));
}

function quoteField(s: string): string {
  if (/[",\r\n]/.test(s) || s !== s.trim() || s === '') return `"${s.replace(/"/g, '""')}"`;
  return s;
}
