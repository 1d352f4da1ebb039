/**
 * Penalised logistic regression — scikit-learn's `LogisticRegression`: L2 (or none) by L-BFGS as its
 * 'lbfgs' solver; L1 and elastic-net by OWL-QN (`owlqn.ts`) on the same objective sklearn's 'saga'
 * solver minimises, C·Σ s_i·logloss_i + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖² (l1Ratio = 1 for 'l1'),
 * with an unpenalised intercept.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_logistic.py` (`_logistic_regression_path`):
 * the objective is Σ s_i·logloss_i + 1/(2C)·‖w‖² with an unpenalised intercept; more than two classes
 * use the multinomial (softmax) loss by default, or one binary problem per class with
 * `multiClass: 'ovr'`. Class weights follow sklearn exactly, including its quirk that 'balanced' is
 * computed on the one-vs-rest labels for 'ovr'.
 */
import type { StateValue } from '../../core/estimator.js';
import { ModelFileError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { releaseLogisticRows } from '../../kernels/logistic-pass.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { stateString } from '../../core/state-check.js';
import { type LbfgsOptions, type LbfgsResult, type LossGradient, minimizeLbfgs } from './solvers/lbfgs.js';
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
import { binaryLogisticLoss, multinomialLoss, sigmoid } from './logistic-loss.js';
import { minimizeOwlqn } from './solvers/owlqn.js';
import { rowStore, type RowStore } from './solvers/row-store.js';

/** Hyper-parameters of {@link LogisticRegression}. */
export interface LogisticRegressionParams {
  /** Inverse regularisation strength (> 0). Default 1. */
  C: number;
  /** 'l2' (default), 'l1', 'elasticnet' (mix set by `l1Ratio`) or 'none' (unpenalised). */
  penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
  /** Share of L1 in [0, 1] for penalty 'elasticnet' (required there, ignored otherwise). Default null. */
  l1Ratio: number | null;
  /** Fit an (unpenalised) intercept. Default true. */
  fitIntercept: boolean;
  /** Maximum L-BFGS iterations per problem. Default 100 (sklearn's). */
  maxIter: number;
  /** Stop when the largest gradient component is at most `tol`. Default 1e-4. */
  tol: number;
  /** Per-class weights. Default null. */
  classWeight: ClassWeight;
  /** 'auto' = multinomial for > 2 classes, binary otherwise. Default 'auto'. */
  multiClass: 'auto' | 'multinomial' | 'ovr';
}

/** How scores become probabilities; fixed at fit time by the class count and `multiClass`. */
export type LogisticMode = 'binary' | 'binary_multinomial' | 'multinomial' | 'ovr';

/** Learned state of {@link LogisticRegression}. */
export interface LogisticRegressionFitted extends LinearFitted {
  mode: LogisticMode;
}

const DEFAULTS: LogisticRegressionParams = {
  C: 1,
  penalty: 'l2',
  l1Ratio: null,
  fitIntercept: true,
  maxIter: 100,
  tol: 1e-4,
  classWeight: null,
  multiClass: 'auto',
};
const OWNER = 'LogisticRegression';
// scikit-learn's newer default; tighter than SciPy's 2.2e-9 so `tol` (the gradient test) decides.
const FTOL = 64 * 2.220446049250313e-16;

/**
 * Logistic regression classifier.
 *
 * @example
 * const lr = new LogisticRegression({ C: 0.5 }).fit(X, y);
 * const p = lr.predictProba(Xtest); // n × k, columns in lr.classes order
 */
export class LogisticRegression extends LinearClassifier<LogisticRegressionParams, LogisticRegressionFitted> {
  readonly type = 'logistic_regression';

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const p = this.params;
    const C = checkNumber(OWNER, 'C', p.C, { min: 0, exclusiveMin: true });
    const penalty = checkOneOf(OWNER, 'penalty', p.penalty, ['l2', 'l1', 'elasticnet', 'none'] as const);
    // sklearn requires l1_ratio for 'elasticnet' and ignores it otherwise.
    const l1Ratio = penalty === 'elasticnet' ? checkNumber(OWNER, 'l1Ratio', p.l1Ratio, { min: 0, max: 1 }) : penalty === 'l1' ? 1 : 0;
    const fitIntercept = checkOneOf(OWNER, 'fitIntercept', p.fitIntercept, [true, false] as const);
    const maxIter = checkNumber(OWNER, 'maxIter', p.maxIter, { min: 1, integer: true });
    const tol = checkNumber(OWNER, 'tol', p.tol, { min: 0, exclusiveMin: true });
    const cw = checkClassWeight(OWNER, p.classWeight);
    const multiClass = checkOneOf(OWNER, 'multiClass', p.multiClass, ['auto', 'multinomial', 'ovr'] as const);

    const { classes, yIdx } = encodeTargets(OWNER, X, y, options.featureNames);
    const k = classes.length, n = X.rows;
    const mode: LogisticMode =
      k === 2 ? (multiClass === 'multinomial' ? 'binary_multinomial' : 'binary') : multiClass === 'ovr' ? 'ovr' : 'multinomial';
    // Objective divided by C: Σ s_i·loss_i + (l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²) / C.
    const l2 = penalty === 'none' ? 0 : (1 - l1Ratio) / C;
    const l1 = penalty === 'none' ? 0 : l1Ratio / C;
    const perClass = classWeights(OWNER, cw, classes, yIdx);
    const sw = new Float64Array(n);
    for (let i = 0; i < n; i++) sw[i] = perClass[yIdx[i]];
    const rows = rowStore(X);
    let epoch = 0;
    const lbfgs: LbfgsOptions = {
      maxIter,
      gtol: tol,
      ftol: FTOL,
      onIteration: options.onEpochEnd && ((_: number, loss: number) => options.onEpochEnd!({ epoch: ++epoch, loss })),
    };

    try {
      this.fitted = { classes, ...this.solve(mode, rows, yIdx, k, sw, cw, l1, l2, fitIntercept, lbfgs), mode };
    } finally {
      // The kernels keep the rows resident only within this fit: X may be changed in place before the next.
      releaseLogisticRows();
    }
    return this;
  }

  private solve(
    mode: LogisticMode, rows: RowStore, yIdx: Int32Array, k: number, sw: Float64Array, cw: ClassWeight, l1: number, l2: number, fitIntercept: boolean, lbfgs: LbfgsOptions,
  ): { coef: Float64Array; intercept: Float64Array; nFeatures: number; nIter: number } {
    const n = rows.rows, d = rows.cols, nParams = d + (fitIntercept ? 1 : 0);
    let coef: Float64Array, intercept: Float64Array, nIter: number;
    if (mode === 'binary' || mode === 'binary_multinomial') {
      const y01 = new Float64Array(n);
      for (let i = 0; i < n; i++) y01[i] = yIdx[i];
      // Two-class softmax stays symmetric (w0 = −w1) from a zero start, so it is the binary problem
      // in v = 2·w1 with half the penalty; sklearn reports w1 = v / 2.
      const half = mode === 'binary_multinomial';
      // In v the L1 term |w0| + |w1| is |v|: only the L2 part halves.
      const res = minimize(binaryLogisticLoss(rows, y01, sw, half ? l2 / 2 : l2, fitIntercept), nParams, d, l1, lbfgs);
      const scale = half ? 0.5 : 1;
      coef = res.x.slice(0, d).map((v) => v * scale);
      intercept = Float64Array.of(fitIntercept ? res.x[d] * scale : 0);
      nIter = res.iterations;
    } else if (mode === 'multinomial') {
      const res = minimize(multinomialLoss(rows, yIdx, k, sw, l2, fitIntercept), k * d + (fitIntercept ? k : 0), k * d, l1, lbfgs);
      coef = res.x.slice(0, k * d);
      intercept = fitIntercept ? res.x.slice(k * d) : new Float64Array(k);
      // Softmax is invariant to a common shift of the intercepts; centre them so the result is canonical.
      if (fitIntercept) {
        const mean = intercept.reduce((a, b) => a + b, 0) / k;
        for (let c = 0; c < k; c++) intercept[c] -= mean;
      }
      nIter = res.iterations;
    } else {
      coef = new Float64Array(k * d);
      intercept = new Float64Array(k);
      nIter = 0;
      const y01 = new Float64Array(n);
      const swc = new Float64Array(n);
      for (let c = 0; c < k; c++) {
        let nPos = 0;
        for (let i = 0; i < n; i++) nPos += y01[i] = yIdx[i] === c ? 1 : 0;
        // sklearn computes 'balanced' on the one-vs-rest labels; a dict applies to the original labels.
        const wPos = n / (2 * nPos), wNeg = n / (2 * (n - nPos));
        for (let i = 0; i < n; i++) swc[i] = cw === 'balanced' ? (y01[i] === 1 ? wPos : wNeg) : sw[i];
        const res = minimize(binaryLogisticLoss(rows, y01, swc, l2, fitIntercept), nParams, d, l1, lbfgs);
        coef.set(res.x.subarray(0, d), c * d);
        intercept[c] = fitIntercept ? res.x[d] : 0;
        nIter = Math.max(nIter, res.iterations);
      }
    }
    return { coef, intercept, nFeatures: d, nIter };
  }

  /** Class probabilities, n × k in `classes` order. */
  predictProba(X: Matrix): Matrix {
    const f = this.requireFitted();
    const s = this.decisionFunction(X);
    const n = X.rows, k = f.classes.length;
    const out = new Matrix(n, k);
    const o = out.data, z = s.data;
    if (f.mode === 'binary' || f.mode === 'binary_multinomial') {
      const m = f.mode === 'binary' ? 1 : 2; // softmax([−d, d]) = sigmoid(2d)
      for (let i = 0; i < n; i++) {
        const p1 = sigmoid(m * z[i]);
        o[2 * i] = 1 - p1;
        o[2 * i + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      const off = i * k;
      let sum = 0;
      if (f.mode === 'multinomial') {
        let zmax = -Infinity;
        for (let c = 0; c < k; c++) zmax = Math.max(zmax, z[off + c]);
        for (let c = 0; c < k; c++) sum += o[off + c] = Math.exp(z[off + c] - zmax);
      } else {
        // One-vs-rest: independent sigmoids renormalised to sum to 1 (sklearn's `_predict_proba_lr`).
        for (let c = 0; c < k; c++) sum += o[off + c] = sigmoid(z[off + c]);
      }
      for (let c = 0; c < k; c++) o[off + c] /= sum;
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): LogisticRegressionFitted {
    const base = checkLinearFitted(fitted);
    const mode = stateString(fitted, 'mode') as LogisticMode;
    const binary = base.classes.length === 2;
    const ok = binary ? mode === 'binary' || mode === 'binary_multinomial' : mode === 'multinomial' || mode === 'ovr';
    if (!ok) throw new ModelFileError(`model file: logistic regression mode '${mode}' does not fit ${base.classes.length} classes`, { field: 'mode' });
    return { ...base, mode };
  }
}

/**
 * Minimises `fg` (+ l1·Σ|x_j| over the first `nPenalised` parameters, i.e. not the intercepts) from
 * zero: L-BFGS when there is no L1 term, OWL-QN otherwise.
 */
function minimize(fg: LossGradient, nParams: number, nPenalised: number, l1: number, options: LbfgsOptions): LbfgsResult {
  const x0 = new Float64Array(nParams);
  if (l1 === 0) return minimizeLbfgs(fg, x0, options);
  const weights = new Float64Array(nParams);
  weights.fill(l1, 0, nPenalised);
  return minimizeOwlqn(fg, x0, weights, options);
}
