/**
 * The tracking store's contract: one async interface for runs, params, metrics, artifacts, task results and the
 * model registry, with an embedded SQLite implementation (the zero-set-up default, a single file) and a
 * PostgreSQL one (shared by a cluster). Modelled on MLflow's tracking store (runs / params / metrics with
 * steps / artifacts / registered model versions), reduced to what trainyard records.
 *
 * ```ts
 * const store = await openStore();                    // ./trainyard.db
 * const id = newRunId();
 * await store.beginRun({ id, name: 'churn', startedAt: new Date().toISOString(), spec, specHash });
 * await store.completeRun({ id, name: 'churn', status: 'finished', ... });
 * await store.close();
 * ```
 */
import { randomBytes } from 'node:crypto';

/**
 * Lifecycle of a run: `running` from `beginRun` until `completeRun` marks it `finished` or `failed`;
 * `interruptRun` marks a running run `interrupted` (stopped by a signal, its finished task results
 * kept), and `resumeRun` sets an interrupted run `running` again.
 */
export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

/** What `interruptRun` records: when, and why (e.g. `{ code: 'SIGINT', message: 'interrupted … --resume ID' }`). */
export interface InterruptedRun {
  id: string;
  /** ISO 8601 timestamp, stored as the run's finishedAt. */
  interruptedAt: string;
  reason: { code: string; message: string };
}

/** One metric value; `step` (e.g. the epoch) makes it a point of a curve, omitted means a final value. */
export interface MetricPoint {
  key: string;
  value: number;
  step?: number;
}

/** A named blob recorded with a run (a model file, a report, a plot ...). */
export interface ArtifactInput {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Everything recorded when a run ends; `completeRun` stores it in one transaction. */
export interface CompletedRun {
  id: string;
  name: string;
  status: 'finished' | 'failed';
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt: string;
  /** The experiment spec as JSON. */
  spec: unknown;
  specHash: string;
  /** Flattened parameters, e.g. `{ 'best.model': 'logreg', 'best.C': 1 }`; values are JSON. */
  params: Record<string, unknown>;
  metrics: MetricPoint[];
  artifacts: ArtifactInput[];
  /**
   * Registers a new version of the model `name` (versions count up per name) pointing at `artifact` of
   * this run; `dataSha256` (the training data snapshot's hash) is kept as lineage.
   */
  model?: { name: string; artifact: string; metrics: Record<string, number>; dataSha256?: string };
  error?: { code: string; message: string };
}

/** The listing view of a run. `finishedAt` is null while the run is running (or if it crashed); an interrupted run's is when it was interrupted. */
export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  specHash: string;
  /** Free-form labels set with `updateRun` (`{ team: 'growth' }`). */
  tags: Record<string, string>;
  /** A free-text note set with `updateRun`, or null. */
  note: string | null;
  /** The run's final metrics (points recorded without a step), by key: what a runs table shows. */
  metrics: Record<string, number>;
  /** The selected model's name (the run's `best.model` param), or null (failed, running, none recorded). */
  model: string | null;
}

/** A run with its spec, params and error, as returned by `getRun`. */
export interface RunDetail extends RunSummary {
  spec: unknown;
  params: Record<string, unknown>;
  /** Why it failed, or (interrupted) which signal stopped it and how to continue. */
  error?: { code: string; message: string };
}

/** The stored result of one task of a run; the first result per (runId, taskId) wins. */
export interface TaskResultRecord {
  runId: string;
  taskId: string;
  attempt: number;
  result: unknown;
  createdAt: string;
}

/** Metadata of a stored artifact. */
export interface ArtifactInfo {
  name: string;
  contentType: string;
  size: number;
  /** Hex sha256 of the bytes. */
  sha256: string;
}

/** One version of a registered model. */
export interface ModelVersion {
  version: number;
  runId: string;
  artifact: string;
  metrics: Record<string, number>;
  createdAt: string;
  /** Lineage: the sha256 of the spec the run was started with (the run's specHash). */
  specHash: string;
  /** Lineage: the sha256 of the training data snapshot, when the run recorded it. */
  dataSha256: string | null;
  /** Set with `updateModelVersion`. */
  description: string | null;
  tags: Record<string, string>;
  /** The aliases pointing at this version (`['champion']`), sorted. */
  aliases: string[];
}

