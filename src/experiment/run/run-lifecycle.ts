/**
 * The run lifecycle both `trainyard run` paths (tabular/tabular-run.ts, recommend/recommend-run.ts)
 * share: open the store and begin (or resume) the run, and on failure remove the hidden work folder
 * and mark the run failed — so a failure leaves neither a partial model nor a half-recorded run. An
 * interruption (`RunOptions.signal` aborted) is not a failure: the run is marked `interrupted`, its
 * finished tasks kept for `--resume`. The success path (write outputs, record, publish) is run-outputs.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrainyardError } from '../../core/errors.js';
import { isTaskFailure } from '../../execution/cluster-protocol.js';
import { openStore, type Store } from '../../tracking/store.js';
import type { RunOptions } from './run-options.js';
import { beginOrResumeRun } from './run-record.js';
import { checkOutputFolder } from './output-folder.js';
import type { CvTaskResult } from './fold-task.js';

/** A begun (or resumed) run: its store, ids and output folders. */
export interface StartedRun {
  store: Store;
  /** The spec's name and the spec as recorded with the run. */
  name: string;
  spec: unknown;
  specHash: string;
  runId: string;
  startedAt: string;
  /** Results of finished tasks by task id (from before a resume, then from this process). */
  done: Map<string, CvTaskResult>;
  /** `<outDir>/<name>-<runId>`, where the outputs land on success. */
  finalDir: string;
  /** The hidden folder the outputs are written into first. */
  workDir: string;
  /** Aborted when the run is to stop (RunOptions.signal). */
  signal?: AbortSignal;
}

/**
 * A run stopped by its abort signal: marked `interrupted` in the store with `done` tasks finished
 * (their results kept there for `--resume`), no outputs left. `reason` is the signal's reason (the CLI: 'SIGINT' / 'SIGTERM').
 */
export class RunInterruptedError extends Error {
  constructor(
    readonly runId: string,
    readonly reason: string,
    readonly done: number,
  ) {
    super(`run ${runId} interrupted by ${reason} with ${done} tasks finished (kept in the store)`);
    this.name = 'RunInterruptedError';
  }
}

function reasonOf(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return typeof r === 'string' ? r : r instanceof Error ? r.message : 'an abort';
}

/**
 * Opens the store and begins the run (or resumes `options.resume`); closes the store again if that
 * fails.
 *
 * @example
 * const run = await startRun(spec.name, spec, options);
 */
export async function startRun(name: string, spec: unknown, options: RunOptions): Promise<StartedRun> {
  options.signal?.throwIfAborted(); // interrupted while loading: nothing to record yet
  // Before the store: an unwritable --out must fail before a run is begun, not after all the work.
  const outRoot = resolve(options.outDir ?? 'runs');
  checkOutputFolder(outRoot);
  const store = await openStore(options.store);
  const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  let opened;
  try {
    opened = await beginOrResumeRun(store, name, spec, specHash, options.resume, options.runId);
  } catch (e) {
    await store.close();
    throw e;
  }
  const { runId, startedAt, done } = opened;
  return { store, name, spec, specHash, runId, startedAt, done, finalDir: join(outRoot, `${name}-${runId}`), workDir: join(outRoot, `.${name}-${runId}.partial`), signal: options.signal };
}

/**
 * Runs `body` for a started run; if it throws, removes the work folder and records the run as
 * failed (with the error's code) before rethrowing — or, if the run's signal was aborted, records it
 * as interrupted and throws a {@link RunInterruptedError}. Always closes the store.
 *
 * @example
 * return withRunFailureRecord(run, async () => { ...; return result; });
 */
export async function withRunFailureRecord<T>(run: StartedRun, body: () => Promise<T>): Promise<T> {
  const { store, name, spec, runId, startedAt, specHash, workDir } = run;
  try {
    try {
      return await body();
    } catch (e) {
      try {
        rmSync(workDir, { recursive: true, force: true });
      } catch {
        // An unremovable work folder must not hide the error that stopped the run.
      }
      if (run.signal?.aborted) {
        const reason = reasonOf(run.signal);
        const done = (await store.getTaskResults(runId).catch(() => [])).filter((r) => !isTaskFailure(r.result)).length;
        const message = `interrupted by ${reason} with ${done} tasks finished; continue with \`trainyard run <spec> --resume ${runId}\``;
        await store.interruptRun({ id: runId, interruptedAt: new Date().toISOString(), reason: { code: reason, message } });
        throw new RunInterruptedError(runId, reason, done);
      }
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
