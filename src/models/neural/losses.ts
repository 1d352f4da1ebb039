/**
 * The losses of the neural stack, in the two conventions its two trainers follow.
 *
 * `Sequential` (Keras's conventions, `keras/losses/losses.py`): the batch mean of a per-row loss times
 * the row's weight (class weights become row weights) — the `SUM_OVER_BATCH_SIZE` reduction
 * Σᵢ wᵢ·lᵢ / rows — whose gradient already carries the 1/rows:
 * - categorical cross-entropy: lᵢ = −Σⱼ yᵢⱼ·log pᵢⱼ (one-hot or soft targets);
 * - binary cross-entropy: lᵢ = mean over outputs of −(y·log p + (1−y)·log(1−p));
 * - mse: lᵢ = mean over outputs of (p − y)²;
 * - huber (Huber 1964): per output ½r² for |r| ≤ δ, else δ·(|r| − ½δ); lᵢ = their mean.
 * Probabilities are clipped to [1e-7, 1 − 1e-7] (Keras's epsilon) before the log. When the output
 * layer is sigmoid + binary cross-entropy or softmax + categorical cross-entropy,
 * `fusedLogitGradient` gives dL/dz = w·(p − y)/(rows·m) directly — exact and free of the division by p.
 *
 * The MLPs (scikit-learn's `neural_network/_base.py`: `binary_log_loss`, `log_loss`, `squared_loss`):
 * class-index targets, probabilities clipped to [ε, 1 − ε] with ε = 2^-52, the loss averaged over the
 * batch, and the output error signal written *unscaled* (`p − y`), since scikit-learn divides the
 * parameter gradients by the batch size afterwards (see `Dense.paramGrads`). Keeping the two orders of
 * rounding apart is what lets each trainer match its reference bit for bit.
 */

/** Loss names accepted by `Sequential` training. */
export type LossName = 'categorical_crossentropy' | 'binary_crossentropy' | 'mse' | 'huber';

/** Every loss name, for parameter checks. */
export const LOSS_NAMES: readonly LossName[] = ['categorical_crossentropy', 'binary_crossentropy', 'mse', 'huber'];

/** A loss and its parameter (`delta` is used by huber only). */
export interface LossSpec {
  name: LossName;
  /** Huber's threshold δ > 0. Default 1. */
  delta?: number;
}

/** Keras's clipping epsilon. */
const EPS = 1e-7;
/** numpy's float64 machine epsilon, scikit-learn's clipping bound. */
const SKLEARN_EPS = 2.220446049250313e-16;

/**
 * Batch loss of predictions `pred` (rows×m) against `target` (rows×m); when `grad` is given, writes
 * dL/dpred into it. `weights` (length rows) or null for all ones.
 *
 * @example
 * const loss = lossAndGradient({ name: 'mse' }, pred, target, null, rows, 1, grad);
 */
export function lossAndGradient(
  spec: LossSpec,
  pred: Float64Array,
  target: Float64Array,
  weights: Float64Array | null,
  rows: number,
  m: number,
  grad: Float64Array | null,
): number {
  let total = 0;
  const perRow = spec.name === 'categorical_crossentropy' ? 1 : 1 / m;
  const delta = spec.delta ?? 1;
  for (let i = 0; i < rows; i++) {
    const w = weights === null ? 1 : weights[i];
    const g = (w * perRow) / rows;
    let rowLoss = 0;
    for (let j = 0; j < m; j++) {
      const q = i * m + j;
      const y = target[q];
      const raw = pred[q];
      let l: number;
      let d: number;
      switch (spec.name) {
        case 'categorical_crossentropy': {
          const inside = raw > EPS && raw < 1 - EPS;
          const p = inside ? raw : raw <= EPS ? EPS : 1 - EPS;
          l = y === 0 ? 0 : -y * Math.log(p);
          d = inside ? -y / p : 0;
          break;
        }
        case 'binary_crossentropy': {
          const inside = raw > EPS && raw < 1 - EPS;
          const p = inside ? raw : raw <= EPS ? EPS : 1 - EPS;
          l = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
          d = inside ? (p - y) / (p * (1 - p)) : 0;
          break;
        }
        case 'mse': {
          const r = raw - y;
          l = r * r;
          d = 2 * r;
          break;
        }
        case 'huber': {
          const r = raw - y;
          const a = Math.abs(r);
          if (a <= delta) {
            l = 0.5 * r * r;
            d = r;
          } else {
            l = delta * (a - 0.5 * delta);
            d = r > 0 ? delta : -delta;
          }
          break;
        }
      }
      rowLoss += l;
      if (grad !== null) grad[q] = g * d;
    }
    total += w * perRow * rowLoss;
  }
  return total / rows;
}

