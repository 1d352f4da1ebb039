/**
 * Validation and normalisation shared by both store implementations, so SQLite and PostgreSQL accept
 * and reject exactly the same records (the shared suite relies on it).
 */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, StoreError, TrainyardError } from '../core/errors.js';
import type { CompletedRun, InterruptedRun, ListRunsOptions, ModelRef, ModelVersion, ModelVersionUpdate, PredictionLogInput, RegisteredModel, RunStatus, RunSummary, RunUpdate, TaskResultRecord, TokenScope } from './store-contract.js';

const STATUSES: readonly RunStatus[] = ['running', 'finished', 'failed', 'interrupted'];

/** Throws unless `value` is a non-empty string. */
export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new StoreError(`${field} must be a non-empty string, got ${JSON.stringify(value)}`, { field, value });
  }
  return value;
}

/** Parses an ISO 8601 timestamp and returns it in the canonical `toISOString()` form (UTC, ms). */
export function normalizeIso(value: unknown, field: string): string {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) {
    throw new StoreError(`${field} must be an ISO 8601 timestamp such as '2026-11-27T03:15:00.000Z', got ${JSON.stringify(value)}`, { field, value });
  }
  return new Date(t).toISOString();
}

/** JSON text of a value (undefined is stored as null); refuses what JSON cannot hold. */
export function toJson(value: unknown, field: string): string {
  try {
    return JSON.stringify(value ?? null) ?? 'null';
  } catch (err) {
    throw new StoreError(`${field} cannot be stored as JSON (${(err as Error).message}); pass plain data without cycles or BigInts`, { field });
  }
}

/** Hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Validates the argument of `beginRun` and normalises its start time. */
export function checkBeginRun(run: { id: string; name: string; startedAt: string; spec: unknown; specHash: string }): { startedAt: string; spec: string } {
  if (run === null || typeof run !== 'object') throw new StoreError(`beginRun needs a run object, got ${JSON.stringify(run)}`);
  checkText(run.id, 'run.id');
  checkText(run.name, 'run.name');
  if (typeof run.specHash !== 'string') throw new StoreError(`run.specHash must be a string, got ${JSON.stringify(run.specHash)}`);
  return { startedAt: normalizeIso(run.startedAt, 'run.startedAt'), spec: toJson(run.spec, 'run.spec') };
}

/** A completed run checked and prepared for insertion (JSON encoded, hashes computed). */
export interface PreparedRun {
  startedAt: string;
  finishedAt: string;
  spec: string;
  paramKeys: string[];
  paramValues: string[];
  metricKeys: string[];
  metricValues: number[];
  metricSteps: (number | null)[];
  artifacts: { name: string; contentType: string; bytes: Buffer; sha256: string }[];
  model: { name: string; artifact: string; metrics: string; dataSha256: string | null } | null;
}

