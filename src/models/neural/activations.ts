/**
 * Activation functions applied in place over a layer's output buffer, and their derivatives expressed
 * through the activation's *output* (as scikit-learn's `neural_network/_base.py` does), so the backward
 * pass needs no stored pre-activations.
 */

/** Activations a hidden layer may use. */
export type HiddenActivation = 'relu' | 'tanh' | 'sigmoid' | 'identity';
/** Output activations: one sigmoid unit for binary tasks, softmax for multiclass, identity for logits. */
export type OutputActivation = 'sigmoid' | 'softmax' | 'identity';

/** Hidden activations accepted by `MLPClassifier` (sklearn's 'logistic' is called 'sigmoid' here). */
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;

/** Logistic sigmoid computed as scipy's `expit`, 1 / (1 + e^-x), so outputs match sklearn bit for bit. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Applies an element-wise activation to `buf[0 .. len)` in place. */
export function applyActivation(kind: HiddenActivation | 'sigmoid' | 'identity', buf: Float64Array, len: number): void {
  switch (kind) {
    case 'relu':
      // Branch-free max(x, 0): exact, and much faster than a compare on random signs.
      for (let i = 0; i < len; i++) {
        const x = buf[i];
        buf[i] = 0.5 * (x + Math.abs(x));
      }
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) buf[i] = Math.tanh(buf[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) buf[i] = 1 / (1 + Math.exp(-buf[i]));
      return;
    case 'identity':
      return;
  }
}

/** Row-wise softmax over a rows×cols buffer in place, shifted by the row maximum for stability. */
export function softmaxRows(buf: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (buf[o + j] > max) max = buf[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(buf[o + j] - max);
      buf[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) buf[o + j] /= sum;
  }
}

/** Applies an output activation to a rows×cols buffer of logits in place. */
export function applyOutputActivation(kind: OutputActivation, buf: Float64Array, rows: number, cols: number): void {
  if (kind === 'softmax') softmaxRows(buf, rows, cols);
  else applyActivation(kind, buf, rows * cols);
}

/**
 * Multiplies `delta[0 .. len)` in place by the activation's derivative, given the activation's output
 * `act`: relu → [act > 0], tanh → 1 − act², sigmoid → act·(1 − act), identity → 1.
 */
export function multiplyByDerivative(kind: HiddenActivation, act: Float64Array, delta: Float64Array, len: number): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < len; i++) if (act[i] === 0) delta[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) delta[i] *= 1 - act[i] * act[i];
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) delta[i] *= act[i] * (1 - act[i]);
      return;
    case 'identity':
      return;
  }
}
