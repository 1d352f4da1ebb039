/**
 * The vocabulary of the side-by-side benchmark: tasks, the (trainyard model, reference model) pairs
 * they run, the job a child process receives and the result it sends back. Node children (trainyard)
 * and Python children (bench/python/reference.py) read the same job shape, so both fit on the very
 * same rows with equivalent preprocessing.
 */
import type { PreprocessSpec } from '../preprocess/index.js';

/** Which library a reference model comes from (decides the availability check). */
export type ReferenceLibrary = 'sklearn' | 'xgboost';

/** The kind of fit-time target a pair is held to (see targets.ts). */
export type TargetKind = 'sklearn' | 'xgboost';

/**
 * One row of a task's table: a trainyard model (by registry spec name) and the Python reference it is
 * compared with. `model` may list alternatives (`['svm_regressor', 'svr']`): the first registered name wins.
 *
 * @example
 * const pair: ModelPair = {
 *   model: 'logistic_regression', params: { C: 1 },
 *   reference: 'LogisticRegression(C=1.0, max_iter=1000)', library: 'sklearn', target: 'sklearn',
 * };
 */
export interface ModelPair {
  model: string | string[];
  params: Record<string, unknown>;
  /** A Python constructor expression, evaluated by reference.py with sklearn/xgboost classes in scope. */
  reference: string;
  library: ReferenceLibrary;
  /** Fit-time target this pair is held to; omitted = figures only, no PASS/MISS. */
  target?: TargetKind;
  /** Shown in the table instead of the first model name (e.g. 'gradient_boosting (xgb-like)'). */
  label?: string;
}

/** A task on a real data set, loaded and split by trainyard's own experiment code. */
export interface TabularTask {
  kind: 'tabular';
  name: string;
  description: string;
  /** Path of the data file (from `datasetPath`). */
  source: string;
  target: string;
  delimiter?: string;
  coerce?: 'error' | 'nan';
  task: 'classification' | 'regression';
  preprocess: PreprocessSpec;
  split: { test: number; stratify: boolean; seed: number };
  pairs: ModelPair[];
}

/** The 1M×40 synthetic binary set of anchors.md (first `trainRows` rows train, the rest test). */
export interface SyntheticTask {
  kind: 'synthetic';
  name: string;
  description: string;
  rows: number;
  cols: number;
  trainRows: number;
  /** Peak memory target as a multiple of the float32 data size (anchors: 2). */
  memoryTarget: number;
  pairs: ModelPair[];
}

/** The CSV-load benchmark (trainyard `loadFrame` against pandas `read_csv`). */
export interface CsvLoadTask {
  kind: 'csv';
  name: string;
  description: string;
  rows: number;
  cols: number;
}

export type BenchTask = TabularTask | SyntheticTask | CsvLoadTask;

/** Where a child finds its data. Tabular: trainyard snapshots (node) and a JSON table (python). */
export type JobData =
  | { kind: 'tabular'; trainSnapshot: string; testSnapshot: string; json: string; preprocess: PreprocessSpec }
  | { kind: 'synthetic'; xFile: string; yFile: string; rows: number; cols: number; trainRows: number };

/** What a child process is asked to do (written as JSON; argv[2] of the child). */
export interface ChildJob {
  task: string;
  taskKind: 'binary' | 'multiclass' | 'regression';
  nClasses: number;
  data: JobData;
  /** trainyard children: the registry name and params. */
  model?: { name: string; params: Record<string, unknown> };
  /** python children: the constructor expression. */
  reference?: string;
  /** Where the child writes its {@link ChildResult}. */
  resultFile: string;
}

/** Held-out metrics: accuracy/f1/rocAuc (classification) or rmse/r2 (regression); null = undefined. */
export type BenchMetrics = Record<string, number | null>;

/** What a child reports (or the runner, when the child failed). */
export interface ChildResult {
  status: 'ok' | 'error' | 'timeout' | 'not registered' | 'unavailable';
  message?: string;
  /** Fastest fit; fits shorter than 1 s in total are repeated (up to 3 runs, fresh estimator each). */
  fitSeconds?: number;
  /** The first fit's time (includes JIT compilation / first-call costs). */
  coldFitSeconds?: number;
  fitRuns?: number;
  predictSeconds?: number;
  /** Peak resident set size of the child process, in MB (maxRSS). */
  peakMb?: number;
  /** Resident set size after imports, before any data was read, in MB. */
  baselineMb?: number;
  nTrain?: number;
  nTest?: number;
  nFeatures?: number;
  metrics?: BenchMetrics;
}

/** One measured row pair of a task's table. */
export interface PairResult {
  label: string;
  model: string;
  params: Record<string, unknown>;
  reference: string;
  library: ReferenceLibrary;
  trainyard: ChildResult;
  referenceResult: ChildResult;
  /** trainyard fit seconds / reference fit seconds, when both ran. */
  fitRatio: number | null;
  /** e.g. '≤ 1.0'; null when the pair has no target. */
  targetText: string | null;
  /** 'PASS', 'MISS (...)' or null (no target, or a side did not run). */
  verdict: string | null;
  /** 1-minute load average when the pair started (the machine is shared; > cores means contention). */
  loadAverage: number;
  /** Synthetic task only: (peak − baseline) / float32 data bytes, and its verdict. */
  memoryOverData?: number | null;
  memoryVerdict?: string | null;
}

/** Everything measured for one task. */
export interface TaskResult {
  name: string;
  kind: BenchTask['kind'];
  description: string;
  taskKind?: ChildJob['taskKind'];
  nTrain?: number;
  nTest?: number;
  notes: string[];
  pairs: PairResult[];
  /** CSV-load task only. */
  csvLoad?: { rows: number; cols: number; trainyardSeconds: number; pandasSeconds: number | null; ratio: number | null };
  /** Synthetic task only: float32 bytes of the whole data set and the memory target multiple. */
  dataBytes?: number;
  memoryTarget?: number;
}
