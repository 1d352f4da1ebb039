/**
 * The store's tables and their migrations, for SQLite and PostgreSQL. A one-row table
 * `trainyard_schema(version)` records the version; opening a store applies the missing migrations in
 * one transaction and refuses a store written by a newer trainyard rather than misreading it.
 *
 * To change the schema, append a migration (never edit a released one) and bump nothing else:
 * `SCHEMA_VERSION` is the length of the list.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { StoreError } from '../core/errors.js';

interface Migration {
  sqlite: string[];
  /** `{s}` stands for the quoted schema name. */
  postgres: string[];
}

const MIGRATIONS: Migration[] = [
  {
    sqlite: [
      `CREATE TABLE runs (
         id TEXT PRIMARY KEY, name TEXT NOT NULL,
         status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
         started_at TEXT NOT NULL, finished_at TEXT, spec TEXT NOT NULL, spec_hash TEXT NOT NULL,
         error_code TEXT, error_message TEXT)`,
      `CREATE INDEX runs_started ON runs (started_at, id)`,
      `CREATE INDEX runs_name ON runs (name, started_at)`,
      `CREATE TABLE params (
         run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,
         PRIMARY KEY (run_id, key))`,
      // value is nullable because SQLite stores NaN as NULL; it is read back as NaN.
      `CREATE TABLE metrics (
         id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
         key TEXT NOT NULL, value REAL, step INTEGER)`,
      `CREATE INDEX metrics_run_key ON metrics (run_id, key, id)`,
      // bytes last: listing reads the small columns without touching the blob's overflow pages.
      `CREATE TABLE artifacts (
         run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, name TEXT NOT NULL,
         content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL,
         PRIMARY KEY (run_id, name))`,
      `CREATE TABLE task_results (
         id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
         task_id TEXT NOT NULL, attempt INTEGER NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL,
         UNIQUE (run_id, task_id))`,
      `CREATE TABLE models (name TEXT PRIMARY KEY, latest_version INTEGER NOT NULL)`,
      `CREATE TABLE model_versions (
         name TEXT NOT NULL REFERENCES models (name), version INTEGER NOT NULL,
         run_id TEXT NOT NULL, artifact TEXT NOT NULL, metrics TEXT NOT NULL, created_at TEXT NOT NULL,
         PRIMARY KEY (name, version),
         FOREIGN KEY (run_id, artifact) REFERENCES artifacts (run_id, name))`,
    ],
    postgres: [
      `CREATE TABLE {s}.runs (
         id text PRIMARY KEY, name text NOT NULL,
         status text NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
         started_at timestamptz NOT NULL, finished_at timestamptz, spec jsonb NOT NULL, spec_hash text NOT NULL,
         error_code text, error_message text)`,
      `CREATE INDEX runs_started ON {s}.runs (started_at, id)`,
      `CREATE INDEX runs_name ON {s}.runs (name, started_at)`,
      `CREATE TABLE {s}.params (
         run_id text NOT NULL REFERENCES {s}.runs (id) ON DELETE CASCADE, key text NOT NULL, value jsonb NOT NULL,
         PRIMARY KEY (run_id, key))`,
      `CREATE TABLE {s}.metrics (
         id bigserial PRIMARY KEY, run_id text NOT NULL REFERENCES {s}.runs (id) ON DELETE CASCADE,
         key text NOT NULL, value double precision NOT NULL, step integer)`,
      `CREATE INDEX metrics_run_key ON {s}.metrics (run_id, key, id)`,
      `CREATE TABLE {s}.artifacts (
         run_id text NOT NULL REFERENCES {s}.runs (id) ON DELETE CASCADE, name text NOT NULL,
         content_type text NOT NULL, size bigint NOT NULL, sha256 text NOT NULL, bytes bytea NOT NULL,
         PRIMARY KEY (run_id, name))`,
      `CREATE TABLE {s}.task_results (
         id bigserial PRIMARY KEY, run_id text NOT NULL REFERENCES {s}.runs (id) ON DELETE CASCADE,
         task_id text NOT NULL, attempt integer NOT NULL, result jsonb NOT NULL, created_at timestamptz NOT NULL,
         UNIQUE (run_id, task_id))`,
      `CREATE TABLE {s}.models (name text PRIMARY KEY, latest_version integer NOT NULL)`,
      `CREATE TABLE {s}.model_versions (
         name text NOT NULL REFERENCES {s}.models (name), version integer NOT NULL,
         run_id text NOT NULL, artifact text NOT NULL, metrics jsonb NOT NULL, created_at timestamptz NOT NULL,
         PRIMARY KEY (name, version),
         FOREIGN KEY (run_id, artifact) REFERENCES {s}.artifacts (run_id, name))`,
    ],
  },
  {
    // Content-addressed blobs: data snapshots that workers of a cluster fetch by sha256.
    sqlite: [`CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, created_at TEXT NOT NULL, bytes BLOB NOT NULL)`],
    postgres: [`CREATE TABLE {s}.blobs (sha256 text PRIMARY KEY, size bigint NOT NULL, created_at timestamptz NOT NULL, bytes bytea NOT NULL)`],
  },
  {
    // Blobs stay uncompressed: pglz barely shrinks float64 snapshots, yet compressing a 1.3 MB one took
    // 30 of the 40 ms its upload cost at the start of every cluster search.
    sqlite: [],
    postgres: [`ALTER TABLE {s}.blobs ALTER COLUMN bytes SET STORAGE EXTERNAL`],
  },
  {
    // Status 'interrupted': a run stopped by SIGINT/SIGTERM, its finished tasks kept for `--resume`.
    // SQLite cannot alter a CHECK constraint, so the table is rebuilt (migrateSqlite turns foreign keys
    // off around the migrations, or dropping `runs` would cascade into its params, metrics, artifacts
    // and task results).
    sqlite: [
      `CREATE TABLE runs_v4 (
         id TEXT PRIMARY KEY, name TEXT NOT NULL,
         status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
         started_at TEXT NOT NULL, finished_at TEXT, spec TEXT NOT NULL, spec_hash TEXT NOT NULL,
         error_code TEXT, error_message TEXT)`,
      `INSERT INTO runs_v4 (id, name, status, started_at, finished_at, spec, spec_hash, error_code, error_message)
         SELECT id, name, status, started_at, finished_at, spec, spec_hash, error_code, error_message FROM runs`,
      `DROP TABLE runs`,
      `ALTER TABLE runs_v4 RENAME TO runs`,
      `CREATE INDEX runs_started ON runs (started_at, id)`,
      `CREATE INDEX runs_name ON runs (name, started_at)`,
    ],
    postgres: [
      `ALTER TABLE {s}.runs DROP CONSTRAINT runs_status_check`,
      `ALTER TABLE {s}.runs ADD CONSTRAINT runs_status_check CHECK (status IN ('running', 'finished', 'failed', 'interrupted'))`,
    ],
  },
  {
    // What the server shows and edits: run tags and notes, model aliases, version descriptions and tags,
    // lineage (spec and data hashes) of versions, and API tokens (only their sha256 is stored).
    sqlite: [
      `ALTER TABLE runs ADD COLUMN note TEXT`,
      `CREATE TABLE run_tags (
         run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,
         PRIMARY KEY (run_id, key))`,
      `CREATE INDEX run_tags_key ON run_tags (key, value)`,
      `ALTER TABLE model_versions ADD COLUMN spec_hash TEXT`,
      `ALTER TABLE model_versions ADD COLUMN data_sha256 TEXT`,
      `ALTER TABLE model_versions ADD COLUMN description TEXT`,
      `UPDATE model_versions SET spec_hash = (SELECT spec_hash FROM runs WHERE runs.id = model_versions.run_id)`,
      `CREATE TABLE model_version_tags (
         name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
         PRIMARY KEY (name, version, key),
         FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE)`,
      `CREATE TABLE model_aliases (
         name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL,
         PRIMARY KEY (name, alias),
         FOREIGN KEY (name, version) REFERENCES model_versions (name, version))`,
      `CREATE TABLE tokens (
         id INTEGER PRIMARY KEY, name TEXT NOT NULL,
         scope TEXT NOT NULL CHECK (scope IN ('read', 'run', 'predict', 'admin')),
         hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)`,
      `CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL`,
    ],
    postgres: [
      `ALTER TABLE {s}.runs ADD COLUMN note text`,
      `CREATE TABLE {s}.run_tags (
         run_id text NOT NULL REFERENCES {s}.runs (id) ON DELETE CASCADE, key text NOT NULL, value text NOT NULL,
         PRIMARY KEY (run_id, key))`,
      `CREATE INDEX run_tags_key ON {s}.run_tags (key, value)`,
      `ALTER TABLE {s}.model_versions ADD COLUMN spec_hash text`,
      `ALTER TABLE {s}.model_versions ADD COLUMN data_sha256 text`,
      `ALTER TABLE {s}.model_versions ADD COLUMN description text`,
      `UPDATE {s}.model_versions v SET spec_hash = r.spec_hash FROM {s}.runs r WHERE r.id = v.run_id`,
      `CREATE TABLE {s}.model_version_tags (
         name text NOT NULL, version integer NOT NULL, key text NOT NULL, value text NOT NULL,
         PRIMARY KEY (name, version, key),
         FOREIGN KEY (name, version) REFERENCES {s}.model_versions (name, version) ON DELETE CASCADE)`,
      `CREATE TABLE {s}.model_aliases (
         name text NOT NULL, alias text NOT NULL, version integer NOT NULL, updated_at timestamptz NOT NULL,
         PRIMARY KEY (name, alias),
         FOREIGN KEY (name, version) REFERENCES {s}.model_versions (name, version))`,
      `CREATE TABLE {s}.tokens (
         id bigserial PRIMARY KEY, name text NOT NULL,
         scope text NOT NULL CHECK (scope IN ('read', 'run', 'predict', 'admin')),
         hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz)`,
      `CREATE UNIQUE INDEX tokens_live_name ON {s}.tokens (name) WHERE revoked_at IS NULL`,
    ],
  },
  {
    // Blobs in parts: one SQLite value or PostgreSQL bytea holds at most 1 GB (and pg's hex text of it
    // would not fit a JavaScript string), while the snapshot of a wide 10M-row data set is larger. New
    // blobs keep an empty `bytes` and their parts here; blobs written before keep their bytes.
    sqlite: [
      `CREATE TABLE blob_parts (
         sha256 TEXT NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE, part INTEGER NOT NULL, bytes BLOB NOT NULL,
         PRIMARY KEY (sha256, part))`,
    ],
    postgres: [
      `CREATE TABLE {s}.blob_parts (
         sha256 text NOT NULL REFERENCES {s}.blobs (sha256) ON DELETE CASCADE, part integer NOT NULL, bytes bytea NOT NULL,
         PRIMARY KEY (sha256, part))`,
      `ALTER TABLE {s}.blob_parts ALTER COLUMN bytes SET STORAGE EXTERNAL`,
    ],
  },
  {
    // Served requests kept for evaluation against outcomes (`serve --log-predictions`), read newest first.
    sqlite: [
      `CREATE TABLE prediction_logs (
         id INTEGER PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,
         logged_at TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL)`,
      `CREATE INDEX prediction_logs_model ON prediction_logs (model, id)`,
    ],
    postgres: [
      `CREATE TABLE {s}.prediction_logs (
         id bigserial PRIMARY KEY, model text NOT NULL, version integer NOT NULL, kind text NOT NULL,
         logged_at timestamptz NOT NULL, request jsonb NOT NULL, response jsonb NOT NULL)`,
      `CREATE INDEX prediction_logs_model ON {s}.prediction_logs (model, id)`,
    ],
  },
];

