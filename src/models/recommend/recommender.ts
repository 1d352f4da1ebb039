/**
 * The recommender contract — the estimator contract of `core/estimator.ts` applied to interactions:
 * the constructor only stores hyper-parameters, `fit(interactions)` validates and returns `this`,
 * learned state lives in `fitted`, and `toState`/`restoreState` save it as data.
 *
 * Users and items are dense indices (see `core/interactions.ts`). Index -1 means "not seen in
 * training" (a cold-start user or item): `predictRatings` must answer it from the biases it has
 * (global mean, item or user bias), never crash; top-k for an unknown user is the serving layer's
 * popularity fallback.
 */
import type { FitOptions } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { Parametrised } from '../../core/parametrised.js';

export abstract class Recommender<P extends object, F extends object> extends Parametrised<P, F> {
  /** `rating`: predicts explicit ratings (RMSE/MAE apply); `ranking`: scores only order items. */
  abstract readonly feedback: 'rating' | 'ranking';

  abstract fit(data: Interactions, options?: FitOptions): this;

  /**
   * Writes the score of every item for `user` (0 ≤ user < nUsers) into `out` (length nItems);
   * higher means recommend first. Rating models write their predicted rating.
   */
  abstract scoreItems(user: number, out: Float64Array): void;

  /** Number of users and items the model was fitted with. */
  abstract get shape(): { nUsers: number; nItems: number };

  /**
   * Predicted ratings for (user, item) pairs; -1 marks a user/item unseen in training. Any other
   * index outside the fitted shape is `E_DATA` (the conformance suite checks it).
   */
  predictRatings?(users: Int32Array, items: Int32Array): Float64Array;
}
