/**
 * A fully connected layer with its activation fused in: `a = f(x·W + b)` (Keras's `Dense`) — the one
 * dense layer of the neural stack, stacked by `Sequential` and by the MLPs' `MlpNetwork`. The kernel
 * is inputs×units row-major, the layout of scikit-learn's `coefs_[i]`, so sklearn weights load as-is;
 * the three products go through `gemm.ts` (`matmulBias` forward, `matmulTransA` for dW = xᵀ·dz,
 * `matmulTransB` for dx = dz·Wᵀ), so the layers speed up with the kernels. An L2 kernel regulariser
 * adds `l2·ΣW²` to the loss, as Keras's `regularizers.L2(l2)`.
 *
 * `backward` is Keras's step. Its three parts — `activationGrad`, `paramGrads`, `inputGrad` — are
 * public so that `MlpNetwork` can run scikit-learn's `_backprop` over the same layers: there the
 * output error is not yet divided by the batch size, and `paramGrads` divides after the product.
 */
import type { Rng } from '../../../core/rng.js';
import { matmulBias, matmulTransA, matmulTransB } from '../gemm.js';
import { activate, activationBackward, type ActivationName } from '../activations.js';
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
  kernel: Float64Array = new Float64Array(0);
  bias: Float64Array = new Float64Array(0);
  kernelGrad: Float64Array = new Float64Array(0);
  biasGrad: Float64Array = new Float64Array(0);
  /** When true, `backward` takes dL/dz (pre-activation) as gradOut: set for fused output losses. */
  gradIsPreActivation = false;
  /**
   * Set by `Sequential.build` (and `MlpNetwork`) when the gradient reaching this ReLU layer is already
   * zero wherever its output is (the next layer's masked input gradient): the ReLU derivative pass is
   * then skipped.
   */
  gradZeroWhereOutputZero = false;
  /**
   * When true (set before the first `forward`), `forward` writes the activations over the
   * pre-activations: one workspace less, and `activate` runs over a single array, which measured ~4%
   * of an MLP's forward pass against two buffers. Only for a layer whose backward never reads the
   * pre-activations — tanh and sigmoid take their derivative from the output, and a ReLU with
   * `gradZeroWhereOutputZero` skips its own — and whose logits are not asked for (`preActivations`
   * then holds the activations). Set by `MlpNetwork` for its hidden layers.
   */
  activateInPlace = false;
  private z = new Float64Array(0);
  private a = new Float64Array(0);
  private gradIn: Float64Array = new Float64Array(0);

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

  /** scikit-learn's view of the kernel (`coefs_[i]`, fan-in×units): the same live buffer as `kernel`. */
  get weights(): Float64Array {
    return this.kernel;
  }

  /** The gradient of `weights` (the same buffer as `kernelGrad`). */
  get weightGrad(): Float64Array {
    return this.kernelGrad;
  }

  /** Fan-in (the same as `inputUnits`). */
  get inputs(): number {
    return this.inputUnits;
  }

  build(inputUnits: number, rng: Rng): void {
    this.buildOver(inputUnits);
    initKernel(this.options.kernelInitializer, rng, inputUnits, this.units, this.kernel);
  }

  /**
   * Builds the layer over given parameter buffers, used live (not copied) — zeros when omitted —
   * without drawing any random numbers: for weights that come from elsewhere (a model file,
   * scikit-learn, or an initialiser run by the caller).
   *
   * @example
   * const layer = new Dense({ units: 2 }); layer.buildOver(3, Float64Array.of(1, 0, 0, 1, 1, 1));
   */
  buildOver(inputUnits: number, kernel?: Float64Array, bias?: Float64Array): void {
    this.inputUnits = inputUnits;
    const u = this.units;
    this.kernel = kernel ?? new Float64Array(inputUnits * u);
    this.bias = bias ?? new Float64Array(u);
    this.kernelGrad = new Float64Array(inputUnits * u);
    this.biasGrad = new Float64Array(u);
    this.capacity = 0;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.z = new Float64Array(rows * this.units);
    this.a = this.options.activation === 'linear' || this.activateInPlace ? this.z : new Float64Array(rows * this.units);
    this.gradIn = new Float64Array(rows * this.inputUnits);
    this.capacity = rows;
  }

  forward(input: Float64Array, rows: number, _training: boolean): Float64Array {
    this.ensure(rows);
    matmulBias(input, rows, this.inputUnits, this.kernel, this.units, this.bias, this.z);
    const { activation, alpha } = this.options;
    if (activation !== 'linear') activate(activation, alpha, this.z, this.a, rows, this.units);
    return this.a;
  }

  /** The pre-activations of the last forward batch (rows×units). */
  get preActivations(): Float64Array {
    return this.z;
  }

  /** The activations of the last forward batch (rows×units); the pre-activations when linear. */
  get output(): Float64Array {
    return this.a;
  }

  backward(input: Float64Array, gradOut: Float64Array, rows: number, needInputGrad: boolean, maskZeroInputs: boolean): Float64Array | null {
    this.activationGrad(gradOut, rows);
    this.paramGrads(input, gradOut, rows, 2 * this.options.l2, false);
    return needInputGrad ? this.inputGrad(gradOut, rows, maskZeroInputs ? input : null) : null;
  }

  /**
   * Turns dL/da (`grad`, rows×units, from the last forward batch) into dL/dz in place — skipped when
   * it is dL/dz already (`gradIsPreActivation`), or for ReLU when it is already zero wherever the
   * output is (`gradZeroWhereOutputZero`).
   */
  activationGrad(grad: Float64Array, rows: number): void {
    const { activation, alpha } = this.options;
    const skip = this.gradIsPreActivation || (activation === 'relu' && this.gradZeroWhereOutputZero);
    if (!skip) activationBackward(activation, alpha, this.z, this.a, grad, rows, this.units);
  }

  /**
   * Overwrites the parameter gradients from dL/dz (`dz`, rows×units) and the batch's `input`:
   * `dW = xᵀ·dz + l2Grad·W` and `db = Σ dz` (Keras: dz already carries the loss's 1/rows; the W term
   * is skipped when `l2Grad` is 0) or, with `perRow`, scikit-learn's `_compute_loss_grad`:
   * `dW = (xᵀ·dz + l2Grad·W) / rows` and `db = mean(dz)`.
   */
  paramGrads(input: Float64Array, dz: Float64Array, rows: number, l2Grad: number, perRow: boolean): void {
    const u = this.units;
    const W = this.kernel, gW = this.kernelGrad;
    matmulTransA(input, rows, this.inputUnits, dz, u, gW);
    const inv = 1 / rows;
    if (perRow) {
      for (let i = 0; i < gW.length; i++) gW[i] = (gW[i] + l2Grad * W[i]) * inv;
    } else if (l2Grad > 0) {
      for (let i = 0; i < W.length; i++) gW[i] += l2Grad * W[i];
    }
    const gb = this.biasGrad;
    gb.fill(0);
    for (let i = 0; i < rows; i++) {
      const o = i * u;
      for (let j = 0; j < u; j++) gb[j] += dz[o + j];
    }
    if (perRow) for (let j = 0; j < u; j++) gb[j] *= inv;
  }

  /**
   * dL/d(input) = dz·Wᵀ into a buffer the layer owns (rows×inputUnits). With `mask` (the batch's
   * input), entries whose input is exactly zero are left at zero without their dot product — exact
   * when a zero input carries no gradient (a ReLU before this layer).
   */
  inputGrad(dz: Float64Array, rows: number, mask: Float64Array | null): Float64Array {
    matmulTransB(dz, rows, this.units, this.kernel, this.inputUnits, this.gradIn, mask);
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
    return l2 * this.squaredKernelNorm();
  }

  /** ΣW² over the kernel (the L2 term's sum). */
  squaredKernelNorm(): number {
    let s = 0;
    const W = this.kernel;
    for (let i = 0; i < W.length; i++) s += W[i] * W[i];
    return s;
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
