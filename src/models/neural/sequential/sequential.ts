/**
 * `Sequential`: a stack of layers trained by mini-batch back-propagation (Rumelhart, Hinton &
 * Williams 1986), after Keras's `Sequential`. One `trainStep` is one fused pass — every layer's
 * forward, the loss, every layer's backward — over preallocated typed-array workspaces, with no
 * per-operation dispatch or graph (the ~6 ms/step TF.js pays, see design/anchors.md).
 *
 * Gradients are of the batch loss (see `losses.ts`) plus every layer's penalty (L2 kernels).
 */
import { Matrix } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import { Dense } from '../layers/dense.js';
import type { Layer, LayerState } from '../layers/layer.js';
import { fusedLogitGradient, lossAndGradient, type LossSpec } from '../losses.js';

/** Rows per forward call at predict time: bounds workspace memory on large inputs. */
const PREDICT_CHUNK = 1024;

/** The saved form of a network: input width and each layer's config and weights. */
export interface SequentialState {
  inputUnits: number;
  layers: LayerState[];
}

/**
 * A feed-forward network of layers.
 *
 * @example
 * const model = new Sequential([new Dense({ units: 32, activation: 'relu' }), new Dropout({ rate: 0.2 }), new Dense({ units: 1, activation: 'sigmoid' })]);
 * model.build(X.cols, 42);
 * const loss = model.trainStep(X.data, target, null, X.rows, { name: 'binary_crossentropy' });
 */
export class Sequential {
  readonly layers: Layer[];
  inputUnits = 0;
  /** Set by callbacks (EarlyStopping) to end training after the current epoch. */
  stopTraining = false;
  private outGrad = new Float64Array(0);
  /** Each layer's output of the last forward pass (buffers the layers own), the inputs of backward. */
  private outputs: Float64Array[] = [];

  constructor(layers: Layer[]) {
    this.layers = layers;
  }

  /** Output width. */
  get units(): number {
    return this.layers[this.layers.length - 1].units;
  }

