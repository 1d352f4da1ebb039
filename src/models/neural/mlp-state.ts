/**
 * What `MLPClassifier` and `MLPRegressor` share around the training loop (`mlp-training.ts`): the
 * fit-time input checks, the Glorot-initialised network (scikit-learn's `_init_coef`), the learned
 * network state and its schema check, and the cached scoring network.
 */
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { ModelFileError } from '../../core/errors.js';
import { checkXy, type Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { stateArray, stateList, stateNumber, stateString } from '../../core/state-check.js';
import { HIDDEN_ACTIVATIONS } from './activations.js';
import { sklearnGlorotUniform } from './initializers.js';
import { checkFeatureNames, checkFiniteFeatures } from './input-checks.js';
import { validateMlpParams, type MLPClassifierParams } from './mlp-params.js';
import { MlpNetwork } from './mlp-network.js';
import type { MlpTrainingResult } from './mlp-training.js';

/** Output unit of the network: sigmoid (binary), softmax (multiclass) or identity (regression). */
export type MlpOutputActivation = 'sigmoid' | 'softmax' | 'identity';

/** Learned network state common to the MLP classifier and regressor (what a model file stores). */
export interface MlpNetworkState {
  nFeatures: number;
  /** `[nFeatures, ...hidden, outputs]`. */
  layerSizes: Int32Array;
  /** Hidden activation the weights were trained with. */
  activation: 'relu' | 'tanh' | 'sigmoid';
  /** Per layer, sizes[l]×sizes[l+1] row-major (scikit-learn's `coefs_`). */
  weights: Float64Array[];
  /** Per layer (scikit-learn's `intercepts_`). */
  biases: Float64Array[];
  /** Mean training loss per epoch (including the L2 term), like sklearn's `loss_curve_`. */
  lossCurve: Float64Array;
  /** Validation score per epoch when early stopping, else null. */
  validationScores: Float64Array | null;
  /** 1-based epoch of the best validation score (early stopping) or the lowest training loss. */
  bestEpoch: number;
}

/**
 * Fit-time checks in the order both MLPs run them: params, X/y shapes, `featureNames`, finite X.
 *
 * @example
 * checkMlpFitInput('MLPRegressor', params, X, y, options);
 */
export function checkMlpFitInput(owner: string, p: MLPClassifierParams, X: Matrix, y: ArrayLike<number>, options: FitOptions): void {
  validateMlpParams(owner, p);
  checkXy(owner, X, y);
  checkFeatureNames(owner, X, options.featureNames);
  checkFiniteFeatures(owner, X, options.featureNames);
}

/**
 * A new network of `sizes` with Glorot-uniform weights drawn from `Rng(p.seed)`; the generator is
 * returned too, since the validation split and the batch shuffles continue its stream.
 *
 * @example
 * const { net, rng } = initMlpNetwork(p, [d, ...p.hidden, 1], 'identity');
 */
export function initMlpNetwork(p: MLPClassifierParams, sizes: number[], outputActivation: MlpOutputActivation): { net: MlpNetwork; rng: Rng } {
  const rng = new Rng(p.seed);
  const net = new MlpNetwork({ sizes, hiddenActivation: p.activation, outputActivation });
  for (const layer of net.layers) sklearnGlorotUniform(rng, layer.inputs, layer.units, p.activation, layer.weights, layer.bias);
  return { net, rng };
}

/**
 * The state to save from a finished training run.
 *
 * @example
 * this.fitted = { classes, ...mlpNetworkState(p, sizes, trainMlp(...)) };
 */
export function mlpNetworkState(p: MLPClassifierParams, sizes: number[], r: MlpTrainingResult): MlpNetworkState {
  return {
    nFeatures: sizes[0],
    layerSizes: Int32Array.from(sizes),
    activation: p.activation,
    weights: r.weights,
    biases: r.biases,
    lossCurve: Float64Array.from(r.losses),
    validationScores: p.earlyStopping ? Float64Array.from(r.scores) : null,
    bestEpoch: r.bestEpoch,
  };
}

/**
 * Schema check of {@link MlpNetworkState} in a saved model. `outputs(bad)` checks the model's own
 * fields (it may call `bad` with a message) and returns the expected size of the output layer.
 *
 * @example
 * const state = checkMlpNetworkState(fitted, 'MLPRegressor', () => 1);
 */
export function checkMlpNetworkState(fitted: { [key: string]: StateValue }, owner: string, outputs: (bad: (msg: string) => never) => number): MlpNetworkState {
  const nFeatures = stateNumber(fitted, 'nFeatures');
  const layerSizes = stateArray(fitted, 'layerSizes', Int32Array);
  const activation = stateString(fitted, 'activation');
  const L = layerSizes.length - 1;
  const bad = (msg: string): never => {
    throw new ModelFileError(`model file: ${owner} state ${msg}`, { estimator: owner });
  };
  if (!(HIDDEN_ACTIVATIONS as readonly string[]).includes(activation)) bad(`has unknown activation '${activation}'`);
  const nOut = outputs(bad);
  if (L < 1 || layerSizes[0] !== nFeatures || layerSizes[L] !== nOut) bad(`has inconsistent layerSizes ${Array.from(layerSizes)}`);
  const weights = stateList(fitted, 'weights');
  const biases = stateList(fitted, 'biases');
  if (weights.length !== L || biases.length !== L) bad(`has ${weights.length} weight and ${biases.length} bias arrays, expected ${L}`);
  for (let l = 0; l < L; l++) {
    stateArray({ w: weights[l] }, 'w', Float64Array, layerSizes[l] * layerSizes[l + 1]);
    stateArray({ b: biases[l] }, 'b', Float64Array, layerSizes[l + 1]);
  }
  const vs = fitted.validationScores;
  return {
    nFeatures,
    layerSizes,
    activation: activation as MlpNetworkState['activation'],
    weights: weights as Float64Array[],
    biases: biases as Float64Array[],
    lossCurve: stateArray(fitted, 'lossCurve', Float64Array),
    validationScores: vs === null || vs === undefined ? null : stateArray(fitted, 'validationScores', Float64Array),
    bestEpoch: stateNumber(fitted, 'bestEpoch'),
  };
}

/**
 * Scoring network over a fitted state, rebuilt only when the state object changes (refit, load),
 * so repeated predicts reuse its workspaces.
 *
 * @example
 * private readonly nets = new MlpNetworkCache();
 * const net = this.nets.get(fitted, 'identity');
 */
export class MlpNetworkCache {
  private net: MlpNetwork | null = null;
  private of: MlpNetworkState | null = null;

  /** The network for `f` (built on first use after `f` changed). */
  get(f: MlpNetworkState, outputActivation: MlpOutputActivation): MlpNetwork {
    if (this.net === null || this.of !== f) {
      this.net = new MlpNetwork({ sizes: Array.from(f.layerSizes), hiddenActivation: f.activation, outputActivation, weights: f.weights, biases: f.biases });
      this.of = f;
    }
    return this.net;
  }

  /** Drops the cached network (after a new fit). */
  clear(): void {
    this.net = null;
    this.of = null;
  }
}
