/**
 * Gaussian naive Bayes — scikit-learn's `GaussianNB`.
 *
 * Reference: scikit-learn 1.2 `sklearn/naive_bayes.py` (`GaussianNB._partial_fit`,
 * `_joint_log_likelihood`): per class, the mean and (biased) variance of every feature; every variance
 * is increased by ε = varSmoothing · (largest feature variance over all rows) so that a feature that is
 * constant within a class does not give a zero variance. The joint log-likelihood is
 * log prior_c − ½ Σ_j log(2π σ²_cj) − ½ Σ_j (x_j − θ_cj)² / σ²_cj.
 */
import { DataError, ModelFileError } from '../../core/errors.js';
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { checkNumber } from '../../core/params.js';
import { stateArray, stateNumber } from '../../core/state-check.js';
import { checkFinite } from '../model-checks.js';
import { NaiveBayes, checkPriors, encodeLabels, numpySum, type NaiveBayesFitted } from './naive-bayes-base.js';

/** Hyper-parameters of {@link GaussianNB}. */
export interface GaussianNBParams {
  /** Class priors (one per sorted class, summing to 1), or null to use the class frequencies. Default null. */
  priors: number[] | null;
  /** Share of the largest feature variance added to every variance, a number >= 0. Default 1e-9. */
  varSmoothing: number;
}

/** Learned state of {@link GaussianNB}. */
export interface GaussianNBFitted extends NaiveBayesFitted {
  /** Per-class feature means, row-major k × nFeatures. */
  theta: Float64Array;
  /** Per-class feature variances (+ epsilon), row-major k × nFeatures. */
  variance: Float64Array;
  classPrior: Float64Array;
  /** The smoothing ε added to every variance. */
  epsilon: number;
}

const OWNER = 'GaussianNB';

/**
 * Gaussian naive Bayes classifier.
 *
 * @example
 * const nb = new GaussianNB().fit(X, y);
 * const p = nb.predictProba(Xtest); // n × k, columns in nb.classes order
 */
export class GaussianNB extends NaiveBayes<GaussianNBParams, GaussianNBFitted> {
  readonly type = 'naive_bayes';

  constructor(params: Partial<GaussianNBParams> = {}) {
    super({ priors: null, varSmoothing: 1e-9 }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const varSmoothing = checkNumber(OWNER, 'varSmoothing', this.params.varSmoothing, { min: 0 });
    const { classes, yIdx } = encodeLabels(OWNER, X, y, options.featureNames);
    const priors = checkPriors(OWNER, 'priors', this.params.priors, classes.length);
    const n = X.rows, d = X.cols, k = classes.length, x = X.data;

    // ε from the variance over all rows (numpy's np.var: the mean first, then mean squared deviation).
    const allMean = new Float64Array(d);
    const allVar = columnVariances(x, n, d, null, 0, allMean);
    // A NaN or ±∞ anywhere makes its column's sum non-finite: only then scan X to name the cell.
    if (!allMean.every(Number.isFinite)) checkFinite(OWNER, X, options.featureNames);
    let maxVar = 0;
    for (let j = 0; j < d; j++) maxVar = Math.max(maxVar, allVar[j]);
    const epsilon = varSmoothing * maxVar;

    const theta = new Float64Array(k * d), variance = new Float64Array(k * d), classCount = new Float64Array(k);
    for (let i = 0; i < n; i++) classCount[yIdx[i]]++;
    for (let c = 0; c < k; c++) {
      const v = columnVariances(x, n, d, yIdx, c, theta.subarray(c * d, (c + 1) * d));
      for (let j = 0; j < d; j++) {
        const s = v[j] + epsilon;
        if (!(s > 0)) {
          const name = options.featureNames?.[j];
          throw new DataError(
            `${OWNER}: feature column ${j}${name !== undefined ? ` ('${name}')` : ''} is constant within class ${classes[c]} and every feature of X is constant, ` +
              `so no variance is left to smooth with; drop constant features or raise varSmoothing`,
            { estimator: OWNER, column: j, feature: name ?? null, class: classes[c] },
          );
        }
        variance[c * d + j] = s;
      }
    }
    const classPrior = priors ?? classCount.map((v) => v / n);
    this.fitted = { classes, nFeatures: d, classCount, theta, variance, classPrior, epsilon };
    return this;
  }

  /** Per-class feature means, k × nFeatures. */
  get theta(): Matrix {
    const f = this.requireFitted();
    return new Matrix(f.classes.length, f.nFeatures, f.theta.slice());
  }

  /** Per-class feature variances (smoothing included), k × nFeatures. */
  get variance(): Matrix {
    const f = this.requireFitted();
    return new Matrix(f.classes.length, f.nFeatures, f.variance.slice());
  }

  protected jointLogLikelihood(X: Matrix, f: GaussianNBFitted): Matrix {
    const n = X.rows, d = X.cols, k = f.classes.length, x = X.data;
    const out = new Matrix(n, k);
    const terms = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      const th = c * d;
      for (let j = 0; j < d; j++) terms[j] = Math.log(2 * Math.PI * f.variance[th + j]);
      const norm = -0.5 * numpySum(terms, 0, d);
      const logPrior = Math.log(f.classPrior[c]);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const t = x[i * d + j] - f.theta[th + j];
          terms[j] = (t * t) / f.variance[th + j];
        }
        out.data[i * k + c] = logPrior + (norm - 0.5 * numpySum(terms, 0, d));
      }
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): GaussianNBFitted {
    const classes = stateArray(fitted, 'classes', Float64Array);
    const nFeatures = stateNumber(fitted, 'nFeatures');
    if (classes.length < 2 || !Number.isInteger(nFeatures) || nFeatures < 0) {
      throw new ModelFileError(`model file: GaussianNB has ${classes.length} classes and nFeatures ${nFeatures}`, { field: 'classes' });
    }
    const k = classes.length;
    return {
      classes, nFeatures,
      classCount: stateArray(fitted, 'classCount', Float64Array, k),
      theta: stateArray(fitted, 'theta', Float64Array, k * nFeatures),
      variance: stateArray(fitted, 'variance', Float64Array, k * nFeatures),
      classPrior: stateArray(fitted, 'classPrior', Float64Array, k),
      epsilon: stateNumber(fitted, 'epsilon'),
    };
  }
}

/**
 * Biased variance of every column over the rows of class `c` (all rows when `yIdx` is null), as
 * np.var computes it (column sums accumulated row by row). The means go to `meanOut` when given.
 */
function columnVariances(x: Float64Array, n: number, d: number, yIdx: Int32Array | null, c: number, meanOut?: Float64Array): Float64Array {
  const mean = meanOut ?? new Float64Array(d);
  mean.fill(0);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (yIdx !== null && yIdx[i] !== c) continue;
    count++;
    for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= count;
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (yIdx !== null && yIdx[i] !== c) continue;
    for (let j = 0; j < d; j++) {
      const t = x[i * d + j] - mean[j];
      v[j] += t * t;
    }
  }
  for (let j = 0; j < d; j++) v[j] /= count;
  return v;
}
