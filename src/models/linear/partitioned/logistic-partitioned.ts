/**
 * Data-parallel logistic regression: the training rows are cut into partitions that live with the
 * workers (the rounds' blobs; on a cluster, cached on each worker's disk), and L-BFGS steps on
 * the loss and gradient summed over them (`partitioned-objective.ts`). Same objective as
 * `LogisticRegression` (binary, L2).
 */
import { DataError } from '../../../core/errors.js';
import type { Matrix } from '../../../core/matrix.js';
import { putPartitions, type PartitionRounds } from '../../partitioned-rounds.js';
import { minimizeLbfgsAsync } from '../solvers/lbfgs.js';
import { LogisticRegression } from '../logistic-regression.js';
import { partitionedObjective } from './partitioned-objective.js';

/** Hyper-parameters of the data-parallel fit (as `LogisticRegression`'s). */
export interface LogisticParams {
  C?: number;
  maxIter?: number;
  tol?: number;
  fitIntercept?: boolean;
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
  const fg = partitionedObjective(rounds, shas, { loss: 'logistic', fitIntercept, d, l2: 1 / C });
  const res = await minimizeLbfgsAsync(fg, new Float64Array(d + (fitIntercept ? 1 : 0)), { maxIter: params.maxIter ?? 100, gtol: params.tol ?? 1e-4 });
  const model = new LogisticRegression({ C, maxIter: params.maxIter ?? 100, tol: params.tol ?? 1e-4, fitIntercept });
  return model.restoreState({
    type: model.type,
    params: model.getParams() as never,
    fitted: { classes, coef: res.x.slice(0, d), intercept: Float64Array.of(fitIntercept ? res.x[d] : 0), nFeatures: d, nIter: res.iterations, mode: 'binary' },
  });
}
