/**
 * Validation and normalisation shared by both store implementations, so SQLite and PostgreSQL accept
 * and reject exactly the same records (the shared suite relies on it).
 */
import { createHash } from 'node:crypto';
import { StoreError, TrainyardError } from '../core/errors.js';
import type { CompletedRun, InterruptedRun, ListRunsOptions, RunStatus, TaskResultRecord } from './store-contract.js';

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
  model: { name: string; artifact: string; metrics: string } | null;
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
    model = { name: run.model.name, artifact: run.model.artifact, metrics: toJson(ms, 'run.model.metrics') };
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

/** Validates `listRuns` options. */
export function checkListRuns(opts: ListRunsOptions = {}): ListRunsOptions {
  if (opts.status !== undefined && !STATUSES.includes(opts.status)) {
    throw new StoreError(`listRuns status must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(opts.status)}`);
  }
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) {
    throw new StoreError(`listRuns limit must be a positive integer, got ${JSON.stringify(opts.limit)}`);
  }
  if (opts.name !== undefined && typeof opts.name !== 'string') throw new StoreError(`listRuns name must be a string, got ${JSON.stringify(opts.name)}`);
  return opts;
}

/** Passes trainyard errors through and wraps anything else (driver errors) in a StoreError naming the store. */
export function asStoreError(err: unknown, what: string, location: string): TrainyardError {
  if (err instanceof TrainyardError) return err;
  const e = err as { message?: string; code?: string };
  return new StoreError(`${what} failed on store ${location}: ${e?.message ?? String(err)}`, { location, cause: e?.code });
}

/** Refuses bytes that do not hash to the sha256 they are stored under. */
export function checkBlob(sha256: string, bytes: Buffer): void {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new StoreError(`blob bytes hash to ${actual.slice(0, 12)}…, not to the sha256 ${String(sha256).slice(0, 12)}… they were stored under`, { sha256, actual });
  }
}
