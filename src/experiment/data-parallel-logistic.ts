/**
 * Data-parallel logistic regression (the scheme of Spark MLlib's distributed L-BFGS): the training
 * rows are cut into partitions that live with the workers (as content-addressed blobs in the store,
 * cached on each worker's disk); for every loss/gradient evaluation the coordinator broadcasts the
 * current weights, each worker returns its partition's summed loss and gradient, and the coordinator
 * adds the partials in partition order (so the result does not depend on which worker answered
 * first), adds the L2 term and takes the L-BFGS step. Same objective as `LogisticRegression` (binary, L2).
 */
import { DataError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { minimizeLbfgsAsync } from '../models/linear/lbfgs.js';
import { LogisticRegression } from '../models/linear/logistic-regression.js';
import { putPartitions, RedisRounds, type DataParallelOptions, type PartitionRounds, type PartitionTaskBase } from './data-parallel-rounds.js';

export type { DataParallelOptions } from './data-parallel-rounds.js';

/** A request for one partition's summed loss and gradient at the broadcast weights. */
export interface GradientTask extends PartitionTaskBase {
  kind: 'lr-grad';
  fitIntercept: boolean;
  /** Broadcast key of the weights (float64; the intercept last when fitted). */
  weights: string;
}

/** Hyper-parameters of the data-parallel fit (as `LogisticRegression`'s). */
export interface LogisticParams {
  C?: number;
  maxIter?: number;
  tol?: number;
  fitIntercept?: boolean;
}

/**
 * Fits a binary L2 logistic regression over `partitions` workers; returns a normal fitted estimator.
 *
 * @example
 * const model = await fitLogisticRegressionDataParallel(X, y, { C: 1 }, { redisUrl, store, partitions: 4, runId: 'lr-1' });
 * model.predictProba(Xtest);
 */
export async function fitLogisticRegressionDataParallel(X: Matrix, y: ArrayLike<number>, params: LogisticParams, o: DataParallelOptions): Promise<LogisticRegression> {
  const rounds = await RedisRounds.open(o);
  try {
    return await fitLogisticRegressionPartitioned(X, y, params, o.partitions, rounds);
  } finally {
    await rounds.close();
  }
}

/**
 * The same fit over any {@link PartitionRounds} (e.g. `LocalRounds` in this process).
 *
 * @example
 * const model = await fitLogisticRegressionPartitioned(X, y, {}, 4, new LocalRounds());
 */
export async function fitLogisticRegressionPartitioned(X: Matrix, y: ArrayLike<number>, params: LogisticParams, partitions: number, rounds: PartitionRounds): Promise<LogisticRegression> {
  const C = params.C ?? 1;
  const fitIntercept = params.fitIntercept ?? true;
  const classes = Float64Array.from(new Set(Array.from(y))).sort();
  if (classes.length !== 2) throw new DataError(`data-parallel logistic regression needs exactly 2 classes, got ${classes.length}`);
  const d = X.cols;
  const y01 = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) y01[i] = y[i] === classes[1] ? 1 : 0;
  const shas = await putPartitions(rounds, X, y01, partitions);
  let evaluation = 0;
  const l2 = 1 / C;
  const fg = async (w: Float64Array, grad: Float64Array): Promise<number> => {
    const weights = await rounds.broadcast('weights', w);
    const partials = await rounds.round<GradientTask>(`lr${evaluation++}`, shas.map((partition) => ({ kind: 'lr-grad', partition, fitIntercept, weights })));
    // Each partial is [loss, gradient...]; summed in partition order.
    grad.fill(0);
    let loss = 0;
    for (const part of partials) {
      loss += part[0];
      for (let j = 0; j < grad.length; j++) grad[j] += part[j + 1];
    }
    for (let j = 0; j < d; j++) {
      loss += 0.5 * l2 * w[j] * w[j];
      grad[j] += l2 * w[j];
    }
    return loss;
  };
  const res = await minimizeLbfgsAsync(fg, new Float64Array(d + (fitIntercept ? 1 : 0)), { maxIter: params.maxIter ?? 100, gtol: params.tol ?? 1e-4 });
  const model = new LogisticRegression({ C, maxIter: params.maxIter ?? 100, tol: params.tol ?? 1e-4, fitIntercept });
  return model.restoreState({
    type: model.type,
    params: model.getParams() as never,
    fitted: { classes, coef: res.x.slice(0, d), intercept: Float64Array.of(fitIntercept ? res.x[d] : 0), nFeatures: d, nIter: res.iterations, mode: 'binary' },
  });
}
