/**
 * Inverted dropout (Srivastava et al. 2014, "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting"; Keras's `Dropout`): in training each unit is zeroed with probability `rate` and the
 * survivors are scaled by 1/(1 − rate), so inference is the identity. The masks come from the layer's
 * own `Rng`, seeded from the network's seed, so the same seed gives the same masks.
 */
import { Rng } from '../../../core/rng.js';
import { Layer, type LayerState } from './layer.js';

/** Options for `Dropout`. */
export interface DropoutOptions {
  /** Fraction of units dropped in training, in [0, 1). */
  rate: number;
}

/**
 * A dropout layer.
 *
 * @example
 * const drop = new Dropout({ rate: 0.2 });
 */
export class Dropout extends Layer {
  readonly kind = 'dropout';
  readonly rate: number;
  private rng = new Rng(0);
  private mask = new Float64Array(0);
  private out = new Float64Array(0);

  constructor(options: DropoutOptions) {
    super();
    this.rate = options.rate;
  }

  get units(): number {
    return this.inputUnits;
  }

  build(inputUnits: number, rng: Rng): void {
    this.inputUnits = inputUnits;
    this.reseed(rng.nextUint32());
    this.capacity = 0;
  }

  /** Restarts the mask stream (tests use it to replay the same mask). */
  reseed(seed: number): void {
    this.rng = new Rng(seed);
  }

  forward(input: Float64Array, rows: number, training: boolean): Float64Array {
    if (!training || this.rate === 0) return input;
    const len = rows * this.inputUnits;
    if (rows > this.capacity) {
      this.mask = new Float64Array(len);
      this.out = new Float64Array(len);
      this.capacity = rows;
    }
    const keep = 1 / (1 - this.rate);
    const { mask, out, rate, rng } = this;
    for (let i = 0; i < len; i++) {
      const m = rng.random() < rate ? 0 : keep;
      mask[i] = m;
      out[i] = input[i] * m;
    }
    return out;
  }

  backward(_input: Float64Array, gradOut: Float64Array, rows: number, needInputGrad: boolean): Float64Array | null {
    if (!needInputGrad) return null;
    if (this.rate === 0) return gradOut;
    const len = rows * this.inputUnits;
    const mask = this.mask;
    for (let i = 0; i < len; i++) gradOut[i] *= mask[i];
    return gradOut;
  }

  toState(): LayerState {
    return { config: { type: 'dropout', rate: this.rate }, weights: [] };
  }

  setWeights(): void {}
}
