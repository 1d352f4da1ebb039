/**
 * The recommender registry: spec names (`bpr`, `als_implicit`, ...) → recommender factories, kept
 * apart from the tabular model registry because recommenders fit on interactions, not on X and y.
 * A model joins with one line: `registerRecommender(recommenderEntry('bpr', BPR))`.
 */
import { InvalidParamError } from '../../core/errors.js';
import { Popularity } from './popularity.js';
import type { Recommender } from './recommender.js';

export interface RecommenderEntry {
  name: string;
  create(params?: Record<string, unknown>): Recommender<any, any>;
  defaults(): Record<string, unknown>;
  /** Parameter sets `fit` must reject with `E_INVALID_PARAM`; the conformance checks try each. */
  invalidParams?: Record<string, unknown>[];
}

type RecommenderCtor = new (params?: any) => Recommender<any, any>;

export function recommenderEntry(name: string, Ctor: RecommenderCtor, invalidParams?: Record<string, unknown>[]): RecommenderEntry {
  return { name, create: (params = {}) => new Ctor(params), defaults: () => new Ctor().getParams() as Record<string, unknown>, invalidParams };
}

const entries = new Map<string, RecommenderEntry>();

export function registerRecommender(entry: RecommenderEntry): void {
  entries.set(entry.name, entry);
}

/** The entry for `name`; an unknown name is `E_INVALID_PARAM` listing the known ones. */
export function getRecommender(name: string): RecommenderEntry {
  const e = entries.get(name);
  if (!e) {
    const known = [...entries.keys()].sort();
    throw new InvalidParamError(`unknown recommender '${name}'; known recommenders: ${known.join(', ')}`, { param: 'model', value: name, allowed: known });
  }
  return e;
}

export function listRecommenders(): RecommenderEntry[] {
  return [...entries.values()];
}

registerRecommender(recommenderEntry('popularity', Popularity, [{ by: 'votes' }]));
