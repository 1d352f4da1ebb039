/**
 * Losses of the `Sequential` network, each the batch mean of a per-row loss times the row's weight
 * (class weights become row weights) — Keras's `SUM_OVER_BATCH_SIZE` reduction
 * (`keras/losses/losses.py`): Σᵢ wᵢ·lᵢ / rows.
 * - categorical cross-entropy: lᵢ = −Σⱼ yᵢⱼ·log pᵢⱼ (one-hot or soft targets);
 * - binary cross-entropy: lᵢ = mean over outputs of −(y·log p + (1−y)·log(1−p));
 * - mse: lᵢ = mean over outputs of (p − y)²;
 * - huber (Huber 1964): per output ½r² for |r| ≤ δ, else δ·(|r| − ½δ); lᵢ = their mean.
 * Probabilities are clipped to [1e-7, 1 − 1e-7] (Keras's epsilon) before the log.
 *
 * When the output layer is sigmoid + binary cross-entropy or softmax + categorical cross-entropy,
 * `fusedLogitGradient` gives dL/dz = w·(p − y)/(rows·m) directly — exact and free of the division by p.
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

const EPS = 1e-7;

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
