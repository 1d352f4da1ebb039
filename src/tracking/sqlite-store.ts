/**
 * The embedded store: one SQLite file via better-sqlite3, in WAL mode so readers never block the writer
 * and several processes (local workers, a dashboard) can share the file. Every write runs in a
 * `BEGIN IMMEDIATE` transaction: it takes the write lock up front, so a busy file makes it wait
 * (busy_timeout) instead of failing half-way on a read-to-write upgrade.
 */
import { ensureDir, fsError } from '../core/fs-errors.js';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { NotFoundError, StoreError, TrainyardError } from '../core/errors.js';
import {
  asStoreError, BlobAssembler, blobParts, checkAlias, checkBeginRun, checkBlob, checkInterruptRun, checkListRuns, checkModelRef, checkModelVersionUpdate, checkNewToken, checkRunUpdate, checkTaskResult, checkText,
  checkPredictionLogQuery, checkPredictionLogs, checkTokenName, checkVersion, deleteRunRefusal, missingRunError, missingVersionError, notResumableError, prepareCompletedRun, registeredModels, tokenConflict, withRunExtras, withVersionExtras, type RunBase, type RunExtraRows, type VersionBase,
} from './records.js';
import { countRunsSql, listRunsSql, SQLITE_DIALECT } from './run-query.js';
import { migrateSqlite } from './schema.js';
import type {
  ArtifactInfo, CompletedRun, InterruptedRun, ListRunsOptions, MetricPoint, ModelRef, ModelVersion, ModelVersionUpdate, PredictionLogInput, PredictionLogRecord, RegisteredModel, RunDetail, RunSummary, RunUpdate, Store, TaskResultRecord, TokenRecord, TokenScope,
} from './store-contract.js';

/** What to do when the store's file cannot be created. */
const STORE_FIX = 'choose a store path in a folder you can write with --store (or a postgres:// URL)';

/** How long a write waits for another process holding the file's write lock. */
const BUSY_TIMEOUT_MS = 10_000;

interface RunRow {
  id: string;
  name: string;
  status: RunSummary['status'];
  started_at: string;
  finished_at: string | null;
  spec_hash: string;
  note: string | null;
}

function runBase(r: RunRow): RunBase {
  return { id: r.id, name: r.name, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, specHash: r.spec_hash, note: r.note };
}

interface VersionRow {
  version: number;
  run_id: string;
  artifact: string;
  metrics: string;
  created_at: string;
  spec_hash: string | null;
  data_sha256: string | null;
  description: string | null;
}

function versionBase(r: VersionRow): VersionBase {
  return { version: r.version, runId: r.run_id, artifact: r.artifact, metrics: JSON.parse(r.metrics) as Record<string, number>, createdAt: r.created_at, specHash: r.spec_hash, dataSha256: r.data_sha256, description: r.description };
}

interface TokenRow {
  name: string;
  scope: TokenScope;
  created_at: string;
  revoked_at: string | null;
}

function tokenRecord(r: TokenRow): TokenRecord {
  return { name: r.name, scope: r.scope, createdAt: r.created_at, revokedAt: r.revoked_at };
}

/** Binds a list of ids as one parameter: `IN (SELECT value FROM json_each(?))` takes any number of them. */
const IDS = 'IN (SELECT value FROM json_each(?))';

function isConstraint(err: unknown, kind: string): boolean {
  return (err as { code?: string })?.code === kind;
}

/** Opens (creating if needed) the SQLite store at `path`; `:memory:` gives a private in-memory store. */
export function openSqliteStore(path: string): Store {
  const location = path === ':memory:' ? path : resolve(path);
  let db: Database.Database | undefined;
  try {
    if (location !== ':memory:') ensureDir(dirname(location), STORE_FIX);
    try {
      db = new Database(location, { timeout: BUSY_TIMEOUT_MS });
    } catch (e) {
      // The file cannot be opened or created (a forbidden or read-only place): a file-system error.
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_CANTOPEN' || (code && !code.startsWith('SQLITE_'))) throw fsError(e, 'open or create the SQLite store', location, STORE_FIX);
      throw e;
    }
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (location !== ':memory:') db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, location);
  } catch (err) {
    db?.close();
    if (err instanceof TrainyardError) throw err;
    const e = err as { code?: string; message?: string };
    if (e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT') {
      throw new StoreError(`'${location}' is not a trainyard store (SQLite: ${e.message}); choose a different store path, or restore the file from a backup`, { location, cause: e.code });
    }
    throw new StoreError(`cannot open the SQLite store '${location}': ${e.message ?? String(err)}; check the path and its permissions`, { location, cause: e.code });
  }
  return new SqliteStore(db, location);
}

