/**
 * The unit of work of model selection: "fit candidate C on fold k of data set D@sha256, score it
 * with metric M". Plain JSON, so the same task runs in-process, in a worker thread or on another
 * machine with the same result.
 */
import { DataError } from '../core/errors.js';
import type { PreprocessSpec } from '../preprocess/index.js';
import { cvFolds, type CvConfig } from './cv-config.js';
import { takeDataset, type Dataset } from './dataset.js';
import { fitCandidate, predictDataset, scorePredictions } from './fit-candidate.js';

/** What every fold task carries, tabular (`cv-fold`) or recommender (`rec-fold`). */
export interface FoldTaskBase {
  /** Unique within a run: `c<candidate>.<config>/f<fold>`. */
  id: string;
  /** sha256 of the data snapshot. */
  dataset: string;
  candidate: number;
  config: number;
  /** Registry name of the model. */
  model: string;
  params: Record<string, unknown>;
  /** Index of the fold. */
  fold: number;
}

export interface CvTask extends FoldTaskBase {
  kind: 'cv-fold';
  preprocess: PreprocessSpec;
  /** The scheme every task of a run shares, so candidates see the same folds. */
  cv: CvConfig;
  /** Result key of the selection metric, e.g. `f1`. */
  metric: string;
}

export interface CvTaskResult {
  taskId: string;
  score: number;
  fitSeconds: number;
}

export function runCvTask(task: CvTask, ds: Dataset): CvTaskResult {
  const fold = cvFolds(ds, task.cv)[task.fold];
  const started = performance.now();
  const fitted = fitCandidate(takeDataset(ds, fold.train), task.preprocess, task.model, task.params);
  const fitSeconds = (performance.now() - started) / 1000;
  const validation = takeDataset(ds, fold.test);
  const metrics = scorePredictions(validation, predictDataset(fitted, validation));
  const score = metrics[task.metric];
  if (typeof score !== 'number' || Number.isNaN(score)) {
    throw new DataError(`metric '${task.metric}' is not available for ${task.model} on fold ${task.fold} (got ${JSON.stringify(score)}); choose another select.metric`);
  }
  return { taskId: task.id, score, fitSeconds };
}