/** Validates everything of `completeRun` before any write, so bad input never opens a transaction. */
export function prepareCompletedRun(run: CompletedRun): PreparedRun {
  if (run === null || typeof run !== 'object') throw new StoreError(`completeRun needs a run object, got ${JSON.stringify(run)}`);
  checkText(run.id, 'run.id');
  checkText(run.name, 'run.name');
  if (run.status !== 'finished' && run.status !== 'failed') {
    throw new StoreError(`run.status of a completed run must be 'finished' or 'failed', got ${JSON.stringify(run.status)}`, { runId: run.id });
  }
  if (typeof run.specHash !== 'string') throw new StoreError(`run.specHash must be a string, got ${JSON.stringify(run.specHash)}`);
  const params = run.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new StoreError(`run.params must be an object of flattened params, got ${JSON.stringify(params)}`);
  const paramKeys = Object.keys(params);
  const paramValues = paramKeys.map((k) => toJson(params[k], `run.params['${k}']`));
  const metrics = run.metrics ?? [];
  if (!Array.isArray(metrics)) throw new StoreError(`run.metrics must be an array of { key, value, step? }, got ${typeof metrics}`);
  const n = metrics.length;
  const metricKeys: string[] = new Array(n);
  const metricValues: number[] = new Array(n);
  const metricSteps: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const m = metrics[i];
    metricKeys[i] = checkText(m?.key, `run.metrics[${i}].key`);
    if (typeof m.value !== 'number') throw new StoreError(`run.metrics[${i}].value ('${m.key}') must be a number, got ${JSON.stringify(m.value)}`);
    if (m.step !== undefined && (!Number.isInteger(m.step) || m.step < 0 || m.step > 2147483647)) {
      throw new StoreError(`run.metrics[${i}].step ('${m.key}') must be an integer in [0, 2^31), got ${JSON.stringify(m.step)}; omit it for a final value`);
    }
    metricValues[i] = m.value;
    metricSteps[i] = m.step ?? null;
  }
  const inputs = run.artifacts ?? [];
  if (!Array.isArray(inputs)) throw new StoreError(`run.artifacts must be an array of { name, contentType, bytes }, got ${typeof inputs}`);
  const artifacts = inputs.map((a, i) => {
    checkText(a?.name, `run.artifacts[${i}].name`);
    if (typeof a.contentType !== 'string') throw new StoreError(`run.artifacts[${i}].contentType ('${a.name}') must be a string such as 'application/json', got ${JSON.stringify(a.contentType)}`);
    const raw: unknown = a.bytes;
    if (!(raw instanceof Uint8Array)) throw new StoreError(`run.artifacts[${i}].bytes ('${a.name}') must be a Buffer, got ${typeof a.bytes}`);
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    return { name: a.name, contentType: a.contentType, bytes, sha256: sha256Hex(bytes) };
  });
  let model: PreparedRun['model'] = null;
  if (run.model !== undefined) {
    checkText(run.model?.name, 'run.model.name');
    checkText(run.model.artifact, 'run.model.artifact');
    const ms = run.model.metrics ?? {};
    for (const [k, v] of Object.entries(ms)) {
      if (typeof v !== 'number') throw new StoreError(`run.model.metrics['${k}'] must be a number, got ${JSON.stringify(v)}`);
    }
    const data = run.model.dataSha256;
    if (data !== undefined && (typeof data !== 'string' || !SHA256.test(data))) throw new StoreError(`run.model.dataSha256 must be a hex sha256, got ${JSON.stringify(data)}`);
    model = { name: run.model.name, artifact: run.model.artifact, metrics: toJson(ms, 'run.model.metrics'), dataSha256: data ?? null };
  }
  if (run.error !== undefined && (typeof run.error?.code !== 'string' || typeof run.error.message !== 'string')) {
    throw new StoreError(`run.error must be { code: string, message: string }, got ${JSON.stringify(run.error)}`);
  }
  return {
    startedAt: normalizeIso(run.startedAt, 'run.startedAt'),
    finishedAt: normalizeIso(run.finishedAt, 'run.finishedAt'),
    spec: toJson(run.spec, 'run.spec'),
    paramKeys,
    paramValues,
    metricKeys,
    metricValues,
    metricSteps,
    artifacts,
    model,
  };
}

/** Validates the argument of `interruptRun` and normalises its time. */
export function checkInterruptRun(run: InterruptedRun): { interruptedAt: string } {
  if (run === null || typeof run !== 'object') throw new StoreError(`interruptRun needs { id, interruptedAt, reason }, got ${JSON.stringify(run)}`);
  checkText(run.id, 'run.id');
  if (typeof run.reason?.code !== 'string' || typeof run.reason.message !== 'string') {
    throw new StoreError(`run.reason must be { code: string, message: string }, got ${JSON.stringify(run.reason)}`, { runId: run.id });
  }
  return { interruptedAt: normalizeIso(run.interruptedAt, 'run.interruptedAt') };
}

/** The error for resuming a run that cannot be resumed (missing, finished or failed). */
export function notResumableError(id: string, status: string | undefined, location: string): StoreError {
  if (status === undefined) return new StoreError(`no run '${id}' in store ${location}; check the run id and --store`, { runId: id });
  return new StoreError(`run '${id}' is ${status}; only an interrupted or running run can be resumed — start a new run instead`, { runId: id, status });
}

/** The error for task results of a run that was never begun. */
export function missingRunError(recs: Omit<TaskResultRecord, 'createdAt'>[]): StoreError {
  const runs = [...new Set(recs.map((r) => r.runId))];
  const what = recs.length === 1 ? `the result of task '${recs[0].taskId}'` : `the results of ${recs.length} tasks (first '${recs[0].taskId}')`;
  return new StoreError(`cannot store ${what}: run ${runs.map((r) => `'${r}'`).join(' or ')} does not exist; call beginRun first`, { runIds: runs });
}

