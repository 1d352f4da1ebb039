/**
 * Kernel support vector regression — scikit-learn 1.2's `SVR` (libsvm ε-SVR).
 *
 * References: libsvm 3.x `svm.cpp` (`solve_epsilon_svr`, `SVR_Q`: the 2l-variable dual of the
 * ε-insensitive loss; Chang & Lin, ACM TIST 2011) and `sklearn/svm/_classes.py::SVR`
 * (`intercept_ = −ρ`, `dual_coef_ = α⁺ − α⁻`). The solver is `smo-solver.ts`.
 */
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { checkNumber } from '../../core/params.js';
import { checkPredictX, checkRegressionFit } from '../model-checks.js';
import { KernelSvm, supportVectorState, withKernelRows } from './kernel-svm-base.js';
import { checkSvrFitted, kernelSpecOf, type SVRFitted } from './svc-state.js';
import { KERNEL_SVM_DEFAULTS, checkKernelSvmParams, type KernelSvmParams } from './svm-params.js';
import { kernelRow } from './svm-scoring.js';
import { trainSvr } from './smo/svm-train.js';

/** Hyper-parameters of {@link SVR}. */
export interface SVRParams extends KernelSvmParams {
  /** Half-width of the tube within which errors cost nothing (≥ 0). Default 0.1. */
  epsilon: number;
}

const DEFAULTS: SVRParams = { ...KERNEL_SVM_DEFAULTS, epsilon: 0.1 };
const OWNER = 'SVR';

/**
 * Kernel SVM regressor (spec name `svr`).
 *
 * @example
 * const svr = new SVR({ kernel: 'rbf', C: 1, epsilon: 0.1 }).fit(X, y);
 * const yHat = svr.predict(Xtest);
 */
export class SVR extends KernelSvm<SVRParams, SVRFitted> {
  readonly type = 'svr';

  constructor(params: Partial<SVRParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const target = checkRegressionFit(OWNER, X, y, options.featureNames);
    const opt = checkKernelSvmParams(OWNER, this.params, X);
    const epsilon = checkNumber(OWNER, 'epsilon', this.params.epsilon, { min: 0 });
    const sol = withKernelRows(X, opt.spec, (kr) => trainSvr(kr, target, this.params.C, epsilon, opt));
    this.fitted = {
      ...supportVectorState(X, sol.support, opt.spec),
      dualCoef: sol.coef,
      intercept: -sol.rho,
      nIter: sol.iterations,
      fitStatus: sol.timedOut ? 1 : 0,
    };
    return this;
  }

  /** scikit-learn's `dual_coef_` (α⁺ − α⁻ per support vector). */
  get dualCoef(): Float64Array {
    return this.requireFitted().dualCoef.slice();
  }

  /** scikit-learn's `intercept_` (−ρ). */
  get intercept(): number {
    return this.requireFitted().intercept;
  }

  /** SMO iterations. */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    checkPredictX(OWNER, X, f.nFeatures);
    const sv = this.supportRows(f), spec = kernelSpecOf(f), coef = f.dualCoef;
    const kv = new Float64Array(sv.rows);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      kernelRow(X, i, sv, spec, kv);
      let s = 0;
      for (let t = 0; t < kv.length; t++) s += coef[t] * kv[t];
      out[i] = s + f.intercept;
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): SVRFitted {
    return checkSvrFitted(fitted);
  }
}
