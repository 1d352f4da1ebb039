/**
 * The cluster store: PostgreSQL via `pg`, shared by the workers of a cluster. Tables live in the schema
 * named by the URL's `?schema=` (default `public`), so several trainyard installations — or one test
 * per schema — can share a database. Batches (params, metrics) are inserted with `unnest` over arrays:
 * one round trip per batch instead of one per row.
 */
import pg from 'pg';
import { NotFoundError, StoreError } from '../core/errors.js';
import {
  asStoreError, BlobAssembler, blobParts, checkAlias, checkBeginRun, checkBlob, checkInterruptRun, checkListRuns, checkModelRef, checkModelVersionUpdate, checkNewToken, checkRunUpdate, checkTaskResult, checkText,
  checkPredictionLogQuery, checkPredictionLogs, checkTokenName, checkVersion, deleteRunRefusal, missingRunError, missingVersionError, notResumableError, prepareCompletedRun, registeredModels, tokenConflict, withRunExtras, withVersionExtras,
  type RunBase, type RunExtraRows, type VersionBase,
} from './records.js';
import { countRunsSql, listRunsSql, postgresDialect, type SqlDialect } from './run-query.js';
import { migratePostgres } from './schema.js';
import { redactUrl } from './store-contract.js';
import type {
  ArtifactInfo, CompletedRun, InterruptedRun, ListRunsOptions, MetricPoint, ModelRef, ModelVersion, ModelVersionUpdate, PredictionLogInput, PredictionLogRecord, RegisteredModel, RunDetail, RunSummary, RunUpdate, Store, TaskResultRecord, TokenRecord, TokenScope,
} from './store-contract.js';

const DEFAULT_CONNECT_TIMEOUT_S = 5;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

interface RunRow {
  id: string;
  name: string;
  status: RunSummary['status'];
  started_at: Date;
  finished_at: Date | null;
  spec_hash: string;
  note: string | null;
}

function runBase(r: RunRow): RunBase {
  return { id: r.id, name: r.name, status: r.status, startedAt: r.started_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null, specHash: r.spec_hash, note: r.note };
}

interface VersionRow {
  version: number;
  run_id: string;
  artifact: string;
  metrics: Record<string, number>;
  created_at: Date;
  spec_hash: string | null;
  data_sha256: string | null;
  description: string | null;
}

function versionBase(r: VersionRow): VersionBase {
  return { version: r.version, runId: r.run_id, artifact: r.artifact, metrics: r.metrics, createdAt: r.created_at.toISOString(), specHash: r.spec_hash, dataSha256: r.data_sha256, description: r.description };
}

interface TokenRow {
  name: string;
  scope: TokenScope;
  created_at: Date;
  revoked_at: Date | null;
}

function tokenRecord(r: TokenRow): TokenRecord {
  return { name: r.name, scope: r.scope, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null };
}

/** The URL split into what `pg` understands and the options trainyard reads itself. */
function parseUrl(url: string): { connectionString: string; schema: string; timeoutMs: number; where: string; location: string } {
  const location = redactUrl(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StoreError(`'${location}' is not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database?schema=name`, { location });
  }
  const schema = u.searchParams.get('schema') ?? 'public';
  if (!IDENTIFIER.test(schema)) {
    throw new StoreError(`schema '${schema}' in ${location} is not a plain identifier; use letters, digits and _ (at most 63)`, { location, schema });
  }
  const timeoutParam = u.searchParams.get('connect_timeout');
  const timeoutS = timeoutParam === null ? DEFAULT_CONNECT_TIMEOUT_S : Number(timeoutParam);
  if (!(timeoutS > 0)) throw new StoreError(`connect_timeout in ${location} must be a positive number of seconds, got '${timeoutParam}'`, { location });
  u.searchParams.delete('schema');
  u.searchParams.delete('connect_timeout');
  const where = `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`;
  return { connectionString: u.toString(), schema, timeoutMs: Math.round(timeoutS * 1000), where, location };
}

/** Opens the PostgreSQL store at `url`, creating or migrating its tables; connection errors become StoreErrors within the timeout. */
export async function openPostgresStore(url: string): Promise<Store> {
  const { connectionString, schema, timeoutMs, where, location } = parseUrl(url);
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: timeoutMs, max: 10 });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
  // The next query then gets a fresh connection (or a StoreError), so there is nothing more to do here.
  pool.on('error', () => undefined);
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const password = new URL(url).password;
    let msg = (err as Error).message || String(err);
    if (password) msg = msg.replaceAll(decodeURIComponent(password), '***');
    throw new StoreError(
      `cannot connect to PostgreSQL at ${where} (${location}): ${msg}; check that the server is running and reachable, ` +
        `and that the user, password and database in the URL are right`,
      { location, host: where },
    );
  }
  try {
    await migratePostgres(client, schema, location);
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    throw asStoreError(err, 'opening the store', location);
  }
  client.release();
  return new PostgresStore(pool, schema, location);
}