/** Validates one record given to `putTaskResults`. */
export function checkTaskResult(rec: Omit<TaskResultRecord, 'createdAt'>): string {
  if (rec === null || typeof rec !== 'object') throw new StoreError(`putTaskResults needs records { runId, taskId, attempt, result }, got ${JSON.stringify(rec)}`);
  checkText(rec.runId, 'taskResult.runId');
  checkText(rec.taskId, 'taskResult.taskId');
  if (!Number.isInteger(rec.attempt) || rec.attempt < 0 || rec.attempt > 2147483647) {
    throw new StoreError(`taskResult.attempt must be a non-negative integer, got ${JSON.stringify(rec.attempt)}`, { taskId: rec.taskId });
  }
  return toJson(rec.result, 'taskResult.result');
}

const SORT_FIELDS = ['startedAt', 'name', 'status', 'duration'];

/** Validates `listRuns` / `countRuns` options (they may come from an HTTP query string). */
export function checkListRuns(opts: ListRunsOptions = {}): ListRunsOptions {
  if (opts === null || typeof opts !== 'object') throw new StoreError(`listRuns options must be an object, got ${JSON.stringify(opts)}`);
  if (opts.status !== undefined && !STATUSES.includes(opts.status)) {
    throw new StoreError(`listRuns status must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(opts.status)}`);
  }
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) {
    throw new StoreError(`listRuns limit must be a positive integer, got ${JSON.stringify(opts.limit)}`);
  }
  if (opts.offset !== undefined && (!Number.isInteger(opts.offset) || opts.offset < 0)) {
    throw new StoreError(`listRuns offset must be a whole number ≥ 0, got ${JSON.stringify(opts.offset)}`);
  }
  if (opts.name !== undefined && typeof opts.name !== 'string') throw new StoreError(`listRuns name must be a string, got ${JSON.stringify(opts.name)}`);
  if (opts.tag !== undefined) {
    checkText(opts.tag?.key, 'listRuns tag.key');
    if (opts.tag.value !== undefined && typeof opts.tag.value !== 'string') throw new StoreError(`listRuns tag.value must be a string, got ${JSON.stringify(opts.tag.value)}`);
  }
  const sort = opts.sort;
  if (sort !== undefined && !(typeof sort === 'string' && (SORT_FIELDS.includes(sort) || (sort.startsWith('metric:') && sort.length > 7)))) {
    throw new StoreError(`listRuns sort must be one of ${SORT_FIELDS.join(', ')} or metric:<key>, got ${JSON.stringify(sort)}`);
  }
  if (opts.order !== undefined && opts.order !== 'asc' && opts.order !== 'desc') throw new StoreError(`listRuns order must be 'asc' or 'desc', got ${JSON.stringify(opts.order)}`);
  return opts;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_TAGS = 100;
const MAX_KEY = 250;
const MAX_TEXT = 10_000;
const ALIAS = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const SCOPES: readonly TokenScope[] = ['read', 'run', 'predict', 'admin'];

/** Validates a tag change: own keys only, at most 100, keys ≤ 250 characters, values strings (or null to remove) ≤ 10,000. */
export function checkTagUpdate(tags: unknown, field: string): [string, string | null][] {
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) throw new StoreError(`${field} must be an object of tag: value, got ${JSON.stringify(tags)}`, { field });
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > MAX_TAGS) throw new StoreError(`${field} has ${entries.length} tags; at most ${MAX_TAGS} can be set at once`, { field });
  return entries.map(([k, v]) => {
    if (k === '' || k.length > MAX_KEY) throw new StoreError(`${field}: a tag name must have 1–${MAX_KEY} characters, got ${JSON.stringify(k.slice(0, 40))}`, { field });
    if (v !== null && (typeof v !== 'string' || v.length > MAX_TEXT)) throw new StoreError(`${field}['${k}'] must be a string of at most ${MAX_TEXT} characters (or null to remove it), got ${JSON.stringify(v)?.slice(0, 40)}`, { field, tag: k });
    return [k, v as string | null];
  });
}

