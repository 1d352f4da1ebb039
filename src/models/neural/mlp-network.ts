/**
 * A feed-forward network of `Dense` layers with a fused forward/backward pass per mini-batch: one call
 * runs every layer over its preallocated typed-array workspaces, with no per-operation dispatch (the
 * cost that makes TF.js slow on small batches, see design/architecture.md). The maths follows
 * scikit-learn's `BaseMultilayerPerceptron._forward_pass` and `_backprop`; the layers, activations
 * and losses are the stack's own (`layers/dense.ts`, `activations.ts`, `losses.ts`) — only
 * scikit-learn's conventions are applied here: the output activation and loss sit at the network
 * (the last layer is linear), and the gradients are divided by the batch size after the products.
 */
import { Matrix } from '../../core/matrix.js';
import { applyOutputActivation, denseActivation, type HiddenActivation, type OutputActivation } from './activations.js';
import { Dense } from './layers/dense.js';
import { binaryCrossEntropy, categoricalCrossEntropy, halfSquaredError, outputDelta } from './losses.js';

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
  /** The dense layers; the last is linear (its outputs are the logits). */
  readonly layers: Dense[];
  readonly sizes: readonly number[];
  readonly hiddenActivation: HiddenActivation;
  readonly outputActivation: OutputActivation;
  /** Output activations (probabilities) of the last forward batch, rows×outputs. */
  private probs = new Float64Array(0);
  /** The loss's error signal at the logits, rows×outputs. */
  private outDelta = new Float64Array(0);

  constructor(options: MlpNetworkOptions) {
    this.sizes = [...options.sizes];
    this.hiddenActivation = options.hiddenActivation;
    this.outputActivation = options.outputActivation;
    this.layers = [];
    const L = this.sizes.length - 1;
    for (let l = 0; l < L; l++) {
      const layer = new Dense({ units: this.sizes[l + 1], activation: l < L - 1 ? denseActivation(this.hiddenActivation) : 'linear' });
      layer.buildOver(this.sizes[l], options.weights?.[l], options.biases?.[l]);
      // Every hidden layer feeds a dense layer, whose masked input gradient already zeroes what a
      // ReLU's derivative would.
      layer.gradZeroWhereOutputZero = layer.zeroOutputHasZeroGrad;
      // So nothing reads a hidden layer's pre-activations: they are overwritten by its activations.
      layer.activateInPlace = true;
      this.layers.push(layer);
    }
  }

  /** Number of outputs. */
  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Parameter buffers in sklearn's order (all weights, then all biases) and matching gradients. */
  parameters(): { params: Float64Array[]; grads: Float64Array[] } {
    return {
      params: [...this.layers.map((l) => l.kernel), ...this.layers.map((l) => l.bias)],
      grads: [...this.layers.map((l) => l.kernelGrad), ...this.layers.map((l) => l.biasGrad)],
    };
  }

  /**
   * Runs the batch `X` (rows×inputs) through the network; returns the workspace holding the output
   * (rows×outputs): probabilities, or logits when `logits` is true. The buffer is reused by the next call.
   */
  forward(X: Float64Array, rows: number, logits = false): Float64Array {
    let out = X;
    const layers = this.layers;
    for (let l = 0; l < layers.length; l++) out = layers[l].forward(out, rows, false);
    if (logits || this.outputActivation === 'identity') return out;
    const k = this.outputs;
    if (this.probs.length < rows * k) this.probs = new Float64Array(rows * k);
    applyOutputActivation(this.outputActivation, out, this.probs, rows, k);
    return this.probs;
  }

  /**
   * Forward and backward pass over one mini-batch: fills every layer's gradient buffers with the
   * gradient of `mean cross-entropy + alpha/(2·rows)·Σ‖W‖²` and returns that loss (sklearn's `_backprop`).
   * `y` holds class indices (0/1 for a single sigmoid output).
   */
  backprop(X: Float64Array, y: Int32Array, rows: number, alpha: number): number {
    const prob = this.forward(X, rows);
    const k = this.outputs;
    const loss = k === 1 ? binaryCrossEntropy(prob, y, rows) : categoricalCrossEntropy(prob, y, rows, k);
    outputDelta(prob, y, rows, k, this.deltaBuffer(rows));
    this.backward(X, rows, alpha);
    return loss + this.l2Term(alpha, rows);
  }

  /**
   * Forward and backward pass for regression with an identity output: the gradient of
   * `mean((p − y)²)/2 + alpha/(2·rows)·Σ‖W‖²` (sklearn's `squared_loss` for one output) into every
   * layer's gradient buffers; returns that loss. `y` holds one target per row.
   */
  backpropSquared(X: Float64Array, y: Float64Array, rows: number, alpha: number): number {
    const pred = this.forward(X, rows);
    const loss = halfSquaredError(pred, y, rows, this.deltaBuffer(rows));
    this.backward(X, rows, alpha);
    return loss + this.l2Term(alpha, rows);
  }

  private deltaBuffer(rows: number): Float64Array {
    const n = rows * this.outputs;
    if (this.outDelta.length < n) this.outDelta = new Float64Array(n);
    return this.outDelta;
  }

  /** sklearn's L2 term of the loss, `alpha/2·Σ‖W‖² / rows`. */
  private l2Term(alpha: number, rows: number): number {
    let sq = 0;
    for (const layer of this.layers) sq += layer.squaredKernelNorm();
    return (0.5 * alpha * sq) / rows;
  }

  /** Back-propagates the output error signal in `outDelta` through every layer (sklearn's `_backprop`). */
  private backward(X: Float64Array, rows: number, alpha: number): void {
    const L = this.layers.length;
    let delta: Float64Array = this.outDelta;
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.layers[l];
      const input = l === 0 ? X : this.layers[l - 1].output;
      // The output layer is linear and `outDelta` is already the gradient at its logits.
      if (l < L - 1) layer.activationGrad(delta, rows);
      layer.paramGrads(input, delta, rows, alpha, true);
      // The input layer's error signal is never needed, so the first layer stops here.
      if (l > 0) delta = layer.inputGrad(delta, rows, this.layers[l - 1].zeroOutputHasZeroGrad ? input : null);
    }
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
    return { weights: this.layers.map((l) => l.kernel.slice()), biases: this.layers.map((l) => l.bias.slice()) };
  }

  /** Overwrites the parameters in place from a snapshot (the optimizer keeps its references). */
  load(snapshot: { weights: readonly Float64Array[]; biases: readonly Float64Array[] }): void {
    this.layers.forEach((l, i) => {
      l.kernel.set(snapshot.weights[i]);
      l.bias.set(snapshot.biases[i]);
    });
  }

  /** True when every parameter is finite. */
  isFinite(): boolean {
    for (const l of this.layers) {
      for (const a of [l.kernel, l.bias]) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
    }
    return true;
  }
}
