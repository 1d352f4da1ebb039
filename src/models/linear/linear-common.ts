/**
 * Helpers shared by the linear models: input validation (finite X, labels, shapes), class weights
 * (scikit-learn's `compute_class_weight`), linear scores and the saved-state schema.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { ModelFileError } from '../../core/errors.js';
import { stateArray, stateNumber } from '../../core/state-check.js';

// The input checks moved to the model-neutral `model-checks.ts` (trees, SVMs, naive Bayes and
// neighbours use them too); re-exported so existing imports keep working.
export { checkFinite, checkPredictX, encodeTargets } from '../model-checks.js';

/** `fit` options of the linear models (core's, which carry `featureNames` for error messages). */
export type LinearFitOptions = FitOptions;

/** `null` (all 1), `'balanced'` (n / (k · count)), or a weight per class label (keys are labels as strings). */
export type ClassWeight = null | 'balanced' | Record<string, number>;

/** Learned state common to the linear classifiers: one weight row (and intercept) per score column. */
export interface LinearFitted {
  classes: Float64Array;
  /** Row-major `rows × nFeatures`. */
  coef: Float64Array;
  intercept: Float64Array;
  nFeatures: number;
  /** Iterations used (the maximum over one-vs-rest sub-problems). */
  nIter: number;
}

/** Validates the `classWeight` param (shape only; labels are checked against the data in {@link classWeights}). */
export function checkClassWeight(owner: string, value: unknown): ClassWeight {
  if (value === null || value === 'balanced') return value;
  if (typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    for (const [k, w] of Object.entries(value as Record<string, unknown>)) {
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new InvalidParamError(`${owner}: parameter 'classWeight' must map labels to finite numbers >= 0; class '${k}' has ${JSON.stringify(w)}`, {
          estimator: owner,
          param: 'classWeight',
          value,
        });
      }
    }
    return value as Record<string, number>;
  }
  throw new InvalidParamError(`${owner}: parameter 'classWeight' must be null, 'balanced' or an object {label: weight}, got ${JSON.stringify(value)}`, {
    estimator: owner,
    param: 'classWeight',
    value,
  });
}

/**
 * Weight per class index (scikit-learn's `compute_class_weight`): 'balanced' gives
 * `n / (k · count_c)`; a dict gives its value for listed labels and 1 otherwise.
 */
export function classWeights(owner: string, cw: ClassWeight, classes: Float64Array, yIdx: Int32Array): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (cw === null) return out;
  if (cw === 'balanced') {
    const counts = new Float64Array(k);
    for (let i = 0; i < yIdx.length; i++) counts[yIdx[i]]++;
    for (let c = 0; c < k; c++) out[c] = yIdx.length / (k * counts[c]);
    return out;
  }
  for (const [key, w] of Object.entries(cw)) {
    const c = classes.indexOf(Number(key));
    if (c < 0) {
      throw new InvalidParamError(`${owner}: classWeight names class '${key}', which is not in y (classes: ${Array.from(classes).join(', ')})`, {
        estimator: owner,
        param: 'classWeight',
        value: key,
      });
    }
    out[c] = w;
  }
  return out;
}

/** Scores `X · coefᵀ + intercept` as an n × rows matrix (rows = number of weight rows). */
export function linearScores(X: Matrix, f: LinearFitted): Matrix {
  const n = X.rows, d = X.cols, r = f.intercept.length;
  const out = new Matrix(n, r);
  const x = X.data, w = f.coef, o = out.data;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    for (let c = 0; c < r; c++) {
      const wo = c * d;
      let s = f.intercept[c];
      for (let j = 0; j < d; j++) s += x[xo + j] * w[wo + j];
      o[i * r + c] = s;
    }
  }
  return out;
}

/** Labels from scores: sign of the single column for binary, argmax otherwise (first max wins, as numpy). */
export function labelsFromScores(scores: Matrix, classes: Float64Array): Float64Array {
  const n = scores.rows, r = scores.cols, s = scores.data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (r === 1) {
      out[i] = s[i] > 0 ? classes[1] : classes[0];
      continue;
    }
    let best = 0;
    for (let c = 1; c < r; c++) if (s[i * r + c] > s[i * r + best]) best = c;
    out[i] = classes[best];
  }
  return out;
}

/** Schema check of {@link LinearFitted} in a saved model. */
export function checkLinearFitted(fitted: { [k: string]: StateValue }): LinearFitted {
  const classes = stateArray(fitted, 'classes', Float64Array);
  const nFeatures = stateNumber(fitted, 'nFeatures');
  const intercept = stateArray(fitted, 'intercept', Float64Array);
  const rows = classes.length === 2 ? 1 : classes.length;
  if (classes.length < 2 || intercept.length !== rows || !Number.isInteger(nFeatures) || nFeatures < 0) {
    throw new ModelFileError(`model file: linear model has ${classes.length} classes, ${intercept.length} intercepts and nFeatures ${nFeatures}; they are inconsistent`, {
      field: 'intercept',
    });
  }
  const coef = stateArray(fitted, 'coef', Float64Array, rows * nFeatures);
  return { classes, coef, intercept, nFeatures, nIter: stateNumber(fitted, 'nIter') };
}
