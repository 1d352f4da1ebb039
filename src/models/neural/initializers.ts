/**
 * Weight initialisers of the neural stack.
 *
 * `Dense` kernels (Keras's `VarianceScaling` family, `keras/initializers/random_initializers.py`):
 * - Glorot/Xavier (Glorot & Bengio 2010): variance 1/fan_avg — uniform in ±sqrt(6/(fan_in+fan_out)),
 *   or a normal truncated at 2σ;
 * - He/Kaiming (He et al. 2015, "Delving Deep into Rectifiers"): variance 2/fan_in;
 * - LeCun (LeCun et al. 1998, "Efficient BackProp"): variance 1/fan_in.
 * Normal variants draw from a normal truncated at ±2σ whose σ is divided by 0.87962566103423978 (the
 * standard deviation of a unit normal truncated there), as Keras does, so the variance comes out right.
 * Biases start at zero (Keras's default).
 *
 * The MLPs (scikit-learn's `BaseMultilayerPerceptron._init_coef`, after the same Glorot & Bengio
 * paper): weights *and* biases uniform in ±sqrt(6 / (fan_in + fan_out)), with factor 2 instead of 6 for
 * sigmoid ('logistic') networks — a bound computed as sklearn computes it, so the draws match it.
 */
import type { Rng } from '../../core/rng.js';
import type { HiddenActivation } from './activations.js';

/** Kernel initialiser names accepted by `Dense`. */
export type InitializerName = 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' | 'lecun_uniform' | 'lecun_normal' | 'zeros';

/** Every accepted initialiser name, for parameter checks. */
export const INITIALIZER_NAMES: readonly InitializerName[] = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal', 'zeros'];

const TRUNCATED_STD = 0.87962566103423978;

/**
 * Target variance of the initialiser for a fanIn×fanOut kernel.
 *
 * @example
 * initVariance('he_normal', 50, 10); // 0.04
 */
export function initVariance(kind: InitializerName, fanIn: number, fanOut: number): number {
  if (kind.startsWith('glorot')) return 2 / (fanIn + fanOut);
  if (kind.startsWith('he')) return 2 / fanIn;
  if (kind.startsWith('lecun')) return 1 / fanIn;
  return 0;
}

/**
 * Fills `kernel` (fanIn×fanOut) from the named distribution.
 *
 * @example
 * const w = new Float64Array(10 * 4); initKernel('he_normal', new Rng(0), 10, 4, w);
 */
export function initKernel(kind: InitializerName, rng: Rng, fanIn: number, fanOut: number, kernel: Float64Array): void {
  const variance = initVariance(kind, fanIn, fanOut);
  if (kind === 'zeros') {
    kernel.fill(0);
  } else if (kind.endsWith('uniform')) {
    const limit = Math.sqrt(3 * variance);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * rng.random() - 1) * limit;
  } else {
    const std = Math.sqrt(variance) / TRUNCATED_STD;
    for (let i = 0; i < kernel.length; i++) {
      let x = rng.normal();
      while (x < -2 || x > 2) x = rng.normal();
      kernel[i] = x * std;
    }
  }
}

/**
 * The uniform bound scikit-learn uses for an MLP layer of `fanIn` inputs and `fanOut` units.
 *
 * @example
 * sklearnGlorotBound(4, 2, 'relu'); // 1
 */
export function sklearnGlorotBound(fanIn: number, fanOut: number, activation: HiddenActivation): number {
  const factor = activation === 'sigmoid' ? 2 : 6;
  return Math.sqrt(factor / (fanIn + fanOut));
}

/**
 * Fills `weights` then `bias` (the order scikit-learn draws them in) uniformly in ±`sklearnGlorotBound`.
 *
 * @example
 * sklearnGlorotUniform(new Rng(0), 4, 2, 'relu', dense.weights, dense.bias);
 */
export function sklearnGlorotUniform(rng: Rng, fanIn: number, fanOut: number, activation: HiddenActivation, weights: Float64Array, bias: Float64Array): void {
  const b = sklearnGlorotBound(fanIn, fanOut, activation);
  for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.random() - 1) * b;
  for (let i = 0; i < bias.length; i++) bias[i] = (2 * rng.random() - 1) * b;
}
