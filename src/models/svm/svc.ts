/**
 * Kernel support vector classifier — scikit-learn 1.2's `SVC` (libsvm C-SVC, one-vs-one).
 *
 * References: libsvm 3.x `svm.cpp` (Chang & Lin, "LIBSVM: a library for support vector machines",
 * ACM TIST 2011) as bundled in scikit-learn (`sklearn/svm/src/libsvm/svm.cpp`), and
 * `sklearn/svm/_base.py` (`BaseSVC`: the sign flip of binary dual coefficients and intercept, the
 * ovr decision function, `predict_proba` only with `probability=True`). The solver is
 * `smo-solver.ts`, training drivers `svm-train.ts`, Platt scaling `platt.ts`.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { Classifier, FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { Rng } from '../../core/rng.js';
import { checkClassWeight, checkPredictX, classWeights, encodeTargets, type ClassWeight } from '../linear/linear-common.js';
import { KernelSvm, supportVectorState, withKernelRows } from './kernel-svm-base.js';
import { MIN_PROB, multiclassProbability, sigmoidPredict } from './platt.js';
import { checkSvcFitted, type SVCFitted, kernelSpecOf } from './svc-state.js';
import { KERNEL_SVM_DEFAULTS, checkKernelSvmParams, type KernelSvmParams } from './svm-params.js';
import { ovoDecisions, ovrFromOvo, voteClasses } from './svm-scoring.js';
import { trainSvc } from './smo/svm-train.js';

/** Hyper-parameters of {@link SVC}. */
export interface SVCParams extends KernelSvmParams {
  /** Fit Platt-scaled probabilities (5-fold internal CV; about 6× the fit time). Default false. */
  probability: boolean;
  /** Per-class weights multiplying C: null, 'balanced' or `{ label: weight }`. Default null. */
  classWeight: ClassWeight;
  /** 'ovr' (default): n × k votes + confidences; 'ovo': the n × k(k−1)/2 pairwise values. */
  decisionFunctionShape: 'ovr' | 'ovo';
  /** With 'ovr' and more than two classes, predict the argmax of the decision function. Default false. */
  breakTies: boolean;
  /** Seed of the internal cross-validation of `probability`. Default 0. */
  seed: number;
}

const DEFAULTS: SVCParams = {
  ...KERNEL_SVM_DEFAULTS,
  probability: false,
  classWeight: null,
  decisionFunctionShape: 'ovr',
  breakTies: false,
  seed: 0,
};
const OWNER = 'SVC';

/**
 * Kernel SVM classifier (spec name `svm`).
 *
 * @example
 * const svc = new SVC({ kernel: 'rbf', C: 1, probability: true }).fit(X, y);
 * const labels = svc.predict(Xtest);
 * const p = svc.predictProba(Xtest); // n × k, needs probability: true
 */
export class SVC extends KernelSvm<SVCParams, SVCFitted> implements Classifier {
  readonly type = 'svm';

  constructor(params: Partial<SVCParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const p = this.params;
    const { classes, yIdx } = encodeTargets(OWNER, X, y, options.featureNames);
    const opt = checkKernelSvmParams(OWNER, p, X);
    const probability = checkOneOf(OWNER, 'probability', p.probability, [true, false] as const);
    const cw = checkClassWeight(OWNER, p.classWeight);
    checkOneOf(OWNER, 'decisionFunctionShape', p.decisionFunctionShape, ['ovr', 'ovo'] as const);
    checkOneOf(OWNER, 'breakTies', p.breakTies, [true, false] as const);
    const seed = checkNumber(OWNER, 'seed', p.seed, { integer: true });
    const k = classes.length;
    const weightedC = classWeights(OWNER, cw, classes, yIdx).map((w) => w * p.C);
    const sol = withKernelRows(X, opt.spec, (kr) => trainSvc(kr, yIdx, k, weightedC, opt, probability ? new Rng(seed) : null));
    this.fitted = {
      classes,
      ...supportVectorState(X, sol.support, opt.spec),
      nSupport: sol.nSupport,
      svCoef: sol.svCoef,
      rho: sol.rho,
      probA: sol.probA,
      probB: sol.probB,
      nIter: sol.nIter,
      fitStatus: sol.timedOut ? 1 : 0,
    };
    return this;
  }

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** True when the model was fitted with `probability: true` (only then `predictProba` works). */
  get hasProbabilities(): boolean {
    return this.fitted ? this.fitted.probA.length > 0 : this.params.probability === true;
  }

