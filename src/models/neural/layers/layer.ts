/**
 * The base of the neural stack's layers (after Keras's `Layer`): a layer is built once for its input
 * width, owns its parameter, gradient and batch workspaces (grown to the largest batch seen, never
 * per call), and runs forward and backward over row-major Float64Array batches. There is no autograd
 * graph: `Sequential` (and, for its `Dense` layers, the MLPs' `MlpNetwork`) calls the layers in order,
 * so one mini-batch is one fused pass.
 */
import type { Rng } from '../../../core/rng.js';
import type { StateValue } from '../../../core/estimator.js';

/** The saved form of a layer: its config (JSON) and its weights (typed arrays). */
export interface LayerState {
  config: { [key: string]: StateValue };
  weights: Float64Array[];
}

/**
 * A layer of a `Sequential` network.
 *
 * @example
 * const dense = new Dense({ units: 8, activation: 'relu' });
 * dense.build(4, new Rng(0));
 * const out = dense.forward(batch, rows, true);
 */
export abstract class Layer {
  /** Layer type as written in specs and model files ('dense', 'dropout', 'batchnorm'). */
  abstract readonly kind: string;
  /** Width of the input, set by `build`. */
  inputUnits = 0;
  /**
   * True when an exact zero in this layer's output implies a zero gradient through it (ReLU, or a
   * dropped unit): the next layer's backward may then skip those input-gradient entries.
   */
  zeroOutputHasZeroGrad = false;
  protected capacity = 0;

  /** Output width (valid after `build`). */
  abstract get units(): number;

  /** Allocates parameters for `inputUnits` inputs, initialised from `rng`. */
  abstract build(inputUnits: number, rng: Rng): void;

  /**
   * Runs a batch (rows×inputUnits). Returns the output (rows×units) in a buffer the layer owns, valid
   * until its next `forward`. `training` turns on dropout and BatchNorm's batch statistics.
   */
  abstract forward(input: Float64Array, rows: number, training: boolean): Float64Array;

  /**
   * Back-propagates dL/d(output) (`gradOut`, which the layer may overwrite): accumulates the
   * parameter gradients (overwriting them) and returns dL/d(input), or null when `needInputGrad` is
   * false. `maskZeroInputs` lets a layer skip input-gradient entries whose input is exactly zero
   * (the previous layer has `zeroOutputHasZeroGrad`). `input` is what `forward` received.
   */
  abstract backward(input: Float64Array, gradOut: Float64Array, rows: number, needInputGrad: boolean, maskZeroInputs: boolean): Float64Array | null;

  /** Trainable parameter buffers (updated in place by the optimizer). */
  params(): Float64Array[] {
    return [];
  }

  /** Gradient buffers matching `params()`. */
  grads(): Float64Array[] {
    return [];
  }

  /** Per parameter buffer: whether decoupled weight decay applies (kernels only). */
  decayMask(): boolean[] {
    return [];
  }

  /** Regularisation term this layer adds to the loss (its gradient is added in `backward`). */
  penalty(): number {
    return 0;
  }

  /** Config (to rebuild the layer) and every weight, trainable or not (BatchNorm's running stats). */
  abstract toState(): LayerState;

  /** Overwrites the weights in place from `toState().weights` of a layer of the same shape. */
  abstract setWeights(weights: readonly Float64Array[]): void;

  /** Copies of every weight (for best-epoch snapshots). */
  getWeights(): Float64Array[] {
    return this.toState().weights.map((w) => w.slice());
  }
}
