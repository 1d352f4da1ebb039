/**
 * A regressor on a declaratively described `Sequential` network (spec name `neural_net_regressor`):
 * the hidden layers of `params.layers`, then one linear unit, trained on mean squared error or the
 * Huber loss (`huberDelta`). Validation monitors hold out a random split scored by R². Targets are used
 * as given (as in Keras): bring a wide-ranged target to a moderate scale first (e.g. log of prices).
 *
 * @example
 * const reg = new NeuralNetRegressor({
 *   layers: [{ type: 'dense', units: 64, activation: 'gelu', kernelInitializer: 'he_uniform' }, { type: 'batchnorm' }],
 *   loss: 'huber', huberDelta: 1, optimizer: { type: 'rmsprop', learningRate: 1e-3 },
 *   schedule: { type: 'plateau', monitor: 'valLoss', patience: 3 },
 * }).fit(X, y);
 */
import { Estimator, type FitOptions, type StateValue } from '../../../core/estimator.js';
import { DataError } from '../../../core/errors.js';
import { checkXy, type Matrix } from '../../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import { Rng } from '../../../core/rng.js';
import { ModelFileError } from '../../../core/errors.js';
import { networkFromState, trainNetwork, layerFromSpec, type NeuralNetState } from './build-network.js';
import { checkFeatureNames, checkFiniteFeatures, checkPredictInput } from '../input-checks.js';
import { Dense } from '../layers/dense.js';
import { checkTargets, r2 } from '../mlp-regressor.js';
import { NEURAL_NET_COMMON_DEFAULTS, needsValidation, validateNeuralNetParams, type NeuralNetCommonParams } from './neural-net-params.js';
import type { Sequential } from './sequential.js';

/** Parameters of `NeuralNetRegressor` (see `neural-net-params.ts` for the shared ones). */
export interface NeuralNetRegressorParams extends NeuralNetCommonParams {
  /** Default 'mse'. */
  loss: 'mse' | 'huber';
  /** Huber's δ > 0. Default 1. */
  huberDelta: number;
}

/** Defaults: the shared ones, mean squared error. */
export const NEURAL_NET_REGRESSOR_DEFAULTS: NeuralNetRegressorParams = { ...NEURAL_NET_COMMON_DEFAULTS, loss: 'mse', huberDelta: 1 };

/** Learned state of `NeuralNetRegressor`. */
export type NeuralNetRegressorFitted = NeuralNetState;

/** A Keras-style network regressor (registry type 'neural_net_regressor'). */
export class NeuralNetRegressor extends Estimator<NeuralNetRegressorParams, NeuralNetRegressorFitted> {
  readonly type = 'neural_net_regressor';
  private model: Sequential | null = null;

  constructor(params: Partial<NeuralNetRegressorParams> = {}) {
    super(NEURAL_NET_REGRESSOR_DEFAULTS, params);
  }

  /** Training loss per epoch. */
  get lossCurve(): Float64Array {
    return this.requireFitted().lossCurve;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = 'NeuralNetRegressor';
    const p = this.params;
    validateNeuralNetParams(owner, p);
    checkOneOf(owner, 'loss', p.loss, ['mse', 'huber'] as const);
    checkNumber(owner, 'huberDelta', p.huberDelta, { min: 0, exclusiveMin: true });
    checkXy(owner, X, y);
    checkFeatureNames(owner, X, options.featureNames);
    checkFiniteFeatures(owner, X, options.featureNames);
    const target = checkTargets(owner, y);

    let Xtr = X, ttr = target;
    let validation = null;
    if (needsValidation(p)) {
      const n = X.rows;
      const nVal = Math.ceil(p.validationFraction * n);
      if (n - nVal < 1) {
        throw new DataError(`${owner}: validationFraction ${p.validationFraction} of ${n} rows leaves no training rows; add rows or lower it`, { estimator: owner, rows: n });
      }
      const perm = Rng.derive(p.seed, 2).permutation(n);
      const val = perm.slice(0, nVal).sort();
      const tr = perm.slice(nVal).sort();
      Xtr = X.takeRows(tr);
      ttr = Float64Array.from(tr, (i) => target[i]);
      const yval = Float64Array.from(val, (i) => target[i]);
      validation = { X: X.takeRows(val), target: yval, score: (out: Matrix) => r2(out.data, yval) };
    }
    const layers = [...p.layers.map(layerFromSpec), new Dense({ units: 1, activation: 'linear' })];
    const loss = { name: p.loss, delta: p.huberDelta };
    const { model, state } = trainNetwork(p, { layers, X: Xtr, target: ttr, sampleWeight: null, loss, validation }, options);
    this.fitted = { ...state, nFeatures: X.cols };
    this.model = model;
    return this;
  }

  /** Predicted target per row. */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    checkPredictInput('NeuralNetRegressor', X, f.nFeatures);
    if (this.model === null) this.model = networkFromState(f as unknown as { [k: string]: StateValue }).model;
    return this.model.predict(X).data;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): NeuralNetRegressorFitted {
    const { model, state } = networkFromState(fitted);
    if (model.units !== 1) {
      throw new ModelFileError(`model file: NeuralNetRegressor network has ${model.units} outputs, expected 1`, { estimator: 'NeuralNetRegressor' });
    }
    this.model = model;
    return state;
  }
}

