/**
 * A fully connected layer with its activation fused in: `a = f(x·W + b)` (Keras's `Dense`). The kernel
 * is inputs×units row-major; the three products go through `gemm.ts` (`matmulBias` forward,
 * `matmulTransA` for dW = xᵀ·dz, `matmulTransB` for dx = dz·Wᵀ), so the layers speed up with the
 * kernels. An L2 kernel regulariser adds `l2·ΣW²` to the loss, as Keras's `regularizers.L2(l2)`.
 */
import type { Rng } from '../../../core/rng.js';
import { matmulBias, matmulTransA, matmulTransB } from '../gemm.js';
import { activate, activationBackward, type ActivationName } from '../layer-activations.js';
import { initKernel, type InitializerName } from '../initializers.js';
import { Layer, type LayerState } from './layer.js';

/** Options for `Dense`. */
export interface DenseOptions {
  /** Output width (≥ 1). */
  units: number;
  /** Default 'linear'. */
  activation?: ActivationName;
  /** Slope below zero for 'leaky_relu'. Default 0.2 (Keras 3). */
  alpha?: number;
  /** Default 'glorot_uniform' (Keras's default). */
  kernelInitializer?: InitializerName;
  /** L2 regularisation factor of the kernel (loss += l2·ΣW²). Default 0. */
  l2?: number;
  /** Keras's spelling of the same: `{ l2: 1e-4 }` (wins over `l2`). */
  kernelRegularizer?: { l2: number } | null;
}

/**
 * A dense layer.
 *
 * @example
 * const layer = new Dense({ units: 64, activation: 'relu', kernelInitializer: 'he_normal', kernelRegularizer: { l2: 1e-4 } });
 */
export class Dense extends Layer {
  readonly kind = 'dense';
  readonly options: Required<Omit<DenseOptions, 'kernelRegularizer'>>;
  kernel = new Float64Array(0);
  bias = new Float64Array(0);
  kernelGrad = new Float64Array(0);
  biasGrad = new Float64Array(0);
  /** When true, `backward` takes dL/dz (pre-activation) as gradOut: set for fused output losses. */
  gradIsPreActivation = false;
  /**
   * Set by `Sequential.build` when the gradient reaching this ReLU layer is already zero wherever its
   * output is (the next layer's masked input gradient): the ReLU derivative pass is then skipped.
   */
  gradZeroWhereOutputZero = false;
  private z = new Float64Array(0);
  private a = new Float64Array(0);
  private gradIn = new Float64Array(0);

  constructor(options: DenseOptions) {
    super();
    const { kernelRegularizer, ...rest } = options;
    this.options = { activation: 'linear', alpha: 0.2, kernelInitializer: 'glorot_uniform', l2: 0, ...rest };
    if (kernelRegularizer) this.options.l2 = kernelRegularizer.l2;
    this.zeroOutputHasZeroGrad = this.options.activation === 'relu';
  }

  get units(): number {
    return this.options.units;
  }

  build(inputUnits: number, rng: Rng): void {
    this.inputUnits = inputUnits;
    const u = this.units;
    this.kernel = new Float64Array(inputUnits * u);
    initKernel(this.options.kernelInitializer, rng, inputUnits, u, this.kernel);
    this.bias = new Float64Array(u);
    this.kernelGrad = new Float64Array(inputUnits * u);
    this.biasGrad = new Float64Array(u);
    this.capacity = 0;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.z = new Float64Array(rows * this.units);
    this.a = this.options.activation === 'linear' ? this.z : new Float64Array(rows * this.units);
    this.gradIn = new Float64Array(rows * this.inputUnits);
    this.capacity = rows;
  }

  forward(input: Float64Array, rows: number, _training: boolean): Float64Array {
    this.ensure(rows);
    matmulBias(input, rows, this.inputUnits, this.kernel, this.units, this.bias, this.z);
    if (this.a !== this.z) activate(this.options.activation, this.options.alpha, this.z, this.a, rows, this.units);
    return this.a;
  }

  /** The pre-activations of the last forward batch (rows×units). */
  get preActivations(): Float64Array {
    return this.z;
  }

  backward(input: Float64Array, gradOut: Float64Array, rows: number, needInputGrad: boolean, maskZeroInputs: boolean): Float64Array | null {
    const u = this.units;
    const { activation, alpha, l2 } = this.options;
    const skip = this.gradIsPreActivation || (activation === 'relu' && this.gradZeroWhereOutputZero);
    if (!skip) activationBackward(activation, alpha, this.z, this.a, gradOut, rows, u);
    const dz = gradOut;
    matmulTransA(input, rows, this.inputUnits, dz, u, this.kernelGrad);
    if (l2 > 0) {
      const W = this.kernel, gW = this.kernelGrad;
      for (let i = 0; i < W.length; i++) gW[i] += 2 * l2 * W[i];
    }
    const gb = this.biasGrad;
    gb.fill(0);
    for (let i = 0; i < rows; i++) {
      const o = i * u;
      for (let j = 0; j < u; j++) gb[j] += dz[o + j];
    }
    if (!needInputGrad) return null;
    matmulTransB(dz, rows, u, this.kernel, this.inputUnits, this.gradIn, maskZeroInputs ? input : null);
    return this.gradIn;
  }

  override params(): Float64Array[] {
    return [this.kernel, this.bias];
  }

  override grads(): Float64Array[] {
    return [this.kernelGrad, this.biasGrad];
  }

  override decayMask(): boolean[] {
    return [true, false];
  }

  override penalty(): number {
    const l2 = this.options.l2;
    if (l2 === 0) return 0;
    let s = 0;
    const W = this.kernel;
    for (let i = 0; i < W.length; i++) s += W[i] * W[i];
    return l2 * s;
  }

  toState(): LayerState {
    const o = this.options;
    return {
      config: { type: 'dense', units: o.units, activation: o.activation, alpha: o.alpha, kernelInitializer: o.kernelInitializer, l2: o.l2 },
      weights: [this.kernel, this.bias],
    };
  }

  setWeights(weights: readonly Float64Array[]): void {
    this.kernel.set(weights[0]);
    this.bias.set(weights[1]);
  }
}
