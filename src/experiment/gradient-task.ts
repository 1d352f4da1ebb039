/**
 * Worker side of data-parallel logistic regression: one partition's summed loss and gradient at
 * the coordinator's weights. Partitions are decoded once per worker and kept in memory, so only
 * weights and gradients cross the network per iteration.
 */
import { Matrix } from '../core/matrix.js';
import { decodeModel } from '../core/model-file.js';
import { stateArray, stateNumber } from '../core/state-check.js';
import type { StateValue } from '../core/estimator.js';
import type { LossGradient } from '../models/linear/lbfgs.js';
import { binaryLogisticLoss } from '../models/linear/logistic-loss.js';
import { rowStore } from '../models/linear/row-store.js';
import { fromBase64, toBase64, type GradientResult, type GradientTask } from './data-parallel-logistic.js';

const partitions = new Map<string, LossGradient>();

export async function runGradientTask(task: GradientTask, fetch: (sha: string) => Promise<Buffer>): Promise<GradientResult> {
  let fg = partitions.get(task.partition + task.fitIntercept);
  if (!fg) {
    const s = decodeModel(await fetch(task.partition), `partition ${task.partition.slice(0, 12)}`) as { [k: string]: StateValue };
    const rows = stateNumber(s, 'rows');
    const cols = stateNumber(s, 'cols');
    const X = new Matrix(rows, cols, stateArray(s, 'X', Float64Array, rows * cols));
    const y01 = stateArray(s, 'y01', Float64Array, rows);
    fg = binaryLogisticLoss(rowStore(X), y01, new Float64Array(rows).fill(1), 0, task.fitIntercept);
    partitions.set(task.partition + task.fitIntercept, fg);
  }
  const w = fromBase64(task.w);
  const grad = new Float64Array(w.length);
  const loss = fg(w, grad);
  return { loss, grad: toBase64(grad) };
}
