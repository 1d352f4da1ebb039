/**
 * Multi-layer perceptron classifier trained by mini-batch back-propagation (Rumelhart, Hinton &
 * Williams 1986) with Adam or (Nesterov) momentum SGD — scikit-learn's `MLPClassifier`
 * (`sklearn/neural_network/_multilayer_perceptron.py`) with its defaults, loss, L2 penalty, stopping
 * rule and early-stopping behaviour, on a fused typed-array forward/backward pass (`MlpNetwork`).
 *
 * Binary targets use one sigmoid output unit, multiclass targets a softmax layer.
 *
 * @example
 * const clf = new MLPClassifier({ hidden: [64, 32], earlyStopping: true }).fit(X, y);
 * const proba = clf.predictProba(Xtest); // n × 2
 */
import { Estimator, type Classifier, type FitOptions, type StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import type { Rng } from '../../core/rng.js';
import { stateArray } from '../../core/state-check.js';
import { checkPredictInput, encodeLabels } from './input-checks.js';
import { MLP_CLASSIFIER_DEFAULTS, type MLPClassifierParams } from './mlp-params.js';
import type { MlpNetwork } from './mlp-network.js';
import { MlpNetworkCache, checkMlpFitInput, checkMlpNetworkState, initMlpNetwork, mlpNetworkState, type MlpNetworkState } from './mlp-state.js';
import { trainMlp } from './mlp-training.js';
import { stratifiedValidationSplit } from './validation-split.js';

/** Learned state of `MLPClassifier` (what a model file stores). */
export interface MLPClassifierFitted extends MlpNetworkState {
  classes: Float64Array;
  /** `[nFeatures, ...hidden, outputs]`; outputs is 1 for binary targets. */
  layerSizes: Int32Array;
  /** Validation accuracy per epoch when early stopping, else null. */
  validationScores: Float64Array | null;
}

/** `fit` options of the MLP (core's; `featureNames` is used in error messages only). */
export type MLPFitOptions = FitOptions;

const PREDICT_CHUNK = 1024;

/** A multi-layer perceptron classifier (registry type 'mlp'). */
export class MLPClassifier extends Estimator<MLPClassifierParams, MLPClassifierFitted> implements Classifier {
  readonly type = 'mlp';
  private readonly nets = new MlpNetworkCache();

  constructor(params: Partial<MLPClassifierParams> = {}) {
    super(MLP_CLASSIFIER_DEFAULTS, params);
  }

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** Mean training loss per epoch. */
  get lossCurve(): Float64Array {
    return this.requireFitted().lossCurve;
  }

  /** Validation accuracy per epoch (early stopping only), else null. */
  get validationScores(): Float64Array | null {
    return this.requireFitted().validationScores;
  }

  /** 1-based epoch whose weights were kept (early stopping) or that had the lowest loss. */
  get bestEpoch(): number {
    return this.requireFitted().bestEpoch;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: MLPFitOptions = {}): this {
    const owner = this.constructor.name;
    const p = this.params;
    checkMlpFitInput(owner, p, X, y, options);
    const { classes, index } = encodeLabels(owner, y);
    const k = classes.length;
    const d = X.cols;
    const sizes = [d, ...p.hidden, k === 2 ? 1 : k];

    const { net, rng } = initMlpNetwork(p, sizes, k === 2 ? 'sigmoid' : 'softmax');

    const holdout = p.earlyStopping ? earlyStoppingHoldout(p, X, index, k, net, rng) : null;
    const Xtr = holdout ? X.takeRows(holdout.train) : X;
    const ytr = holdout?.ytr ?? index;
    const r = trainMlp(owner, p, net, Xtr, ytr, (xs, ys, rows) => net.backprop(xs, ys, rows, p.alpha), holdout?.score ?? null, options, rng);
    this.fitted = { classes, ...mlpNetworkState(p, sizes, r) };
    this.nets.clear();
    return this;
  }

  /** Class probabilities, n × k, columns in `classes` order. */
  predictProba(X: Matrix): Matrix {
    const f = this.requireFitted();
    const out = this.run(X, false);
    if (f.classes.length > 2) return out;
    const proba = new Matrix(X.rows, 2);
    for (let i = 0; i < X.rows; i++) {
      proba.data[2 * i] = 1 - out.data[i];
      proba.data[2 * i + 1] = out.data[i];
    }
    return proba;
  }

  /** Output logits: n × 1 (positive class) for binary targets, n × k for multiclass. */
  decisionFunction(X: Matrix): Matrix {
    return this.run(X, true);
  }

  /** Most probable class label per row (binary: positive when p > 0.5, as sklearn). */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const out = this.run(X, false);
    const k = out.cols;
    const pred = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      if (k === 1) {
        pred[i] = f.classes[out.data[i] > 0.5 ? 1 : 0];
        continue;
      }
      let arg = 0;
      for (let j = 1; j < k; j++) if (out.data[i * k + j] > out.data[i * k + arg]) arg = j;
      pred[i] = f.classes[arg];
    }
    return pred;
  }

  private run(X: Matrix, logits: boolean): Matrix {
    const f = this.requireFitted();
    const owner = this.constructor.name;
    checkPredictInput(owner, X, f.nFeatures);
    return forwardAll(this.nets.get(f, f.classes.length === 2 ? 'sigmoid' : 'softmax'), X, logits);
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): MLPClassifierFitted {
    const classes = stateArray(fitted, 'classes', Float64Array);
    const state = checkMlpNetworkState(fitted, 'MLPClassifier', (bad) => {
      if (classes.length < 2) bad(`has ${classes.length} classes, expected at least 2`);
      return classes.length === 2 ? 1 : classes.length;
    });
    return { classes, ...state };
  }
}