class PostgresStore implements Store {
  readonly location: string;
  private readonly s: string;
  private readonly dialect: SqlDialect;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    location: string,
  ) {
    this.s = `"${schema}"`;
    this.dialect = postgresDialect(this.s);
    this.location = location;
  }

  /** Runs `body` in one transaction on one client (`q` replaces {s} with the schema). */
  private async transaction<T>(body: (q: <R extends pg.QueryResultRow>(sql: string, args?: unknown[]) => Promise<pg.QueryResult<R>>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const q = <R extends pg.QueryResultRow>(sql: string, args: unknown[] = []) => client.query<R>(sql.replaceAll('{s}', this.s), args);
    try {
      await q('BEGIN');
      const out = await body(q);
      await q('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async use<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(`${what}: store ${this.location} is closed; open it again with openStore()`, { location: this.location });
    try {
      return await fn();
    } catch (err) {
      throw asStoreError(err, what, this.location);
    }
  }

  private query<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql.replaceAll('{s}', this.s), args);
  }

  beginRun(run: { id: string; name: string; startedAt: string; spec: unknown; specHash: string }): Promise<void> {
    return this.use('beginRun', async () => {
      const { startedAt, spec } = checkBeginRun(run);
      try {
        await this.query(`INSERT INTO {s}.runs (id, name, status, started_at, spec, spec_hash) VALUES ($1, $2, 'running', $3, $4::jsonb, $5)`, [run.id, run.name, startedAt, spec, run.specHash]);
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new StoreError(`run '${run.id}' already exists in ${this.location}; start a run with a fresh id from newRunId()`, { runId: run.id });
        throw err;
      }
    });
  }

  interruptRun(run: InterruptedRun): Promise<boolean> {
    return this.use('interruptRun', async () => {
      const { interruptedAt } = checkInterruptRun(run);
      const res = await this.query(`UPDATE {s}.runs SET status = 'interrupted', finished_at = $2, error_code = $3, error_message = $4 WHERE id = $1 AND status = 'running'`, [run.id, interruptedAt, run.reason.code, run.reason.message]);
      if (res.rowCount === 0 && (await this.query('SELECT 1 FROM {s}.runs WHERE id = $1', [run.id])).rowCount === 0) throw notResumableError(run.id, undefined, this.location);
      return res.rowCount === 1;
    });
  }

  resumeRun(id: string): Promise<void> {
    return this.use('resumeRun', async () => {
      checkText(id, 'run id');
      const res = await this.query(`UPDATE {s}.runs SET status = 'running', finished_at = NULL, error_code = NULL, error_message = NULL WHERE id = $1 AND status IN ('running', 'interrupted')`, [id]);
      if (res.rowCount === 0) throw notResumableError(id, (await this.query<{ status: string }>('SELECT status FROM {s}.runs WHERE id = $1', [id])).rows[0]?.status, this.location);
    });
  }

  completeRun(run: CompletedRun): Promise<void> {
    return this.use('completeRun', async () => {
      const p = prepareCompletedRun(run);
      await this.transaction(async (q) => {
        const existing = await q<{ status: string }>('SELECT status FROM {s}.runs WHERE id = $1 FOR UPDATE', [run.id]);
        const status = existing.rows[0]?.status;
        if (status !== undefined && status !== 'running') {
          throw new StoreError(`run '${run.id}' is already ${status}; a run is completed once`, { runId: run.id, status });
        }
        const values = [run.id, run.name, run.status, p.startedAt, p.finishedAt, p.spec, run.specHash, run.error?.code ?? null, run.error?.message ?? null];
        if (status === undefined) {
          await q(`INSERT INTO {s}.runs (id, name, status, started_at, finished_at, spec, spec_hash, error_code, error_message) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`, values);
        } else {
          await q(`UPDATE {s}.runs SET name = $2, status = $3, started_at = $4, finished_at = $5, spec = $6::jsonb, spec_hash = $7, error_code = $8, error_message = $9 WHERE id = $1`, values);
        }
        if (p.paramKeys.length > 0) {
          await q(`INSERT INTO {s}.params (run_id, key, value) SELECT $1, k, v::jsonb FROM unnest($2::text[], $3::text[]) AS u(k, v)`, [run.id, p.paramKeys, p.paramValues]);
        }
        if (p.metricKeys.length > 0) {
          // ORDER BY the ordinality so the bigserial ids, and so getMetrics, follow the recorded order.
          await q(
            `INSERT INTO {s}.metrics (run_id, key, value, step)
             SELECT $1, k, v, st FROM unnest($2::text[], $3::float8[], $4::int[]) WITH ORDINALITY AS u(k, v, st, i) ORDER BY i`,
            [run.id, p.metricKeys, p.metricValues, p.metricSteps],
          );
        }
        for (const a of p.artifacts) {
          try {
            await q('INSERT INTO {s}.artifacts (run_id, name, content_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6)', [run.id, a.name, a.contentType, a.bytes.length, a.sha256, a.bytes]);
          } catch (err) {
            if ((err as { code?: string }).code === '23505') throw new StoreError(`run '${run.id}' already has an artifact named '${a.name}'; artifact names are unique per run`, { runId: run.id, artifact: a.name });
            throw err;
          }
        }
        if (p.model) {
          const has = await q('SELECT 1 FROM {s}.artifacts WHERE run_id = $1 AND name = $2', [run.id, p.model.artifact]);
          if (has.rowCount === 0) throw new StoreError(`model '${p.model.name}' points at artifact '${p.model.artifact}', which run '${run.id}' does not have; add it to run.artifacts`, { runId: run.id, artifact: p.model.artifact });
          // The upsert row-locks the model until COMMIT, so concurrent registrations get distinct versions.
          const v = await q<{ latest_version: number }>(
            'INSERT INTO {s}.models (name, latest_version) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET latest_version = {s}.models.latest_version + 1 RETURNING latest_version',
            [p.model.name],
          );
          await q('INSERT INTO {s}.model_versions (name, version, run_id, artifact, metrics, created_at, spec_hash, data_sha256) VALUES ($1, $2, $3, $4, $5::jsonb, now(), $6, $7)', [
            p.model.name, v.rows[0].latest_version, run.id, p.model.artifact, p.model.metrics, run.specHash, p.model.dataSha256,
          ]);
        }
      });
    });
  }

  putTaskResults(recs: Omit<TaskResultRecord, 'createdAt'>[]): Promise<boolean[]> {
    return this.use('putTaskResults', async () => {
      const results = recs.map(checkTaskResult);
      if (recs.length === 0) return [];
      // One statement of four array parameters, however many records: one round trip for a worker's
      // batch. The rows it inserted come back; of records with the same key only the first can be among them.
      try {
        const res = await this.query<{ run_id: string; task_id: string }>(
          `INSERT INTO {s}.task_results (run_id, task_id, attempt, result, created_at)
           SELECT run_id, task_id, attempt, result::jsonb, now() FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) WITH ORDINALITY AS r(run_id, task_id, attempt, result, n) ORDER BY n
           ON CONFLICT (run_id, task_id) DO NOTHING RETURNING run_id, task_id`,
          [recs.map((r) => r.runId), recs.map((r) => r.taskId), recs.map((r) => r.attempt), results],
        );
        const stored = new Set(res.rows.map((r) => JSON.stringify([r.run_id, r.task_id])));
        return recs.map((rec) => stored.delete(JSON.stringify([rec.runId, rec.taskId])));
      } catch (err) {
        if ((err as { code?: string }).code === '23503') throw missingRunError(recs);
        throw err;
      }
    });
  }

  getTaskResults(runId: string): Promise<TaskResultRecord[]> {
    return this.use('getTaskResults', async () => {
      const res = await this.query<{ task_id: string; attempt: number; result: unknown; created_at: Date }>('SELECT task_id, attempt, result, created_at FROM {s}.task_results WHERE run_id = $1 ORDER BY id', [runId]);
      return res.rows.map((r) => ({ runId, taskId: r.task_id, attempt: r.attempt, result: r.result, createdAt: r.created_at.toISOString() }));
    });
  }

  /** Tags, final metrics and the selected model of the runs `base`, from three queries over their ids. */
  private async summaries(base: RunBase[]): Promise<RunSummary[]> {
    if (base.length === 0) return [];
    const ids = [base.map((r) => r.id)];
    const [tags, metrics, models] = await Promise.all([
      this.query<RunExtraRows['tags'][number]>('SELECT run_id, key, value FROM {s}.run_tags WHERE run_id = ANY($1::text[])', ids),
      this.query<RunExtraRows['metrics'][number]>('SELECT run_id, key, value FROM {s}.metrics WHERE step IS NULL AND run_id = ANY($1::text[]) ORDER BY id', ids),
      this.query<RunExtraRows['models'][number]>(`SELECT run_id, value FROM {s}.params WHERE key = 'best.model' AND run_id = ANY($1::text[])`, ids),
    ]);
    return withRunExtras(base, { tags: tags.rows, metrics: metrics.rows, models: models.rows });
  }

  getRun(id: string): Promise<RunDetail | null> {
    return this.use('getRun', async () => {
      const res = await this.query<RunRow & { spec: unknown; error_code: string | null; error_message: string | null }>('SELECT * FROM {s}.runs WHERE id = $1', [id]);
      const row = res.rows[0];
      if (!row) return null;
      const params: Record<string, unknown> = {};
      const ps = await this.query<{ key: string; value: unknown }>('SELECT key, value FROM {s}.params WHERE run_id = $1 ORDER BY key', [id]);
      for (const p of ps.rows) params[p.key] = p.value;
      const detail: RunDetail = { ...(await this.summaries([runBase(row)]))[0], spec: row.spec, params };
      if (row.error_code !== null) detail.error = { code: row.error_code, message: row.error_message ?? '' };
      return detail;
    });
  }

  listRuns(opts: ListRunsOptions = {}): Promise<RunSummary[]> {
    return this.use('listRuns', async () => {
      const { sql, args } = listRunsSql(checkListRuns(opts), this.dialect);
      return this.summaries((await this.pool.query<RunRow>(sql, args)).rows.map(runBase));
    });
  }

  countRuns(opts: ListRunsOptions = {}): Promise<number> {
    return this.use('countRuns', async () => {
      const { sql, args } = countRunsSql(checkListRuns(opts), this.dialect);
      return Number((await this.pool.query<{ n: string }>(sql, args)).rows[0].n);
    });
  }

  updateRun(id: string, update: RunUpdate): Promise<void> {
    return this.use('updateRun', async () => {
      const u = checkRunUpdate(update);
      await this.transaction(async (q) => {
        if ((await q('SELECT 1 FROM {s}.runs WHERE id = $1 FOR UPDATE', [id])).rowCount === 0) throw new NotFoundError(`no run '${id}'; list runs with \`trainyard runs ls\``, { runId: id });
        if (u.note !== undefined) await q('UPDATE {s}.runs SET note = $2 WHERE id = $1', [id, u.note]);
        for (const [k, v] of u.tags) {
          if (v === null) await q('DELETE FROM {s}.run_tags WHERE run_id = $1 AND key = $2', [id, k]);
          else await q('INSERT INTO {s}.run_tags (run_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value', [id, k, v]);
        }
      });
    });
  }

  deleteRun(id: string): Promise<void> {
    return this.use('deleteRun', async () => {
      checkText(id, 'run id');
      await this.transaction(async (q) => {
        const status = (await q<{ status: RunSummary['status'] }>('SELECT status FROM {s}.runs WHERE id = $1 FOR UPDATE', [id])).rows[0]?.status;
        const versions = (await q<{ name: string; version: number }>('SELECT name, version FROM {s}.model_versions WHERE run_id = $1 ORDER BY name, version', [id])).rows;
        const refusal = deleteRunRefusal(id, status, versions);
        if (refusal) throw refusal;
        await q('DELETE FROM {s}.runs WHERE id = $1', [id]);
      });
    });
  }

  getMetrics(runId: string, key?: string): Promise<MetricPoint[]> {
    return this.use('getMetrics', async () => {
      const res = key === undefined
        ? await this.query<{ key: string; value: number; step: number | null }>('SELECT key, value, step FROM {s}.metrics WHERE run_id = $1 ORDER BY id', [runId])
        : await this.query<{ key: string; value: number; step: number | null }>('SELECT key, value, step FROM {s}.metrics WHERE run_id = $1 AND key = $2 ORDER BY id', [runId, key]);
      return res.rows.map((r) => (r.step === null ? { key: r.key, value: r.value } : { key: r.key, value: r.value, step: r.step }));
    });
  }

  getArtifact(runId: string, name: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    return this.use('getArtifact', async () => {
      const res = await this.query<{ content_type: string; bytes: Buffer }>('SELECT content_type, bytes FROM {s}.artifacts WHERE run_id = $1 AND name = $2', [runId, name]);
      const row = res.rows[0];
      return row ? { contentType: row.content_type, bytes: row.bytes } : null;
    });
  }

  listArtifacts(runId: string): Promise<ArtifactInfo[]> {
    return this.use('listArtifacts', async () => {
      const res = await this.query<{ name: string; content_type: string; size: string; sha256: string }>('SELECT name, content_type, size, sha256 FROM {s}.artifacts WHERE run_id = $1 ORDER BY name', [runId]);
      return res.rows.map((r) => ({ name: r.name, contentType: r.content_type, size: Number(r.size), sha256: r.sha256 }));
    });
  }

  getModelVersions(name: string): Promise<ModelVersion[]> {
    return this.use('getModelVersions', async () => {
      checkText(name, 'model name');
      const [rows, tags, aliases] = await Promise.all([
        this.query<VersionRow>('SELECT * FROM {s}.model_versions WHERE name = $1 ORDER BY version', [name]),
        this.query<{ version: number; key: string; value: string }>('SELECT version, key, value FROM {s}.model_version_tags WHERE name = $1 ORDER BY key', [name]),
        this.query<{ alias: string; version: number }>('SELECT alias, version FROM {s}.model_aliases WHERE name = $1', [name]),
      ]);
      return withVersionExtras(rows.rows.map(versionBase), tags.rows, aliases.rows);
    });
  }

  listModels(): Promise<RegisteredModel[]> {
    return this.use('listModels', async () => {
      const [models, aliases] = await Promise.all([
        this.query<{ name: string; latest_version: number; created_at: Date }>(
          'SELECT m.name, m.latest_version, v.created_at FROM {s}.models m JOIN {s}.model_versions v ON v.name = m.name AND v.version = m.latest_version ORDER BY m.name',
        ),
        this.query<{ name: string; alias: string; version: number }>('SELECT name, alias, version FROM {s}.model_aliases ORDER BY name, alias'),
      ]);
      return registeredModels(models.rows, aliases.rows);
    });
  }

  async resolveModelVersion(name: string, ref: ModelRef): Promise<ModelVersion | null> {
    checkText(name, 'model name');
    const r = checkModelRef(ref);
    const version = 'version' in r ? r.version : await this.use('resolveModelVersion', async () => (await this.query<{ version: number }>('SELECT version FROM {s}.model_aliases WHERE name = $1 AND alias = $2', [name, r.alias])).rows[0]?.version);
    if (version === undefined) return null;
    return (await this.getModelVersions(name)).find((v) => v.version === version) ?? null;
  }

  setModelAlias(name: string, alias: string, version: number): Promise<void> {
    return this.use('setModelAlias', async () => {
      checkText(name, 'model name');
      checkAlias(alias);
      checkVersion(version);
      await this.transaction(async (q) => {
        if ((await q('SELECT 1 FROM {s}.model_versions WHERE name = $1 AND version = $2', [name, version])).rowCount === 0) throw missingVersionError(name, version);
        await q('INSERT INTO {s}.model_aliases (name, alias, version, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at', [name, alias, version]);
      });
    });
  }

  deleteModelAlias(name: string, alias: string): Promise<boolean> {
    return this.use('deleteModelAlias', async () => {
      checkText(name, 'model name');
      checkAlias(alias);
      return (await this.query('DELETE FROM {s}.model_aliases WHERE name = $1 AND alias = $2', [name, alias])).rowCount === 1;
    });
  }

  updateModelVersion(name: string, version: number, update: ModelVersionUpdate): Promise<void> {
    return this.use('updateModelVersion', async () => {
      checkText(name, 'model name');
      checkVersion(version);
      const u = checkModelVersionUpdate(update);
      await this.transaction(async (q) => {
        if ((await q('SELECT 1 FROM {s}.model_versions WHERE name = $1 AND version = $2 FOR UPDATE', [name, version])).rowCount === 0) throw missingVersionError(name, version);
        if (u.description !== undefined) await q('UPDATE {s}.model_versions SET description = $3 WHERE name = $1 AND version = $2', [name, version, u.description]);
        for (const [k, v] of u.tags) {
          if (v === null) await q('DELETE FROM {s}.model_version_tags WHERE name = $1 AND version = $2 AND key = $3', [name, version, k]);
          else await q('INSERT INTO {s}.model_version_tags (name, version, key, value) VALUES ($1, $2, $3, $4) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value', [name, version, k, v]);
        }
      });
    });
  }

  createToken(token: { name: string; scope: TokenScope; hash: string; createdAt: string }): Promise<void> {
    return this.use('createToken', async () => {
      const { createdAt } = checkNewToken(token);
      try {
        await this.query('INSERT INTO {s}.tokens (name, scope, hash, created_at) VALUES ($1, $2, $3, $4)', [token.name, token.scope, token.hash, createdAt]);
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw tokenConflict(token.name);
        throw err;
      }
    });
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.use('listTokens', async () => (await this.query<TokenRow>('SELECT name, scope, created_at, revoked_at FROM {s}.tokens ORDER BY name, id')).rows.map(tokenRecord));
  }

  revokeToken(name: string): Promise<boolean> {
    return this.use('revokeToken', async () => (await this.query('UPDATE {s}.tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL', [checkTokenName(name)])).rowCount === 1);
  }

  findToken(hash: string): Promise<TokenRecord | null> {
    return this.use('findToken', async () => {
      if (typeof hash !== 'string') return null;
      const row = (await this.query<TokenRow>('SELECT name, scope, created_at, revoked_at FROM {s}.tokens WHERE hash = $1 AND revoked_at IS NULL', [hash])).rows[0];
      return row ? tokenRecord(row) : null;
    });
  }

  putBlob(sha256: string, bytes: Buffer): Promise<void> {
    return this.use('putBlob', async () => {
      checkBlob(sha256, bytes);
      await this.transaction(async (q) => {
        // A concurrent put of the same sha waits on the unique key, then finds it stored.
        const added = await q("INSERT INTO {s}.blobs (sha256, size, created_at, bytes) VALUES ($1, $2, now(), '') ON CONFLICT (sha256) DO NOTHING", [sha256, bytes.length]);
        if (added.rowCount === 0) return;
        const parts = blobParts(bytes);
        for (let i = 0; i < parts.length; i++) await q('INSERT INTO {s}.blob_parts (sha256, part, bytes) VALUES ($1, $2, $3)', [sha256, i, parts[i]]);
      });
    });
  }

  getBlob(sha256: string): Promise<Buffer | null> {
    return this.use('getBlob', async () => {
      const res = await this.query<{ size: string; bytes: Buffer; parts: string }>('SELECT size, bytes, (SELECT COUNT(*) FROM {s}.blob_parts p WHERE p.sha256 = b.sha256) AS parts FROM {s}.blobs b WHERE sha256 = $1', [sha256]);
      const row = res.rows[0];
      if (!row) return null;
      if (Number(row.parts) === 0) return row.bytes; // written before blobs had parts (or empty)
      // One part per query: a result holding all of them at once would be the whole blob as hex text.
      const blob = new BlobAssembler(Number(row.size));
      for (let i = 0; i < Number(row.parts); i++) blob.add((await this.query<{ bytes: Buffer }>('SELECT bytes FROM {s}.blob_parts WHERE sha256 = $1 AND part = $2', [sha256, i])).rows[0].bytes);
      return blob.finish();
    });
  }

  logPredictions(records: PredictionLogInput[]): Promise<void> {
    return this.use('logPredictions', async () => {
      const rows = checkPredictionLogs(records);
      if (rows.length === 0) return;
      await this.query(
        `INSERT INTO {s}.prediction_logs (model, version, kind, logged_at, request, response)
         SELECT m, v, k, t, q::jsonb, r::jsonb FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) WITH ORDINALITY AS u(m, v, k, t, q, r, i) ORDER BY i`,
        [rows.map((r) => r.model), rows.map((r) => r.version), rows.map((r) => r.kind), rows.map((r) => r.loggedAt), rows.map((r) => r.request), rows.map((r) => r.response)],
      );
    });
  }

  listPredictionLogs(name: string, opts: { version?: number; limit?: number; before?: number } = {}): Promise<PredictionLogRecord[]> {
    return this.use('listPredictionLogs', async () => {
      const q = checkPredictionLogQuery(name, opts);
      const res = await this.query<{ id: string; model: string; version: number; kind: PredictionLogRecord['kind']; logged_at: Date; request: unknown; response: unknown }>(
        'SELECT * FROM {s}.prediction_logs WHERE model = $1 AND ($2::int IS NULL OR version = $2) AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4',
        [name, q.version ?? null, q.before ?? null, q.limit],
      );
      return res.rows.map((r) => ({ id: Number(r.id), model: r.model, version: r.version, kind: r.kind, loggedAt: r.logged_at.toISOString(), request: r.request, response: r.response }));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
