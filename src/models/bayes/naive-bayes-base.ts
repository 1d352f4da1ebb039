/**
 * What the naive Bayes classifiers share once fitted: class log-likelihoods → labels, log-probabilities
 * and probabilities through log-sum-exp; and the validation of user-given class priors.
 *
 * Reference: scikit-learn 1.2 `sklearn/naive_bayes.py` (`_BaseNB.predict_log_proba`, which normalises
 * the joint log-likelihood with `scipy.special.logsumexp`). Sums follow numpy's pairwise summation
 * (see {@link numpySum}) so that probabilities agree with scikit-learn's to ~1e-15.
 */
import { Estimator, type Classifier } from '../../core/estimator.js';
import { InvalidParamError } from '../../core/errors.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { checkFeatureNameCount, checkPredictX, encodeClassLabels } from '../model-checks.js';

/** Learned state every naive Bayes model has. */
export interface NaiveBayesFitted {
  classes: Float64Array;
  nFeatures: number;
  /** Training rows per class. */
  classCount: Float64Array;
}

/**
 * Base of `GaussianNB` and `MultinomialNB`: subclasses supply the joint log-likelihood.
 *
 * @example
 * const nb: NaiveBayes<object, NaiveBayesFitted> = new GaussianNB().fit(X, y);
 * nb.predictLogProba(Xtest); // n × k log-probabilities
 */
export abstract class NaiveBayes<P extends object, F extends NaiveBayesFitted> extends Estimator<P, F> implements Classifier {
  /** Joint log-likelihood log P(c) + log P(x | c), n × k, for validated X. */
  protected abstract jointLogLikelihood(X: Matrix, f: F): Matrix;

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  private jll(X: Matrix): Matrix {
    const f = this.requireFitted();
    checkPredictX(this.constructor.name, X, f.nFeatures);
    return this.jointLogLikelihood(X, f);
  }

  /** log P(c | x), n × k in `classes` order. */
  predictLogProba(X: Matrix): Matrix {
    const jll = this.jll(X);
    const { rows: n, cols: k, data } = jll;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (data[o + c] > max) max = data[o + c];
      // scipy's logsumexp: an all −∞ row keeps max at 0 so the result is −∞, not NaN.
      if (!Number.isFinite(max)) max = 0;
      let s = 0;
      for (let c = 0; c < k; c++) s += Math.exp(data[o + c] - max);
      const lse = Math.log(s) + max;
      for (let c = 0; c < k; c++) data[o + c] -= lse;
    }
    return jll;
  }

  /** P(c | x), n × k in `classes` order. */
  predictProba(X: Matrix): Matrix {
    const out = this.predictLogProba(X);
    const d = out.data;
    for (let t = 0; t < d.length; t++) d[t] = Math.exp(d[t]);
    return out;
  }

  /** Log-odds log P(classes[1] | x) − log P(classes[0] | x) (n × 1) for two classes; log-probabilities otherwise. */
  decisionFunction(X: Matrix): Matrix {
    const jll = this.jll(X);
    if (jll.cols !== 2) return this.predictLogProba(X);
    const out = new Matrix(jll.rows, 1);
    for (let i = 0; i < jll.rows; i++) out.data[i] = jll.data[2 * i + 1] - jll.data[2 * i];
    return out;
  }

  /** The class of largest joint log-likelihood (first one on ties, as numpy's argmax). */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const jll = this.jll(X);
    const { rows: n, cols: k, data } = jll;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (data[i * k + c] > data[i * k + best]) best = c;
      out[i] = f.classes[best];
    }
    return out;
  }
}

/**
 * Sum of `n` values of `a` from `off` in numpy's order (`pairwise_sum` in numpy's `loops_utils.h`):
 * sequential below 8 values, 8 interleaved partial sums up to 128, halves above.
 *
 * @example
 * numpySum(Float64Array.of(1, 2, 3), 0, 3); // 6
 */
export function numpySum(a: Float64Array, off: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[off + i];
    return s;
  }
  if (n <= 128) {
    let r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3], r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
    const end = n - (n % 8);
    for (let i = 8; i < end; i += 8) {
      const p = off + i;
      r0 += a[p]; r1 += a[p + 1]; r2 += a[p + 2]; r3 += a[p + 3];
      r4 += a[p + 4]; r5 += a[p + 5]; r6 += a[p + 6]; r7 += a[p + 7];
    }
    let s = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (let i = end; i < n; i++) s += a[off + i];
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, off, n2) + numpySum(a, off + n2, n - n2);
}

/**
 * Validates user-given class priors (one per class, each >= 0, summing to 1 within numpy's `isclose`);
 * `param` names the parameter in errors.
 *
 * @example
 * checkPriors('GaussianNB', 'priors', [0.3, 0.7], 2); // Float64Array [0.3, 0.7]
 */
export function checkPriors(owner: string, param: string, value: unknown, nClasses: number): Float64Array | null {
  if (value === null) return null;
  const bad = (why: string): never => {
    throw new InvalidParamError(`${owner}: parameter '${param}' ${why}, got ${JSON.stringify(value)}`, { estimator: owner, param, value });
  };
  if (!Array.isArray(value) && !(value instanceof Float64Array)) bad('must be null or an array of one probability per class');
  const pri = Float64Array.from(value as ArrayLike<number>);
  if (pri.length !== nClasses) bad(`must have one value per class (${nClasses} classes)`);
  let sum = 0;
  for (const v of pri) {
    if (!(v >= 0) || !Number.isFinite(v)) bad('must hold finite numbers >= 0');
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-8 + 1e-5) bad(`must sum to 1 (sums to ${sum})`);
  return pri;
}

/**
 * Checks X/y shapes and y, and encodes y as indices into its sorted distinct labels — as
 * `encodeTargets` (model-checks.ts) but without its pass over X for non-finite values: the naive
 * Bayes fits detect those in their own single pass over X (a NaN or ±∞ makes a column sum
 * non-finite) and only then call `checkFinite` for the message, saving a pass over the data.
 *
 * @example
 * const { classes, yIdx } = encodeLabels('GaussianNB', X, y); // classes sorted, yIdx[i] indexes them
 */
export function encodeLabels(owner: string, X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): { classes: Float64Array; yIdx: Int32Array } {
  checkXy(owner, X, y);
  checkFeatureNameCount(owner, X, featureNames);
  return encodeClassLabels(owner, y);
}
