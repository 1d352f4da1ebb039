/**
 * Cross-entropy losses for classification with their output-layer error signal, as in scikit-learn's
 * `neural_network/_base.py` (`binary_log_loss`, `log_loss`): probabilities are clipped to
 * [ε, 1 − ε] with ε = 2^-52 before the log, and the loss is averaged over the batch.
 *
 * With a sigmoid (binary) or softmax (multiclass) output, the gradient of the loss with respect to the
 * output logits is simply `p − y`, which `outputDelta` writes.
 */

const EPS = 2.220446049250313e-16;

/** Mean binary cross-entropy of one-column probabilities `prob` against 0/1 targets `y`. */
export function binaryCrossEntropy(prob: Float64Array, y: Int32Array, rows: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let p = prob[i];
    if (p < EPS) p = EPS;
    else if (p > 1 - EPS) p = 1 - EPS;
    s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / rows;
}

/** Mean categorical cross-entropy of rows×k probabilities against class indices `y`. */
export function categoricalCrossEntropy(prob: Float64Array, y: Int32Array, rows: number, k: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let p = prob[i * k + y[i]];
    if (p < EPS) p = EPS;
    else if (p > 1 - EPS) p = 1 - EPS;
    s -= Math.log(p);
  }
  return s / rows;
}

/**
 * Writes `delta = prob − onehot(y)` (rows×k; k = 1 means a single sigmoid unit with target y ∈ {0, 1}).
 */
export function outputDelta(prob: Float64Array, y: Int32Array, rows: number, k: number, delta: Float64Array): void {
  if (k === 1) {
    for (let i = 0; i < rows; i++) delta[i] = prob[i] - y[i];
    return;
  }
  const len = rows * k;
  for (let i = 0; i < len; i++) delta[i] = prob[i];
  for (let i = 0; i < rows; i++) delta[i * k + y[i]] -= 1;
}
