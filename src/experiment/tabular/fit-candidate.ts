/**
 * Fitting and scoring one candidate: the preprocessing pipeline is fitted on the training rows only
 * (inside each CV fold too — fitting it on all rows would leak the validation fold's statistics).
 */
import type { Classifier, Estimator, FitOptions } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { evaluatePredictions } from '../../metrics/index.js';
import { getModel } from '../../models/registry.js';
import { buildPreprocessor, toMatrix, type Pipeline, type PreprocessSpec } from '../../preprocess/index.js';
import type { Dataset } from './dataset.js';

export type AnyEstimator = Estimator<any, any> & Partial<Classifier>;

/**
 * Missing values reach only models that handle them natively (gradient boosting learns a default
 * direction, so `impute: none` is their best setting); for the rest a NaN left after preprocessing is
 * an error naming the column and row, at fit and at predict time alike.
 */
export function featureMatrix(preprocessor: Pipeline, features: Dataset['features'], model: string): { X: Matrix; featureNames: string[] } {
  return toMatrix(preprocessor.transform(features), { allowNaN: getModel(model).handlesMissing === true });
}

export interface FittedCandidate {
  preprocessor: Pipeline;
  estimator: AnyEstimator;
  featureNames: string[];
}

export function fitCandidate(
  train: Dataset,
  preprocess: PreprocessSpec,
  model: string,
  params: Record<string, unknown>,
  options: FitOptions = {},
): FittedCandidate {
  const preprocessor = buildPreprocessor(preprocess, train.features);
  preprocessor.fit(train.features);
  const { X, featureNames } = featureMatrix(preprocessor, train.features, model);
  return { preprocessor, estimator: fitEstimator(X, train.y, featureNames, model, params, options), featureNames };
}

/** A new `model` with `params`, fitted on an already preprocessed matrix. */
export function fitEstimator(X: Matrix, y: Float64Array, featureNames: string[], model: string, params: Record<string, unknown>, options: FitOptions = {}): AnyEstimator {
  const estimator = getModel(model).create(params) as AnyEstimator;
  estimator.fit(X, y, { ...options, featureNames } as FitOptions);
  return estimator;
}

export interface Predictions {
  /** Predicted class index (classification) or value (regression). */
  yPred: Float64Array;
  /** n × k probabilities, or decision scores (n × 1 for binary) when the model has no probabilities. */
  scores?: Matrix;
  scoresAreProbabilities: boolean;
}

export function predictMatrix(estimator: AnyEstimator, X: Matrix): Predictions {
  // A model that gets both from one pass (gradient boosting: one walk over the trees) gives the same numbers.
  const both = (estimator as { predictWithProba?: (X: Matrix) => { yPred: Float64Array; proba: Matrix } }).predictWithProba;
  if (both && estimator.hasProbabilities !== false) {
    const { yPred, proba } = both.call(estimator, X);
    return { yPred, scores: proba, scoresAreProbabilities: true };
  }
  const yPred = estimator.predict(X);
  if (estimator.predictProba && estimator.hasProbabilities !== false) return { yPred, scores: estimator.predictProba(X), scoresAreProbabilities: true };
  if (estimator.decisionFunction) return { yPred, scores: estimator.decisionFunction(X), scoresAreProbabilities: false };
  return { yPred, scoresAreProbabilities: false };
}

export function predictDataset(fitted: FittedCandidate, ds: Dataset): Predictions {
  const { X } = featureMatrix(fitted.preprocessor, ds.features, fitted.estimator.type);
  return predictMatrix(fitted.estimator, X);
}

/** Metric keys for predictions on `ds` (accuracy, f1, rocAuc, ... or rmse, r2, ...): all, or those in `keys`. */
export function scorePredictions(ds: Dataset, p: Predictions, keys?: readonly string[]): Record<string, number | number[][] | null> {
  const input = { task: ds.task, yTrue: ds.y, yPred: p.yPred, scores: p.scores, scoresAreProbabilities: p.scoresAreProbabilities, nClasses: ds.classes?.length };
  return evaluatePredictions(input, keys);
}
