/**
 * A feed-forward network of dense layers with a fused forward/backward pass per mini-batch: one call
 * runs every layer over preallocated typed-array workspaces, with no per-operation dispatch (the cost
 * that makes TF.js slow on small batches, see design/architecture.md). The maths follows scikit-learn's
 * `BaseMultilayerPerceptron._forward_pass` and `_backprop`.
 */
import { Matrix } from '../../core/matrix.js';
import { applyActivation, applyOutputActivation, type HiddenActivation, type OutputActivation } from './activations.js';
import { DenseLayer } from './dense-layer.js';
import { binaryCrossEntropy, categoricalCrossEntropy, outputDelta } from './losses.js';

/** Layer sizes, activations and (optionally) the initial parameters of a network. */
export interface MlpNetworkOptions {
  /** `[inputs, hidden..., outputs]`. */
  sizes: readonly number[];
  hiddenActivation: HiddenActivation;
  outputActivation: OutputActivation;
  /** Per-layer weights (sizes[l]×sizes[l+1]) used as live buffers; zeros when omitted. */
  weights?: readonly Float64Array[];
  biases?: readonly Float64Array[];
}

/** A multi-layer perceptron with reusable batch workspaces. */
export class MlpNetwork {
  readonly layers: DenseLayer[];
  readonly sizes: readonly number[];
  readonly hiddenActivation: HiddenActivation;
  readonly outputActivation: OutputActivation;
  /** acts[l] = output of layer l-1 (acts[0] is unused: the input batch is passed in). */
  private acts: Float64Array[] = [];
  private deltas: Float64Array[] = [];
  private capacity = 0;

  constructor(options: MlpNetworkOptions) {
    this.sizes = [...options.sizes];
    this.hiddenActivation = options.hiddenActivation;
    this.outputActivation = options.outputActivation;
    this.layers = [];
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      this.layers.push(new DenseLayer({ inputs: this.sizes[l], units: this.sizes[l + 1], weights: options.weights?.[l], bias: options.biases?.[l] }));
    }
  }

  /** Number of outputs. */
  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Parameter buffers in sklearn's order (all weights, then all biases) and matching gradients. */
  parameters(): { params: Float64Array[]; grads: Float64Array[] } {
    return {
      params: [...this.layers.map((l) => l.weights), ...this.layers.map((l) => l.bias)],
      grads: [...this.layers.map((l) => l.weightGrad), ...this.layers.map((l) => l.biasGrad)],
    };
  }

  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    this.acts = this.sizes.map((s, l) => (l === 0 ? new Float64Array(0) : new Float64Array(rows * s)));
    this.deltas = this.sizes.map((s, l) => (l === 0 ? new Float64Array(0) : new Float64Array(rows * s)));
    this.capacity = rows;
  }

  /**
   * Runs the batch `X` (rows×inputs) through the network; returns the workspace holding the output
   * (rows×outputs): probabilities, or logits when `logits` is true. The buffer is reused by the next call.
   */
  forward(X: Float64Array, rows: number, logits = false): Float64Array {
    this.ensureCapacity(rows);
    const L = this.layers.length;
    let input = X;
    for (let l = 0; l < L; l++) {
      const out = this.acts[l + 1];
      this.layers[l].forward(input, rows, out);
      if (l < L - 1) applyActivation(this.hiddenActivation, out, rows * this.layers[l].units);
      else if (!logits) applyOutputActivation(this.outputActivation, out, rows, this.layers[l].units);
      input = out;
    }
    return this.acts[L];
  }

  /**
   * Forward and backward pass over one mini-batch: fills every layer's gradient buffers with the
   * gradient of `mean cross-entropy + alpha/(2·rows)·Σ‖W‖²` and returns that loss (sklearn's `_backprop`).
   * `y` holds class indices (0/1 for a single sigmoid output).
   */
  backprop(X: Float64Array, y: Int32Array, rows: number, alpha: number): number {
    const prob = this.forward(X, rows);
    const L = this.layers.length;
    const k = this.outputs;
    let loss = k === 1 ? binaryCrossEntropy(prob, y, rows) : categoricalCrossEntropy(prob, y, rows, k);
    let sq = 0;
    for (const layer of this.layers) sq += layer.squaredWeightNorm();
    loss += (0.5 * alpha * sq) / rows;

    outputDelta(prob, y, rows, k, this.deltas[L]);
    for (let l = L - 1; l >= 0; l--) {
      const input = l === 0 ? X : this.acts[l];
      this.layers[l].computeGradients(input, this.deltas[l + 1], rows, alpha);
      // The input layer's error signal is never needed, so the first layer stops here.
      if (l > 0) this.layers[l].backward(this.deltas[l + 1], rows, this.acts[l], this.hiddenActivation, this.deltas[l]);
    }
    return loss;
  }

  /**
   * Forward and backward pass for regression with an identity output: the gradient of
   * `mean((p − y)²)/2 + alpha/(2·rows)·Σ‖W‖²` (sklearn's `squared_loss` for one output) into every
   * layer's gradient buffers; returns that loss. `y` holds one target per row.
   */
  backpropSquared(X: Float64Array, y: Float64Array, rows: number, alpha: number): number {
    const pred = this.forward(X, rows);
    const L = this.layers.length;
    const delta = this.deltas[L];
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const r = pred[i] - y[i];
      delta[i] = r;
      loss += r * r;
    }
    loss = loss / rows / 2;
    let sq = 0;
    for (const layer of this.layers) sq += layer.squaredWeightNorm();
    loss += (0.5 * alpha * sq) / rows;
    for (let l = L - 1; l >= 0; l--) {
      const input = l === 0 ? X : this.acts[l];
      this.layers[l].computeGradients(input, this.deltas[l + 1], rows, alpha);
      if (l > 0) this.layers[l].backward(this.deltas[l + 1], rows, this.acts[l], this.hiddenActivation, this.deltas[l]);
    }
    return loss;
  }

  /** Outputs for every row of X, run in chunks of 1,024 rows (bounded workspace memory). */
  predictMatrix(X: Matrix, logits = false): Matrix {
    const k = this.outputs;
    const out = new Matrix(X.rows, k);
    const d = X.cols;
    for (let start = 0; start < X.rows; start += 1024) {
      const rows = Math.min(1024, X.rows - start);
      const res = this.forward(X.data.subarray(start * d, (start + rows) * d), rows, logits);
      out.data.set(res.subarray(0, rows * k), start * k);
    }
    return out;
  }

  /** Copies of every layer's weights and biases (for best-epoch snapshots and saving). */
  snapshot(): { weights: Float64Array[]; biases: Float64Array[] } {
    return { weights: this.layers.map((l) => l.weights.slice()), biases: this.layers.map((l) => l.bias.slice()) };
  }

  /** Overwrites the parameters in place from a snapshot (the optimizer keeps its references). */
  load(snapshot: { weights: readonly Float64Array[]; biases: readonly Float64Array[] }): void {
    this.layers.forEach((l, i) => {
      l.weights.set(snapshot.weights[i]);
      l.bias.set(snapshot.biases[i]);
    });
  }

  /** True when every parameter is finite. */
  isFinite(): boolean {
    for (const l of this.layers) {
      for (const a of [l.weights, l.bias]) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
    }
    return true;
  }
}
