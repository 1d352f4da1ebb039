/**
 * A fully connected layer `z = x·W + b` holding its parameters and gradient buffers. Weights are
 * fanIn×units row-major — the layout of scikit-learn's `coefs_[i]` — so sklearn weights load as-is.
 * The layer does no allocation per batch: the network hands it preallocated buffers.
 */
import { matmulBias, matmulTransA, matmulTransB } from './gemm.js';
import { multiplyByDerivative, type HiddenActivation } from './activations.js';

/** Options for a `DenseLayer`. */
export interface DenseLayerOptions {
  /** Number of inputs (fan-in). */
  inputs: number;
  /** Number of units (fan-out). */
  units: number;
  /** Initial weights (inputs×units, row-major); zeros when omitted. Used as the live buffer, not copied. */
  weights?: Float64Array;
  /** Initial bias (units); zeros when omitted. Used as the live buffer, not copied. */
  bias?: Float64Array;
}

/** A dense (fully connected) layer with its gradient buffers. */
export class DenseLayer {
  readonly inputs: number;
  readonly units: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly weightGrad: Float64Array;
  readonly biasGrad: Float64Array;

  constructor(options: DenseLayerOptions) {
    this.inputs = options.inputs;
    this.units = options.units;
    this.weights = options.weights ?? new Float64Array(this.inputs * this.units);
    this.bias = options.bias ?? new Float64Array(this.units);
    this.weightGrad = new Float64Array(this.inputs * this.units);
    this.biasGrad = new Float64Array(this.units);
  }

  /** Pre-activations of a batch: `out = input·W + b` (rows×units). */
  forward(input: Float64Array, rows: number, out: Float64Array): void {
    matmulBias(input, rows, this.inputs, this.weights, this.units, this.bias, out);
  }

  /**
   * Gradients of the batch-mean loss plus the L2 penalty `alpha/2·‖W‖²/rows` (scikit-learn's
   * `_compute_loss_grad`): `dW = (inputᵀ·delta + alpha·W) / rows`, `db = mean(delta)`.
   */
  computeGradients(input: Float64Array, delta: Float64Array, rows: number, alpha: number): void {
    const gW = this.weightGrad;
    const W = this.weights;
    matmulTransA(input, rows, this.inputs, delta, this.units, gW);
    const inv = 1 / rows;
    for (let i = 0; i < gW.length; i++) gW[i] = (gW[i] + alpha * W[i]) * inv;
    const gb = this.biasGrad;
    const u = this.units;
    gb.fill(0);
    for (let i = 0; i < rows; i++) {
      const o = i * u;
      for (let j = 0; j < u; j++) gb[j] += delta[o + j];
    }
    for (let j = 0; j < u; j++) gb[j] *= inv;
  }

  /**
   * Error signal of the previous layer: `prevDelta = (delta·Wᵀ) ⊙ f'(input)`, where `input` is the
   * previous layer's activation output and `activation` its function.
   */
  backward(delta: Float64Array, rows: number, input: Float64Array, activation: HiddenActivation, prevDelta: Float64Array): void {
    // For ReLU the derivative is zero wherever the input is zero, so those dot products are skipped.
    matmulTransB(delta, rows, this.units, this.weights, this.inputs, prevDelta, activation === 'relu' ? input : null);
    if (activation !== 'relu') multiplyByDerivative(activation, input, prevDelta, rows * this.inputs);
  }

  /** Sum of squared weights (for the L2 term of the loss). */
  squaredWeightNorm(): number {
    let s = 0;
    const W = this.weights;
    for (let i = 0; i < W.length; i++) s += W[i] * W[i];
    return s;
  }
}
