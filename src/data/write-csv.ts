/**
 * CSV output (RFC 4180) for `trainyard predict`: a header line, then one line per row, fields quoted
 * only when they contain the delimiter, a quote, a line break or edge spaces. Written to a temporary
 * file in the same folder and renamed into place, so a reader never sees half a file.
 */
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../core/errors.js';
import type { Column, Frame } from '../core/frame.js';

const ROWS_PER_WRITE = 8192;

/**
 * Writes `frame` to `file` atomically (temp file + rename). Missing cells are empty fields; booleans
 * are written as true/false and datetimes as ISO-8601 text, so `loadFrame` reads them back as such.
 *
 * @example
 * await writeCsv(predictions, 'out/predictions.csv');
 */
export async function writeCsv(frame: Frame, file: string): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fh;
  try {
    fh = await open(tmp, 'w');
  } catch (e) {
    throw new IoError(`cannot write ${target}: ${(e as Error).message}; check that the folder exists and is writable`, { file: target });
  }
  try {
    const formatters = frame.columns.map(formatter);
    await fh.write(frame.names.map(quoteField).join(',') + '\n');
    for (let start = 0; start < frame.nRows; start += ROWS_PER_WRITE) {
      const end = Math.min(frame.nRows, start + ROWS_PER_WRITE);
      const lines: string[] = [];
      for (let i = start; i < end; i++) lines.push(formatters.map((f) => f(i)).join(','));
      await fh.write(lines.join('\n') + '\n');
    }
    await fh.close();
    fh = undefined;
    await rename(tmp, target);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw new IoError(`cannot write ${target}: ${(e as Error).message}`, { file: target });
  }
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
