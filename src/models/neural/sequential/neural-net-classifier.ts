/**
 * A classifier on a declaratively described `Sequential` network (spec name `neural_net`): the hidden
 * layers of `params.layers`, then a sigmoid unit (binary cross-entropy) for two classes or a softmax
 * layer (categorical cross-entropy) otherwise; `loss: 'categorical_crossentropy'` forces a 2-unit
 * softmax for binary tasks. Class weights scale each row's loss as Keras's `class_weight` does (the
 * weights of scikit-learn's `compute_class_weight`); the held-out rows for validation monitors are a
 * stratified split, scored by accuracy.
 *
 * @example
 * const clf = new NeuralNetClassifier({
 *   layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dropout', rate: 0.2 }],
 *   optimizer: { type: 'adamw', learningRate: 1e-3, weightDecay: 1e-2 },
 *   earlyStopping: { monitor: 'valLoss', patience: 5, restoreBestWeights: true },
 * }).fit(X, y);
 */
import { Estimator, type Classifier, type FitOptions, type StateValue } from '../../../core/estimator.js';
import { InvalidParamError, ModelFileError } from '../../../core/errors.js';
import { Matrix, checkXy } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import { stateArray, stateString } from '../../../core/state-check.js';
import { checkClassWeight, classWeights, type ClassWeight } from '../../linear/linear-common.js';
import { networkFromState, trainNetwork, layerFromSpec, type NeuralNetState } from './build-network.js';
import { checkFeatureNames, checkFiniteFeatures, checkPredictInput, encodeLabels } from '../input-checks.js';
import { Dense } from '../layers/dense.js';
import { NEURAL_NET_COMMON_DEFAULTS, needsValidation, validateNeuralNetParams, type NeuralNetCommonParams } from './neural-net-params.js';
import type { Sequential } from './sequential.js';
import { stratifiedValidationSplit } from '../validation-split.js';

/** Parameters of `NeuralNetClassifier` (see `neural-net-params.ts` for the shared ones). */
export interface NeuralNetClassifierParams extends NeuralNetCommonParams {
  /** 'auto' (default): binary cross-entropy for 2 classes, categorical otherwise. */
  loss: 'auto' | 'binary_crossentropy' | 'categorical_crossentropy';
  /** null (default), 'balanced', or { label: weight }. */
  classWeight: ClassWeight;
}

/** Defaults: the shared ones, automatic cross-entropy, no class weights. */
export const NEURAL_NET_CLASSIFIER_DEFAULTS: NeuralNetClassifierParams = { ...NEURAL_NET_COMMON_DEFAULTS, loss: 'auto', classWeight: null };

/** Learned state of `NeuralNetClassifier`. */
export interface NeuralNetClassifierFitted extends NeuralNetState {
  classes: Float64Array;
  /** The loss trained with ('binary_crossentropy' means one sigmoid output unit). */
  loss: 'binary_crossentropy' | 'categorical_crossentropy';
}

/** A Keras-style network classifier (registry type 'neural_net'). */
export class NeuralNetClassifier extends Estimator<NeuralNetClassifierParams, NeuralNetClassifierFitted> implements Classifier {
  readonly type = 'neural_net';
  private model: Sequential | null = null;

  constructor(params: Partial<NeuralNetClassifierParams> = {}) {
    super(NEURAL_NET_CLASSIFIER_DEFAULTS, params);
  }

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** Training loss per epoch. */
  get lossCurve(): Float64Array {
    return this.requireFitted().lossCurve;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = 'NeuralNetClassifier';
    const p = this.params;
    validateNeuralNetParams(owner, p);
    const lossParam = p.loss as string;
    if (!['auto', 'binary_crossentropy', 'categorical_crossentropy'].includes(lossParam)) {
      throw new InvalidParamError(`${owner}: parameter 'loss' must be one of "auto", "binary_crossentropy", "categorical_crossentropy", got ${JSON.stringify(p.loss)}`, {
        estimator: owner,
        param: 'loss',
        value: p.loss,
      });
    }
    const cw = checkClassWeight(owner, p.classWeight);
    checkXy(owner, X, y);
    checkFeatureNames(owner, X, options.featureNames);
    checkFiniteFeatures(owner, X, options.featureNames);
    const { classes, index } = encodeLabels(owner, y);
    const k = classes.length;
    const loss: NeuralNetClassifierFitted['loss'] = lossParam === 'auto' ? (k === 2 ? 'binary_crossentropy' : 'categorical_crossentropy') : (lossParam as NeuralNetClassifierFitted['loss']);
    if (loss === 'binary_crossentropy' && k > 2) {
      throw new InvalidParamError(`${owner}: parameter 'loss' is 'binary_crossentropy' but y has ${k} classes; use 'categorical_crossentropy' or 'auto'`, {
        estimator: owner,
        param: 'loss',
        value: p.loss,
      });
    }
    const units = loss === 'binary_crossentropy' ? 1 : k;
    const target = encodeTarget(index, units);
    const perClass = classWeights(owner, cw, classes, index);
    const weights = cw === null ? null : Float64Array.from(index, (c) => perClass[c]);

    let Xtr = X, ttr = target;
    let wtr: Float64Array | null = weights;
    let validation = null;
    if (needsValidation(p)) {
      const split = stratifiedValidationSplit(index, k, p.validationFraction, Rng.derive(p.seed, 2), owner);
      Xtr = X.takeRows(split.train);
      ttr = rowsOf(target, units, split.train);
      wtr = weights && rowsOf(weights, 1, split.train);
      const yval = Int32Array.from(split.validation, (i) => index[i]);
      validation = {
        X: X.takeRows(split.validation),
        target: rowsOf(target, units, split.validation),
        sampleWeight: weights && rowsOf(weights, 1, split.validation),
        score: (out: Matrix) => accuracy(out, yval),
      };
    }
    const layers = [...p.layers.map(layerFromSpec), new Dense({ units, activation: units === 1 ? 'sigmoid' : 'softmax' })];
    const { model, state } = trainNetwork(p, { layers, X: Xtr, target: ttr, sampleWeight: wtr, loss: { name: loss }, validation }, options);
    this.fitted = { ...state, nFeatures: X.cols, classes, loss };
    this.model = model;
    return this;
  }

