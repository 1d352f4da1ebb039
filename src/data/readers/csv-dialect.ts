/**
 * CSV dialect detection. DuckDB's sniffer (`sniff_csv`) finds the delimiter, quoting, header and
 * column types; we then read with `auto_detect=false` and `strict_mode=true` so that every row must
 * have exactly the sniffed number of fields — DuckDB neither null-pads nor skips a ragged row.
 *
 * One gap is closed by hand: when a ragged row sits inside the sniffer's sample, the sniffer settles
 * on "one column, no delimiter" (or fails). If the header line then contains a usual delimiter
 * (, ; tab |), we read again with that delimiter and all-text columns, so DuckDB reports the ragged
 * line instead of silently returning one wide text column.
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../../core/errors.js';
import { sqlString } from './sql-text.js';

/** Null markers: these cells are missing values. */
export const NULL_STRINGS = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL'];

/** Everything `read_csv(auto_detect=false, ...)` needs. */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  newLine: string;
  comment: string;
  skip: number;
  header: boolean;
  columns: { name: string; type: string }[];
  dateFormat: string | null;
  timestampFormat: string | null;
  /** DuckDB's `encoding` option; absent means UTF-8. */
  encoding?: string;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Sniffs `path`; `delimiter`/`header` from the spec are passed on to the sniffer. */
export async function sniffCsv(
  con: DuckDBConnection,
  path: string,
  opts: { delimiter?: string; header?: boolean; encoding?: string },
  notes: string[],
): Promise<CsvDialect> {
  const args = [`nullstr=[${NULL_STRINGS.map(sqlString).join(', ')}]`];
  if (opts.delimiter !== undefined) args.push(`delim=${sqlString(opts.delimiter)}`);
  if (opts.header !== undefined) args.push(`header=${opts.header}`);
  if (opts.encoding !== undefined) args.push(`encoding=${sqlString(opts.encoding)}`);
  let sniffed: CsvDialect | null = null;
  let sniffError: unknown = null;
  try {
    const reader = await con.runAndReadAll(
      `SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, HasHeader, Columns, DateFormat, TimestampFormat
       FROM sniff_csv(${sqlString(path)}, ${args.join(', ')})`,
    );
    const row = reader.getRowsJson()[0] as unknown[];
    sniffed = {
      delimiter: unEmpty(row[0]),
      quote: unEmpty(row[1]),
      escape: unEmpty(row[2]),
      newLine: unEmpty(row[3]),
      comment: unEmpty(row[4]),
      skip: Number(row[5]),
      header: Boolean(row[6]),
      columns: (row[7] as { name: string; type: string }[]).map((c) => ({ name: c.name, type: c.type })),
      dateFormat: row[8] === null ? null : String(row[8]),
      timestampFormat: row[9] === null ? null : String(row[9]),
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    };
  } catch (e) {
    if (isEncodingError(e)) throw e; // the caller retries in another encoding
    sniffError = e;
  }
  if (sniffed && (sniffed.columns.length > 1 || opts.delimiter !== undefined)) return sniffed;

  // One column (or no dialect at all): look at the first line ourselves.
  const firstLine = await readFirstLine(path);
  const delimiter = opts.delimiter ?? guessDelimiter(firstLine);
  if (delimiter === null) {
    if (sniffed) return sniffed; // a genuine one-column file
    throw new DataError(`${path}: could not detect the CSV dialect (${firstMessageLine(sniffError)}); set \`delimiter\``, {
      file: path,
    });
  }
  const header = opts.header ?? true;
  const fields = splitLine(firstLine, delimiter);
  notes.push(
    `${path}: the CSV sniffer did not settle on delimiter ${JSON.stringify(delimiter)}; reading with it and all-text columns`,
  );
  return {
    delimiter,
    quote: '"',
    escape: '"',
    newLine: '',
    comment: '',
    skip: 0,
    header,
    columns: fields.map((f, i) => ({ name: header && f.trim() !== '' ? f : `column${i}`, type: 'VARCHAR' })),
    dateFormat: null,
    timestampFormat: null,
    ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
  };
}

/** The `read_csv(...)` table function call for a dialect (strict: no padding, no skipping, unless `lenient`). */
export function csvRelation(path: string, d: CsvDialect, opts: { lenient?: boolean } = {}): string {
  const cols = d.columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
  // `lenient` (for peeking at a header line only) pads and skips instead of failing.
  const args = [
    'auto_detect=false',
    `delim=${sqlString(d.delimiter)}`,
    `quote=${sqlString(d.quote)}`,
    `escape=${sqlString(d.escape)}`,
    `skip=${d.skip}`,
    `header=${d.header}`,
    `strict_mode=${!opts.lenient}`,
    `null_padding=${Boolean(opts.lenient)}`,
    `ignore_errors=${Boolean(opts.lenient)}`,
    `nullstr=[${NULL_STRINGS.map(sqlString).join(', ')}]`,
    `columns={${cols}}`,
  ];
  // new_line is left to DuckDB on purpose: new_line='\r\n' together with strict_mode=true reads
  // zero rows without an error (DuckDB 1.5), and the line-ending detection is reliable on its own.
  if (d.comment !== '') args.push(`comment=${sqlString(d.comment)}`);
  if (d.dateFormat) args.push(`dateformat=${sqlString(d.dateFormat)}`);
  if (d.timestampFormat) args.push(`timestampformat=${sqlString(d.timestampFormat)}`);
  if (d.encoding) args.push(`encoding=${sqlString(d.encoding)}`);
  return `read_csv(${sqlString(path)}, ${args.join(', ')})`;
}

/** The most frequent usual delimiter outside double quotes in `line`, or null when none occurs. */
export function guessDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = splitLine(line, d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

async function readFirstLine(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    // Only the delimiter is guessed from this line, so decoding latin-1 bytes as UTF-8 does no harm.
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await fh.close();
  }
}

// sniff_csv spells "no quote / no escape / no comment" as the text '(empty)'.
function unEmpty(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return s === '(empty)' || s === '\u0000' ? '' : s;
}

/** Whether a DuckDB error says the bytes are not valid UTF-8 (the file needs another `encoding`). */
export function isEncodingError(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /Invalid unicode|not utf-8 encoded/i.test(msg);
}

/** First line of an error's message (DuckDB appends long hint sections). */
export function firstMessageLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n', 1)[0];
}
