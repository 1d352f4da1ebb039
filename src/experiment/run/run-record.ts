/**
 * Starting a run in the store, or picking up one that was interrupted or whose coordinator died
 * (`trainyard run --resume`): it is marked running again.
 * Finished tasks live in the store, so a resumed run recomputes only what is missing — and only if the
 * spec is the one the run was started with.
 */
import { SpecError, StoreError } from '../../core/errors.js';
import { isTaskFailure } from '../../execution/cluster-protocol.js';
import { newRunId, type Store } from '../../tracking/store.js';
import type { CvTaskResult } from './fold-task.js';

export interface OpenedRun {
  runId: string;
  startedAt: string;
  /** Results of tasks finished before a resume, by task id. */
  done: Map<string, CvTaskResult>;
}

export async function beginOrResumeRun(store: Store, name: string, spec: unknown, specHash: string, resumeId?: string, newId: string = newRunId()): Promise<OpenedRun> {
  if (!resumeId) {
    const run = { runId: newId, startedAt: new Date().toISOString(), done: new Map<string, CvTaskResult>() };
    await store.beginRun({ id: run.runId, name, startedAt: run.startedAt, spec, specHash });
    return run;
  }
  const prior = await store.getRun(resumeId);
  if (!prior) throw new StoreError(`no run '${resumeId}' in store ${store.location}; check the run id and --store`, { runId: resumeId });
  if (prior.status !== 'running' && prior.status !== 'interrupted') {
    throw new StoreError(`run '${resumeId}' is ${prior.status}; only an interrupted (or still running) run can be resumed — start a new run instead`, { runId: resumeId, status: prior.status });
  }
  if (prior.specHash !== specHash) {
    throw new SpecError(`the spec differs from the one run '${resumeId}' was started with; resume with the original spec, or start a new run`, { runId: resumeId });
  }
  await store.resumeRun(resumeId);
  const done = new Map<string, CvTaskResult>();
  for (const r of await store.getTaskResults(resumeId)) if (!isTaskFailure(r.result)) done.set(r.taskId, r.result as CvTaskResult);
  return { runId: resumeId, startedAt: prior.startedAt, done };
}
