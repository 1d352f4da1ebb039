/**
 * PostgreSQL sources (`postgres://…`, `postgresql://…`) through `pg`, in array row mode with type
 * parsers that turn int8/numeric into numbers and dates into epoch milliseconds (UTC).
 */
import pg from 'pg';
import { DataError, IoError } from '../../core/errors.js';
import { CONNECT_TIMEOUT_MS, databaseQuery, quoteAnsi } from './db-query.js';
import type { RawColumn } from '../columns/raw-column.js';
import { redactUrl, type SourceSpec } from '../source-spec.js';
import { parseIsoDate } from '../columns/value-parsers.js';
import { buildColumns, ValueColumnBuilder, type DeclaredKind } from '../columns/value-columns.js';

// Type OIDs: PostgreSQL src/include/catalog/pg_type.dat.
const NUMERIC_OIDS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOL_OID = 16;
const DATE_OIDS = new Set([1082, 1114, 1184]);

const typeParsers = {
  getTypeParser(oid: number): (v: string) => unknown {
    if (NUMERIC_OIDS.has(oid)) return (v) => Number(v);
    if (oid === BOOL_OID) return (v) => v === 't';
    if (DATE_OIDS.has(oid)) return (v) => parseIsoDate(v);
    return (v) => v; // everything else stays text (json, uuid, arrays, intervals ...)
  },
};

/** Runs the spec's query on PostgreSQL; IoError when the server cannot be reached within the timeout. */
export async function readPostgresColumns(url: string, spec: SourceSpec): Promise<RawColumn[]> {
  const label = redactUrl(url);
  const sql = databaseQuery(spec, label, quoteAnsi);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: typeParsers as never });
  // An idle-connection error after a failed query must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new IoError(`${label}: cannot connect to PostgreSQL: ${(e as Error).message}; check that the server runs and the URL`, {
      source: label,
    });
  }
  try {
    let res: pg.QueryArrayResult<unknown[]>;
    try {
      res = await client.query({ text: sql, rowMode: 'array' });
    } catch (e) {
      throw new DataError(`${label}: query failed: ${(e as Error).message}; check \`query\` (${sql})`, { source: label, query: sql });
    }
    const builders = res.fields.map((f) => new ValueColumnBuilder(f.name, kindOf(f.dataTypeID), res.rows.length));
    return buildColumns(builders, res.rows);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function kindOf(oid: number): DeclaredKind {
  if (NUMERIC_OIDS.has(oid)) return 'numeric';
  if (oid === BOOL_OID) return 'boolean';
  if (DATE_OIDS.has(oid)) return 'datetime';
  return 'string';
}
