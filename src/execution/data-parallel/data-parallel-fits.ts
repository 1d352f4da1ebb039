/**
 * The data-parallel fits on `trainyard worker`s: each opens {@link RedisRounds} on the cluster `o`
 * names and runs its model family's partitioned fit (`models/<family>/partitioned/`) over them,
 * closing the rounds however the fit ends. The same fits run in this process over `LocalRounds`.
 */
import type { FitOptions } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import type { HistGradientBoostingParams } from '../../models/boosting/boosting-params.js';
import type { HistGradientBoostingClassifier } from '../../models/boosting/hist-gradient-boosting-classifier.js';
import type { HistGradientBoostingRegressor } from '../../models/boosting/hist-gradient-boosting-regressor.js';
import { fitGradientBoostingPartitioned, fitGradientBoostingRegressorPartitioned, type DataParallelBoostingStats } from '../../models/boosting/partitioned/boosting-partitioned.js';
import type { LogisticRegression } from '../../models/linear/logistic-regression.js';
import { fitLogisticRegressionPartitioned, type LogisticParams } from '../../models/linear/partitioned/logistic-partitioned.js';
import { fitRidgePartitioned, type RidgeDataParallelParams } from '../../models/linear/partitioned/ridge-partitioned.js';
import type { Ridge } from '../../models/linear/ridge.js';
import type { MLPClassifier } from '../../models/neural/mlp-classifier.js';
import type { MLPClassifierParams } from '../../models/neural/mlp-params.js';
import type { MLPRegressor, MLPRegressorParams } from '../../models/neural/mlp-regressor.js';
import { fitMlpPartitioned, fitMlpRegressorPartitioned } from '../../models/neural/partitioned/mlp-partitioned.js';
import { RedisRounds, type DataParallelOptions } from './redis-rounds.js';

export type { DataParallelOptions } from './redis-rounds.js';
export type { DataParallelBoostingStats } from '../../models/boosting/partitioned/boosting-partitioned.js';

/**
 * Fits a binary L2 logistic regression over `partitions` workers; returns a normal fitted estimator.
 *
 * @example
 * const model = await fitLogisticRegressionDataParallel(X, y, { C: 1 }, { redisUrl, store, partitions: 4, runId: 'lr-1' });
 * model.predictProba(Xtest);
 */
export async function fitLogisticRegressionDataParallel(X: Matrix, y: ArrayLike<number>, params: LogisticParams, o: DataParallelOptions): Promise<LogisticRegression> {
  return RedisRounds.run(o, (rounds) => fitLogisticRegressionPartitioned(X, y, params, o.partitions, rounds));
}

/**
 * Fits a ridge regression over `partitions` workers; returns a normal fitted `Ridge`.
 *
 * @example
 * const model = await fitRidgeDataParallel(X, y, { alpha: 1 }, { redisUrl, store, partitions: 4, runId: 'ridge-1' });
 * model.predict(Xtest);
 */
export async function fitRidgeDataParallel(X: Matrix, y: ArrayLike<number>, params: RidgeDataParallelParams, o: DataParallelOptions): Promise<Ridge> {
  return RedisRounds.run(o, (rounds) => fitRidgePartitioned(X, y, params, o.partitions, rounds));
}

/**
 * Fits an `MLPClassifier` over `partitions` workers; returns a normal fitted estimator.
 * `params` are `MLPClassifier`'s, with `batchSize` the global batch ('auto' = 1024). With
 * `earlyStopping` the coordinator holds out the stratified validation split (it never goes to the
 * workers) and stops, as the single-process fit does, on its accuracy.
 *
 * @example
 * const mlp = await fitMlpDataParallel(X, y, { hidden: [64, 32], epochs: 5, batchSize: 2048, learningRate: 0.003 },
 *   { redisUrl, store, partitions: 4, runId: 'mlp-1' });
 */
export async function fitMlpDataParallel(X: Matrix, y: ArrayLike<number>, params: Partial<MLPClassifierParams>, o: DataParallelOptions, options: FitOptions = {}): Promise<MLPClassifier> {
  return RedisRounds.run(o, (rounds) => fitMlpPartitioned(X, y, params, o.partitions, rounds, options));
}

/**
 * Fits an `MLPRegressor` (squared error) over `partitions` workers; the same batches, steps and early
 * stopping (on the validation R², hold-out kept by the coordinator) as the classifier's fit.
 *
 * @example
 * const mlp = await fitMlpRegressorDataParallel(X, target, { hidden: [64], batchSize: 2048, learningRate: 0.003 }, { redisUrl, store, partitions: 4, runId: 'mlpr-1' });
 */
export async function fitMlpRegressorDataParallel(X: Matrix, y: ArrayLike<number>, params: Partial<MLPRegressorParams>, o: DataParallelOptions, options: FitOptions = {}): Promise<MLPRegressor> {
  return RedisRounds.run(o, (rounds) => fitMlpRegressorPartitioned(X, y, params, o.partitions, rounds, options));
}

/**
 * Fits a `HistGradientBoostingClassifier` over `partitions` workers; returns a normal fitted estimator.
 *
 * @example
 * const gbdt = await fitGradientBoostingDataParallel(X, y, { maxIter: 100 }, { redisUrl, store, partitions: 4, runId: 'gb-1' });
 */
export async function fitGradientBoostingDataParallel(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<HistGradientBoostingParams>,
  o: DataParallelOptions,
  options: FitOptions = {},
  stats?: DataParallelBoostingStats,
): Promise<HistGradientBoostingClassifier> {
  return RedisRounds.run(o, (rounds) => fitGradientBoostingPartitioned(X, y, params, o.partitions, rounds, options, stats));
}

/**
 * Fits a `HistGradientBoostingRegressor` (squared error) over `partitions` workers.
 *
 * @example
 * const gbdt = await fitGradientBoostingRegressorDataParallel(X, target, { maxIter: 100 }, { redisUrl, store, partitions: 4, runId: 'gbr-1' });
 */
export async function fitGradientBoostingRegressorDataParallel(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<HistGradientBoostingParams>,
  o: DataParallelOptions,
  options: FitOptions = {},
  stats?: DataParallelBoostingStats,
): Promise<HistGradientBoostingRegressor> {
  return RedisRounds.run(o, (rounds) => fitGradientBoostingRegressorPartitioned(X, y, params, o.partitions, rounds, options, stats));
}