/** Validates a free-text field that may be cleared with null. */
export function checkOptionalText(value: unknown, field: string): string | null {
  if (value !== null && (typeof value !== 'string' || value.length > MAX_TEXT)) throw new StoreError(`${field} must be a string of at most ${MAX_TEXT} characters, or null, got ${JSON.stringify(value)?.slice(0, 40)}`, { field });
  return value as string | null;
}

/** Validates `updateRun`'s change. */
export function checkRunUpdate(update: RunUpdate): { tags: [string, string | null][]; note?: string | null } {
  if (update === null || typeof update !== 'object') throw new StoreError(`updateRun needs { tags?, note? }, got ${JSON.stringify(update)}`);
  return { tags: update.tags === undefined ? [] : checkTagUpdate(update.tags, 'run tags'), ...(update.note !== undefined ? { note: checkOptionalText(update.note, 'run note') } : {}) };
}

/** Validates `updateModelVersion`'s change. */
export function checkModelVersionUpdate(update: ModelVersionUpdate): { tags: [string, string | null][]; description?: string | null } {
  if (update === null || typeof update !== 'object') throw new StoreError(`updateModelVersion needs { description?, tags? }, got ${JSON.stringify(update)}`);
  return {
    tags: update.tags === undefined ? [] : checkTagUpdate(update.tags, 'model version tags'),
    ...(update.description !== undefined ? { description: checkOptionalText(update.description, 'model version description') } : {}),
  };
}

/** Validates `logPredictions`'s records and encodes their JSON. */
export function checkPredictionLogs(records: PredictionLogInput[]): { model: string; version: number; kind: string; loggedAt: string; request: string; response: string }[] {
  if (!Array.isArray(records)) throw new StoreError(`logPredictions needs an array of records, got ${typeof records}`);
  return records.map((r, i) => {
    if (r === null || typeof r !== 'object') throw new StoreError(`prediction log ${i} must be an object, got ${JSON.stringify(r)}`);
    if (r.kind !== 'predict' && r.kind !== 'recommend') throw new StoreError(`prediction log ${i}: kind must be 'predict' or 'recommend', got ${JSON.stringify(r.kind)}`);
    return {
      model: checkText(r.model, `prediction log ${i} model`),
      version: checkVersion(r.version),
      kind: r.kind,
      loggedAt: normalizeIso(r.loggedAt, `prediction log ${i} loggedAt`),
      request: toJson(r.request, `prediction log ${i} request`),
      response: toJson(r.response, `prediction log ${i} response`),
    };
  });
}

/** Validates `listPredictionLogs`' options: limit 1–10,000 (default 100), version and `before` whole numbers. */
export function checkPredictionLogQuery(name: string, opts: { version?: number; limit?: number; before?: number } = {}): { version?: number; limit: number; before?: number } {
  checkText(name, 'model name');
  const limit = opts.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new StoreError(`limit must be a whole number from 1 to 10000, got ${JSON.stringify(opts.limit)}`);
  if (opts.before !== undefined && (!Number.isSafeInteger(opts.before) || opts.before < 1)) throw new StoreError(`before must be a log id (a whole number ≥ 1), got ${JSON.stringify(opts.before)}`);
  return { limit, ...(opts.version !== undefined ? { version: checkVersion(opts.version) } : {}), ...(opts.before !== undefined ? { before: opts.before } : {}) };
}

/** Throws unless `version` is a version number (a whole number ≥ 1). */
export function checkVersion(version: unknown): number {
  if (!Number.isInteger(version) || (version as number) < 1 || (version as number) > 2147483647) throw new StoreError(`a model version must be a whole number ≥ 1, got ${JSON.stringify(version)}`, { version });
  return version as number;
}

/** Throws unless `alias` is an alias name: a letter or _, then letters, digits, _ or - (at most 64), so it never reads as a version. */
export function checkAlias(alias: unknown): string {
  if (typeof alias !== 'string' || !ALIAS.test(alias)) throw new StoreError(`alias must start with a letter or _ and hold only letters, digits, _ and - (at most 64), got ${JSON.stringify(alias)}`, { alias });
  return alias;
}

