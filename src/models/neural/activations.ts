/**
 * The activation functions of the neural stack — one module for `Dense` layers (hence `Sequential`)
 * and for scikit-learn's MLPs, which are built from the same `Dense` layers — forward and backward
 * over row-major rows×cols Float64Array buffers.
 *
 * The set is Keras's (`keras/activations/activations.py`): relu, leaky_relu (slope `alpha` below zero;
 * Keras 3's default 0.2), tanh, sigmoid, softmax (row-wise), gelu and linear. scikit-learn names
 * linear 'identity' and sigmoid 'logistic'; `denseActivation` maps the MLP's names onto these.
 *
 * GELU (Hendrycks & Gimpel 2016, "Gaussian Error Linear Units") uses the **tanh approximation**
 * 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))) — Keras's `gelu(approximate=True)`, GPT-2/BERT's form —
 * because JavaScript has no `erf`, and the approximation's derivative is exact in closed form.
 *
 * Sigmoid is 1 / (1 + e^-x), as scipy's `expit`, so the MLP's outputs match scikit-learn bit for bit.
 * The derivatives of tanh and sigmoid are taken through the activation's output (1 − a², a·(1 − a)),
 * as scikit-learn's `neural_network/_base.py` does, so no pre-activation is needed for them.
 */

/** Activation names accepted by `Dense`. */
export type ActivationName = 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'softmax' | 'gelu' | 'linear';

/** Every accepted activation name, for parameter checks. */
export const ACTIVATION_NAMES: readonly ActivationName[] = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'softmax', 'gelu', 'linear'];

/** Hidden-layer activations of the MLPs, in scikit-learn's spelling ('identity' is `Dense`'s 'linear'). */
export type HiddenActivation = 'relu' | 'tanh' | 'sigmoid' | 'identity';

/** MLP output activations: one sigmoid unit for binary tasks, softmax for multiclass, identity for regression. */
export type OutputActivation = 'sigmoid' | 'softmax' | 'identity';

/** Hidden activations accepted by `MLPClassifier` (sklearn's 'logistic' is called 'sigmoid' here). */
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * The `Dense` activation of an MLP hidden activation.
 *
 * @example
 * denseActivation('identity'); // 'linear'
 */
export function denseActivation(kind: HiddenActivation): ActivationName {
  return kind === 'identity' ? 'linear' : kind;
}

/**
 * Row-wise softmax of `z` into `out` (rows×cols; `out` may alias `z`), shifted by the row maximum for
 * stability. With `divide`, each exponential is divided by the row sum, as scikit-learn does, so the
 * MLP's probabilities match it bit for bit; otherwise they are multiplied by the sum's reciprocal
 * (one division per row), which is what the `Dense` layers' softmax has always computed.
 *
 * @example
 * const p = Float64Array.of(1, 2, 3); softmaxRows(p, p, 1, 3, true); // p sums to 1
 */
export function softmaxRows(z: Float64Array, out: Float64Array, rows: number, cols: number, divide: boolean): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (z[o + j] > max) max = z[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(z[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    if (divide) {
      for (let j = 0; j < cols; j++) out[o + j] /= sum;
    } else {
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) out[o + j] *= inv;
    }
  }
}

/**
 * Writes `out = f(z)` (rows×cols). `out` may alias `z` for every activation: backward needs `z` only
 * for relu, leaky_relu and gelu, and a layer with those keeps the two buffers apart.
 *
 * @example
 * const z = Float64Array.of(-1, 2); activate('relu', 0, z, z, 1, 2); // z = [0, 2]
 */
export function activate(kind: ActivationName, alpha: number, z: Float64Array, out: Float64Array, rows: number, cols: number): void {
  const len = rows * cols;
  if (out === z && activateInPlace(kind, z, len)) return;
  switch (kind) {
    case 'relu':
      // Branch-free max(x, 0) — exact, and 5× faster than a compare on random signs (no mispredictions).
      for (let i = 0; i < len; i++) {
        const x = z[i];
        out[i] = 0.5 * (x + Math.abs(x));
      }
      return;
    case 'leaky_relu':
      for (let i = 0; i < len; i++) out[i] = z[i] > 0 ? z[i] : alpha * z[i];
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) out[i] = Math.tanh(z[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
      return;
    case 'gelu':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        out[i] = 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_A * x * x * x)));
      }
      return;
    case 'softmax':
      softmaxRows(z, out, rows, cols, false);
      return;
    case 'linear':
      if (out !== z) out.set(z.subarray(0, len));
      return;
  }
}

/**
 * The MLP's hidden activations over one buffer in place; false for the other kinds. The same formulas
 * as `activate`'s, through one array rather than two aliases of it: V8 then loads and bounds-checks one
 * array per element, which measured ~4% of an MLP's forward pass.
 */
function activateInPlace(kind: ActivationName, buf: Float64Array, len: number): boolean {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < len; i++) {
        const x = buf[i];
        buf[i] = 0.5 * (x + Math.abs(x));
      }
      return true;
    case 'tanh':
      for (let i = 0; i < len; i++) buf[i] = Math.tanh(buf[i]);
      return true;
    case 'sigmoid':
      for (let i = 0; i < len; i++) buf[i] = 1 / (1 + Math.exp(-buf[i]));
      return true;
    default:
      return false;
  }
}

/**
 * Applies an MLP output activation to the logits `z` into `out` (rows×cols): scikit-learn's
 * `out_activation_` (softmax divides by the row sum, as sklearn does).
 *
 * @example
 * applyOutputActivation('sigmoid', logits, prob, rows, 1);
 */
export function applyOutputActivation(kind: OutputActivation, z: Float64Array, out: Float64Array, rows: number, cols: number): void {
  if (kind === 'softmax') softmaxRows(z, out, rows, cols, true);
  else activate(kind === 'identity' ? 'linear' : kind, 0, z, out, rows, cols);
}

/**
 * Turns `grad` = dL/da into dL/dz in place, given the pre-activation `z` and the output `a`.
 * Softmax uses its Jacobian-vector product a ⊙ (g − Σ g·a) row by row.
 *
 * @example
 * activationBackward('sigmoid', 0, z, a, grad, rows, cols); // grad *= a·(1 − a)
 */
export function activationBackward(kind: ActivationName, alpha: number, z: Float64Array, a: Float64Array, grad: Float64Array, rows: number, cols: number): void {
  const len = rows * cols;
  switch (kind) {
    case 'relu':
      for (let i = 0; i < len; i++) if (!(z[i] > 0)) grad[i] = 0;
      return;
    case 'leaky_relu':
      for (let i = 0; i < len; i++) if (!(z[i] > 0)) grad[i] *= alpha;
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) grad[i] *= 1 - a[i] * a[i];
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) grad[i] *= a[i] * (1 - a[i]);
      return;
    case 'gelu':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        const t = Math.tanh(GELU_C * (x + GELU_A * x * x * x));
        const dt = (1 - t * t) * GELU_C * (1 + 3 * GELU_A * x * x);
        grad[i] *= 0.5 * (1 + t) + 0.5 * x * dt;
      }
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let dot = 0;
        for (let j = 0; j < cols; j++) dot += grad[o + j] * a[o + j];
        for (let j = 0; j < cols; j++) grad[o + j] = a[o + j] * (grad[o + j] - dot);
      }
      return;
    case 'linear':
      return;
  }
}