  /** Allocates and initialises every layer for `inputUnits` inputs; all randomness from `seed`. */
  build(inputUnits: number, seed: number): this {
    const rng = new Rng(seed);
    this.inputUnits = inputUnits;
    let width = inputUnits;
    let prevZeroGrad = false;
    for (const layer of this.layers) {
      layer.build(width, rng);
      // A dropout's exact zeros carry zero gradient only if the zeros it passes through do too.
      if (layer.kind === 'dropout') layer.zeroOutputHasZeroGrad = prevZeroGrad;
      prevZeroGrad = layer.zeroOutputHasZeroGrad;
      width = layer.units;
    }
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      if (layer instanceof Dense) layer.gradZeroWhereOutputZero = this.gradMaskedAfter(l);
    }
    return this;
  }

  /**
   * True when the gradient arriving at layer `l` is already zero wherever its output is: the next
   * dense layer masks its input gradient by layer l's zeros (when those carry zero gradient), and a
   * dropout in between keeps such zeros.
   */
  private gradMaskedAfter(l: number): boolean {
    const next = this.layers[l + 1];
    if (next === undefined || !this.layers[l].zeroOutputHasZeroGrad) return false;
    if (next instanceof Dense) return true;
    return next.kind === 'dropout' && this.gradMaskedAfter(l + 1);
  }

  /** Runs a batch (rows×inputUnits); the returned buffer belongs to the last layer. */
  forward(X: Float64Array, rows: number, training: boolean): Float64Array {
    let input = X;
    const L = this.layers.length;
    for (let l = 0; l < L; l++) {
      input = this.layers[l].forward(input, rows, training);
      this.outputs[l] = input;
    }
    return input;
  }

  /** Outputs for every row of X (inference mode), n×units. */
  predict(X: Matrix): Matrix {
    const k = this.units;
    const out = new Matrix(X.rows, k);
    const d = X.cols;
    for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
      const rows = Math.min(PREDICT_CHUNK, X.rows - start);
      const res = this.forward(X.data.subarray(start * d, (start + rows) * d), rows, false);
      out.data.set(res.subarray(0, rows * k), start * k);
    }
    return out;
  }

  /** Pre-activation outputs of the last (dense) layer for every row: logits for a classifier head. */
  predictLogits(X: Matrix): Matrix {
    const last = this.layers[this.layers.length - 1];
    if (!(last instanceof Dense)) return this.predict(X);
    const k = this.units;
    const out = new Matrix(X.rows, k);
    const d = X.cols;
    for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
      const rows = Math.min(PREDICT_CHUNK, X.rows - start);
      this.forward(X.data.subarray(start * d, (start + rows) * d), rows, false);
      out.data.set(last.preActivations.subarray(0, rows * k), start * k);
    }
    return out;
  }

  /** Trainable buffers, their gradients and the weight-decay mask, in layer order. */
  parameters(): { params: Float64Array[]; grads: Float64Array[]; decayMask: boolean[] } {
    return {
      params: this.layers.flatMap((l) => l.params()),
      grads: this.layers.flatMap((l) => l.grads()),
      decayMask: this.layers.flatMap((l) => l.decayMask()),
    };
  }

  /** Sum of the layers' regularisation terms. */
  penalty(): number {
    let s = 0;
    for (const l of this.layers) s += l.penalty();
    return s;
  }

  /**
   * Forward and backward over one mini-batch: fills every gradient buffer with the gradient of
   * `loss + penalty` and returns that value. `target` is rows×units; `weights` per row or null.
   */
  trainStep(X: Float64Array, target: Float64Array, weights: Float64Array | null, rows: number, loss: LossSpec): number {
    const pred = this.forward(X, rows, true);
    const k = this.units;
    if (this.outGrad.length < rows * k) this.outGrad = new Float64Array(rows * k);
    const grad = this.outGrad;
    const last = this.layers[this.layers.length - 1];
    const act = last instanceof Dense ? last.options.activation : null;
    const fused =
      (act === 'sigmoid' && loss.name === 'binary_crossentropy') || (act === 'softmax' && loss.name === 'categorical_crossentropy');
    let value: number;
    if (fused) {
      value = lossAndGradient(loss, pred, target, weights, rows, k, null);
      fusedLogitGradient(loss.name as 'binary_crossentropy', pred, target, weights, rows, k, grad);
    } else {
      value = lossAndGradient(loss, pred, target, weights, rows, k, grad);
    }
    if (last instanceof Dense) last.gradIsPreActivation = fused;
    let g: Float64Array | null = grad;
    for (let l = this.layers.length - 1; l >= 0 && g !== null; l--) {
      const input = l === 0 ? X : this.outputs[l - 1];
      const maskZeros = l > 0 && this.layers[l - 1].zeroOutputHasZeroGrad;
      g = this.layers[l].backward(input, g, rows, l > 0, maskZeros);
    }
    return value + this.penalty();
  }

  /** Batch loss (inference mode, no penalty) of the whole of X against `target`, in chunks. */
  evaluate(X: Matrix, target: Float64Array, weights: Float64Array | null, loss: LossSpec): number {
    return this.evaluateOutputs(this.predict(X), target, weights, loss);
  }

  /** Loss of already computed outputs (n×units) against `target`. */
  evaluateOutputs(outputs: Matrix, target: Float64Array, weights: Float64Array | null, loss: LossSpec): number {
    return lossAndGradient(loss, outputs.data, target, weights, outputs.rows, this.units, null);
  }

  /** Copies of every layer's weights. */
  getWeights(): Float64Array[][] {
    return this.layers.map((l) => l.getWeights());
  }

  /** Overwrites every layer's weights in place (optimizers keep their references). */
  setWeights(weights: readonly (readonly Float64Array[])[]): void {
    this.layers.forEach((l, i) => l.setWeights(weights[i]));
  }

  /** Config and weights of every layer (weights are live buffers; copy before mutating). */
  toState(): SequentialState {
    return { inputUnits: this.inputUnits, layers: this.layers.map((l) => l.toState()) };
  }
}
