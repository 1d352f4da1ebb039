/**
 * Saved learned state of {@link SVC} and {@link SVR}, with schema checks so that a tampered or
 * mismatched model file fails with `E_MODEL_FILE` instead of scoring garbage.
 */
import { ModelFileError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import { stateArray, stateNumber, stateString } from '../../core/state-check.js';
import { KERNELS, type KernelName, type KernelSpec } from './smo/kernel.js';
import type { SvcSolution } from './smo/svm-train.js';

/** The kernel as fitted (gamma resolved), saved with the model so later `setParams` cannot change it. */
export interface FittedKernel {
  kernel: KernelName;
  gamma: number;
  degree: number;
  coef0: number;
}

/** Learned state of an SVC (libsvm's model layout): the solver's solution (without its time-out flag) and what predicting needs besides. */
export interface SVCFitted extends FittedKernel, Omit<SvcSolution, 'timedOut'> {
  classes: Float64Array;
  nFeatures: number;
  /** nSV × nFeatures, row-major, grouped by class. */
  supportVectors: Float64Array;
  fitStatus: number;
}

/** Learned state of an SVR. */
export interface SVRFitted extends FittedKernel {
  nFeatures: number;
  supportVectors: Float64Array;
  support: Int32Array;
  dualCoef: Float64Array;
  intercept: number;
  nIter: number;
  fitStatus: number;
}

/**
 * 
 *
 * @example
 * const spec = kernelSpecOf(fitted); // { kernel, gamma, degree, coef0 }
 */
export function kernelSpecOf(f: FittedKernel): KernelSpec {
  return { kernel: f.kernel, gamma: f.gamma, degree: f.degree, coef0: f.coef0 };
}

function checkKernel(fitted: { [k: string]: StateValue }): FittedKernel & { nFeatures: number } {
  const kernel = stateString(fitted, 'kernel') as KernelName;
  if (!KERNELS.includes(kernel)) throw new ModelFileError(`model file: unknown kernel '${kernel}'`, { field: 'kernel' });
  const nFeatures = stateNumber(fitted, 'nFeatures');
  const degree = stateNumber(fitted, 'degree');
  if (!Number.isInteger(nFeatures) || nFeatures < 0 || !Number.isInteger(degree) || degree < 0) {
    throw new ModelFileError(`model file: nFeatures (${nFeatures}) and degree (${degree}) must be integers >= 0`, { field: 'nFeatures' });
  }
  return { kernel, gamma: stateNumber(fitted, 'gamma'), degree, coef0: stateNumber(fitted, 'coef0'), nFeatures };
}

function inconsistent(what: string): ModelFileError {
  return new ModelFileError(`model file: SVM state is inconsistent (${what})`, { field: what });
}

/**
 * 
 *
 * @example
 * protected checkFitted(f) { return checkSvcFitted(f); }
 */
export function checkSvcFitted(fitted: { [k: string]: StateValue }): SVCFitted {
  const base = checkKernel(fitted);
  const classes = stateArray(fitted, 'classes', Float64Array);
  const k = classes.length, pairs = (k * (k - 1)) / 2;
  if (k < 2) throw inconsistent('classes');
  const support = stateArray(fitted, 'support', Int32Array);
  const nSV = support.length;
  const nSupport = stateArray(fitted, 'nSupport', Int32Array, k);
  if (nSupport.reduce((a, b) => a + b, 0) !== nSV) throw inconsistent('nSupport');
  const probA = stateArray(fitted, 'probA', Float64Array);
  if (probA.length !== 0 && probA.length !== pairs) throw inconsistent('probA');
  return {
    ...base,
    classes,
    supportVectors: stateArray(fitted, 'supportVectors', Float64Array, nSV * base.nFeatures),
    support,
    nSupport,
    svCoef: stateArray(fitted, 'svCoef', Float64Array, (k - 1) * nSV),
    rho: stateArray(fitted, 'rho', Float64Array, pairs),
    probA,
    probB: stateArray(fitted, 'probB', Float64Array, probA.length),
    nIter: stateArray(fitted, 'nIter', Int32Array, pairs),
    fitStatus: stateNumber(fitted, 'fitStatus'),
  };
}

/**
 * 
 *
 * @example
 * protected checkFitted(f) { return checkSvrFitted(f); }
 */
export function checkSvrFitted(fitted: { [k: string]: StateValue }): SVRFitted {
  const base = checkKernel(fitted);
  const support = stateArray(fitted, 'support', Int32Array);
  const nSV = support.length;
  return {
    ...base,
    supportVectors: stateArray(fitted, 'supportVectors', Float64Array, nSV * base.nFeatures),
    support,
    dualCoef: stateArray(fitted, 'dualCoef', Float64Array, nSV),
    intercept: stateNumber(fitted, 'intercept'),
    nIter: stateNumber(fitted, 'nIter'),
    fitStatus: stateNumber(fitted, 'fitStatus'),
  };
}
