/** SQLite sources (`sqlite:path.db`) through better-sqlite3, streamed row by row into column builders. */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DataError, IoError } from '../../core/errors.js';
import { databaseQuery, quoteAnsi } from './db-query.js';
import type { RawColumn } from '../columns/raw-column.js';
import type { SourceSpec } from '../source-spec.js';
import { buildColumns, ValueColumnBuilder, type DeclaredKind } from '../columns/value-columns.js';

/** Runs the spec's query against a SQLite file (opened read-only) and returns raw columns. */
export function readSqliteColumns(path: string, spec: SourceSpec): RawColumn[] {
  const label = `sqlite:${path}`;
  if (!existsSync(path)) {
    throw new IoError(`file not found: ${path} (from ${spec.source}); check the path after 'sqlite:'`, { file: path });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (e) {
    throw new IoError(`${label}: cannot open the database: ${(e as Error).message}`, { file: path });
  }
  try {
    const sql = databaseQuery(spec, label, quoteAnsi);
    let stmt: Database.Statement;
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      throw new DataError(`${label}: query failed: ${(e as Error).message}; check \`query\` (${sql})`, { source: label, query: sql });
    }
    if (!stmt.reader) throw new DataError(`${label}: the query returns no rows (${sql}); use a SELECT`, { source: label, query: sql });
    stmt.raw(true);
    const builders = stmt.columns().map((c) => new ValueColumnBuilder(c.name, declaredKind(c.type)));
    try {
      return buildColumns(builders, stmt.iterate() as Iterable<unknown[]>);
    } catch (e) {
      throw new DataError(`${label}: query failed: ${(e as Error).message}`, { source: label, query: sql });
    }
  } finally {
    db.close();
  }
}

// SQLite stores any value in any column; only the declared boolean/date types are worth trusting.
function declaredKind(type: string | null): DeclaredKind {
  const t = (type ?? '').toUpperCase();
  if (t.includes('BOOL')) return 'boolean';
  if (/DATE|TIME/.test(t)) return 'datetime';
  return 'auto';
}