  private network(X: Matrix): Sequential {
    const f = this.requireFitted();
    checkPredictInput('NeuralNetClassifier', X, f.nFeatures);
    if (this.model === null) this.model = networkFromState(f as unknown as { [k: string]: StateValue }).model;
    return this.model;
  }

  /** Class probabilities, n × k, columns in `classes` order. */
  predictProba(X: Matrix): Matrix {
    const out = this.network(X).predict(X);
    if (out.cols > 1) return out;
    const proba = new Matrix(X.rows, 2);
    for (let i = 0; i < X.rows; i++) {
      proba.data[2 * i] = 1 - out.data[i];
      proba.data[2 * i + 1] = out.data[i];
    }
    return proba;
  }

  /** Output logits: n × 1 for two classes (z₁ − z₀ with a 2-unit softmax), n × k otherwise. */
  decisionFunction(X: Matrix): Matrix {
    const z = this.network(X).predictLogits(X);
    if (this.requireFitted().classes.length !== 2 || z.cols === 1) return z;
    const out = new Matrix(X.rows, 1);
    for (let i = 0; i < X.rows; i++) out.data[i] = z.data[2 * i + 1] - z.data[2 * i];
    return out;
  }

  /** Most probable class per row (first maximum wins). */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const proba = this.predictProba(X);
    const k = proba.cols;
    const pred = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let arg = 0;
      for (let j = 1; j < k; j++) if (proba.data[i * k + j] > proba.data[i * k + arg]) arg = j;
      pred[i] = f.classes[arg];
    }
    return pred;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): NeuralNetClassifierFitted {
    const { model, state } = networkFromState(fitted);
    const classes = stateArray(fitted, 'classes', Float64Array);
    const loss = stateString(fitted, 'loss');
    const units = loss === 'binary_crossentropy' ? 1 : classes.length;
    if ((loss !== 'binary_crossentropy' && loss !== 'categorical_crossentropy') || classes.length < 2 || model.units !== units) {
      throw new ModelFileError(`model file: NeuralNetClassifier has loss '${loss}', ${classes.length} classes and ${model.units} outputs; they are inconsistent`, {
        estimator: 'NeuralNetClassifier',
      });
    }
    this.model = model;
    return { ...state, classes, loss };
  }
}

/** Targets in the loss's encoding: 0/1 for one sigmoid unit, one-hot rows otherwise. */
function encodeTarget(index: Int32Array, units: number): Float64Array {
  const t = new Float64Array(index.length * units);
  for (let i = 0; i < index.length; i++) {
    if (units === 1) t[i] = index[i];
    else t[i * units + index[i]] = 1;
  }
  return t;
}

/** The rows `idx` of a rows×width buffer. */
function rowsOf(a: Float64Array, width: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * width);
  for (let r = 0; r < idx.length; r++) out.set(a.subarray(idx[r] * width, idx[r] * width + width), r * width);
  return out;
}

/** Accuracy of network outputs (one sigmoid column or k softmax columns) against class indices. */
function accuracy(out: Matrix, y: Int32Array): number {
  const k = out.cols;
  let hit = 0;
  for (let i = 0; i < out.rows; i++) {
    let c = 0;
    if (k === 1) c = out.data[i] > 0.5 ? 1 : 0;
    else for (let j = 1; j < k; j++) if (out.data[i * k + j] > out.data[i * k + c]) c = j;
    if (c === y[i]) hit++;
  }
  return hit / out.rows;
}
