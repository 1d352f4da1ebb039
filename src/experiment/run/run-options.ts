/**
 * What a caller passes to `trainyard run` (either kind of spec) and how it watches progress. Its own
 * file so that the shared run steps (run/) and both runs (tabular/, recommend/) depend on it, not on
 * each other.
 */
import type { EpochLogs } from '../../core/estimator.js';
import type { Executor, TaskProgress } from '../executor.js';
import type { FoldTaskBase } from './fold-task.js';

/**
 * Task counts, and the task the latest result (`last`) belongs to: its model, parameter setting, fold
 * (of `folds`) and, for cross-validation, the selection metric's result key.
 */
export interface RunTaskProgress extends TaskProgress {
  lastTask?: Pick<FoldTaskBase, 'id' | 'candidate' | 'config' | 'model' | 'params' | 'fold'> & { folds: number; metric?: string };
}

export interface RunObserver {
  /** A new stage started: load, cv (or select), refit, evaluate, save. */
  stage?(name: string, detail: string): void;
  tasks?(p: RunTaskProgress): void;
  epoch?(logs: EpochLogs): void;
}

export interface RunOptions {
  /** Tracking store location (`./trainyard.db` by default). */
  store?: string;
  /** Folder that receives `<name>-<runId>/` with the model and the report. Default `runs`. */
  outDir?: string;
  /** Id of an interrupted run to continue (its finished tasks are not recomputed). */
  resume?: string;
  /**
   * The id of a new run, chosen by the caller (a server answers `202 { runId }` before the run starts);
   * default a fresh `newRunId()`. Ignored with `resume`.
   */
  runId?: string;
  /** Default: a LocalExecutor on all cores. */
  executor?: Executor;
  observer?: RunObserver;
  /**
   * Aborting it (the CLI does on SIGINT / SIGTERM, with the signal's name as the reason) interrupts the
   * run: the executor stops, the hidden work folder is removed, the run is marked `interrupted` in the
   * store (its finished tasks kept for `resume`) and the run rejects with a {@link RunInterruptedError}.
   */
  signal?: AbortSignal;
}
