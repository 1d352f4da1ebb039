/**
 * The run lifecycle both `trainyard run` paths (tabular, run-experiment.ts; recommend,
 * recommend-run.ts) share: open the store and begin (or resume) the run, execute tasks while
 * recording each result as it arrives, publish the outputs by renaming the hidden work folder into
 * place, and on failure remove the work folder and mark the run failed — so a failure leaves neither
 * a partial model nor a half-recorded run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrainyardError } from '../../core/errors.js';
import { openStore, type ArtifactInput, type Store } from '../../tracking/store.js';
import type { CvTaskResult } from '../tabular/cv-task.js';
import type { SnapshottedDataset } from '../tabular/dataset.js';
import type { Executor, TaskProgress } from '../executor.js';
import type { ExperimentTask, TaskData } from '../experiment-task.js';
import type { RunObserver, RunOptions } from '../tabular/tabular-run.js';
import { beginOrResumeRun } from './run-record.js';

/**
 * Seconds per stage for the report's `durations`: `lap(name, since)` records the time since `since`
 * under `name` and returns now, the start of the next stage.
 *
 * @example
 * const { durations, lap } = stageTimer();
 * let t = lap('load', t0); t = lap('cv', t);
 */
export function stageTimer(): { durations: Record<string, number>; lap(name: string, since: number): number } {
  const durations: Record<string, number> = {};
  return {
    durations,
    lap(name: string, since: number): number {
      durations[name] = (performance.now() - since) / 1000;
      return performance.now();
    },
  };
}

/** A begun (or resumed) run: its store, ids and output folders. */
export interface StartedRun {
  store: Store;
  specHash: string;
  runId: string;
  startedAt: string;
  /** Results of finished tasks by task id (from before a resume, then from this process). */
  done: Map<string, CvTaskResult>;
  /** `<outDir>/<name>-<runId>`, where the outputs land on success. */
  finalDir: string;
  /** The hidden folder the outputs are written into first. */
  workDir: string;
}

/**
 * Opens the store and begins the run (or resumes `options.resume`); closes the store again if that
 * fails.
 *
 * @example
 * const run = await startRun(spec.name, spec, options);
 */
export async function startRun(name: string, spec: unknown, options: RunOptions): Promise<StartedRun> {
  const store = await openStore(options.store);
  const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  let opened;
  try {
    opened = await beginOrResumeRun(store, name, spec, specHash, options.resume);
  } catch (e) {
    await store.close();
    throw e;
  }
  const { runId, startedAt, done } = opened;
  const outRoot = resolve(options.outDir ?? 'runs');
  return { store, specHash, runId, startedAt, done, finalDir: join(outRoot, `${name}-${runId}`), workDir: join(outRoot, `.${name}-${runId}.partial`) };
}

/**
 * Runs `body` for a started run; if it throws, removes the work folder and records the run as
 * failed (with the error's code) before rethrowing. Always closes the store.
 *
 * @example
 * return withRunFailureRecord(run, spec.name, spec, async () => { ...; return result; });
 */
export async function withRunFailureRecord<T>(run: StartedRun, name: string, spec: unknown, body: () => Promise<T>): Promise<T> {
  const { store, runId, startedAt, specHash, workDir } = run;
  try {
    try {
      return await body();
    } catch (e) {
      rmSync(workDir, { recursive: true, force: true });
      const err = e instanceof TrainyardError ? e : new TrainyardError('E_INTERNAL', (e as Error).message);
      await store
        .completeRun({ id: runId, name, status: 'failed', startedAt, finishedAt: new Date().toISOString(), spec, specHash, params: {}, metrics: [], artifacts: [], error: { code: err.code, message: err.message } })
        .catch(() => undefined);
      throw e;
    }
  } finally {
    await store.close();
  }
}

/**
 * Executes `todo` on `executor`, storing each result as it arrives (so a coordinator that dies loses
 * no finished work) and adding it to `run.done`.
 *
 * @example
 * await executeRecorded(run, executor, todo, plan.datasetSha, { dataset: plan.dataset, bytes: plan.snapshot }, obs);
 */
export async function executeRecorded(run: StartedRun, executor: Executor, todo: ExperimentTask[], datasetSha: string, data: SnapshottedDataset<TaskData>, obs: RunObserver): Promise<void> {
  const { store, runId } = run;
  let recording: Promise<unknown> = Promise.resolve();
  const onTasks = (p: TaskProgress): void => {
    const last = p.last;
    if (last && !executor.recordsResults) recording = recording.then(() => store.putTaskResults([{ runId, taskId: last.taskId, attempt: 1, result: last }]));
    obs.tasks?.(p);
  };
  const fresh = await executor.run(todo, new Map([[datasetSha, data]]), onTasks, { runId, store });
  await recording;
  for (const r of fresh) run.done.set(r.taskId, r);
}

/**
 * The artifacts a finished run stores: the model bundle and the report as JSON and HTML.
 *
 * @example
 * await store.completeRun({ ..., artifacts: runArtifacts(run.workDir, reportJson, reportHtml) });
 */
export function runArtifacts(workDir: string, reportJson: string, reportHtml: string): ArtifactInput[] {
  return [
    { name: 'model.trainyard', contentType: 'application/octet-stream', bytes: readFileSync(join(workDir, 'model.trainyard')) },
    { name: 'report.json', contentType: 'application/json', bytes: Buffer.from(reportJson) },
    { name: 'report.html', contentType: 'text/html', bytes: Buffer.from(reportHtml) },
  ];
}

/**
 * Moves the finished work folder into place (replacing an older folder of the same run, as a resume
 * may leave one).
 *
 * @example
 * publishRun(run);
 */
export function publishRun(run: StartedRun): void {
  if (existsSync(run.finalDir)) rmSync(run.finalDir, { recursive: true, force: true });
  renameSync(run.workDir, run.finalDir);
}
