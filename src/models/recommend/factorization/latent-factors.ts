/**
 * What the implicit-feedback factor models (implicit ALS, BPR) share: a user × item score
 * x̂_ui = [b_i +] p_u · q_i from two row-major factor matrices and an optional item bias, its
 * saved-state check, and the shape and scoring methods built on it. Scores only order items; they
 * are not ratings, so these models have no `predictRatings`.
 */
import type { StateValue } from '../../../core/estimator.js';
import type { Rng } from '../../../core/rng.js';
import { stateArray, stateNumber } from '../../../core/state-check.js';
import { Recommender } from '../recommender.js';

/** Learned state of a latent-factor ranking model. */
export interface LatentFactorsFitted {
  nUsers: number;
  nItems: number;
  factors: number;
  /** nUsers × factors, row-major. */
  userFactors: Float64Array;
  /** nItems × factors, row-major. */
  itemFactors: Float64Array;
}

/**
 * Schema check of saved {@link LatentFactorsFitted} state (`E_MODEL_FILE` on a missing field, a
 * wrong type or a wrong length).
 *
 * @example
 * protected checkFitted(fitted) { return checkLatentFactors(fitted); }
 */
export function checkLatentFactors(fitted: { [key: string]: StateValue }): LatentFactorsFitted {
  const nUsers = stateNumber(fitted, 'nUsers'), nItems = stateNumber(fitted, 'nItems'), factors = stateNumber(fitted, 'factors');
  return {
    nUsers,
    nItems,
    factors,
    userFactors: stateArray(fitted, 'userFactors', Float64Array, nUsers * factors),
    itemFactors: stateArray(fitted, 'itemFactors', Float64Array, nItems * factors),
  };
}

/**
 * A new array of `n` N(0, std²) draws from `rng`, in index order (so a seed fixes every value).
 *
 * @example
 * const Q = normalArray(rng, nItems * k, 0.1);
 */
export function normalArray(rng: Rng, n: number, std: number): Float64Array {
  const out = new Float64Array(n);
  for (let x = 0; x < n; x++) out[x] = rng.normal() * std;
  return out;
}

/**
 * Base of the ranking models whose state extends {@link LatentFactorsFitted}: `scoreItems` writes
 * [b_i +] p_u · q_i for every item, with the bias `itemBias` returns (none by default).
 *
 * @example
 * class MyFactors extends LatentFactorsRecommender<MyParams, LatentFactorsFitted> {
 *   protected checkFitted(f) { return checkLatentFactors(f); }
 * }
 */
export abstract class LatentFactorsRecommender<P extends object, F extends LatentFactorsFitted> extends Recommender<P, F> {
  readonly feedback = 'ranking';

  scoreItems(user: number, out: Float64Array): void {
    const f = this.requireFitted();
    const { nItems, factors: k, userFactors: U, itemFactors: V } = f;
    const b = this.itemBias(f);
    const uo = user * k;
    for (let i = 0; i < nItems; i++) {
      const io = i * k;
      let s = b === null ? 0 : b[i];
      for (let a = 0; a < k; a++) s += U[uo + a] * V[io + a];
      out[i] = s;
    }
  }

  get shape(): { nUsers: number; nItems: number } {
    const f = this.requireFitted();
    return { nUsers: f.nUsers, nItems: f.nItems };
  }

  /** The item bias b_i added to every score, or null for none. */
  protected itemBias(_fitted: F): Float64Array | null {
    return null;
  }
}
