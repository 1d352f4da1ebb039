/**
 * Multinomial naive Bayes for count features (word counts, event counts) — scikit-learn's `MultinomialNB`.
 *
 * Reference: scikit-learn 1.2 `sklearn/naive_bayes.py` (`MultinomialNB._count`,
 * `_update_feature_log_prob`, `_joint_log_likelihood`); Manning, Raghavan & Schütze, "Introduction to
 * Information Retrieval" (2008), §13.2. Per class, feature log-probabilities are
 * log((N_cj + α) / Σ_j (N_cj + α)); the joint log-likelihood is x · log θ_c + log prior_c. Like
 * scikit-learn, α below 1e-10 is raised to 1e-10 so that no log-probability is −∞.
 */
import { DataError, ModelFileError } from '../../core/errors.js';
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { stateArray, stateNumber } from '../../core/state-check.js';
import { checkFinite } from '../model-checks.js';
import { NaiveBayes, checkPriors, encodeLabels, numpySum, type NaiveBayesFitted } from './naive-bayes-base.js';

/** Hyper-parameters of {@link MultinomialNB}. */
export interface MultinomialNBParams {
  /** Additive (Laplace/Lidstone) smoothing, a number >= 0 (below 1e-10 counts as 1e-10). Default 1. */
  alpha: number;
  /** Learn class priors from the class frequencies (else uniform). Default true. */
  fitPrior: boolean;
  /** Fixed class priors (one per sorted class, summing to 1); overrides `fitPrior`. Default null. */
  classPrior: number[] | null;
}

/** Learned state of {@link MultinomialNB}. */
export interface MultinomialNBFitted extends NaiveBayesFitted {
  /** Per-class summed feature values, row-major k × nFeatures. */
  featureCount: Float64Array;
  /** log θ_cj, row-major k × nFeatures. */
  featureLogProb: Float64Array;
  classLogPrior: Float64Array;
}

const OWNER = 'MultinomialNB';
const MIN_ALPHA = 1e-10;

/**
 * Multinomial naive Bayes classifier (features must be non-negative, e.g. counts).
 *
 * @example
 * const nb = new MultinomialNB({ alpha: 0.5 }).fit(wordCounts, isSpam);
 * const p = nb.predictProba(newCounts);
 */
export class MultinomialNB extends NaiveBayes<MultinomialNBParams, MultinomialNBFitted> {
  readonly type = 'multinomial_nb';

  constructor(params: Partial<MultinomialNBParams> = {}) {
    super({ alpha: 1, fitPrior: true, classPrior: null }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const alpha = Math.max(checkNumber(OWNER, 'alpha', this.params.alpha, { min: 0 }), MIN_ALPHA);
    const fitPrior = checkOneOf(OWNER, 'fitPrior', this.params.fitPrior, [true, false] as const);
    const { classes, yIdx } = encodeLabels(OWNER, X, y, options.featureNames);
    const classPrior = checkPriors(OWNER, 'classPrior', this.params.classPrior, classes.length);
    const n = X.rows, d = X.cols, k = classes.length, x = X.data;

    // One pass over X: sum the non-zeros (count rows are mostly zeros) and stop at the first value
    // that is not a finite number >= 0, then let the checkers name it (NaN/∞ first, as other models).
    const featureCount = new Float64Array(k * d), classCount = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = yIdx[i], o = c * d, xo = i * d;
      classCount[c]++;
      for (let j = 0; j < d; j++) {
        const v = x[xo + j];
        if (v !== 0) {
          if (!(v > 0) || v === Infinity) {
            checkFinite(OWNER, X, options.featureNames);
            checkNonNegative(X, options.featureNames);
          }
          featureCount[o + j] += v;
        }
      }
    }
    const featureLogProb = new Float64Array(k * d);
    const smoothed = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) smoothed[j] = featureCount[c * d + j] + alpha;
      const logTotal = Math.log(numpySum(smoothed, 0, d));
      for (let j = 0; j < d; j++) featureLogProb[c * d + j] = Math.log(smoothed[j]) - logTotal;
    }
    const classLogPrior = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      classLogPrior[c] = classPrior ? Math.log(classPrior[c]) : fitPrior ? Math.log(classCount[c]) - Math.log(n) : -Math.log(k);
    }
    this.fitted = { classes, nFeatures: d, classCount, featureCount, featureLogProb, classLogPrior };
    return this;
  }

  /** log θ_cj, k × nFeatures. */
  get featureLogProb(): Matrix {
    const f = this.requireFitted();
    return new Matrix(f.classes.length, f.nFeatures, f.featureLogProb.slice());
  }

  protected jointLogLikelihood(X: Matrix, f: MultinomialNBFitted): Matrix {
    checkNonNegative(X);
    const n = X.rows, d = X.cols, k = f.classes.length, x = X.data, w = f.featureLogProb;
    const out = new Matrix(n, k);
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      for (let c = 0; c < k; c++) {
        const wo = c * d;
        let s = 0;
        // Count rows are mostly zeros (a bag of words): skip them.
        for (let j = 0; j < d; j++) {
          const v = x[xo + j];
          if (v !== 0) s += v * w[wo + j];
        }
        out.data[i * k + c] = s + f.classLogPrior[c];
      }
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): MultinomialNBFitted {
    const classes = stateArray(fitted, 'classes', Float64Array);
    const nFeatures = stateNumber(fitted, 'nFeatures');
    if (classes.length < 2 || !Number.isInteger(nFeatures) || nFeatures < 0) {
      throw new ModelFileError(`model file: MultinomialNB has ${classes.length} classes and nFeatures ${nFeatures}`, { field: 'classes' });
    }
    const k = classes.length;
    return {
      classes, nFeatures,
      classCount: stateArray(fitted, 'classCount', Float64Array, k),
      featureCount: stateArray(fitted, 'featureCount', Float64Array, k * nFeatures),
      featureLogProb: stateArray(fitted, 'featureLogProb', Float64Array, k * nFeatures),
      classLogPrior: stateArray(fitted, 'classLogPrior', Float64Array, k),
    };
  }
}

/** Throws `E_DATA` at the first negative value, naming its column (and name when known) and row. */
function checkNonNegative(X: Matrix, featureNames?: readonly string[]): void {
  const x = X.data;
  for (let t = 0; t < x.length; t++) {
    if (x[t] < 0) {
      const row = Math.floor(t / X.cols), col = t % X.cols, name = featureNames?.[col];
      throw new DataError(
        `${OWNER}: feature column ${col}${name !== undefined ? ` ('${name}')` : ''} has a negative value (${x[t]}) at row ${row}; ` +
          `multinomial naive Bayes needs counts or frequencies >= 0 — do not standard-scale its inputs (use min-max scaling or raw counts)`,
        { estimator: OWNER, column: col, feature: name ?? null, row, value: x[t] },
      );
    }
  }
}
