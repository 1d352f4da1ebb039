/**
 * Data-parallel linear (ridge) regression: the rows are cut into partitions that live with the
 * workers, and L-BFGS steps on half the squared error summed over them plus the ridge penalty
 * (`partitioned-objective.ts`). Same minimiser as `Ridge` — ‖y − Xw − b‖² + alpha·‖w‖², the
 * intercept unpenalised — and `alpha: 0` is ordinary least squares.
 */
import type { Matrix } from '../../../core/matrix.js';
import { checkNumber } from '../../../core/params.js';
import { checkFiniteTargets } from '../../model-checks.js';
import { putPartitions, type PartitionRounds } from '../../partitioned-rounds.js';
import { minimizeLbfgsAsync } from '../solvers/lbfgs.js';
import { Ridge } from '../ridge.js';
import { partitionedObjective } from './partitioned-objective.js';

/** Hyper-parameters of the data-parallel fit (`Ridge`'s, plus the solver's). */
export interface RidgeDataParallelParams {
  /** L2 penalty (>= 0). Default 1. */
  alpha?: number;
  fitIntercept?: boolean;
  /** L-BFGS iterations at most. Default 1000. */
  maxIter?: number;
  /** Stop when every gradient entry of the objective divided by the row count is below this. Default 1e-10. */
  tol?: number;
}

/**
 * The same fit over any {@link PartitionRounds} (e.g. `LocalRounds` in this process).
 *
 * @example
 * const model = await fitRidgePartitioned(X, y, { alpha: 0 }, 4, new LocalRounds());
 */
export async function fitRidgePartitioned(X: Matrix, y: ArrayLike<number>, params: RidgeDataParallelParams, partitions: number, rounds: PartitionRounds): Promise<Ridge> {
  const alpha = checkNumber('data-parallel ridge', 'alpha', params.alpha ?? 1, { min: 0 });
  const fitIntercept = params.fitIntercept ?? true;
  const target = checkFiniteTargets('data-parallel ridge', y);
  const d = X.cols;
  const shas = await putPartitions(rounds, X, target, partitions);
  // Divided by the row count, so the gradient tolerance does not depend on how many rows there are.
  const fg = partitionedObjective(rounds, shas, { loss: 'squared', fitIntercept, d, l2: alpha, scale: 1 / X.rows });
  const res = await minimizeLbfgsAsync(fg, new Float64Array(d + (fitIntercept ? 1 : 0)), { maxIter: params.maxIter ?? 1000, gtol: params.tol ?? 1e-10, ftol: 0 });
  const model = new Ridge({ alpha, fitIntercept });
  return model.restoreState({
    type: model.type,
    params: model.getParams() as never,
    fitted: { coef: res.x.slice(0, d), intercept: fitIntercept ? res.x[d] : 0, nFeatures: d, nIter: res.iterations },
  });
}
