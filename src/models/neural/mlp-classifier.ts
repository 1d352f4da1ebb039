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
import { DataError, ShapeError } from '../../core/errors.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { ModelFileError } from '../../core/errors.js';
import { stateArray, stateList, stateNumber, stateString } from '../../core/state-check.js';
import { HIDDEN_ACTIVATIONS } from './activations.js';
import { EarlyStopping } from './early-stopping.js';
import { glorotUniform } from './init.js';
import { checkFeatureNames, checkFiniteFeatures, encodeLabels } from './input-checks.js';
import { MLP_CLASSIFIER_DEFAULTS, validateMlpParams, type MLPClassifierParams } from './mlp-params.js';
import { MlpNetwork } from './mlp-network.js';
import { AdamOptimizer } from './optimizers/adam.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { SgdOptimizer } from './optimizers/sgd.js';
import { stratifiedValidationSplit } from './validation-split.js';

/** Learned state of `MLPClassifier` (what a model file stores). */
export interface MLPClassifierFitted {
  classes: Float64Array;
  nFeatures: number;
  /** `[nFeatures, ...hidden, outputs]`; outputs is 1 for binary targets. */
  layerSizes: Int32Array;
  /** Hidden activation the weights were trained with. */
  activation: 'relu' | 'tanh' | 'sigmoid';
  /** Per layer, sizes[l]×sizes[l+1] row-major (scikit-learn's `coefs_`). */
  weights: Float64Array[];
  /** Per layer (scikit-learn's `intercepts_`). */
  biases: Float64Array[];
  /** Mean training loss per epoch (including the L2 term), like sklearn's `loss_curve_`. */
  lossCurve: Float64Array;
  /** Validation accuracy per epoch when early stopping, else null. */
  validationScores: Float64Array | null;
  /** 1-based epoch of the best validation score (early stopping) or the lowest training loss. */
  bestEpoch: number;
}

/** Options of `MLPClassifier.fit`. */
/** `fit` options of the MLP (core's; `featureNames` is used in error messages only). */
export type MLPFitOptions = FitOptions;

const PREDICT_CHUNK = 1024;

/** A multi-layer perceptron classifier (registry type 'mlp'). */
export class MLPClassifier extends Estimator<MLPClassifierParams, MLPClassifierFitted> implements Classifier {
  readonly type = 'mlp';
  private net: MlpNetwork | null = null;
  private netOf: MLPClassifierFitted | null = null;

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
    validateMlpParams(owner, p);
    checkXy(owner, X, y);
    checkFeatureNames(owner, X, options.featureNames);
    checkFiniteFeatures(owner, X, options.featureNames);
    const { classes, index } = encodeLabels(owner, y);
    const k = classes.length;
    const d = X.cols;
    const sizes = [d, ...p.hidden, k === 2 ? 1 : k];

    const rng = new Rng(p.seed);
    const net = new MlpNetwork({ sizes, hiddenActivation: p.activation, outputActivation: k === 2 ? 'sigmoid' : 'softmax' });
    for (const layer of net.layers) glorotUniform(rng, layer.inputs, layer.units, p.activation, layer.weights, layer.bias);
    const { params, grads } = net.parameters();
    const optimizer: Optimizer =
      p.optimizer === 'adam'
        ? new AdamOptimizer(params, grads, { learningRate: p.learningRate, beta1: p.beta1, beta2: p.beta2, epsilon: p.epsilon })
        : new SgdOptimizer(params, grads, { learningRate: p.learningRate, momentum: p.momentum, nesterov: p.nesterov });

    let Xtr = X;
    let ytr = index;
    let Xval: Matrix | null = null;
    let yval: Int32Array | null = null;
    if (p.earlyStopping) {
      const split = stratifiedValidationSplit(index, k, p.validationFraction, rng);
      Xtr = X.takeRows(split.train);
      ytr = pick(index, split.train);
      Xval = X.takeRows(split.validation);
      yval = pick(index, split.validation);
    }