class SqliteStore implements Store {
  readonly location: string;
  private db: Database.Database | null;

  constructor(db: Database.Database, location: string) {
    this.db = db;
    this.location = location;
  }

  /** Runs `fn` on the open database, turning every failure into a StoreError naming the store. */
  private use<T>(what: string, fn: (db: Database.Database) => T): Promise<T> {
    try {
      if (!this.db) throw new StoreError(`${what}: store ${this.location} is closed; open it again with openStore()`, { location: this.location });
      return Promise.resolve(fn(this.db));
    } catch (err) {
      const e = err as { code?: string };
      if (e?.code === 'SQLITE_BUSY') {
        return Promise.reject(new StoreError(`${what}: store ${this.location} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s; retry, or use PostgreSQL for many concurrent writers`, { location: this.location }));
      }
      return Promise.reject(asStoreError(err, what, this.location));
    }
  }

  beginRun(run: { id: string; name: string; startedAt: string; spec: unknown; specHash: string }): Promise<void> {
    return this.use('beginRun', (db) => {
      const { startedAt, spec } = checkBeginRun(run);
      try {
        db.prepare(`INSERT INTO runs (id, name, status, started_at, spec, spec_hash) VALUES (?, ?, 'running', ?, ?, ?)`).run(run.id, run.name, startedAt, spec, run.specHash);
      } catch (err) {
        if (isConstraint(err, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new StoreError(`run '${run.id}' already exists in ${this.location}; start a run with a fresh id from newRunId()`, { runId: run.id });
        throw err;
      }
    });
  }

  interruptRun(run: InterruptedRun): Promise<boolean> {
    return this.use('interruptRun', (db) => {
      const { interruptedAt } = checkInterruptRun(run);
      const res = db
        .prepare(`UPDATE runs SET status = 'interrupted', finished_at = ?, error_code = ?, error_message = ? WHERE id = ? AND status = 'running'`)
        .run(interruptedAt, run.reason.code, run.reason.message, run.id);
      if (res.changes === 0 && !db.prepare('SELECT 1 FROM runs WHERE id = ?').get(run.id)) throw notResumableError(run.id, undefined, this.location);
      return res.changes === 1;
    });
  }

  resumeRun(id: string): Promise<void> {
    return this.use('resumeRun', (db) => {
      checkText(id, 'run id');
      const res = db.prepare(`UPDATE runs SET status = 'running', finished_at = NULL, error_code = NULL, error_message = NULL WHERE id = ? AND status IN ('running', 'interrupted')`).run(id);
      if (res.changes === 0) throw notResumableError(id, (db.prepare('SELECT status FROM runs WHERE id = ?').get(id) as { status: string } | undefined)?.status, this.location);
    });
  }

  completeRun(run: CompletedRun): Promise<void> {
    return this.use('completeRun', (db) => {
      const p = prepareCompletedRun(run);
      db.transaction(() => {
        const existing = db.prepare('SELECT status FROM runs WHERE id = ?').get(run.id) as { status: string } | undefined;
        if (existing && existing.status !== 'running') {
          throw new StoreError(`run '${run.id}' is already ${existing.status}; a run is completed once`, { runId: run.id, status: existing.status });
        }
        const values = [run.name, run.status, p.startedAt, p.finishedAt, p.spec, run.specHash, run.error?.code ?? null, run.error?.message ?? null];
        if (existing) {
          db.prepare(`UPDATE runs SET name = ?, status = ?, started_at = ?, finished_at = ?, spec = ?, spec_hash = ?, error_code = ?, error_message = ? WHERE id = ?`).run(...values, run.id);
        } else {
          db.prepare(`INSERT INTO runs (name, status, started_at, finished_at, spec, spec_hash, error_code, error_message, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, run.id);
        }
        const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
        for (let i = 0; i < p.paramKeys.length; i++) param.run(run.id, p.paramKeys[i], p.paramValues[i]);
        const metric = db.prepare('INSERT INTO metrics (run_id, key, value, step) VALUES (?, ?, ?, ?)');
        for (let i = 0; i < p.metricKeys.length; i++) {
          const v = p.metricValues[i];
          metric.run(run.id, p.metricKeys[i], Number.isNaN(v) ? null : v, p.metricSteps[i]);
        }
        const artifact = db.prepare('INSERT INTO artifacts (run_id, name, content_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)');
        for (const a of p.artifacts) {
          try {
            artifact.run(run.id, a.name, a.contentType, a.bytes.length, a.sha256, a.bytes);
          } catch (err) {
            if (isConstraint(err, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new StoreError(`run '${run.id}' already has an artifact named '${a.name}'; artifact names are unique per run`, { runId: run.id, artifact: a.name });
            throw err;
          }
        }
        if (p.model) {
          const has = db.prepare('SELECT 1 FROM artifacts WHERE run_id = ? AND name = ?').get(run.id, p.model.artifact);
          if (!has) throw new StoreError(`model '${p.model.name}' points at artifact '${p.model.artifact}', which run '${run.id}' does not have; add it to run.artifacts`, { runId: run.id, artifact: p.model.artifact });
          // The upsert takes the write lock on the model row, so concurrent registrations get distinct versions.
          const { latest_version: version } = db
            .prepare('INSERT INTO models (name, latest_version) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET latest_version = latest_version + 1 RETURNING latest_version')
            .get(p.model.name) as { latest_version: number };
          db.prepare('INSERT INTO model_versions (name, version, run_id, artifact, metrics, created_at, spec_hash, data_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(p.model.name, version, run.id, p.model.artifact, p.model.metrics, new Date().toISOString(), run.specHash, p.model.dataSha256);
        }
      }).immediate();
    });
  }

  putTaskResults(recs: Omit<TaskResultRecord, 'createdAt'>[]): Promise<boolean[]> {
    return this.use('putTaskResults', (db) => {
      const results = recs.map(checkTaskResult);
      const insert = db.prepare('INSERT INTO task_results (run_id, task_id, attempt, result, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, task_id) DO NOTHING');
      const createdAt = new Date().toISOString();
      try {
        return db.transaction(() => recs.map((rec, i) => insert.run(rec.runId, rec.taskId, rec.attempt, results[i], createdAt).changes === 1))();
      } catch (err) {
        if (isConstraint(err, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw missingRunError(recs);
        throw err;
      }
    });
  }

  getTaskResults(runId: string): Promise<TaskResultRecord[]> {
    return this.use('getTaskResults', (db) => {
      const rows = db.prepare('SELECT task_id, attempt, result, created_at FROM task_results WHERE run_id = ? ORDER BY id').all(runId) as { task_id: string; attempt: number; result: string; created_at: string }[];
      return rows.map((r) => ({ runId, taskId: r.task_id, attempt: r.attempt, result: JSON.parse(r.result) as unknown, createdAt: r.created_at }));
    });
  }

  /** Tags, final metrics and the selected model of the runs `base`, from three queries over their ids. */
  private summaries(db: Database.Database, base: RunBase[]): RunSummary[] {
    if (base.length === 0) return [];
    const ids = JSON.stringify(base.map((r) => r.id));
    return withRunExtras(base, {
      tags: db.prepare(`SELECT run_id, key, value FROM run_tags WHERE run_id ${IDS}`).all(ids) as RunExtraRows['tags'],
      metrics: db.prepare(`SELECT run_id, key, value FROM metrics WHERE step IS NULL AND run_id ${IDS} ORDER BY id`).all(ids) as RunExtraRows['metrics'],
      models: db.prepare(`SELECT run_id, value FROM params WHERE key = 'best.model' AND run_id ${IDS}`).all(ids) as RunExtraRows['models'],
    });
  }

  getRun(id: string): Promise<RunDetail | null> {
    return this.use('getRun', (db) => {
      const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as (RunRow & { spec: string; error_code: string | null; error_message: string | null }) | undefined;
      if (!row) return null;
      const params: Record<string, unknown> = {};
      for (const p of db.prepare('SELECT key, value FROM params WHERE run_id = ? ORDER BY key').all(id) as { key: string; value: string }[]) {
        params[p.key] = JSON.parse(p.value);
      }
      const detail: RunDetail = { ...this.summaries(db, [runBase(row)])[0], spec: JSON.parse(row.spec), params };
      if (row.error_code !== null) detail.error = { code: row.error_code, message: row.error_message ?? '' };
      return detail;
    });
  }

  listRuns(opts: ListRunsOptions = {}): Promise<RunSummary[]> {
    return this.use('listRuns', (db) => {
      const { sql, args } = listRunsSql(checkListRuns(opts), SQLITE_DIALECT);
      return this.summaries(db, (db.prepare(sql).all(...args) as RunRow[]).map(runBase));
    });
  }

  countRuns(opts: ListRunsOptions = {}): Promise<number> {
    return this.use('countRuns', (db) => {
      const { sql, args } = countRunsSql(checkListRuns(opts), SQLITE_DIALECT);
      return (db.prepare(sql).get(...args) as { n: number }).n;
    });
  }

  updateRun(id: string, update: RunUpdate): Promise<void> {
    return this.use('updateRun', (db) => {
      const u = checkRunUpdate(update);
      db.transaction(() => {
        if (!db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id)) throw new NotFoundError(`no run '${id}'; list runs with \`trainyard runs ls\``, { runId: id });
        if (u.note !== undefined) db.prepare('UPDATE runs SET note = ? WHERE id = ?').run(u.note, id);
        const upsert = db.prepare('INSERT INTO run_tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value');
        const remove = db.prepare('DELETE FROM run_tags WHERE run_id = ? AND key = ?');
        for (const [k, v] of u.tags) (v === null ? remove.run(id, k) : upsert.run(id, k, v));
      }).immediate();
    });
  }

  deleteRun(id: string): Promise<void> {
    return this.use('deleteRun', (db) => {
      checkText(id, 'run id');
      db.transaction(() => {
        const status = (db.prepare('SELECT status FROM runs WHERE id = ?').get(id) as { status: RunSummary['status'] } | undefined)?.status;
        const versions = db.prepare('SELECT name, version FROM model_versions WHERE run_id = ? ORDER BY name, version').all(id) as { name: string; version: number }[];
        const refusal = deleteRunRefusal(id, status, versions);
        if (refusal) throw refusal;
        db.prepare('DELETE FROM runs WHERE id = ?').run(id);
      }).immediate();
    });
  }

  getMetrics(runId: string, key?: string): Promise<MetricPoint[]> {
    return this.use('getMetrics', (db) => {
      const rows = (key === undefined
        ? db.prepare('SELECT key, value, step FROM metrics WHERE run_id = ? ORDER BY id').all(runId)
        : db.prepare('SELECT key, value, step FROM metrics WHERE run_id = ? AND key = ? ORDER BY id').all(runId, key)) as { key: string; value: number | null; step: number | null }[];
      return rows.map((r) => (r.step === null ? { key: r.key, value: r.value ?? NaN } : { key: r.key, value: r.value ?? NaN, step: r.step }));
    });
  }

  getArtifact(runId: string, name: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    return this.use('getArtifact', (db) => {
      const row = db.prepare('SELECT content_type, bytes FROM artifacts WHERE run_id = ? AND name = ?').get(runId, name) as { content_type: string; bytes: Buffer } | undefined;
      return row ? { contentType: row.content_type, bytes: row.bytes } : null;
    });
  }

  listArtifacts(runId: string): Promise<ArtifactInfo[]> {
    return this.use('listArtifacts', (db) => {
      const rows = db.prepare('SELECT name, content_type, size, sha256 FROM artifacts WHERE run_id = ? ORDER BY name').all(runId) as { name: string; content_type: string; size: number; sha256: string }[];
      return rows.map((r) => ({ name: r.name, contentType: r.content_type, size: r.size, sha256: r.sha256 }));
    });
  }

  getModelVersions(name: string): Promise<ModelVersion[]> {
    return this.use('getModelVersions', (db) => {
      checkText(name, 'model name');
      const rows = db.prepare('SELECT * FROM model_versions WHERE name = ? ORDER BY version').all(name) as VersionRow[];
      const tags = db.prepare('SELECT version, key, value FROM model_version_tags WHERE name = ? ORDER BY key').all(name) as { version: number; key: string; value: string }[];
      const aliases = db.prepare('SELECT alias, version FROM model_aliases WHERE name = ?').all(name) as { alias: string; version: number }[];
      return withVersionExtras(rows.map(versionBase), tags, aliases);
    });
  }

  listModels(): Promise<RegisteredModel[]> {
    return this.use('listModels', (db) => {
      const models = db
        .prepare('SELECT m.name, m.latest_version, v.created_at FROM models m JOIN model_versions v ON v.name = m.name AND v.version = m.latest_version ORDER BY m.name')
        .all() as { name: string; latest_version: number; created_at: string }[];
      const aliases = db.prepare('SELECT name, alias, version FROM model_aliases ORDER BY name, alias').all() as { name: string; alias: string; version: number }[];
      return registeredModels(models, aliases);
    });
  }

  async resolveModelVersion(name: string, ref: ModelRef): Promise<ModelVersion | null> {
    checkText(name, 'model name');
    const r = checkModelRef(ref);
    const version = 'version' in r ? r.version : await this.use('resolveModelVersion', (db) => (db.prepare('SELECT version FROM model_aliases WHERE name = ? AND alias = ?').get(name, r.alias) as { version: number } | undefined)?.version);
    if (version === undefined) return null;
    return (await this.getModelVersions(name)).find((v) => v.version === version) ?? null;
  }

  setModelAlias(name: string, alias: string, version: number): Promise<void> {
    return this.use('setModelAlias', (db) => {
      checkText(name, 'model name');
      checkAlias(alias);
      checkVersion(version);
      db.transaction(() => {
        if (!db.prepare('SELECT 1 FROM model_versions WHERE name = ? AND version = ?').get(name, version)) throw missingVersionError(name, version);
        db.prepare('INSERT INTO model_aliases (name, alias, version, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at')
          .run(name, alias, version, new Date().toISOString());
      }).immediate();
    });
  }

  deleteModelAlias(name: string, alias: string): Promise<boolean> {
    return this.use('deleteModelAlias', (db) => {
      checkText(name, 'model name');
      checkAlias(alias);
      return db.prepare('DELETE FROM model_aliases WHERE name = ? AND alias = ?').run(name, alias).changes === 1;
    });
  }

  updateModelVersion(name: string, version: number, update: ModelVersionUpdate): Promise<void> {
    return this.use('updateModelVersion', (db) => {
      checkText(name, 'model name');
      checkVersion(version);
      const u = checkModelVersionUpdate(update);
      db.transaction(() => {
        if (!db.prepare('SELECT 1 FROM model_versions WHERE name = ? AND version = ?').get(name, version)) throw missingVersionError(name, version);
        if (u.description !== undefined) db.prepare('UPDATE model_versions SET description = ? WHERE name = ? AND version = ?').run(u.description, name, version);
        const upsert = db.prepare('INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value');
        const remove = db.prepare('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?');
        for (const [k, v] of u.tags) (v === null ? remove.run(name, version, k) : upsert.run(name, version, k, v));
      }).immediate();
    });
  }

  createToken(token: { name: string; scope: TokenScope; hash: string; createdAt: string }): Promise<void> {
    return this.use('createToken', (db) => {
      const { createdAt } = checkNewToken(token);
      try {
        db.prepare('INSERT INTO tokens (name, scope, hash, created_at) VALUES (?, ?, ?, ?)').run(token.name, token.scope, token.hash, createdAt);
      } catch (err) {
        if (isConstraint(err, 'SQLITE_CONSTRAINT_UNIQUE')) throw tokenConflict(token.name);
        throw err;
      }
    });
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.use('listTokens', (db) => (db.prepare('SELECT name, scope, created_at, revoked_at FROM tokens ORDER BY name, id').all() as TokenRow[]).map(tokenRecord));
  }

  revokeToken(name: string): Promise<boolean> {
    return this.use('revokeToken', (db) => db.prepare('UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(new Date().toISOString(), checkTokenName(name)).changes === 1);
  }

  findToken(hash: string): Promise<TokenRecord | null> {
    return this.use('findToken', (db) => {
      const row = typeof hash === 'string' ? (db.prepare('SELECT name, scope, created_at, revoked_at FROM tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as TokenRow | undefined) : undefined;
      return row ? tokenRecord(row) : null;
    });
  }

  putBlob(sha256: string, bytes: Buffer): Promise<void> {
    return this.use('putBlob', (db) => {
      checkBlob(sha256, bytes);
      db.transaction(() => {
        const added = db.prepare("INSERT INTO blobs (sha256, size, created_at, bytes) VALUES (?, ?, ?, x'') ON CONFLICT (sha256) DO NOTHING").run(sha256, bytes.length, new Date().toISOString());
        if (added.changes === 0) return; // stored already (content addressing: the same bytes)
        const part = db.prepare('INSERT INTO blob_parts (sha256, part, bytes) VALUES (?, ?, ?)');
        blobParts(bytes).forEach((p, i) => part.run(sha256, i, p));
      }).immediate();
    });
  }

  getBlob(sha256: string): Promise<Buffer | null> {
    return this.use('getBlob', (db) => {
      const row = db.prepare('SELECT size, bytes, (SELECT COUNT(*) FROM blob_parts p WHERE p.sha256 = b.sha256) AS parts FROM blobs b WHERE sha256 = ?').get(sha256) as { size: number; bytes: Buffer; parts: number } | undefined;
      if (!row) return null;
      if (row.parts === 0) return Buffer.from(row.bytes); // written before blobs had parts (or empty)
      const part = db.prepare('SELECT bytes FROM blob_parts WHERE sha256 = ? AND part = ?');
      const blob = new BlobAssembler(row.size);
      for (let i = 0; i < row.parts; i++) blob.add((part.get(sha256, i) as { bytes: Buffer }).bytes);
      return blob.finish();
    });
  }

  logPredictions(records: PredictionLogInput[]): Promise<void> {
    return this.use('logPredictions', (db) => {
      const rows = checkPredictionLogs(records);
      const insert = db.prepare('INSERT INTO prediction_logs (model, version, kind, logged_at, request, response) VALUES (?, ?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const r of rows) insert.run(r.model, r.version, r.kind, r.loggedAt, r.request, r.response);
      }).immediate();
    });
  }

  listPredictionLogs(name: string, opts: { version?: number; limit?: number; before?: number } = {}): Promise<PredictionLogRecord[]> {
    return this.use('listPredictionLogs', (db) => {
      const q = checkPredictionLogQuery(name, opts);
      const rows = db
        .prepare(`SELECT * FROM prediction_logs WHERE model = ? ${q.version !== undefined ? 'AND version = ?' : ''} ${q.before !== undefined ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ?`)
        .all(...[name, q.version, q.before].filter((v) => v !== undefined), q.limit) as { id: number; model: string; version: number; kind: PredictionLogRecord['kind']; logged_at: string; request: string; response: string }[];
      return rows.map((r) => ({ id: r.id, model: r.model, version: r.version, kind: r.kind, loggedAt: r.logged_at, request: JSON.parse(r.request) as unknown, response: JSON.parse(r.response) as unknown }));
    });
  }

  close(): Promise<void> {
    try {
      this.db?.close();
    } finally {
      this.db = null;
    }
    return Promise.resolve();
  }
}