/** Validates a `resolveModelVersion` reference. */
export function checkModelRef(ref: ModelRef): ModelRef {
  if (ref !== null && typeof ref === 'object' && 'version' in ref) return { version: checkVersion(ref.version) };
  if (ref !== null && typeof ref === 'object' && 'alias' in ref) return { alias: checkAlias(ref.alias) };
  throw new StoreError(`a model reference is { version } or { alias }, got ${JSON.stringify(ref)}`);
}

/** The E_NOT_FOUND for a model version that does not exist. */
export function missingVersionError(name: string, version: number): NotFoundError {
  return new NotFoundError(`model '${name}' has no version ${version}; list its versions with \`trainyard models show ${name}\``, { model: name, version });
}

/** Validates `createToken`'s record. */
export function checkNewToken(t: { name: string; scope: TokenScope; hash: string; createdAt: string }): { createdAt: string } {
  if (t === null || typeof t !== 'object') throw new StoreError(`createToken needs { name, scope, hash, createdAt }, got ${JSON.stringify(t)}`);
  checkTokenName(t.name);
  if (!SCOPES.includes(t.scope)) throw new StoreError(`token scope must be one of ${SCOPES.join(', ')}, got ${JSON.stringify(t.scope)}`, { scope: t.scope });
  if (typeof t.hash !== 'string' || !SHA256.test(t.hash)) throw new StoreError('token hash must be a hex sha256 of the token');
  return { createdAt: normalizeIso(t.createdAt, 'token.createdAt') };
}

/** Throws unless `name` is a token name: letters, digits, `_`, `.`, `-` (at most 64, not starting with a sign). */
export function checkTokenName(name: unknown): string {
  if (typeof name !== 'string' || !TOKEN_NAME.test(name)) throw new StoreError(`token name must be 1–64 letters, digits, _, . or - (starting with a letter or digit), got ${JSON.stringify(name)}`, { name });
  return name;
}

/** Passes trainyard errors through and wraps anything else (driver errors) in a StoreError naming the store. */
export function asStoreError(err: unknown, what: string, location: string): TrainyardError {
  if (err instanceof TrainyardError) return err;
  const e = err as { message?: string; code?: string };
  return new StoreError(`${what} failed on store ${location}: ${e?.message ?? String(err)}`, { location, cause: e?.code });
}

/**
 * Blobs are stored in parts of this size: well under the 1 GB a single SQLite value or PostgreSQL bytea
 * may hold, and small enough for pg's hex encoding of one part to be an ordinary string.
 */
export const BLOB_PART_BYTES = 64 * 1024 * 1024;

/** The parts `bytes` is stored as: views of it, BLOB_PART_BYTES each (the last shorter; none when empty). */
export function blobParts(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += BLOB_PART_BYTES) parts.push(bytes.subarray(at, Math.min(bytes.length, at + BLOB_PART_BYTES)));
  return parts;
}

/** Reassembles a blob of `size` bytes from its parts, added in order (one part in memory at a time besides the whole). */
export class BlobAssembler {
  private readonly out: Buffer;
  private at = 0;
  constructor(private readonly size: number) {
    this.out = Buffer.allocUnsafe(size);
  }
  add(part: Buffer): void {
    if (this.at + part.length > this.size) throw new StoreError(`blob parts add up to more than the ${this.size} bytes recorded; the store is damaged`, { size: this.size });
    part.copy(this.out, this.at);
    this.at += part.length;
  }
  finish(): Buffer {
    if (this.at !== this.size) throw new StoreError(`blob parts add up to ${this.at} of the ${this.size} bytes recorded; the store is damaged`, { size: this.size });
    return this.out;
  }
}

/** Refuses bytes that do not hash to the sha256 they are stored under. */
export function checkBlob(sha256: string, bytes: Buffer): void {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new StoreError(`blob bytes hash to ${actual.slice(0, 12)}…, not to the sha256 ${String(sha256).slice(0, 12)}… they were stored under`, { sha256, actual });
  }
}

/** A run's `runs` row, as both stores read it (timestamps already ISO strings). */
export type RunBase = Omit<RunSummary, 'tags' | 'metrics' | 'model'>;

