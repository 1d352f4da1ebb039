/**
 * Hyper-parameters shared by SGDClassifier and SGDRegressor, validated in one place (scikit-learn's
 * `BaseSGD._validate_params` / `_more_validate_params`: eta0 > 0 unless the schedule is 'optimal',
 * alpha > 0 for 'optimal').
 */
import { InvalidParamError } from '../../../core/errors.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import type { LearningRate, SgdPenalty } from './sgd-solver.js';

/** Parameters common to both SGD models. */
export interface SgdCommonParams {
  /** 'l2' (default), 'l1', 'elasticnet' or 'none'. */
  penalty: SgdPenalty;
  /** Penalty strength (>= 0; > 0 with learningRate 'optimal'). Default 1e-4. */
  alpha: number;
  /** L1 share for 'elasticnet', in [0, 1]. Default 0.15. */
  l1Ratio: number;
  fitIntercept: boolean;
  /** Epochs (passes over the data). Default 1000. */
  maxIter: number;
  /** Stop when an epoch's loss fails to improve by tol (per sample) nIterNoChange times; null = run all epochs. Default 1e-3. */
  tol: number | null;
  /** Reshuffle the rows before each epoch. Default true. */
  shuffle: boolean;
  learningRate: LearningRate;
  /** Initial learning rate for 'constant', 'invscaling' and 'adaptive' (> 0). */
  eta0: number;
  /** Exponent of 'invscaling': eta = eta0 / t^powerT. */
  powerT: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** false, true (average from the first step) or the step from which to average. Default false. */
  average: boolean | number;
  /** Seed of the shuffles. Default 0. */
  seed: number;
}

/** Validated common parameters, `average` as a step number (0 = off). */
export interface CheckedSgdParams extends Omit<SgdCommonParams, 'average'> {
  average: number;
}

/**
 * Validates the shared SGD parameters (named errors with the allowed range).
 *
 * @example
 * const c = checkSgdParams('SGDRegressor', this.params); // c.average is a step number, 0 = off
 */
export function checkSgdParams(owner: string, p: SgdCommonParams): CheckedSgdParams {
  const penalty = checkOneOf(owner, 'penalty', p.penalty, ['l2', 'l1', 'elasticnet', 'none'] as const);
  const learningRate = checkOneOf(owner, 'learningRate', p.learningRate, ['optimal', 'constant', 'invscaling', 'adaptive'] as const);
  const alpha = checkNumber(owner, 'alpha', p.alpha, { min: 0, exclusiveMin: learningRate === 'optimal' });
  const l1Ratio = checkNumber(owner, 'l1Ratio', p.l1Ratio, { min: 0, max: 1 });
  const fitIntercept = checkOneOf(owner, 'fitIntercept', p.fitIntercept, [true, false] as const);
  const maxIter = checkNumber(owner, 'maxIter', p.maxIter, { min: 1, integer: true });
  const tol = p.tol === null ? null : checkNumber(owner, 'tol', p.tol, { min: 0 });
  const shuffle = checkOneOf(owner, 'shuffle', p.shuffle, [true, false] as const);
  const eta0 = checkNumber(owner, 'eta0', p.eta0, { min: 0, exclusiveMin: learningRate !== 'optimal' });
  const powerT = checkNumber(owner, 'powerT', p.powerT);
  const nIterNoChange = checkNumber(owner, 'nIterNoChange', p.nIterNoChange, { min: 1, integer: true });
  const seed = checkNumber(owner, 'seed', p.seed, { integer: true });
  let average: number;
  if (p.average === true) average = 1;
  else if (p.average === false) average = 0;
  else if (typeof p.average === 'number' && Number.isInteger(p.average) && p.average >= 0) average = p.average;
  else {
    throw new InvalidParamError(`${owner}: parameter 'average' must be true, false or an integer >= 0 (the step to start averaging at), got ${JSON.stringify(p.average)}`, {
      estimator: owner,
      param: 'average',
      value: p.average,
    });
  }
  return { penalty, alpha, l1Ratio, fitIntercept, maxIter, tol, shuffle, learningRate, eta0, powerT, nIterNoChange, average, seed };
}

export const SGD_COMMON_DEFAULTS: Omit<SgdCommonParams, 'learningRate' | 'eta0' | 'powerT'> = {
  penalty: 'l2',
  alpha: 1e-4,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  shuffle: true,
  nIterNoChange: 5,
  average: false,
  seed: 0,
};
