/**
 * Opens the tracking store a location names. The contract (the `Store` interface and its records) is in
 * `store-contract.ts`, which the implementations import; this file only picks one and loads its driver
 * (better-sqlite3 or pg) when a store of that kind is opened, so importing it loads neither.
 *
 * ```ts
 * const store = await openStore();                    // ./trainyard.db
 * const id = newRunId();
 * await store.beginRun({ id, name: 'churn', startedAt: new Date().toISOString(), spec, specHash });
 * await store.completeRun({ id, name: 'churn', status: 'finished', ... });
 * await store.close();
 * ```
 */
import { StoreError } from '../core/errors.js';
import { redactUrl, type Store } from './store-contract.js';

export * from './store-contract.js';

/** The store used when none is named: a SQLite file in the working directory. */
export const DEFAULT_STORE_LOCATION = './trainyard.db';

/**
 * Opens (creating and migrating if needed) the store at `location`:
 * `'sqlite:path'`, a plain file path (SQLite), or `'postgres://…'` / `'postgresql://…'`
 * (`?schema=name` picks the schema, default `public`; `?connect_timeout=s` the connection timeout, default 5).
 */
export async function openStore(location: string = DEFAULT_STORE_LOCATION): Promise<Store> {
  if (typeof location !== 'string' || location.trim() === '') {
    throw new StoreError(`store location must be a non-empty string, got ${JSON.stringify(location)}; pass a file path or a postgres:// URL`, { location });
  }
  if (/^postgres(ql)?:\/\//i.test(location)) {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(location);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^sqlite:/i.test(location)) {
    throw new StoreError(`unsupported store location '${redactUrl(location)}'; use a file path, 'sqlite:path', or a postgres:// URL`, { location: redactUrl(location) });
  }
  const path = location.replace(/^sqlite:(\/\/)?/i, '');
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(path);
}

