/**
 * Preprocessed CV folds, kept per process (worker thread or worker machine). Every candidate of a
 * search fits the same preprocessing on the same fold rows, and for a cheap model that refit (frame
 * slicing, medians, one-hot, the float64 matrix) is a quarter of the task — and most of its garbage,
 * which V8 collects on helper threads that take the other core from a second worker. Models never
 * change their inputs (a conformance check), so the matrices can be shared between fits.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { Matrix } from '../../core/matrix.js';
import { getModel } from '../../models/registry.js';
import { buildPreprocessor, type PreprocessSpec } from '../../preprocess/index.js';
import type { Fold } from '../../selection/splitter.js';
import { cvFolds, type CvConfig } from './cv-config.js';
import { takeDataset, type Dataset } from './dataset.js';
import { featureMatrix } from './fit-candidate.js';

export interface PreparedFold {
  /** Training rows after the preprocessing fitted on them. */
  X: Matrix;
  y: Float64Array;
  featureNames: string[];
  /** The validation rows, and their features through the same fitted preprocessing. */
  validation: Dataset;
  validationX: Matrix;
}

/** What identifies a prepared fold: the same snapshot, preprocessing, scheme and fold give the same matrices. */
export interface FoldKey {
  /** sha256 of the data snapshot. */
  dataset: string;
  preprocess: PreprocessSpec;
  cv: CvConfig;
  fold: number;
  /** Registry name of the model: whether missing values may reach it changes the matrices' checks. */
  model: string;
}

/**
 * A process keeps 256 MB of prepared matrices: 5 folds of a 10k × 100 problem take ~40 MB. A fold too
 * big for that is prepared per task as before (its fit dwarfs the preprocessing anyway).
 */
const prepared = new BoundedCache<string, PreparedFold>(256 * 2 ** 20, (f) => f.X.data.byteLength + f.validationX.data.byteLength + f.y.byteLength);
/** The row numbers of every fold, per (snapshot, scheme): all folds come from one shuffle. */
const foldRows = new BoundedCache<string, Fold[]>(4);

/**
 * Fold `key.fold` of `ds`, preprocessed — from this process's cache when an earlier task prepared it.
 *
 * @example
 * const { X, y, validationX } = preparedFold(ds, { dataset: sha, preprocess, cv, fold: 0, model: 'logistic_regression' });
 */
export function preparedFold(ds: Dataset, key: FoldKey): PreparedFold {
  const handlesMissing = getModel(key.model).handlesMissing === true;
  const id = JSON.stringify([key.dataset, key.preprocess, key.cv, key.fold, handlesMissing]);
  return prepared.get(id) ?? prepared.set(id, prepare(ds, key));
}

function prepare(ds: Dataset, key: FoldKey): PreparedFold {
  const scheme = JSON.stringify([key.dataset, key.cv]);
  const rows = (foldRows.get(scheme) ?? foldRows.set(scheme, cvFolds(ds, key.cv)))[key.fold];
  const train = takeDataset(ds, rows.train);
  // Fitted on the training rows only: fitting on all rows would leak the validation fold's statistics.
  const preprocessor = buildPreprocessor(key.preprocess, train.features);
  preprocessor.fit(train.features);
  const { X, featureNames } = featureMatrix(preprocessor, train.features, key.model);
  const validation = takeDataset(ds, rows.test);
  return { X, y: train.y, featureNames, validation, validationX: featureMatrix(preprocessor, validation.features, key.model).X };
}
