/**
 * Popularity baseline: every user gets the items with the most training interactions (ties to the
 * lower item index). It is the floor every personalised model must beat, and the fallback for
 * users never seen in training.
 */
import type { FitOptions, StateValue } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray, stateNumber } from '../../core/state-check.js';
import { checkInteractions } from './interaction-checks.js';
import { Recommender } from './recommender.js';

/** Hyper-parameters of {@link Popularity}. */
export interface PopularityParams {
  /** `count`: number of interactions per item; `weight`: sum of their values. Default `count`. */
  by: 'count' | 'weight';
}

/** Learned state of {@link Popularity}. */
export interface PopularityFitted {
  nUsers: number;
  /** Per-item popularity, length nItems. */
  popularity: Float64Array;
}

/**
 * @example
 * const pop = new Popularity().fit(interactions);
 * const scores = new Float64Array(interactions.nItems);
 * pop.scoreItems(0, scores);
 */
export class Popularity extends Recommender<PopularityParams, PopularityFitted> {
  readonly type = 'popularity';
  readonly feedback = 'ranking';

  constructor(params: Partial<PopularityParams> = {}) {
    super({ by: 'count' }, params);
  }

  fit(data: Interactions, _options: FitOptions = {}): this {
    const by = checkOneOf('Popularity', 'by', this.params.by, ['count', 'weight'] as const);
    checkInteractions('Popularity', data);
    const popularity = new Float64Array(data.nItems);
    for (let i = 0; i < data.items.length; i++) popularity[data.items[i]] += by === 'count' ? 1 : data.values[i];
    this.fitted = { nUsers: data.nUsers, popularity };
    return this;
  }

  scoreItems(_user: number, out: Float64Array): void {
    out.set(this.requireFitted().popularity);
  }

  get shape(): { nUsers: number; nItems: number } {
    const f = this.requireFitted();
    return { nUsers: f.nUsers, nItems: f.popularity.length };
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): PopularityFitted {
    return { nUsers: stateNumber(fitted, 'nUsers'), popularity: stateArray(fitted, 'popularity', Float64Array) };
  }
}
