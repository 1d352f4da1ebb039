/**
 * Hyper-parameters of `MLPClassifier`: scikit-learn's `MLPClassifier` names in camelCase, with the same
 * defaults and meaning (`hidden` = hidden_layer_sizes, `optimizer` = solver, `learningRate` =
 * learning_rate_init, `epochs` = max_iter, `patience` = n_iter_no_change, `seed` = random_state).
 * They are validated in `fit`, not in the constructor, so a search may pass through invalid states.
 */
import { InvalidParamError } from '../../core/errors.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { HIDDEN_ACTIVATIONS } from './activations.js';

/** Hyper-parameters of `MLPClassifier` (defaults in `MLP_CLASSIFIER_DEFAULTS`). */
export interface MLPClassifierParams {
  /** Units per hidden layer. Default `[100]`. */
  hidden: number[];
  /** Hidden-layer activation. Default 'relu'. */
  activation: 'relu' | 'tanh' | 'sigmoid';
  /** Default 'adam'. */
  optimizer: 'adam' | 'sgd';
  /** Step size (Adam's base rate; SGD's constant rate). Default 0.001. */
  learningRate: number;
  /** SGD momentum in [0, 1]. Default 0.9. */
  momentum: number;
  /** Nesterov momentum for SGD. Default true. */
  nesterov: boolean;
  /** Rows per mini-batch; 'auto' = min(200, rows). Larger values are clipped to the row count. */
  batchSize: number | 'auto';
  /** Maximum passes over the training data. Default 200. */
  epochs: number;
  /** L2 penalty strength. Default 0.0001. */
  alpha: number;
  /** Hold out a stratified validation split and stop on its accuracy. Default false. */
  earlyStopping: boolean;
  /** Fraction of training rows held out when `earlyStopping`, in (0, 1). Default 0.1. */
  validationFraction: number;
  /** Epochs without an improvement > tol tolerated before stopping. Default 10. */
  patience: number;
  /** Minimum improvement. Default 1e-4. */
  tol: number;
  /** Adam β1 in [0, 1). Default 0.9. */
  beta1: number;
  /** Adam β2 in [0, 1). Default 0.999. */
  beta2: number;
  /** Adam ε > 0. Default 1e-8. */
  epsilon: number;
  /** Reshuffle the rows every epoch. Default true. */
  shuffle: boolean;
  /** Seed of every random choice (initial weights, validation split, shuffles). Default 0. */
  seed: number;
}

/** scikit-learn's defaults. */
export const MLP_CLASSIFIER_DEFAULTS: MLPClassifierParams = {
  hidden: [100],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  nesterov: true,
  batchSize: 'auto',
  epochs: 200,
  alpha: 0.0001,
  earlyStopping: false,
  validationFraction: 0.1,
  patience: 10,
  tol: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  shuffle: true,
  seed: 0,
};

/** Throws `E_INVALID_PARAM` naming the first parameter outside its allowed range. */
export function validateMlpParams(owner: string, p: MLPClassifierParams): void {
  if (!Array.isArray(p.hidden) || p.hidden.some((h) => !(Number.isInteger(h) && h > 0))) {
    throw new InvalidParamError(
      `${owner}: parameter 'hidden' must be a list of positive integers (units per hidden layer, e.g. [64, 32]), got ${JSON.stringify(p.hidden)}`,
      { estimator: owner, param: 'hidden', value: p.hidden, allowed: 'a list of integers >= 1' },
    );
  }
  checkOneOf(owner, 'activation', p.activation, HIDDEN_ACTIVATIONS);
  checkOneOf(owner, 'optimizer', p.optimizer, ['adam', 'sgd'] as const);
  checkNumber(owner, 'learningRate', p.learningRate, { min: 0, exclusiveMin: true });
  checkNumber(owner, 'momentum', p.momentum, { min: 0, max: 1 });
  checkOneOf(owner, 'nesterov', p.nesterov, [true, false]);
  if (p.batchSize !== 'auto') checkNumber(owner, 'batchSize', p.batchSize, { min: 1, integer: true });
  checkNumber(owner, 'epochs', p.epochs, { min: 1, integer: true });
  checkNumber(owner, 'alpha', p.alpha, { min: 0 });
  checkOneOf(owner, 'earlyStopping', p.earlyStopping, [true, false]);
  checkNumber(owner, 'validationFraction', p.validationFraction, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  checkNumber(owner, 'patience', p.patience, { min: 1, integer: true });
  checkNumber(owner, 'tol', p.tol, { min: 0 });
  checkNumber(owner, 'beta1', p.beta1, { min: 0, max: 1, exclusiveMax: true });
  checkNumber(owner, 'beta2', p.beta2, { min: 0, max: 1, exclusiveMax: true });
  checkNumber(owner, 'epsilon', p.epsilon, { min: 0, exclusiveMin: true });
  checkOneOf(owner, 'shuffle', p.shuffle, [true, false]);
  checkNumber(owner, 'seed', p.seed, { integer: true });
}