/** The rows `listRuns` and `getRun` read beside the runs: tags, final metrics and the best-model param. */
export interface RunExtraRows {
  tags: { run_id: string; key: string; value: string }[];
  /** In recorded order: of two final values of a key, the later wins. */
  metrics: { run_id: string; key: string; value: number | null }[];
  /** The `best.model` param rows (value as stored JSON, parsed by the caller's driver or not). */
  models: { run_id: string; value: unknown }[];
}

/** Joins runs with their tags, final metrics and selected model, keeping the runs' order. */
export function withRunExtras(runs: RunBase[], extra: RunExtraRows): RunSummary[] {
  const byId = new Map<string, RunSummary>();
  const out = runs.map((r) => {
    const s: RunSummary = { ...r, tags: {}, metrics: {}, model: null };
    byId.set(r.id, s);
    return s;
  });
  for (const t of extra.tags) {
    const s = byId.get(t.run_id);
    if (s) s.tags[t.key] = t.value;
  }
  for (const m of extra.metrics) {
    const s = byId.get(m.run_id);
    if (s) s.metrics[m.key] = m.value ?? NaN; // SQLite keeps NaN as NULL
  }
  for (const m of extra.models) {
    const s = byId.get(m.run_id);
    const v = typeof m.value === 'string' && m.value.startsWith('"') ? (JSON.parse(m.value) as unknown) : m.value;
    if (s && typeof v === 'string') s.model = v;
  }
  return out;
}

/** A model version's row, as both stores read it. */
export interface VersionBase {
  version: number;
  runId: string;
  artifact: string;
  metrics: Record<string, number>;
  createdAt: string;
  specHash: string | null;
  dataSha256: string | null;
  description: string | null;
}

/** Joins a model's versions with their tags and aliases. */
export function withVersionExtras(versions: VersionBase[], tags: { version: number; key: string; value: string }[], aliases: { alias: string; version: number }[]): ModelVersion[] {
  const byVersion = new Map<number, ModelVersion>();
  const out = versions.map((v) => {
    const mv: ModelVersion = { ...v, specHash: v.specHash ?? '', tags: {}, aliases: [] };
    byVersion.set(v.version, mv);
    return mv;
  });
  for (const t of tags) {
    const v = byVersion.get(t.version);
    if (v) v.tags[t.key] = t.value;
  }
  for (const a of [...aliases].sort((x, y) => (x.alias < y.alias ? -1 : x.alias > y.alias ? 1 : 0))) byVersion.get(a.version)?.aliases.push(a.alias);
  return out;
}

/** The E_CONFLICT / E_NOT_FOUND of `deleteRun`, or null when the run may be deleted. */
export function deleteRunRefusal(id: string, status: RunStatus | undefined, versions: { name: string; version: number }[]): TrainyardError | null {
  if (status === undefined) return new NotFoundError(`no run '${id}'; list runs with \`trainyard runs ls\``, { runId: id });
  if (status === 'running') return new ConflictError(`run '${id}' is running; cancel it (or wait for it to end) before deleting it`, { runId: id, status });
  if (versions.length > 0) {
    const v = versions[0];
    return new ConflictError(`run '${id}' is the lineage of model '${v.name}' version ${v.version}${versions.length > 1 ? ` (and ${versions.length - 1} more)` : ''}; a registered model's run is kept`, { runId: id, model: v.name, version: v.version });
  }
  return null;
}

/** Registered models from their latest versions' rows and all aliases (both ordered by name). */
export function registeredModels(models: { name: string; latest_version: number; created_at: string | Date }[], aliases: { name: string; alias: string; version: number }[]): RegisteredModel[] {
  const byName = new Map<string, RegisteredModel>();
  const out = models.map((m) => {
    const r: RegisteredModel = { name: m.name, latestVersion: m.latest_version, updatedAt: typeof m.created_at === 'string' ? m.created_at : m.created_at.toISOString(), aliases: {} };
    byName.set(m.name, r);
    return r;
  });
  for (const a of aliases) {
    const r = byName.get(a.name);
    if (r) r.aliases[a.alias] = a.version;
  }
  return out;
}

/** The E_CONFLICT of a token name that a valid token already has. */
export function tokenConflict(name: string): ConflictError {
  return new ConflictError(`a token named '${name}' exists already; revoke it first (\`trainyard token revoke ${name}\`) or choose another name`, { name });
}
