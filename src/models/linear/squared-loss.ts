/**
 * Half the summed squared error of a linear model, with its gradient, in one pass over the rows:
 *   ½ Σ_i (x_i·w + b − y_i)²   over parameters `[w_0 … w_{d−1}, b]` (b present when `fitIntercept`).
 * Like the logistic losses (`logistic-loss.ts`) it only reads the rows it is given, so the values and
 * gradients of partitions add up: the data-parallel ridge regression sums them and adds the penalty once.
 */
import type { LossGradient } from './solvers/lbfgs.js';
import { type RowStore, rowAxpy, rowDot } from './solvers/row-store.js';

/**
 * @example
 * const fg = squaredLoss(rowStore(X), y, true);
 * const loss = fg(w, grad);
 */
export function squaredLoss(X: RowStore, y: Float64Array, fitIntercept: boolean): LossGradient {
  return (w, grad) => squaredKernel(X, y, fitIntercept, w, grad);
}

function squaredKernel(X: RowStore, y: Float64Array, fitIntercept: boolean, w: Float64Array, grad: Float64Array): number {
  const n = X.rows, d = X.cols;
  grad.fill(0);
  const b = fitIntercept ? w[d] : 0;
  let loss = 0, gb = 0;
  for (let i = 0; i < n; i++) {
    const r = b + rowDot(X, i, w, 0) - y[i];
    loss += 0.5 * r * r;
    if (r !== 0) rowAxpy(X, i, r, grad, 0);
    gb += r;
  }
  if (fitIntercept) grad[d] = gb;
  return loss;
}
