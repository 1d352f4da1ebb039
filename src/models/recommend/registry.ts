/**
 * The recommender registry: spec names (`bpr`, `als_implicit`, ...) → recommender factories, kept
 * apart from the tabular model registry because recommenders fit on interactions, not on X and y.
 * A model joins with one line: `registerRecommender(recommenderEntry('bpr', BPR))`.
 */
import { Registry } from '../../core/registry.js';
import { Popularity } from './popularity.js';
import { ImplicitALS } from './factorization/als-implicit.js';
import { NCF } from './ncf/ncf.js';
import { BPR } from './factorization/bpr.js';
import { EASE } from './similarity/ease.js';
import { ItemKNN } from './similarity/item-knn.js';
import { SAR } from './similarity/sar.js';
import { BaselineOnly } from './baseline.js';
import { BiasedMF } from './factorization/biased-mf.js';
import { ExplicitALS } from './factorization/als-explicit.js';
import { SVDpp } from './factorization/svdpp.js';
import type { Recommender } from './recommender.js';

/** A registered recommender: its spec name, a factory and the parameter sets `fit` must reject. */
export interface RecommenderEntry {
  name: string;
  create(params?: Record<string, unknown>): Recommender<any, any>;
  defaults(): Record<string, unknown>;
  /** Parameter sets `fit` must reject with `E_INVALID_PARAM`; the conformance checks try each. */
  invalidParams?: Record<string, unknown>[];
}

type RecommenderCtor = new (params?: any) => Recommender<any, any>;

/** Builds a {@link RecommenderEntry} from a recommender class whose constructor takes a params object. */
export function recommenderEntry(name: string, Ctor: RecommenderCtor, invalidParams?: Record<string, unknown>[]): RecommenderEntry {
  return { name, create: (params = {}) => new Ctor(params), defaults: () => new Ctor().getParams() as Record<string, unknown>, invalidParams };
}

const recommenders = new Registry<RecommenderEntry>({ kind: 'recommender', param: 'model' });

/** Adds (or replaces) a recommender. */
export function registerRecommender(entry: RecommenderEntry): void {
  recommenders.register(entry.name, entry);
}

/** The entry for `name`; an unknown name is `E_INVALID_PARAM` listing the known ones. */
export function getRecommender(name: string): RecommenderEntry {
  return recommenders.get(name);
}

/** All registered recommenders, in registration order. */
export function listRecommenders(): RecommenderEntry[] {
  return recommenders.list();
}

registerRecommender(recommenderEntry('popularity', Popularity, [{ by: 'votes' }]));
registerRecommender(recommenderEntry('als_implicit', ImplicitALS, [{ factors: 0 }, { iterations: -1 }, { regularization: -1 }, { alpha: -1 }, { cgSteps: 0 }, { binarize: 'yes' }]));
registerRecommender(recommenderEntry('ncf', NCF, [{ factors: 0 }, { mlpLayers: [0] }, { mlpLayers: 16 }, { negatives: -1 }, { epochs: -1 }, { batchSize: 0 }, { learningRate: 0 }, { l2: -0.1 }]));
registerRecommender(recommenderEntry('item_knn', ItemKNN, [{ neighbours: 0 }, { shrink: -1 }, { similarity: 'pearson' }, { normalize: 'yes' }]));
registerRecommender(recommenderEntry('sar', SAR, [{ similarity: 'dice' }, { threshold: 0 }, { threshold: 1.5 }, { halfLifeDays: 0 }]));
registerRecommender(recommenderEntry('bpr', BPR, [{ factors: 0 }, { epochs: -1 }, { learningRate: 0 }, { regularization: -0.1 }, { learningRateDecay: 'cosine' }]));
registerRecommender(recommenderEntry('ease', EASE, [{ lambda: 0 }, { lambda: -5 }, { binarize: 1 }]));
registerRecommender(recommenderEntry('baseline', BaselineOnly, [{ method: 'svd' }, { epochs: -1 }, { userRegularization: -1 }, { itemRegularization: 'ten' }, { learningRate: 0 }, { regularization: -0.02 }]));
registerRecommender(recommenderEntry('biased_mf', BiasedMF, [{ factors: 0 }, { epochs: 1.5 }, { learningRate: 0 }, { learningRateDecay: 1.5 }, { regularization: -0.1 }, { biasRegularization: NaN }, { initStd: -1 }, { seed: 0.5 }]));
registerRecommender(recommenderEntry('als', ExplicitALS, [{ factors: 0 }, { iterations: -1 }, { regularization: 0 }, { biasRegularization: -1 }, { weighted: 'yes' }, { initStd: -0.1 }, { seed: 'a' }]));
registerRecommender(recommenderEntry('svdpp', SVDpp, [{ factors: 0 }, { epochs: -1 }, { learningRate: -0.01 }, { learningRateDecay: 0 }, { regularization: -1 }, { biasRegularization: -1 }, { initStd: Infinity }, { seed: 1.5 }]));
