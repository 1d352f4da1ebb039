/**
 * The coordinator's side of data-parallel linear models (the scheme of Spark MLlib's distributed
 * L-BFGS): for every loss/gradient evaluation the current weights are broadcast, each worker returns
 * its partition's summed loss and gradient (`gradient-task.ts`), and the partials are added in
 * partition order — so the result does not depend on which worker answered first — before the
 * penalty is added once.
 */
import type { PartitionRounds, PartitionTaskBase } from '../../partitioned-rounds.js';
import type { AsyncLossGradient } from '../solvers/lbfgs.js';

/** A request for one partition's summed loss and gradient at the broadcast weights. */
export interface GradientTask extends PartitionTaskBase {
  kind: 'lr-grad';
  /** The binary logistic loss (labels 0/1) or half the squared error. */
  loss: 'logistic' | 'squared';
  fitIntercept: boolean;
  /** Broadcast key of the weights (float64; the intercept last when fitted). */
  weights: string;
}

/**
 * `(Σ partition losses + l2/2·‖w[0..d)‖²) · scale` and its gradient, one round per evaluation.
 *
 * @example
 * const fg = partitionedObjective(rounds, shas, { loss: 'logistic', fitIntercept: true, d, l2: 1 / C });
 * const res = await minimizeLbfgsAsync(fg, new Float64Array(d + 1), {});
 */
export function partitionedObjective(
  rounds: PartitionRounds,
  partitions: string[],
  o: { loss: GradientTask['loss']; fitIntercept: boolean; d: number; l2: number; scale?: number },
): AsyncLossGradient {
  const scale = o.scale ?? 1;
  let evaluation = 0;
  return async (w, grad) => {
    const weights = await rounds.broadcast('weights', w);
    const partials = await rounds.round<GradientTask>(
      `lr${evaluation++}`,
      partitions.map((partition) => ({ kind: 'lr-grad', loss: o.loss, partition, fitIntercept: o.fitIntercept, weights })),
    );
    // Each partial is [loss, gradient...].
    grad.fill(0);
    let loss = 0;
    for (const part of partials) {
      loss += part[0];
      for (let j = 0; j < grad.length; j++) grad[j] += part[j + 1];
    }
    for (let j = 0; j < o.d; j++) {
      loss += 0.5 * o.l2 * w[j] * w[j];
      grad[j] += o.l2 * w[j];
    }
    for (let j = 0; j < grad.length; j++) grad[j] *= scale;
    return loss * scale;
  };
}