/** The schema version this trainyard writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function refuseNewer(found: number, location: string): never {
  throw new StoreError(
    `store ${location} has schema version ${found}, newer than the ${SCHEMA_VERSION} this trainyard understands; ` +
      `upgrade trainyard (npm install trainyard@latest) to use this store`,
    { location, found, supported: SCHEMA_VERSION },
  );
}

/** Creates or migrates the SQLite schema; the caller has set busy_timeout so concurrent openers wait. */
export function migrateSqlite(db: BetterSqlite3.Database, location: string): void {
  // A migration may rebuild a table that others reference: foreign keys are off while migrating (the
  // pragma is ignored inside a transaction) and checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    migrateSqliteTables(db, location);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

function migrateSqliteTables(db: BetterSqlite3.Database, location: string): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh file
  // at once cannot both decide to create the tables.
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS trainyard_schema (version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM trainyard_schema').get() as { version: number } | undefined;
    const found = row?.version ?? 0;
    if (found > SCHEMA_VERSION) refuseNewer(found, location);
    if (found === SCHEMA_VERSION) return;
    for (let v = found; v < SCHEMA_VERSION; v++) for (const sql of MIGRATIONS[v].sqlite) db.exec(sql);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new StoreError(`migrating store ${location} left ${broken.length} rows with a dangling reference; restore the file from a backup`, { location });
    if (row) db.prepare('UPDATE trainyard_schema SET version = ?').run(SCHEMA_VERSION);
    else db.prepare('INSERT INTO trainyard_schema (version) VALUES (?)').run(SCHEMA_VERSION);
  }).immediate();
}

/** Creates or migrates the PostgreSQL schema `schema` (already validated as an identifier). */
export async function migratePostgres(client: PoolClient, schema: string, location: string): Promise<void> {
  const s = `"${schema}"`;
  await client.query('BEGIN');
  try {
    // Serialise concurrent openers (every worker of a cluster opens the store at start-up).
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`trainyard-schema:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.trainyard_schema (version integer NOT NULL)`);
    const res = await client.query<{ version: number }>(`SELECT version FROM ${s}.trainyard_schema`);
    const found = res.rows[0]?.version ?? 0;
    if (found > SCHEMA_VERSION) refuseNewer(found, location);
    if (found < SCHEMA_VERSION) {
      for (let v = found; v < SCHEMA_VERSION; v++) {
        for (const sql of MIGRATIONS[v].postgres) await client.query(sql.replaceAll('{s}', s));
      }
      if (res.rows.length > 0) await client.query(`UPDATE ${s}.trainyard_schema SET version = $1`, [SCHEMA_VERSION]);
      else await client.query(`INSERT INTO ${s}.trainyard_schema (version) VALUES ($1)`, [SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