  /** Number of support vectors per class. */
  get nSupport(): Int32Array {
    return this.requireFitted().nSupport.slice();
  }

  /** scikit-learn's `dual_coef_`: (k − 1) × nSV (sign flipped for two classes, as sklearn does). */
  get dualCoef(): Matrix {
    const f = this.requireFitted();
    const sign = f.classes.length === 2 ? -1 : 1;
    return new Matrix(f.classes.length - 1, f.support.length, f.svCoef.map((v) => sign * v));
  }

  /** scikit-learn's `intercept_`: −ρ per pair (ρ for two classes). */
  get intercept(): Float64Array {
    const f = this.requireFitted();
    return f.rho.map((r) => (f.classes.length === 2 ? r : -r));
  }

  /** SMO iterations per pairwise problem. */
  get nIter(): Int32Array {
    return this.requireFitted().nIter.slice();
  }

  /**
   * Signed scores: n × 1 for two classes (positive → `classes[1]`), otherwise n × k ('ovr') or
   * n × k(k−1)/2 ('ovo', pairs (0,1), (0,2), …; positive → the first class of the pair).
   */
  decisionFunction(X: Matrix): Matrix {
    const f = this.requireFitted();
    const dec = this.ovo(X);
    const k = f.classes.length;
    if (k === 2) {
      for (let i = 0; i < dec.data.length; i++) dec.data[i] = -dec.data[i];
      return dec;
    }
    return this.params.decisionFunctionShape === 'ovo' ? dec : ovrFromOvo(dec, k);
  }

  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const k = f.classes.length;
    let idx: Int32Array;
    if (this.params.breakTies && this.params.decisionFunctionShape === 'ovr' && k > 2) {
      const s = ovrFromOvo(this.ovo(X), k);
      idx = new Int32Array(X.rows);
      for (let i = 0; i < X.rows; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (s.data[i * k + c] > s.data[i * k + best]) best = c;
        idx[i] = best;
      }
    } else idx = voteClasses(this.ovo(X), k);
    return Float64Array.from(idx, (c) => f.classes[c]);
  }

  /** Class probabilities (Platt scaling + pairwise coupling), n × k; needs `probability: true`. */
  predictProba(X: Matrix): Matrix {
    const f = this.requireFitted();
    if (f.probA.length === 0) {
      throw new InvalidParamError(
        `${OWNER}: predictProba needs a model fitted with probability: true (this one was fitted with probability: false); ` +
          `set probability: true and fit again, or use decisionFunction for scores`,
        { estimator: OWNER, param: 'probability', value: false },
      );
    }
    const dec = this.ovo(X);
    const k = f.classes.length, pairs = dec.cols;
    const out = new Matrix(X.rows, k);
    const r = new Float64Array(k * k), Q = new Float64Array(k * k), Qp = new Float64Array(k), pr = new Float64Array(k);
    for (let n = 0; n < X.rows; n++) {
      for (let i = 0, p = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++, p++) {
          const v = Math.min(Math.max(sigmoidPredict(dec.data[n * pairs + p], f.probA[p], f.probB[p]), MIN_PROB), 1 - MIN_PROB);
          r[i * k + j] = v;
          r[j * k + i] = 1 - v;
        }
      }
      multiclassProbability(k, r, pr, Q, Qp);
      out.data.set(pr, n * k);
    }
    return out;
  }

  /** libsvm-orientation pairwise decision values (checks the fitted state and X first). */
  private ovo(X: Matrix): Matrix {
    const f = this.requireFitted();
    checkPredictX(OWNER, X, f.nFeatures);
    return ovoDecisions(X, this.supportRows(f), kernelSpecOf(f), f.svCoef, f.nSupport, f.rho);
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): SVCFitted {
    return checkSvcFitted(fitted);
  }
}