/**
 * For sigmoid + binary cross-entropy or softmax + categorical cross-entropy: writes dL/dz (the output
 * layer's pre-activations) = w·(p − y)/(rows·m) with m = 1 for softmax.
 *
 * @example
 * fusedLogitGradient('binary_crossentropy', prob, target, null, rows, 1, gradZ);
 */
export function fusedLogitGradient(
  name: 'categorical_crossentropy' | 'binary_crossentropy',
  pred: Float64Array,
  target: Float64Array,
  weights: Float64Array | null,
  rows: number,
  m: number,
  gradZ: Float64Array,
): void {
  const scale = name === 'categorical_crossentropy' ? 1 / rows : 1 / (rows * m);
  for (let i = 0; i < rows; i++) {
    const w = (weights === null ? 1 : weights[i]) * scale;
    // For soft targets that do not sum to 1 the softmax gradient is p·Σy − y; one-hot targets give p − y.
    let ySum = 1;
    if (name === 'categorical_crossentropy') {
      ySum = 0;
      for (let j = 0; j < m; j++) ySum += target[i * m + j];
    }
    for (let j = 0; j < m; j++) {
      const q = i * m + j;
      gradZ[q] = w * (pred[q] * ySum - target[q]);
    }
  }
}

/**
 * Mean binary cross-entropy of one-column probabilities `prob` against 0/1 targets `y` (scikit-learn's
 * `binary_log_loss`).
 *
 * @example
 * binaryCrossEntropy(Float64Array.of(0.9, 0.2), Int32Array.of(1, 0), 2); // (−log 0.9 − log 0.8) / 2
 */
export function binaryCrossEntropy(prob: Float64Array, y: Int32Array, rows: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let p = prob[i];
    if (p < SKLEARN_EPS) p = SKLEARN_EPS;
    else if (p > 1 - SKLEARN_EPS) p = 1 - SKLEARN_EPS;
    s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / rows;
}

/**
 * Mean categorical cross-entropy of rows×k probabilities against class indices `y` (scikit-learn's
 * `log_loss`).
 *
 * @example
 * categoricalCrossEntropy(Float64Array.of(0.7, 0.3), Int32Array.of(0), 1, 2); // −log 0.7
 */
export function categoricalCrossEntropy(prob: Float64Array, y: Int32Array, rows: number, k: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let p = prob[i * k + y[i]];
    if (p < SKLEARN_EPS) p = SKLEARN_EPS;
    else if (p > 1 - SKLEARN_EPS) p = 1 - SKLEARN_EPS;
    s -= Math.log(p);
  }
  return s / rows;
}

/**
 * Writes the cross-entropy's error signal at the output logits, `delta = prob − onehot(y)` (rows×k;
 * k = 1 means a single sigmoid unit with target y ∈ {0, 1}), unscaled by the batch size.
 *
 * @example
 * outputDelta(prob, y, rows, k, delta);
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

/**
 * Half the mean squared error of one-column predictions against `y` (scikit-learn's `squared_loss`),
 * writing the unscaled error signal `delta = pred − y`.
 *
 * @example
 * halfSquaredError(Float64Array.of(1, 2), Float64Array.of(0, 2), 2, delta); // 0.25, delta = [1, 0]
 */
export function halfSquaredError(pred: Float64Array, y: Float64Array, rows: number, delta: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const r = pred[i] - y[i];
    delta[i] = r;
    loss += r * r;
  }
  return loss / rows / 2;
}
