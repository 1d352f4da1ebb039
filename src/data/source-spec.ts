/**
 * What to load (`SourceSpec`), what loading found (`LoadReport`), and how a source string is
 * classified into a reader: a file (by extension) or a database URL.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { SpecError } from '../core/errors.js';
import type { ColumnType } from '../core/frame.js';

/** Where the data comes from and how to read it. */
export interface SourceSpec {
  /** File path (.csv .tsv .txt or no extension, .parquet .json .ndjson/.jsonl) or URL sqlite:path.db | postgres://… | postgresql://… | mysql://… */
  source: string;
  /** SQL for database sources (required there, or `table`), or a table name. */
  query?: string;
  /** Alternative to `query` for databases. */
  table?: string;
  /** Field delimiter; overrides sniffing. */
  delimiter?: string;
  /**
   * Text encoding of a delimited file: 'utf-8' (default), 'latin-1' or 'utf-16'. When it is not given
   * and the file is not valid UTF-8, it is read as latin-1 (every byte is a latin-1 character) and the
   * report says so — MovieLens 100K's `u.item` is such a file.
   */
  encoding?: TextEncoding;
  /** Whether the first line holds names; default: sniffed (false when `columns` is given). */
  header?: boolean;
  /** Names for headerless files (or renames for a file with a header). */
  columns?: string[];
  /** Overrides of inferred semantic types. */
  types?: Record<string, ColumnType>;
  /**
   * Types to apply to the columns that exist, silently ignoring absent ones — for reading new rows
   * with the schema a model was trained on (missing columns are the model's to report).
   */
  typeHints?: Record<string, ColumnType>;
  /**
   * Thousands separator of numbers written as text: one of `THOUSANDS_SEPARATORS` (',' '.' ' ' "'" '_',
   * no-break spaces). Without it, "7,123.4" is not a number; a column of such values is loaded as
   * categorical and the report suggests this option.
   */
  thousands?: string;
  /** Decimal mark of numbers written as text: '.' (default) or ','. */
  decimal?: string;
  /** What to do with cells of a numeric/boolean/date column that do not parse: 'error' (default) or 'nan'. */
  coerce?: 'error' | 'nan';
  /** Resolve relative paths against this folder (the spec file's folder). */
  baseDir?: string;
}

/** What loading found: row count, notes on decisions taken, and cells turned into missing. */
export interface LoadReport {
  source: string;
  rows: number;
  notes: string[];
  coerced: Record<string, { count: number; firstRow: number; firstValue: string }>;
}

/** How to join another source onto the main one. */
export interface JoinSpec {
  source: SourceSpec;
  /** Key column(s), present under the same names in both sources. */
  on: string | string[];
  /** 'inner' (default) keeps matched rows only; 'left' keeps every main row. */
  how?: 'inner' | 'left';
}

export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson';

/** Allowed `thousands` separators: comma, dot, space, apostrophe, underscore, no-break and narrow no-break space. */
export const THOUSANDS_SEPARATORS: readonly string[] = [',', '.', ' ', "'", '_', '\u00a0', '\u202f'];
/** Allowed `decimal` marks. */
export const DECIMAL_MARKS: readonly string[] = ['.', ','];

/** Encodings DuckDB's CSV reader decodes natively (names as DuckDB spells them). */
export type TextEncoding = 'utf-8' | 'latin-1' | 'utf-16';
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'latin-1', 'utf-16'];

/** A classified source: a file with its format, or a database URL. */
export type ResolvedSource =
  | { kind: 'file'; format: FileFormat; path: string }
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'mysql'; url: string };

const FORMATS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** Classifies `spec.source`; relative file paths are resolved against `spec.baseDir` (or the cwd). */
export function resolveSource(spec: SourceSpec): ResolvedSource {
  const src = spec.source;
  if (typeof src !== 'string' || src.trim() === '') {
    throw new SpecError(`source must be a file path or database URL, got ${JSON.stringify(src)}`, { path: 'source' });
  }
  const base = spec.baseDir ?? process.cwd();
  if (src.startsWith('sqlite:')) {
    const p = src.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return { kind: 'sqlite', path: path.resolve(base, p) };
  }
  if (/^postgres(?:ql)?:\/\//.test(src)) return { kind: 'postgres', url: src };
  if (/^(?:mysql|mariadb):\/\//.test(src)) return { kind: 'mysql', url: src.replace(/^mariadb:/, 'mysql:') };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src)) {
    throw new SpecError(`unsupported source URL '${redactUrl(src)}'; use a file path, sqlite:, postgres://, postgresql:// or mysql://`, {
      path: 'source',
    });
  }
  const lower = src.toLowerCase().replace(/\.(gz|zst)$/, '');
  // A file without an extension (e.g. UCI's SMSSpamCollection) is read as delimited text, and so is
  // a file with another extension whose first bytes are text (MovieLens `u.data`, `u1.test`, UCI
  // `adult.data`): those names say nothing about the format, the content does.
  const ext = path.extname(lower);
  const resolved = path.resolve(base, src);
  const format = ext === '' ? 'csv' : (FORMATS[ext] ?? (looksLikeText(resolved) ? 'csv' : undefined));
  if (!format) {
    throw new SpecError(
      `cannot tell the format of '${src}' from its extension; use .csv, .tsv, .txt, .parquet, .json, .ndjson or .jsonl ` +
        '(a file with another extension is read as delimited text only when it exists and its first bytes are text)',
      { path: 'source', source: src },
    );
  }
  return { kind: 'file', format, path: resolved };
}

/**
 * Whether the file's first 8 KiB look like text: no NUL byte (binary formats such as xlsx/zip,
 * Parquet or UTF-16 text have them) and not a zip or gzip header. A missing file is not text.
 */
function looksLikeText(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n === 0) return false;
    if ((buf[0] === 0x50 && buf[1] === 0x4b) || (buf[0] === 0x1f && buf[1] === 0x8b)) return false;
    return buf.subarray(0, n).indexOf(0) < 0;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Where a relative `source` was looked for, for a file-not-found message: library calls resolve it
 * against the working directory (a common surprise when a script runs from another folder), specs
 * against their `baseDir`.
 */
export function relativeSourceNote(spec: SourceSpec): string {
  if (typeof spec.source !== 'string' || path.isAbsolute(spec.source)) return '';
  return spec.baseDir === undefined
    ? ` (the relative path '${spec.source}' was resolved against the working directory ${process.cwd()}; pass an absolute path or \`baseDir\`)`
    : ` (the relative path '${spec.source}' was resolved against ${spec.baseDir})`;
}

/** A URL with its password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
