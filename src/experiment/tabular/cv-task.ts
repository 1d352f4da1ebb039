/**
 * The unit of work of model selection: "fit candidate C on fold k of data set D@sha256, score it
 * with metric M". Plain JSON, so the same task runs in-process, in a worker thread or on another
 * machine with the same result.
 */
import { DataError } from '../../core/errors.js';
import type { PreprocessSpec } from '../../preprocess/index.js';
import type { FoldTaskBase, CvTaskResult } from '../run/fold-task.js';
import type { CvConfig } from './cv-config.js';
import type { Dataset } from './dataset.js';
import { fitEstimator, predictMatrix, scorePredictions } from './fit-candidate.js';
import { preparedFold } from './prepared-folds.js';

export interface CvTask extends FoldTaskBase {
  kind: 'cv-fold';
  preprocess: PreprocessSpec;
  /** The scheme every task of a run shares, so candidates see the same folds. */
  cv: CvConfig;
  /** Result key of the selection metric, e.g. `f1`. */
  metric: string;
}

export function runCvTask(task: CvTask, ds: Dataset): CvTaskResult {
  const fold = preparedFold(ds, task);
  const started = performance.now();
  const estimator = fitEstimator(fold.X, fold.y, fold.featureNames, task.model, task.params);
  const fitSeconds = (performance.now() - started) / 1000;
  const metrics = scorePredictions(fold.validation, predictMatrix(estimator, fold.validationX), [task.metric]);
  const score = metrics[task.metric];
  if (typeof score !== 'number' || Number.isNaN(score)) {
    throw new DataError(`metric '${task.metric}' is not available for ${task.model} on fold ${task.fold} (got ${JSON.stringify(score)}); choose another select.metric`);
  }
  return { taskId: task.id, score, fitSeconds };
}