/** A registered model: a name with numbered versions and aliases pointing at some of them. */
export interface RegisteredModel {
  name: string;
  latestVersion: number;
  /** When the latest version was registered (ISO 8601). */
  updatedAt: string;
  /** alias → version. */
  aliases: Record<string, number>;
}

/** How `resolveModelVersion` names a version: its number, or an alias (`models:/NAME/3`, `models:/NAME@champion`). */
export type ModelRef = { version: number } | { alias: string };

/** What `updateRun` changes; a tag set to null is removed, `note: null` clears the note. */
export interface RunUpdate {
  tags?: Record<string, string | null>;
  note?: string | null;
}

/** What `updateModelVersion` changes; a tag set to null is removed. */
export interface ModelVersionUpdate {
  description?: string | null;
  tags?: Record<string, string | null>;
}

/** The order of `listRuns`: by a run field, or by a final metric (`metric:f1`); runs without that metric come last. */
export type RunSortKey = 'startedAt' | 'name' | 'status' | 'duration' | `metric:${string}`;

/** Options of `listRuns`; without `limit` every matching run is returned, newest first. */
export interface ListRunsOptions {
  name?: string;
  status?: RunStatus;
  /** Only runs with this tag (and, when given, this tag value). */
  tag?: { key: string; value?: string };
  /** Default `startedAt`. */
  sort?: RunSortKey;
  /** Default `desc`. Ties are broken by run id in the same direction. */
  order?: 'asc' | 'desc';
  limit?: number;
  /** Runs to skip (paging), default 0. */
  offset?: number;
}

/** One served request kept for later evaluation against outcomes (`trainyard serve --log-predictions`). */
export interface PredictionLogInput {
  model: string;
  version: number;
  kind: 'predict' | 'recommend';
  /** ISO 8601. */
  loggedAt: string;
  /** What was asked (the rows, the users); JSON. */
  request: unknown;
  /** What was answered (predictions and probabilities, the items); JSON. */
  response: unknown;
}

/** A logged request as read back; ids grow with time. */
export interface PredictionLogRecord extends PredictionLogInput {
  id: number;
}

/** What an API token may do; the server decides what each scope grants (server/auth). */
export type TokenScope = 'read' | 'run' | 'predict' | 'admin';

/** A stored API token: its name and scope; only a hash of the token itself is stored. */
export interface TokenRecord {
  name: string;
  scope: TokenScope;
  createdAt: string;
  /** When `revokeToken` revoked it, or null while it is valid. */
  revokedAt: string | null;
}

