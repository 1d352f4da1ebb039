/**
 * Linear classifier trained by stochastic gradient descent — scikit-learn's `SGDClassifier`, for data
 * too large for a batch solver (one pass touches each row once; memory is one weight vector).
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_stochastic_gradient.py` (`SGDClassifier`,
 * `fit_binary`): labels become ±1; two classes fit one problem (positive = the larger label, weighted
 * by its class weight, the other by its own), more classes fit one-vs-rest problems, each with its own
 * seed. Probabilities exist for 'log_loss' (logistic) and 'modified_huber' (clipped, as sklearn's
 * `predict_proba`), not for the hinge losses. The solver is in `sgd-solver.ts`.
 */
import type { StateValue } from '../../../core/estimator.js';
import { Matrix } from '../../../core/matrix.js';
import { checkOneOf } from '../../../core/params.js';
import { Rng } from '../../../core/rng.js';
import { type ClassWeight, type LinearFitOptions, type LinearFitted, checkClassWeight, checkLinearFitted, classWeights, encodeTargets } from '../linear-common.js';
import { LinearClassifier } from '../linear-classifier.js';
import { CLASSIFICATION_LOSSES, type SgdClassificationLoss, lossCode } from './sgd-losses.js';
import { SGD_COMMON_DEFAULTS, type SgdCommonParams, checkSgdParams } from './sgd-params.js';
import { plainSgd } from './sgd-solver.js';

/** Hyper-parameters of {@link SGDClassifier} (see `SgdCommonParams` for the shared ones). */
export interface SGDClassifierParams extends SgdCommonParams {
  /** 'hinge' (linear SVM, default), 'log_loss' (logistic), 'modified_huber', 'squared_hinge' or 'perceptron'. */
  loss: SgdClassificationLoss;
  /** Per-class weights multiplying each row's update. Default null. */
  classWeight: ClassWeight;
}

const OWNER = 'SGDClassifier';

/**
 * Linear classifier (SVM, logistic regression, ...) fitted by SGD.
 *
 * @example
 * const clf = new SGDClassifier({ loss: 'log_loss', alpha: 1e-4, seed: 1 }).fit(X, y);
 * const p = clf.predictProba!(Xtest); // n × k (log_loss and modified_huber only)
 */
export class SGDClassifier extends LinearClassifier<SGDClassifierParams, LinearFitted> {
  readonly type = 'sgd_classifier';

  constructor(params: Partial<SGDClassifierParams> = {}) {
    super({ ...SGD_COMMON_DEFAULTS, loss: 'hinge', classWeight: null, learningRate: 'optimal', eta0: 0, powerT: 0.5 }, params);
  }

  /**
   * Class probabilities (n × k) — present only for the losses that define them ('log_loss',
   * 'modified_huber'), like scikit-learn's `available_if`: callers test `if (clf.predictProba)`.
   */
  get predictProba(): ((X: Matrix) => Matrix) | undefined {
    const loss = this.params.loss;
    if (loss !== 'log_loss' && loss !== 'modified_huber') return undefined;
    return (X: Matrix) => this.probabilities(X, loss === 'log_loss');
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const c = checkSgdParams(OWNER, this.params);
    const lossName = checkOneOf(OWNER, 'loss', this.params.loss, CLASSIFICATION_LOSSES);
    const cw = checkClassWeight(OWNER, this.params.classWeight);
    const { classes, yIdx } = encodeTargets(OWNER, X, y, options.featureNames);
    const k = classes.length, n = X.rows, d = X.cols;
    const perClass = classWeights(OWNER, cw, classes, yIdx);
    const problems = k === 2 ? 1 : k;
    const coef = new Float64Array(problems * d);
    const intercept = new Float64Array(problems);
    const ys = new Float64Array(n);
    const weight = new Float64Array(n);
    let nIter = 0;
    for (let q = 0; q < problems; q++) {
      const pos = k === 2 ? 1 : q;
      for (let i = 0; i < n; i++) {
        const isPos = yIdx[i] === pos;
        ys[i] = isPos ? 1 : -1;
        // sklearn: binary weights both sides by their class weight; one-vs-rest only the "one" side.
        weight[i] = isPos ? perClass[pos] : k === 2 ? perClass[0] : 1;
      }
      const res = plainSgd({
        x: X.data, n, d, y: ys, weight,
        loss: lossCode(lossName), lossParam: lossName === 'perceptron' ? 0 : 1,
        ...c,
        rng: k === 2 ? new Rng(c.seed) : Rng.derive(c.seed, q),
        onEpoch: options.onEpochEnd && problems === 1 ? (epoch, loss) => options.onEpochEnd!({ epoch, loss }) : undefined,
      });
      coef.set(res.w, q * d);
      intercept[q] = res.intercept;
      nIter = Math.max(nIter, res.nIter);
    }
    this.fitted = { classes, coef, intercept, nFeatures: d, nIter };
    return this;
  }

  private probabilities(X: Matrix, logistic: boolean): Matrix {
    const f = this.requireFitted();
    const z = this.decisionFunction(X).data;
    const n = X.rows, k = f.classes.length;
    const out = new Matrix(n, k);
    const o = out.data;
    // log_loss: sigmoid; modified_huber: (clip(z, −1, 1) + 1) / 2 (sklearn's predict_proba).
    const map = (s: number): number => (logistic ? 1 / (1 + Math.exp(-s)) : (Math.min(1, Math.max(-1, s)) + 1) / 2);
    if (k === 2) {
      for (let i = 0; i < n; i++) {
        const p1 = map(z[i]);
        o[2 * i] = 1 - p1;
        o[2 * i + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += o[i * k + c] = map(z[i * k + c]);
      // One-vs-rest scores renormalised; all-zero rows (possible with modified_huber) become uniform.
      for (let c = 0; c < k; c++) o[i * k + c] = sum > 0 ? o[i * k + c] / sum : 1 / k;
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): LinearFitted {
    return checkLinearFitted(fitted);
  }
}
