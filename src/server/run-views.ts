/**
 * From store records to the API's run objects: durations, the artifact ids, the report, the lineage
 * to the registry — and a stand-in for a run that is queued here and not in the store yet.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '../core/errors.js';
import { runDurationSeconds, type RunDetail, type RunSummary, type Store } from '../tracking/store.js';
import type { RunManager } from './run-manager.js';

/** A run as the API lists it (api.md RunSummary); `pending` is a run queued here, not in the store yet. */
export type RunView = Omit<RunSummary, 'status'> & { status: RunSummary['status'] | 'pending'; durationSeconds: number | null; progress?: { stage: string; done: number; total: number } };

/**
 * The opaque id of an artifact: the first 32 hex digits of the sha256 of its name. Clients only ever
 * send it back; the server looks it up among the run's artifacts, so no client text names a file.
 */
export function artifactId(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 32);
}

/** Adds the duration and, for runs this server executes, the progress. */
export function runView(r: RunSummary, manager: RunManager): RunView {
  const durationSeconds = runDurationSeconds(r);
  const { id, name, status, startedAt, finishedAt, specHash, tags, note, metrics, model } = r;
  const view: RunView = { id, name, status, startedAt, finishedAt, durationSeconds, specHash, tags, note, metrics, model };
  const progress = manager.progress(r.id);
  if (progress) view.progress = progress;
  return view;
}

/** A run submitted here that has not begun (it is not in the store yet): status `pending`. */
export function queuedRunDetail(manager: RunManager, id: string): RunDetail | null {
  const run = manager.get(id);
  if (!run || run.state !== 'queued') return null;
  return { id, name: run.name, status: 'pending' as RunDetail['status'], startedAt: run.submittedAt, finishedAt: null, specHash: '', tags: {}, note: null, metrics: {}, model: null, spec: run.spec, params: {} };
}

/** The run `id` from the store (or queued here), or E_NOT_FOUND. */
export async function requireRun(store: Store, manager: RunManager, id: string): Promise<RunDetail> {
  const run = (await store.getRun(id)) ?? queuedRunDetail(manager, id);
  if (!run) throw new NotFoundError(`no run '${id}'`, { runId: id });
  return run;
}

/** The whole run page: summary, spec, params, error, report, artifacts, registered versions. */
export async function runDetailView(store: Store, manager: RunManager, id: string): Promise<Record<string, unknown>> {
  const run = await requireRun(store, manager, id);
  const inStore = run.specHash !== '';
  const artifacts = inStore ? await store.listArtifacts(id) : [];
  let report: unknown = null;
  if (artifacts.some((a) => a.name === 'report.json')) {
    const a = await store.getArtifact(id, 'report.json');
    try {
      report = a ? JSON.parse(a.bytes.toString('utf8')) : null;
    } catch {
      report = null; // a damaged report must not make the run unreadable
    }
  }
  const versions = inStore ? await store.getModelVersions(run.name) : [];
  const registered = versions.filter((v) => v.runId === id).map((v) => ({ name: run.name, version: v.version, aliases: v.aliases }));
  return {
    ...runView(run, manager),
    spec: run.spec,
    params: run.params,
    ...(run.error ? { error: run.error } : {}),
    report,
    artifacts: artifacts.map((a) => ({ id: artifactId(a.name), ...a })),
    registered,
  };
}
