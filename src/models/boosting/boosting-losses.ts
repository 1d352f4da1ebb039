/**
 * Losses of histogram gradient boosting, after scikit-learn 1.2 `sklearn/_loss/loss.py`
 * (`HalfBinomialLoss`, `HalfMultinomialLoss`, `HalfSquaredError`): the baseline (intercept-only)
 * raw prediction, gradients and hessians with respect to the raw predictions, and the mean loss that
 * early stopping watches. Raw predictions and gradients are stored output-major:
 * `raw[c * n + i]` is row i's score for output c.
 */

/** Which loss a booster minimises. */
export type BoostingLoss = 'log_loss' | 'squared_error';

/**
 * Baseline raw predictions per output (k = 1 for binary/regression).
 *
 * @example
 * baseline('log_loss', Float64Array.of(0, 1, 1, 1), 1); // [log(3)]
 */
export function baseline(loss: BoostingLoss, y: Float64Array, k: number): Float64Array {
  const n = y.length;
  if (loss === 'squared_error') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    return Float64Array.of(s / n);
  }
  const counts = new Float64Array(Math.max(k, 2));
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const eps = 2.220446049250313e-16;
  if (k === 1) {
    const p = Math.min(Math.max(counts[1] / n, eps), 1 - eps);
    return Float64Array.of(Math.log(p / (1 - p)));
  }
  // log of the class priors, centred (softmax is shift-invariant; sklearn centres them too).
  const out = new Float64Array(k);
  let mean = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.log(Math.min(Math.max(counts[c] / n, eps), 1 - eps));
    mean += out[c] / k;
  }
  for (let c = 0; c < k; c++) out[c] -= mean;
  return out;
}

/**
 * Gradients and hessians for rows [from, to) of n; y holds class indices (log loss) or targets.
 * Squared error leaves `hess` untouched (it is constant 1).
 *
 * @example
 * gradients('log_loss', y, raw, 1, grad, hess, 0, y.length);
 */
export function gradients(loss: BoostingLoss, y: Float64Array, raw: Float64Array, k: number, grad: Float64Array, hess: Float64Array, from: number, to: number): void {
  const n = y.length;
  if (loss === 'squared_error') {
    for (let i = from; i < to; i++) grad[i] = raw[i] - y[i];
  } else if (k === 1) {
    for (let i = from; i < to; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      grad[i] = p - y[i];
      hess[i] = p * (1 - p);
    }
  } else {
    for (let i = from; i < to; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i] - max);
      const yi = y[i];
      for (let c = 0; c < k; c++) {
        const p = Math.exp(raw[c * n + i] - max) / sum;
        grad[c * n + i] = p - (yi === c ? 1 : 0);
        hess[c * n + i] = p * (1 - p);
      }
    }
  }
}

/**
 * Mean loss over all rows (half squared error, or log loss).
 *
 * @example
 * meanLoss('squared_error', Float64Array.of(1, 3), Float64Array.of(2, 2), 1); // 0.5
 */
export function meanLoss(loss: BoostingLoss, y: Float64Array, raw: Float64Array, k: number): number {
  const n = y.length;
  let s = 0;
  if (loss === 'squared_error') {
    for (let i = 0; i < n; i++) s += 0.5 * (raw[i] - y[i]) ** 2;
  } else if (k === 1) {
    // log(1 + e^r) − y·r, computed without overflow.
    for (let i = 0; i < n; i++) {
      const r = raw[i];
      s += (r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r))) - y[i] * r;
    }
  } else {
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i] - max);
      s += max + Math.log(sum) - raw[y[i] * n + i];
    }
  }
  return s / n;
}