/** The tracking store. Every method rejects with a `StoreError` (code `E_STORE`) when it fails. */
export interface Store {
  /** Where the store lives: an absolute file path, or a URL with the password redacted. */
  readonly location: string;
  /** Marks a run as started (status running), committed at once so a crashed run is visible as such. */
  beginRun(run: { id: string; name: string; startedAt: string; spec: unknown; specHash: string }): Promise<void>;
  /** Records everything of a finished or failed run in ONE transaction: never half-recorded. */
  completeRun(run: CompletedRun): Promise<void>;
  /**
   * Marks a `running` run `interrupted` with its time and reason; its task results stay. Resolves to
   * false (changing nothing) when the run is no longer running — a run that finished first stays finished.
   */
  interruptRun(run: InterruptedRun): Promise<boolean>;
  /** Sets an `interrupted` (or still `running`) run `running` again, clearing its finish time and reason; refuses a finished or failed one. */
  resumeRun(id: string): Promise<void>;
  /**
   * Stores task results in one transaction. Idempotent per (runId, taskId): the first result wins, so
   * a re-run after a crash cannot count twice. Returns, for each record, whether it was the one stored.
   */
  putTaskResults(recs: Omit<TaskResultRecord, 'createdAt'>[]): Promise<boolean[]>;
  /** The task results of a run, in the order they were stored. */
  getTaskResults(runId: string): Promise<TaskResultRecord[]>;
  /** A run with its spec, params and error, or null if there is no such run. */
  getRun(id: string): Promise<RunDetail | null>;
  /** Runs, newest first, optionally filtered by name and status. */
  listRuns(opts?: ListRunsOptions): Promise<RunSummary[]>;
  /** Metric points of a run in the order they were recorded, optionally only those of `key`. */
  getMetrics(runId: string, key?: string): Promise<MetricPoint[]>;
  /** The bytes of one artifact, or null if the run has no artifact of that name. */
  getArtifact(runId: string, name: string): Promise<{ contentType: string; bytes: Buffer } | null>;
  /** Artifact metadata of a run, by name. */
  listArtifacts(runId: string): Promise<ArtifactInfo[]>;
  /** How many runs match the filters of `opts` (sort and paging ignored): the total behind a page. */
  countRuns(opts?: ListRunsOptions): Promise<number>;
  /** Changes a run's tags and note (E_NOT_FOUND for an unknown run). */
  updateRun(id: string, update: RunUpdate): Promise<void>;
  /**
   * Deletes a run with its params, metrics, artifacts and task results. E_NOT_FOUND for an unknown
   * run; E_CONFLICT for a running run, or one a registered model version points at.
   */
  deleteRun(id: string): Promise<void>;
  /** Versions of a registered model, oldest first; empty if the name is unknown. */
  getModelVersions(name: string): Promise<ModelVersion[]>;
  /** Registered models, by name. */
  listModels(): Promise<RegisteredModel[]>;
  /** The version a number or an alias names, or null when the model, version or alias does not exist. */
  resolveModelVersion(name: string, ref: ModelRef): Promise<ModelVersion | null>;
  /**
   * Points `alias` (a name like `champion`: letters, digits, `_`, `-`, not all digits) of model `name` at
   * `version`, moving it if it pointed elsewhere. E_NOT_FOUND when the model or version does not exist.
   */
  setModelAlias(name: string, alias: string, version: number): Promise<void>;
  /** Removes an alias; resolves to false when there was none. */
  deleteModelAlias(name: string, alias: string): Promise<boolean>;
  /** Changes a version's description and tags (E_NOT_FOUND when it does not exist). */
  updateModelVersion(name: string, version: number, update: ModelVersionUpdate): Promise<void>;
  /**
   * Stores a token's name, scope and hash (hex sha256 of the token). E_CONFLICT when a token that is not
   * revoked already has this name.
   */
  createToken(token: { name: string; scope: TokenScope; hash: string; createdAt: string }): Promise<void>;
  /** All tokens, revoked ones included, by name. */
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes the valid token `name`; resolves to false when there is none. */
  revokeToken(name: string): Promise<boolean>;
  /** The valid (not revoked) token whose hash is `hash`, or null. */
  findToken(hash: string): Promise<TokenRecord | null>;
  /**
   * Stores bytes under their sha256 (content addressing: data snapshots for workers). Idempotent;
   * bytes that do not hash to `sha256` are refused.
   */
  putBlob(sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under `sha256`, or null. */
  getBlob(sha256: string): Promise<Buffer | null>;
  /** Stores logged requests in one transaction. */
  logPredictions(records: PredictionLogInput[]): Promise<void>;
  /** Logged requests of model `name` (of one version, when given), newest first; at most `limit` (default 100), ids below `before`. */
  listPredictionLogs(name: string, opts?: { version?: number; limit?: number; before?: number }): Promise<PredictionLogRecord[]>;
  /** Releases the file / connections; further calls reject. Calling it twice is harmless. */
  close(): Promise<void>;
}

/** Seconds from a run's start to its finish, or null while it has none (running); never negative. */
export function runDurationSeconds(r: Pick<RunSummary, 'startedAt' | 'finishedAt'>): number | null {
  return r.finishedAt === null ? null : Math.max(0, (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000);
}

/** A new run id that sorts by creation time: `YYYYMMDD-HHMMSS-<6 hex>` (UTC). */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2026-11-27T03:15:00.000Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Replaces the password of a URL with `***` so it can be shown in messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
