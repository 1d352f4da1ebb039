/** The SQL a database source runs: `query` (SQL or a bare table name) or `table`. */
import { SpecError } from '../../core/errors.js';
import type { SourceSpec } from '../source-spec.js';

const TABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

/** SQL to run for a database source; `quote` quotes one identifier in the database's dialect. */
export function databaseQuery(spec: SourceSpec, label: string, quote: (id: string) => string): string {
  const q = spec.query?.trim();
  const table = spec.table?.trim() || (q && TABLE_NAME_RE.test(q) ? q : undefined);
  if (table) return `SELECT * FROM ${table.split('.').map(quote).join('.')}`;
  if (q) return q;
  throw new SpecError(`${label}: a database source needs \`query\` (SQL or a table name) or \`table\``, { path: 'query' });
}

/** ANSI identifier quoting (SQLite, PostgreSQL). */
export function quoteAnsi(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** MySQL identifier quoting. */
export function quoteMysql(id: string): string {
  return `\`${id.replace(/`/g, '``')}\``;
}

/** Connect timeout for network databases: an unreachable server fails fast instead of hanging. */
export const CONNECT_TIMEOUT_MS = 5000;
