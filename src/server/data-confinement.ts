/**
 * Where a submitted spec may read from. A spec is code the server runs on a client's behalf, so every
 * source it names is checked before the run is queued: a file must lie under one of the `--data-root`
 * folders — after resolving symlinks, so a link inside a root that points out of it is refused — and
 * a database URL must name a host, port and database of the `--allow-db` list. Anything else is an
 * `E_FORBIDDEN` naming the rule and the source. (MLflow's path-traversal and file-inclusion CVEs came
 * from checking a path as text; here the check is on the resolved file, and the run then reads the
 * resolved path, not the client's text.)
 *
 * Relative paths resolve against the first data root, never the server's working directory.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { DataError, ForbiddenError, InvalidParamError } from '../core/errors.js';
import type { LoadedRecommendSpec } from '../experiment/spec/recommend-spec.js';
import type { LoadedSpec } from '../experiment/spec/spec.js';

/** The server's data rules. */
export interface DataPolicy {
  /** Folders whose files specs may read, realpath'd ({@link dataPolicy} does that). */
  roots: readonly string[];
  /** Database URLs (`postgres://host:5432/db`) whose host, port and database specs may connect to. */
  allowDb: readonly string[];
}

/**
 * Builds the policy from the server's options: every root must exist and is realpath'd once, so the
 * per-spec check compares real paths with real paths.
 *
 * @example
 * const policy = dataPolicy(['/srv/data'], ['postgres://db.internal:5432/warehouse']);
 */
export function dataPolicy(roots: readonly string[], allowDb: readonly string[]): DataPolicy {
  const real = roots.map((r) => {
    try {
      return realpathSync(resolve(r));
    } catch {
      throw new InvalidParamError(`--data-root ${r}: no such folder; create it or pass an existing one`, { dataRoot: r });
    }
  });
  for (const url of allowDb) parseDbUrl(url, '--allow-db');
  return { roots: real, allowDb: [...allowDb] };
}

const DB_URL = /^(postgres|postgresql|mysql|mariadb):\/\//i;
const DEFAULT_PORTS: Record<string, string> = { pg: '5432', mysql: '3306' };

interface DbTarget {
  family: 'pg' | 'mysql';
  host: string;
  port: string;
  /** The database, '' when the URL names none. */
  database: string;
  params: string[];
}

function parseDbUrl(url: string, what: string): DbTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidParamError(`${what} '${url}' is not a URL`, { url });
  }
  const family = /^postgres/i.test(u.protocol) ? 'pg' : 'mysql';
  return { family, host: u.hostname.toLowerCase(), port: u.port || DEFAULT_PORTS[family], database: decodeURIComponent(u.pathname.replace(/^\//, '')), params: [...u.searchParams.keys()] };
}

/**
 * Connection parameters a spec's database URL may carry. Others are refused: pg reads `host` from the
 * query string (another server than the URL's), and `sslcert`/`sslkey`/`sslrootcert` name files.
 */
const SAFE_DB_PARAMS = new Set(['sslmode']);

function forbid(rule: string, path: string, source: string, why: string): never {
  throw new ForbiddenError(`${path}: source '${source}' refused (rule ${rule}): ${why}`, { rule, path, source });
}

function checkDatabase(policy: DataPolicy, source: string, path: string): string {
  const shown = source.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
  let target: DbTarget;
  try {
    target = parseDbUrl(source, path);
  } catch {
    return forbid('allow-db', path, shown, 'not a valid database URL');
  }
  const bad = target.params.filter((p) => !SAFE_DB_PARAMS.has(p));
  if (bad.length > 0) forbid('allow-db', path, shown, `connection parameters (${bad.join(', ')}) are not allowed in a submitted spec`);
  const allowed = policy.allowDb.some((entry) => {
    const a = parseDbUrl(entry, '--allow-db');
    return a.family === target.family && a.host === target.host && a.port === target.port && (a.database === '' || a.database === target.database);
  });
  if (!allowed) forbid('allow-db', path, shown, `${target.host}:${target.port}/${target.database} is not in the server's --allow-db list`);
  return source;
}

/** Inside `root` (both real paths)? */
function within(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Checks a file source and returns its real absolute path. */
function checkFile(policy: DataPolicy, file: string, path: string, shown: string): string {
  if (policy.roots.length === 0) forbid('data-root', path, shown, 'this server has no --data-root, so specs may not read files');
  if (file.split(/[\\/]/).includes('..')) forbid('data-root', path, shown, "'..' is not allowed in a source path");
  // DuckDB expands globs: a pattern is not one file and could match more than the check saw.
  if (/[*?[\]{}]/.test(file)) forbid('data-root', path, shown, 'glob characters are not allowed in a source path');
  const lexical = isAbsolute(file) ? resolve(file) : resolve(policy.roots[0], file);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    // Say "missing" only for a path under a root: elsewhere the answer would probe the file system.
    if (!policy.roots.some((r) => within(r, lexical))) forbid('data-root', path, shown, `files must be under one of the server's --data-root folders`);
    throw new DataError(`${path}: file '${shown}' not found under the data root`, { path, source: shown });
  }
  if (!policy.roots.some((r) => within(r, real))) {
    const why = policy.roots.some((r) => within(r, lexical)) ? 'it is a symbolic link leading out of the data roots' : `files must be under one of the server's --data-root folders`;
    forbid('data-root', path, shown, why);
  }
  return real;
}

/** Checks one source string and returns what the run should read instead (a real path, or the URL). */
export function confineSource(policy: DataPolicy, source: string, path: string): string {
  if (source.includes('\0')) forbid('data-root', path, JSON.stringify(source), 'NUL bytes are not allowed in a source');
  if (DB_URL.test(source)) return checkDatabase(policy, source, path);
  if (/^sqlite:/i.test(source)) {
    const file = source.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return `sqlite:${checkFile(policy, file, path, source)}`;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) forbid('scheme', path, source, 'only files under a data root, sqlite:, postgres://, postgresql://, mysql:// or mariadb:// sources are allowed');
  return checkFile(policy, source, path, source);
}

/**
 * Checks every data source of a validated spec and returns a copy whose sources are the checked real
 * paths (relative ones resolved against the first data root), with `baseDir` the first root.
 * Throws E_FORBIDDEN naming the rule and the source.
 *
 * @example
 * const safe = confineSpec(policy, parseAnySpec(text, { name: 'request', baseDir: policy.roots[0] }));
 */
export function confineSpec<L extends LoadedSpec | LoadedRecommendSpec>(policy: DataPolicy, loaded: L): L {
  const spec = structuredClone(loaded.spec) as L['spec'];
  const data = spec.data as { source: string; join?: { source: string }[] };
  data.source = confineSource(policy, data.source, 'data.source');
  data.join?.forEach((j, i) => {
    j.source = confineSource(policy, j.source, `data.join[${i}].source`);
  });
  // MovieLens folds are read from u1.test … u5.test beside the source: each must pass the same check.
  const split = (spec as { split?: { method?: string; folds?: number } }).split;
  if (split?.method === 'movielens_folds' && !DB_URL.test(data.source) && !/^sqlite:/i.test(data.source)) {
    const dir = dirname(data.source);
    for (let f = 1; f <= Math.min(split.folds ?? 5, 5); f++) {
      const fold = join(dir, `u${f}.test`);
      if (existsSync(fold)) checkFile(policy, fold, 'split.method', fold);
    }
  }
  return { ...loaded, spec, baseDir: policy.roots[0] ?? loaded.baseDir };
}
