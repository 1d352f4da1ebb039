/**
 * Hyper-parameters shared by SVC and SVR (scikit-learn 1.2 names in camelCase) and their checks,
 * run in `fit` as the estimator contract asks.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { KERNELS, type KernelName, type KernelSpec } from './smo/kernel.js';
import type { SolverOptions } from './smo/svm-train.js';

/** `'scale'` = 1 / (nFeatures · X.var()), `'auto'` = 1 / nFeatures, or a number ≥ 0. */
export type Gamma = 'scale' | 'auto' | number;

/** Kernel and solver parameters common to {@link SVC} and {@link SVR}. */
export interface KernelSvmParams {
  /** 'rbf' (default), 'poly', 'linear' or 'sigmoid'. */
  kernel: KernelName;
  /** Degree of the polynomial kernel (integer ≥ 0). Default 3. */
  degree: number;
  /** Kernel coefficient for rbf/poly/sigmoid. Default 'scale'. */
  gamma: Gamma;
  /** Constant term of the poly and sigmoid kernels. Default 0. */
  coef0: number;
  /** Cost of margin violations (> 0). Default 1. */
  C: number;
  /** Stopping tolerance of SMO (> 0). Default 1e-3. */
  tol: number;
  /** Use libsvm's shrinking heuristic. Default true. */
  shrinking: boolean;
  /** Kernel cache budget in MB (> 0). Default 200. */
  cacheSize: number;
  /** Limit on SMO iterations per sub-problem; −1 (default) for none. */
  maxIter: number;
}

export const KERNEL_SVM_DEFAULTS: KernelSvmParams = {
  kernel: 'rbf',
  degree: 3,
  gamma: 'scale',
  coef0: 0,
  C: 1,
  tol: 1e-3,
  shrinking: true,
  cacheSize: 200,
  maxIter: -1,
};

/**
 * Validates the shared parameters and resolves gamma on the training matrix.
 *
 * @example
 * const opt = checkKernelSvmParams('SVC', params, X); // opt.spec.gamma resolved
 */
export function checkKernelSvmParams(owner: string, p: KernelSvmParams, X: Matrix): SolverOptions {
  const kernel = checkOneOf(owner, 'kernel', p.kernel, KERNELS);
  const degree = checkNumber(owner, 'degree', p.degree, { min: 0, integer: true });
  const coef0 = checkNumber(owner, 'coef0', p.coef0);
  checkNumber(owner, 'C', p.C, { min: 0, exclusiveMin: true });
  const eps = checkNumber(owner, 'tol', p.tol, { min: 0, exclusiveMin: true });
  const shrinking = checkOneOf(owner, 'shrinking', p.shrinking, [true, false] as const);
  const cacheSize = checkNumber(owner, 'cacheSize', p.cacheSize, { min: 0, exclusiveMin: true });
  const maxIter = p.maxIter;
  if (maxIter !== -1) checkNumber(owner, 'maxIter', maxIter, { min: 1, integer: true });
  const gamma = resolveGamma(owner, p.gamma, X);
  const spec: KernelSpec = { kernel, gamma, degree, coef0 };
  return { spec, eps, shrinking, maxIter, cacheBytes: cacheSize * 1024 * 1024 };
}

/**
 * scikit-learn's `_gamma`: 'scale' uses the variance of all values of X (1 when it is 0).
 *
 * @example
 * resolveGamma('SVC', 'auto', X); // 1 / X.cols
 */
export function resolveGamma(owner: string, gamma: unknown, X: Matrix): number {
  if (gamma === 'auto') return 1 / X.cols;
  if (gamma === 'scale') {
    const x = X.data, n = x.length;
    let mean = 0;
    for (let k = 0; k < n; k++) mean += x[k];
    mean /= n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (x[k] - mean) * (x[k] - mean);
    v /= n;
    return v !== 0 ? 1 / (X.cols * v) : 1;
  }
  if (typeof gamma === 'number' && Number.isFinite(gamma) && gamma >= 0) return gamma;
  throw new InvalidParamError(`${owner}: parameter 'gamma' must be 'scale', 'auto' or a number >= 0, got ${JSON.stringify(gamma)}`, {
    estimator: owner,
    param: 'gamma',
    value: gamma,
    allowed: "'scale', 'auto' or a number >= 0",
  });
}
