/** MySQL/MariaDB sources (`mysql://…`) through mysql2, rows as arrays, dates as UTC text. */
import mysql from 'mysql2/promise';
import { DataError, IoError } from '../../core/errors.js';
import { CONNECT_TIMEOUT_MS, databaseQuery, quoteMysql } from './db-query.js';
import type { RawColumn } from '../columns/raw-column.js';
import { redactUrl, type SourceSpec } from '../source-spec.js';
import { buildColumns, ValueColumnBuilder, type DeclaredKind } from '../columns/value-columns.js';

// Column type codes: MySQL include/field_types.h (enum_field_types).
const NUMERIC_TYPES = new Set([0, 1, 2, 3, 4, 5, 8, 9, 13, 246]);
const DATE_TYPES = new Set([7, 10, 12, 14]);
const TINY = 1;

/** Runs the spec's query on MySQL/MariaDB; IoError when the server cannot be reached within the timeout. */
export async function readMysqlColumns(url: string, spec: SourceSpec): Promise<RawColumn[]> {
  const label = redactUrl(url);
  const sql = databaseQuery(spec, label, quoteMysql);
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({
      uri: url,
      connectTimeout: CONNECT_TIMEOUT_MS,
      dateStrings: true,
      decimalNumbers: true,
      supportBigNumbers: true,
      timezone: 'Z',
    });
  } catch (e) {
    throw new IoError(`${label}: cannot connect to MySQL/MariaDB: ${(e as Error).message}; check that the server runs and the URL`, {
      source: label,
    });
  }
  conn.on('error', () => undefined);
  try {
    let rows: unknown[][];
    let fields: mysql.FieldPacket[];
    try {
      [rows, fields] = (await conn.query({ sql, rowsAsArray: true })) as unknown as [unknown[][], mysql.FieldPacket[]];
    } catch (e) {
      throw new DataError(`${label}: query failed: ${(e as Error).message}; check \`query\` (${sql})`, { source: label, query: sql });
    }
    if (!Array.isArray(fields)) throw new DataError(`${label}: the query returns no rows (${sql}); use a SELECT`, { source: label });
    const builders = fields.map((f) => new ValueColumnBuilder(f.name, kindOf(f), rows.length));
    return buildColumns(builders, rows);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

function kindOf(f: mysql.FieldPacket): DeclaredKind {
  const type = f.columnType ?? f.type ?? -1;
  // BOOLEAN is TINYINT(1) in MySQL.
  if (type === TINY && f.columnLength === 1) return 'boolean';
  if (NUMERIC_TYPES.has(type)) return 'numeric';
  if (DATE_TYPES.has(type)) return 'datetime';
  return 'string';
}
