/**
 * The data-parallel task kinds a worker runs (`lr-grad`, `mlp-grad`, `gbdt-hist`), each mapped to its
 * model family's worker side. Their results are transient partials, not run results.
 */
import type { BoostingHistogramTask } from '../../models/boosting/partitioned/boosting-partitioned.js';
import { runBoostingHistogramTask } from '../../models/boosting/partitioned/histogram-task.js';
import { runGradientTask } from '../../models/linear/partitioned/gradient-task.js';
import type { GradientTask } from '../../models/linear/partitioned/partitioned-objective.js';
import { runMlpGradientTask } from '../../models/neural/partitioned/mlp-gradient-task.js';
import type { MlpGradientTask } from '../../models/neural/partitioned/mlp-partitioned.js';
import type { PartitionTaskContext } from '../../models/partitioned-rounds.js';

/** Every kind of data-parallel task. */
export type DataParallelTask = GradientTask | MlpGradientTask | BoostingHistogramTask;

const KINDS = new Set(['lr-grad', 'mlp-grad', 'gbdt-hist']);

/**
 * True for the data-parallel task kinds.
 *
 * @example
 * if (isDataParallelTask(task)) await channel.publish(task, await thread.run(task));
 */
export function isDataParallelTask(task: { kind: string }): task is DataParallelTask {
  return KINDS.has(task.kind);
}

/**
 * The partial result of `task` (computed here, not published).
 *
 * @example
 * const partial = await runDataParallelTask(task, withPartitionCache({ blob, broadcast }));
 */
export function runDataParallelTask(task: DataParallelTask, ctx: PartitionTaskContext): Promise<Float64Array> {
  switch (task.kind) {
    case 'lr-grad':
      return runGradientTask(task, ctx);
    case 'mlp-grad':
      return runMlpGradientTask(task, ctx);
    case 'gbdt-hist':
      return runBoostingHistogramTask(task, ctx);
  }
}
