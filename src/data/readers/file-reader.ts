/**
 * Files through DuckDB: CSV/TSV/TXT (sniffed, then read strictly), Parquet, JSON and NDJSON.
 * Numbers, booleans and dates are cast to DOUBLE inside DuckDB (dates as epoch milliseconds) so they
 * arrive as bulk-copyable vectors; everything else arrives as VARCHAR and is dictionary-encoded.
 */
import { stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError, IoError } from '../../core/errors.js';
import { relativeSourceNote } from '../source-spec.js';
import { duplicateColumnError } from '../columns/duplicate-names.js';
import { csvRelation, firstMessageLine, isEncodingError, sniffCsv, type CsvDialect } from './csv-dialect.js';
import { readColumns, type ColumnPlan } from './duckdb-columns.js';
import type { RawColumn } from '../columns/raw-column.js';
import type { FileFormat, SourceSpec } from '../source-spec.js';
import { sqlIdent, sqlString } from './sql-text.js';
import { parseNumber } from '../columns/value-parsers.js';

const NUMERIC_TYPE_RE = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(?:\(\d+,\s*\d+\))?)$/;
const INTEGER_TYPE_RE = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const DATE_TYPE_RE = /^(?:DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|DATETIME)$/;

/** Reads a file into raw columns. Throws IoError (missing/unreadable) or DataError (empty, ragged, malformed). */
export async function readFileColumns(
  format: FileFormat,
  path: string,
  spec: SourceSpec,
  notes: string[],
): Promise<RawColumn[]> {
  await checkReadable(path, spec);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    if (format === 'csv') return await readCsv(con, path, spec, notes);
    const relation =
      format === 'parquet'
        ? `read_parquet(${sqlString(path)})`
        : `read_json(${sqlString(path)}, format=${sqlString(format === 'ndjson' ? 'newline_delimited' : 'auto')})`;
    let schema: { name: string; type: string }[];
    try {
      const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
      schema = (described.getRowsJson() as unknown[][]).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
    } catch (e) {
      throw new DataError(`${path}: could not read the ${format} file: ${firstMessageLine(e)}`, { file: path });
    }
    const names = renamed(schema.map((c) => c.name), spec, path);
    const { sql, plans } = projection(schema, names, relation);
    try {
      return await readColumns(con, sql, plans);
    } catch (e) {
      throw new DataError(`${path}: could not read the ${format} file: ${firstMessageLine(e)}`, { file: path });
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/**
 * Reads a delimited file in `spec.encoding`; without one, a file that is not valid UTF-8 is read again
 * as latin-1 (which decodes any byte), with a note — old data sets such as MovieLens 100K's `u.item`
 * are latin-1, and refusing them would force every user to know that first.
 */
async function readCsv(con: DuckDBConnection, path: string, spec: SourceSpec, notes: string[]): Promise<RawColumn[]> {
  try {
    return await readCsvAs(con, path, spec, notes, spec.encoding);
  } catch (e) {
    if (!isEncodingError(e)) throw e;
    if (spec.encoding === undefined) {
      notes.push(`${path}: not valid UTF-8; read as latin-1 (set \`encoding\` to choose another)`);
      return await readCsvAs(con, path, spec, notes, 'latin-1');
    }
    throw new DataError(
      `${path}: the file is not valid ${spec.encoding} (${encodingErrorLine(e)}); set \`encoding\` to the file's encoding ('utf-8', 'latin-1' or 'utf-16')`,
      { file: path, encoding: spec.encoding },
    );
  }
}

/** The "CSV Error on Line: N" part of a DuckDB encoding error, for messages. */
function encodingErrorLine(e: unknown): string {
  const line = /CSV Error on Line: (\d+)/.exec(e instanceof Error ? e.message : String(e));
  return line ? `first bad byte on line ${line[1]}` : firstMessageLine(e);
}

async function readCsvAs(
  con: DuckDBConnection,
  path: string,
  spec: SourceSpec,
  notes: string[],
  encoding: string | undefined,
): Promise<RawColumn[]> {
  const header = spec.header ?? (spec.columns ? false : undefined);
  const dialect: CsvDialect = await sniffCsv(con, path, { delimiter: spec.delimiter, header, encoding }, notes);
  if (dialect.header && !spec.columns) await checkHeaderNames(con, path, dialect);
  const names = renamed(dialect.columns.map((c) => c.name), spec, path);
  // Integer columns are read as DOUBLE: DuckDB's text→BIGINT cast rounds '2.5' to 3 without a word,
  // and every number ends up a double in the Frame anyway. With a decimal comma, '.' may be a
  // thousands separator ('1.234' is 1234, not 1.234): numbers are then read as text and parsed by
  // the loader with the source's `thousands`/`decimal`.
  const numbersAsText = spec.decimal === ',';
  dialect.columns = dialect.columns.map((c, i) => ({
    name: names[i],
    type: numbersAsText && NUMERIC_TYPE_RE.test(c.type) ? 'VARCHAR' : INTEGER_TYPE_RE.test(c.type) ? 'DOUBLE' : c.type,
  }));
  // A value past the sniffer's sample that does not fit the sniffed type (e.g. 'abc' in a BIGINT
  // column) fails the read; we then read that column as text, so inference and `coerce` decide.
  for (let attempt = 0; attempt <= dialect.columns.length; attempt++) {
    const { sql, plans } = projection(dialect.columns, names, csvRelation(path, dialect));
    try {
      return await readColumns(con, sql, plans);
    } catch (e) {
      if (isEncodingError(e)) throw e; // readCsv decides: retry as latin-1 or explain
      const msg = e instanceof Error ? e.message : String(e);
      const conv = /Error when converting column "((?:[^"]|"")*)"\. Could not convert string "((?:[^"]|"")*)"/.exec(msg);
      const col = conv ? dialect.columns.find((c) => c.name === conv[1].replace(/""/g, '"')) : undefined;
      if (col && col.type !== 'VARCHAR') {
        // An integer column with a decimal further down becomes DOUBLE; anything else becomes text.
        const widen = col.type !== 'DOUBLE' && NUMERIC_TYPE_RE.test(col.type) && !Number.isNaN(parseNumber(conv![2]));
        const to = widen ? 'DOUBLE' : 'VARCHAR';
        notes.push(`${path}: column '${col.name}' sniffed as ${col.type} but holds other values further down; read as ${to}`);
        col.type = to;
        continue;
      }
      throw csvError(path, msg);
    }
  }
  throw new DataError(`${path}: could not settle the column types`, { file: path });
}

/**
 * DuckDB makes a header's names unique by renaming quietly (`a,y,c,y` → `y`, `y_1`; `Y,y` → `Y`,
 * `y_1`, as its names ignore case), which would turn a second target column into a feature. When a
 * sniffed name looks renamed (ends in `_<digits>`), the header line is read again as plain text and
 * a name given twice is an E_DATA error naming both 1-based positions.
 */
async function checkHeaderNames(con: DuckDBConnection, path: string, dialect: CsvDialect): Promise<void> {
  if (!dialect.columns.some((c) => /_\d+$/.test(c.name))) return;
  const raw: CsvDialect = {
    ...dialect,
    header: false,
    dateFormat: null,
    timestampFormat: null,
    columns: dialect.columns.map((_, i) => ({ name: `c${i}`, type: 'VARCHAR' })),
  };
  let header: unknown[];
  try {
    const reader = await con.runAndReadAll(`SELECT * FROM ${csvRelation(path, raw, { lenient: true })} LIMIT 1`);
    header = (reader.getRowsJson()[0] as unknown[] | undefined) ?? [];
  } catch (e) {
    if (isEncodingError(e)) throw e;
    return; // the real read reports what is wrong with the file
  }
  const seen = new Map<string, { name: string; at: number }>();
  header.forEach((cell, i) => {
    if (typeof cell !== 'string' || cell.trim() === '') return; // DuckDB names blank headers column<i>
    const key = cell.toLowerCase();
    const first = seen.get(key);
    if (first) throw duplicateColumnError(path, cell, first.at + 1, i + 1, first.name);
    seen.set(key, { name: cell, at: i });
  });
}

/** Translates a DuckDB CSV error into a DataError naming the file, the line and what to do. */
function csvError(path: string, msg: string): DataError {
  const line = /CSV Error on Line: (\d+)/.exec(msg);
  const original = /Original Line: (.*)/.exec(msg);
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (line && counts) {
    const shown = original ? ` (${JSON.stringify(original[1].slice(0, 80))})` : '';
    return new DataError(
      `${path}: line ${line[1]} has ${counts[2]} fields, expected ${counts[1]}${shown}; ` +
        'fix or remove that row (ragged rows are never padded or skipped), or set `delimiter` if it was guessed wrong',
      { file: path, line: Number(line[1]), expected: Number(counts[1]), found: Number(counts[2]) },
    );
  }
  const where = line ? ` line ${line[1]}:` : '';
  return new DataError(`${path}:${where} could not read the CSV file: ${firstMessageLine(msg)}`, {
    file: path,
    line: line ? Number(line[1]) : undefined,
  });
}

/** Column names after the spec's `columns` renames (count must match). */
function renamed(names: string[], spec: SourceSpec, path: string): string[] {
  if (!spec.columns) return names;
  if (spec.columns.length !== names.length) {
    throw new DataError(
      `${path}: \`columns\` names ${spec.columns.length} columns but the file has ${names.length} (${names.join(', ')}); ` +
        'give one name per column',
      { file: path, expected: names.length, received: spec.columns.length },
    );
  }
  return [...spec.columns];
}

/** The SELECT that casts each source column to DOUBLE or VARCHAR, and how to store each one. */
function projection(
  schema: readonly { name: string; type: string }[],
  names: readonly string[],
  relation: string,
): { sql: string; plans: ColumnPlan[] } {
  const exprs: string[] = [];
  const plans: ColumnPlan[] = [];
  schema.forEach((c, i) => {
    const id = sqlIdent(c.name);
    const alias = sqlIdent(names[i]);
    const type = c.type.toUpperCase();
    if (type === 'BOOLEAN') {
      exprs.push(`CAST(${id} AS DOUBLE) AS ${alias}`);
      plans.push({ name: names[i], storage: 'float', hint: 'boolean' });
    } else if (NUMERIC_TYPE_RE.test(type)) {
      exprs.push(`CAST(${id} AS DOUBLE) AS ${alias}`);
      plans.push({ name: names[i], storage: 'float', hint: 'numeric' });
    } else if (DATE_TYPE_RE.test(type)) {
      exprs.push(`CAST(epoch_ms(CAST(${id} AS TIMESTAMP)) AS DOUBLE) AS ${alias}`);
      plans.push({ name: names[i], storage: 'float', hint: 'datetime' });
    } else if (type === 'TIMESTAMP WITH TIME ZONE' || type === 'TIMESTAMPTZ') {
      exprs.push(`CAST(epoch_ms(${id}) AS DOUBLE) AS ${alias}`);
      plans.push({ name: names[i], storage: 'float', hint: 'datetime' });
    } else {
      exprs.push(type === 'VARCHAR' ? `${id} AS ${alias}` : `CAST(${id} AS VARCHAR) AS ${alias}`);
      plans.push({ name: names[i], storage: 'string', hint: 'numeric' });
    }
  });
  return { sql: `SELECT ${exprs.join(', ')} FROM ${relation}`, plans };
}

/** IoError for a missing path or a directory, DataError for an empty file. */
async function checkReadable(path: string, spec: SourceSpec): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new IoError(`${path} is a directory, not a data file; point \`source\` at a file`, { file: path });
    size = s.size;
  } catch (e) {
    if (e instanceof IoError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : `cannot open file (${code ?? String(e)})`;
    throw new IoError(`${what}: ${path}; check \`source\`${relativeSourceNote(spec)}`, {
      file: path,
      code,
    });
  }
  if (size === 0) throw new DataError(`${path} is empty (0 bytes); a data file needs a header line and at least one row`, { file: path });
}
