/**
 * Weight initialisation after scikit-learn's `BaseMultilayerPerceptron._init_coef`, which follows
 * Glorot & Bengio (2010), "Understanding the difficulty of training deep feedforward neural networks":
 * weights and biases uniform in ±sqrt(6 / (fan_in + fan_out)); for sigmoid (sklearn: 'logistic')
 * networks sklearn uses factor 2 instead of 6, i.e. the bound shrinks by sqrt(3).
 */
import type { Rng } from '../../core/rng.js';
import type { HiddenActivation } from './activations.js';

/** The uniform bound sklearn uses for a layer of `fanIn` inputs and `fanOut` units. */
export function glorotBound(fanIn: number, fanOut: number, activation: HiddenActivation): number {
  const factor = activation === 'sigmoid' ? 2 : 6;
  return Math.sqrt(factor / (fanIn + fanOut));
}

/** Fills `weights` then `bias` (the order sklearn draws them in) uniformly in ±bound. */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number, activation: HiddenActivation, weights: Float64Array, bias: Float64Array): void {
  const b = glorotBound(fanIn, fanOut, activation);
  for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.random() - 1) * b;
  for (let i = 0; i < bias.length; i++) bias[i] = (2 * rng.random() - 1) * b;
}
