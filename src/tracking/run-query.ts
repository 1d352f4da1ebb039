/**
 * The SQL of `listRuns` / `countRuns`, written once for both stores: the filters (name, status, tag) and
 * the order (a run field, the duration, or a final metric), with the placeholder syntax and the duration
 * expression of each dialect. Every value a caller passes travels as a bound parameter; only the fixed
 * fragments below are spliced into the statement.
 */
import type { ListRunsOptions } from './store-contract.js';

export interface SqlDialect {
  /** The placeholder of the `n`th (1-based) parameter: `?` (SQLite) or `$n` (PostgreSQL). */
  param(n: number): string;
  /** The prefix of the store's tables (`''`, or `"schema".`). */
  tables: string;
  /** finished_at − started_at as a number that orders like the duration. */
  duration: string;
}

export const SQLITE_DIALECT: SqlDialect = { param: () => '?', tables: '', duration: '(julianday(r.finished_at) - julianday(r.started_at))' };

export function postgresDialect(schema: string): SqlDialect {
  return { param: (n) => `$${n}`, tables: `${schema}.`, duration: '(r.finished_at - r.started_at)' };
}

/** `FROM … WHERE …` of the runs `opts` selects (alias `r`), appending its arguments to `args`. */
function fromWhere(opts: ListRunsOptions, d: SqlDialect, args: unknown[]): string {
  const where: string[] = [];
  const bind = (v: unknown): string => (args.push(v), d.param(args.length));
  if (opts.name !== undefined) where.push(`r.name = ${bind(opts.name)}`);
  if (opts.status !== undefined) where.push(`r.status = ${bind(opts.status)}`);
  if (opts.tag !== undefined) {
    // Bound in the order the placeholders appear: SQLite's `?` are positional.
    const key = bind(opts.tag.key);
    const value = opts.tag.value === undefined ? '' : ` AND t.value = ${bind(opts.tag.value)}`;
    where.push(`EXISTS (SELECT 1 FROM ${d.tables}run_tags t WHERE t.run_id = r.id AND t.key = ${key}${value})`);
  }
  return `FROM ${d.tables}runs r${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/** `SELECT COUNT(*) AS n …` of the runs `opts` selects. */
export function countRunsSql(opts: ListRunsOptions, d: SqlDialect): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  return { sql: `SELECT COUNT(*) AS n ${fromWhere(opts, d, args)}`, args };
}

/** The runs `opts` selects (their `runs` columns), in its order, paged. */
export function listRunsSql(opts: ListRunsOptions, d: SqlDialect): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const bind = (v: unknown): string => (args.push(v), d.param(args.length));
  const dir = opts.order === 'asc' ? 'ASC' : 'DESC';
  const sort = opts.sort ?? 'startedAt';
  let key: string;
  if (sort.startsWith('metric:')) {
    // The run's final value of the metric (the last one recorded without a step); runs without it last.
    key = `(SELECT m.value FROM ${d.tables}metrics m WHERE m.run_id = r.id AND m.key = ${bind(sort.slice(7))} AND m.step IS NULL ORDER BY m.id DESC LIMIT 1)`;
  } else {
    key = { startedAt: 'r.started_at', name: 'r.name', status: 'r.status', duration: d.duration }[sort as 'startedAt'];
  }
  const from = fromWhere(opts, d, args);
  let sql = `SELECT r.id, r.name, r.status, r.started_at, r.finished_at, r.spec_hash, r.note, ${key} AS sort_key ${from} ORDER BY sort_key ${dir} NULLS LAST, r.id ${dir}`;
  if (opts.limit !== undefined) sql += ` LIMIT ${bind(opts.limit)}`;
  if (opts.offset) sql += `${opts.limit === undefined ? (d.param(1) === '?' ? ' LIMIT -1' : ' LIMIT ALL') : ''} OFFSET ${bind(opts.offset)}`;
  return { sql, args };
}
