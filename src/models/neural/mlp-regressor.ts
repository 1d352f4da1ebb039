/**
 * Multi-layer perceptron regressor — scikit-learn's `MLPRegressor`
 * (`sklearn/neural_network/_multilayer_perceptron.py`): an identity output unit, the squared loss
 * halved as sklearn writes it (`mean((p − y)²)/2` plus `alpha/(2n)·Σ‖W‖²`), Glorot-uniform
 * initialisation, Adam or (Nesterov) SGD on mini-batches of min(200, n) rows, and sklearn's stopping
 * rule; with `earlyStopping`, a random (unstratified, as sklearn) validation split scored by R².
 * Same hyper-parameters (and defaults) as `MLPClassifier`. Targets are used as given: scale a target
 * with a large range (e.g. take the log of prices) as one would for sklearn.
 *
 * @example
 * const reg = new MLPRegressor({ hidden: [64, 32], learningRate: 0.003 }).fit(X, y);
 * const yhat = reg.predict(Xtest);
 */
import { Estimator, type FitOptions, type StateValue } from '../../core/estimator.js';
import { DataError } from '../../core/errors.js';
import { checkFiniteTargets } from '../model-checks.js';
import type { Matrix } from '../../core/matrix.js';
import type { Rng } from '../../core/rng.js';
import type { MlpNetwork } from './mlp-network.js';
import { checkPredictInput } from './input-checks.js';
import { MLP_CLASSIFIER_DEFAULTS, type MLPClassifierParams } from './mlp-params.js';
import { MlpNetworkCache, checkMlpFitInput, checkMlpNetworkState, initMlpNetwork, mlpNetworkState, type MlpNetworkState } from './mlp-state.js';
import { trainMlp } from './mlp-training.js';

/** Hyper-parameters of `MLPRegressor`: those of `MLPClassifier` (sklearn's are shared too). */
export type MLPRegressorParams = MLPClassifierParams;

/** Learned state of `MLPRegressor`. */
export interface MLPRegressorFitted extends MlpNetworkState {
  /** `[nFeatures, ...hidden, 1]`. */
  layerSizes: Int32Array;
  /** Validation R² per epoch when early stopping, else null. */
  validationScores: Float64Array | null;
}

/** A multi-layer perceptron regressor (registry type 'mlp_regressor'). */
export class MLPRegressor extends Estimator<MLPRegressorParams, MLPRegressorFitted> {
  readonly type = 'mlp_regressor';
  private readonly nets = new MlpNetworkCache();

  constructor(params: Partial<MLPRegressorParams> = {}) {
    super(MLP_CLASSIFIER_DEFAULTS, params);
  }

  /** Training loss per epoch. */
  get lossCurve(): Float64Array {
    return this.requireFitted().lossCurve;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = 'MLPRegressor';
    const p = this.params;
    checkMlpFitInput(owner, p, X, y, options);
    const target = checkTargets(owner, y);
    const d = X.cols;
    const sizes = [d, ...p.hidden, 1];
    const { net, rng } = initMlpNetwork(p, sizes, 'identity');

    const holdout = p.earlyStopping ? regressionHoldout(owner, p, X, target, net, rng) : null;
    const Xtr = holdout ? X.takeRows(holdout.train) : X;
    const ytr = holdout?.ytr ?? target;
    const r = trainMlp(owner, p, net, Xtr, ytr, (xs, ys, rows) => net.backpropSquared(xs, ys, rows, p.alpha), holdout?.score ?? null, options, rng);
    this.fitted = mlpNetworkState(p, sizes, r);
    this.nets.clear();
    return this;
  }

  /** Predicted target per row. */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const owner = 'MLPRegressor';
    checkPredictInput(owner, X, f.nFeatures);
    return this.nets.get(f, 'identity').predictMatrix(X).data;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): MLPRegressorFitted {
    return checkMlpNetworkState(fitted, 'MLPRegressor', () => 1);
  }
}

/**
 * The early-stopping hold-out of an MLP regressor fit: a random `validationFraction` of the rows
 * (drawn from `rng` right after the initial weights), the training rows left with their targets, and
 * the validation R² of `net`'s current weights — sklearn's `validation_scores_`.
 *
 * @example
 * const holdout = regressionHoldout('MLPRegressor', p, X, target, net, rng);
 */
export function regressionHoldout(owner: string, p: MLPRegressorParams, X: Matrix, target: Float64Array, net: MlpNetwork, rng: Rng): { train: Int32Array; ytr: Float64Array; score: () => number } {
  const n = X.rows;
  const nVal = Math.ceil(p.validationFraction * n);
  if (nVal < 1 || n - nVal < 1) {
    throw new DataError(`${owner}: validationFraction ${p.validationFraction} of ${n} rows leaves one side empty; add rows or set earlyStopping: false`, {
      estimator: owner,
      rows: n,
    });
  }
  const perm = rng.permutation(n);
  const val = perm.slice(0, nVal).sort();
  const train = perm.slice(nVal).sort();
  const Xval = X.takeRows(val);
  const yval = Float64Array.from(val, (i) => target[i]);
  return { train, ytr: Float64Array.from(train, (i) => target[i]), score: () => r2(net.predictMatrix(Xval).data, yval) };
}

/**
 * y as a Float64Array; a non-finite target is `E_DATA` naming the row.
 *
 * @example
 * checkTargets('MLPRegressor', [1, 2.5]); // Float64Array [1, 2.5]
 */
export function checkTargets(owner: string, y: ArrayLike<number>): Float64Array {
  return checkFiniteTargets(owner, y);
}

/**
 * Coefficient of determination R² = 1 − SS_res/SS_tot (sklearn's `r2_score`; 0 for constant y).
 *
 * @example
 * r2([1, 2, 3], [1, 2, 4]); // ≈ 0.786
 */
export function r2(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let res = 0, tot = 0;
  for (let i = 0; i < y.length; i++) {
    res += (y[i] - pred[i]) ** 2;
    tot += (y[i] - mean) ** 2;
  }
  return tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
}
