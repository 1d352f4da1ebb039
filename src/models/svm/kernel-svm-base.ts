/**
 * What `SVC` and `SVR` share around their libsvm solvers (libsvm 3.x `svm.cpp`, `svm_train`: the
 * model keeps copies of its support vectors and the kernel it was trained with): running a solver on
 * cached kernel rows, packing the support vectors into the fitted state, the accessors over them and
 * the packed rows used for scoring.
 */
import { Estimator } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { FeatureRows } from './smo/feature-rows.js';
import type { KernelSpec } from './smo/kernel.js';
import { KernelRows } from './smo/kernel-threads.js';
import type { FittedKernel } from './svc-state.js';
import type { KernelSvmParams } from './svm-params.js';

/** The fitted fields both kernel SVMs store. */
export interface KernelSvmFitted extends FittedKernel {
  nFeatures: number;
  /** nSV × nFeatures, row-major. */
  supportVectors: Float64Array;
  support: Int32Array;
  fitStatus: number;
}

/**
 * Runs `train` on kernel rows over X (kernel worker threads and cache), closing them even when it throws.
 *
 * @example
 * const sol = withKernelRows(X, opt.spec, (kr) => trainSvr(kr, target, C, epsilon, opt));
 */
export function withKernelRows<T>(X: Matrix, spec: KernelSpec, train: (kr: KernelRows) => T): T {
  const kr = new KernelRows(new FeatureRows(X), spec);
  try {
    return train(kr);
  } finally {
    kr.close();
  }
}

/**
 * The fitted-state fields of the support vectors (rows `support` of X, copied) and of the kernel
 * (`fitStatus` is the caller's, last in the saved state).
 *
 * @example
 * this.fitted = { ...supportVectorState(X, sol.support, opt.spec), dualCoef: sol.coef, ..., fitStatus: 0 };
 */
export function supportVectorState(X: Matrix, support: Int32Array, spec: KernelSpec): Omit<KernelSvmFitted, 'fitStatus'> {
  const d = X.cols;
  const supportVectors = new Float64Array(support.length * d);
  for (let s = 0; s < support.length; s++) supportVectors.set(X.data.subarray(support[s] * d, (support[s] + 1) * d), s * d);
  return {
    nFeatures: d,
    kernel: spec.kernel,
    gamma: spec.gamma,
    degree: spec.degree,
    coef0: spec.coef0,
    supportVectors,
    support,
  };
}

/**
 * Base of the kernel SVMs: accessors over the support vectors and their packed scoring rows.
 *
 * @example
 * class SVR extends KernelSvm<SVRParams, SVRFitted> { ... }
 */
export abstract class KernelSvm<P extends KernelSvmParams, F extends KernelSvmFitted> extends Estimator<P, F> {
  /** Support vectors packed for scoring; rebuilt when `fitted` changes (not part of the saved state). */
  private scorer: { of: F; rows: FeatureRows } | null = null;

  /** Indices (into the training rows) of the support vectors (grouped by class for SVC). */
  get support(): Int32Array {
    return this.requireFitted().support.slice();
  }

  /** The support vectors, nSV × nFeatures. */
  get supportVectors(): Matrix {
    const f = this.requireFitted();
    return new Matrix(f.support.length, f.nFeatures, f.supportVectors.slice());
  }

  /** The gamma used (scikit-learn's `_gamma`). */
  get gamma(): number {
    return this.requireFitted().gamma;
  }

  /** 1 when `maxIter` stopped SMO (a sub-problem for SVC) before convergence, else 0 (sklearn's `fit_status_`). */
  get fitStatus(): number {
    return this.requireFitted().fitStatus;
  }

  /** The support vectors of `f` packed for kernel evaluation (cached per fitted state). */
  protected supportRows(f: F): FeatureRows {
    if (this.scorer?.of !== f) this.scorer = { of: f, rows: new FeatureRows(new Matrix(f.support.length, f.nFeatures, f.supportVectors)) };
    return this.scorer.rows;
  }
}
