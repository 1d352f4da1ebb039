/**
 * Linear support vector classifier — scikit-learn's `LinearSVC` (liblinear, dual formulation,
 * `multi_class='ovr'`).
 *
 * References: liblinear `train()` in `linear.cpp` (one-vs-rest: class c is +1 with cost C·w_c, the
 * rest −1 with cost C; two classes: one problem, the positive class gets C·w_pos, the negative
 * C·w_neg) and scikit-learn 1.2 `sklearn/svm/_base.py::_fit_liblinear` (intercept = interceptScaling ·
 * bias weight). The solver is in `dual-coordinate-descent.ts`. Like sklearn, no `predictProba`:
 * SVM scores are not probabilities (calibrate them separately if needed).
 */
import type { StateValue } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { Rng } from '../../core/rng.js';
import { solveDualCd } from './solvers/dual-coordinate-descent.js';
import { rowStore } from './solvers/row-store.js';
import {
  type ClassWeight,
  type LinearFitOptions,
  type LinearFitted,
  checkClassWeight,
  checkLinearFitted,
  classWeights,
  encodeTargets,
} from './linear-common.js';
import { LinearClassifier } from './linear-classifier.js';

/** Hyper-parameters of {@link LinearSVC}. */
export interface LinearSVCParams {
  /** Cost of margin violations (> 0). Default 1. */
  C: number;
  /** 'squared_hinge' (default, as sklearn) or 'hinge'. */
  loss: 'squared_hinge' | 'hinge';
  /** Fit an intercept (as a penalised extra feature, like liblinear). Default true. */
  fitIntercept: boolean;
  /** Value of the extra intercept feature; larger values lessen the intercept's penalty. Default 1. */
  interceptScaling: number;
  /** Maximum passes over the data per problem. Default 1000. */
  maxIter: number;
  /** Stopping tolerance on the projected-gradient spread. Default 1e-4. */
  tol: number;
  /** Per-class weights multiplying C. Default null. */
  classWeight: ClassWeight;
  /** Seed of the coordinate permutation. Default 0. */
  seed: number;
}

const DEFAULTS: LinearSVCParams = {
  C: 1,
  loss: 'squared_hinge',
  fitIntercept: true,
  interceptScaling: 1,
  maxIter: 1000,
  tol: 1e-4,
  classWeight: null,
  seed: 0,
};
const OWNER = 'LinearSVC';

/**
 * Linear SVM classifier (one-vs-rest for more than two classes).
 *
 * @example
 * const svm = new LinearSVC({ C: 0.1 }).fit(X, y);
 * const scores = svm.decisionFunction(Xtest); // n × 1 for two classes
 */
export class LinearSVC extends LinearClassifier<LinearSVCParams, LinearFitted> {
  readonly type = 'linear_svm';

  constructor(params: Partial<LinearSVCParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const p = this.params;
    const C = checkNumber(OWNER, 'C', p.C, { min: 0, exclusiveMin: true });
    const loss = checkOneOf(OWNER, 'loss', p.loss, ['squared_hinge', 'hinge'] as const);
    const fitIntercept = checkOneOf(OWNER, 'fitIntercept', p.fitIntercept, [true, false] as const);
    const interceptScaling = checkNumber(OWNER, 'interceptScaling', p.interceptScaling, { min: 0, exclusiveMin: true });
    const maxIter = checkNumber(OWNER, 'maxIter', p.maxIter, { min: 1, integer: true });
    const tol = checkNumber(OWNER, 'tol', p.tol, { min: 0, exclusiveMin: true });
    const cw = checkClassWeight(OWNER, p.classWeight);
    const seed = checkNumber(OWNER, 'seed', p.seed, { integer: true });

    const { classes, yIdx } = encodeTargets(OWNER, X, y, options.featureNames);
    const k = classes.length, n = X.rows, d = X.cols;
    const weights = classWeights(OWNER, cw, classes, yIdx);
    const rng = new Rng(seed);
    const bias = fitIntercept ? interceptScaling : -1;
    const problems = k === 2 ? 1 : k;
    const coef = new Float64Array(problems * d);
    const intercept = new Float64Array(problems);
    const rows = rowStore(X);
    const ySigned = new Int8Array(n);
    const cost = new Float64Array(n);
    let nIter = 0;
    for (let c = 0; c < problems; c++) {
      const pos = k === 2 ? 1 : c;
      for (let i = 0; i < n; i++) {
        const isPos = yIdx[i] === pos;
        ySigned[i] = isPos ? 1 : -1;
        // liblinear: two classes weight both sides; one-vs-rest weights only the "one" side.
        cost[i] = isPos ? C * weights[pos] : k === 2 ? C * weights[0] : C;
      }
      const res = solveDualCd({ X: rows, y: ySigned, cost, loss, bias, tol, maxIter, rng });
      coef.set(res.w.subarray(0, d), c * d);
      intercept[c] = fitIntercept ? interceptScaling * res.w[d] : 0;
      nIter = Math.max(nIter, res.iterations);
    }
    this.fitted = { classes, coef, intercept, nFeatures: d, nIter };
    return this;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): LinearFitted {
    return checkLinearFitted(fitted);
  }
}