/**
 * The early-stopping hold-out of an MLP classifier fit: a stratified `validationFraction` of the rows
 * (drawn from `rng` right after the initial weights), the training rows left with their class
 * indices, and the validation accuracy of `net`'s current weights — sklearn's `validation_scores_`.
 *
 * @example
 * const holdout = earlyStoppingHoldout(p, X, index, k, net, rng);
 * const Xtr = X.takeRows(holdout.train);
 */
export function earlyStoppingHoldout(p: MLPClassifierParams, X: Matrix, index: Int32Array, k: number, net: MlpNetwork, rng: Rng): { train: Int32Array; ytr: Int32Array; score: () => number } {
  const split = stratifiedValidationSplit(index, k, p.validationFraction, rng);
  const Xval = X.takeRows(split.validation);
  const yval = pick(index, split.validation);
  return { train: split.train, ytr: pick(index, split.train), score: () => accuracy(net, Xval, yval) };
}

function pick(a: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = a[idx[i]];
  return out;
}

/** Runs every row of X through the network in chunks (bounded workspace memory). */
function forwardAll(net: MlpNetwork, X: Matrix, logits: boolean): Matrix {
  const k = net.outputs;
  const out = new Matrix(X.rows, k);
  const d = X.cols;
  for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
    const rows = Math.min(PREDICT_CHUNK, X.rows - start);
    const res = net.forward(X.data.subarray(start * d, (start + rows) * d), rows, logits);
    out.data.set(res.subarray(0, rows * k), start * k);
  }
  return out;
}

/** Accuracy of the network's predictions on class indices (sklearn's `_score` for classifiers). */
function accuracy(net: MlpNetwork, X: Matrix, y: Int32Array): number {
  const out = forwardAll(net, X, false);
  const k = out.cols;
  let hit = 0;
  for (let i = 0; i < X.rows; i++) {
    let c: number;
    if (k === 1) c = out.data[i] > 0.5 ? 1 : 0;
    else {
      c = 0;
      for (let j = 1; j < k; j++) if (out.data[i * k + j] > out.data[i * k + c]) c = j;
    }
    if (c === y[i]) hit++;
  }
  return hit / X.rows;
}