    const n = Xtr.rows;
    const batch = p.batchSize === 'auto' ? Math.min(200, n) : Math.min(Math.max(1, p.batchSize), n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const Xb = new Float64Array(batch * d);
    const yb = new Int32Array(batch);
    const stopper = new EarlyStopping({ monitor: p.earlyStopping ? 'validation' : 'loss', tol: p.tol, patience: p.patience });
    const losses: number[] = [];
    const scores: number[] = [];
    let best = p.earlyStopping ? net.snapshot() : null;

    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      if (p.shuffle) rng.shuffle(order);
      let total = 0;
      for (let start = 0; start < n; start += batch) {
        const rows = Math.min(batch, n - start);
        let xs: Float64Array;
        let ys: Int32Array;
        if (p.shuffle) {
          for (let r = 0; r < rows; r++) {
            const src = order[start + r];
            Xb.set(Xtr.data.subarray(src * d, src * d + d), r * d);
            yb[r] = ytr[src];
          }
          xs = Xb;
          ys = yb;
        } else {
          xs = Xtr.data.subarray(start * d, (start + rows) * d);
          ys = ytr.subarray(start, start + rows);
        }
        total += net.backprop(xs, ys, rows, p.alpha) * rows;
        optimizer.step();
      }
      const loss = total / n;
      if (!Number.isFinite(loss)) {
        throw new DataError(
          `${owner}: training diverged at epoch ${epoch} (loss ${loss}); standard-scale the features or lower learningRate (now ${p.learningRate})`,
          { estimator: owner, epoch, loss: String(loss) },
        );
      }
      losses.push(loss);
      let validationScore: number | undefined;
      if (Xval !== null && yval !== null) {
        validationScore = accuracy(net, Xval, yval);
        scores.push(validationScore);
        if (stopper.update(epoch, validationScore)) best = net.snapshot();
      } else {
        stopper.update(epoch, loss);
      }
      options.onEpochEnd?.({ epoch, loss, validationScore });
      if (stopper.shouldStop) break;
    }
    // As sklearn does, early stopping keeps the weights of the best validation epoch.
    const final = best ?? net.snapshot();
    this.fitted = {
      classes,
      nFeatures: d,
      layerSizes: Int32Array.from(sizes),
      activation: p.activation,
      weights: final.weights,
      biases: final.biases,
      lossCurve: Float64Array.from(losses),
      validationScores: p.earlyStopping ? Float64Array.from(scores) : null,
      bestEpoch: stopper.bestEpoch,
    };
    this.net = null;
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
    if (X.cols !== f.nFeatures) {
      throw new ShapeError(`${owner}: X has ${X.cols} features but the model was fitted on ${f.nFeatures}; pass the same columns as in fit`, {
        estimator: owner,
        cols: X.cols,
        expected: f.nFeatures,
      });
    }
    checkFiniteFeatures(owner, X);
    if (this.net === null || this.netOf !== f) {
      this.net = new MlpNetwork({
        sizes: Array.from(f.layerSizes),
        hiddenActivation: f.activation,
        outputActivation: f.classes.length === 2 ? 'sigmoid' : 'softmax',
        weights: f.weights,
        biases: f.biases,
      });
      this.netOf = f;
    }
    return forwardAll(this.net, X, logits);
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): MLPClassifierFitted {
    const classes = stateArray(fitted, 'classes', Float64Array);
    const nFeatures = stateNumber(fitted, 'nFeatures');
    const layerSizes = stateArray(fitted, 'layerSizes', Int32Array);
    const activation = stateString(fitted, 'activation');
    const L = layerSizes.length - 1;
    const bad = (msg: string): never => {
      throw new ModelFileError(`model file: MLPClassifier state ${msg}`, { estimator: 'MLPClassifier' });
    };
    if (!(HIDDEN_ACTIVATIONS as readonly string[]).includes(activation)) bad(`has unknown activation '${activation}'`);
    if (classes.length < 2) bad(`has ${classes.length} classes, expected at least 2`);
    if (L < 1 || layerSizes[0] !== nFeatures || layerSizes[L] !== (classes.length === 2 ? 1 : classes.length)) bad(`has inconsistent layerSizes ${Array.from(layerSizes)}`);
    const weights = stateList(fitted, 'weights');
    const biases = stateList(fitted, 'biases');
    if (weights.length !== L || biases.length !== L) bad(`has ${weights.length} weight and ${biases.length} bias arrays, expected ${L}`);
    for (let l = 0; l < L; l++) {
      stateArray({ w: weights[l] }, 'w', Float64Array, layerSizes[l] * layerSizes[l + 1]);
      stateArray({ b: biases[l] }, 'b', Float64Array, layerSizes[l + 1]);
    }
    const vs = fitted.validationScores;
    return {
      classes,
      nFeatures,
      layerSizes,
      activation: activation as MLPClassifierFitted['activation'],
      weights: weights as Float64Array[],
      biases: biases as Float64Array[],
      lossCurve: stateArray(fitted, 'lossCurve', Float64Array),
      validationScores: vs === null || vs === undefined ? null : stateArray(fitted, 'validationScores', Float64Array),
      bestEpoch: stateNumber(fitted, 'bestEpoch'),
    };
  }
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
