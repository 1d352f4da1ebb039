/**
 * Scores a fitted recommender on one fold, as the Microsoft Recommenders evaluation does: every test
 * user who has training events gets a top-k list of items they have not interacted with in training,
 * ranking metrics are averaged over those users, and rating metrics (RMSE, MAE) are computed over
 * every test event. Users or items absent from training are counted (cold start), never a crash:
 * cold users are left out of the ranking metrics (no history to rank from), and rating predictions
 * for cold pairs come from the model's fallback (index -1: global mean or the bias it has).
 */
import { DataError, SpecError } from '../../core/errors.js';
import { interactionsToCsr, subsetInteractions, type Interactions } from '../../core/interactions.js';
import {
  catalogCoverage,
  itemPopularity,
  novelty,
  parseRecommendMetric,
  popularityBias,
  rankingScoresAtK,
  recommendMetricDirection,
} from '../../metrics/recommend/recommendation.js';
import { meanAbsoluteError, rootMeanSquaredError } from '../../metrics/regression.js';
import type { Recommender } from '../../models/recommend/recommender.js';
import { topK } from '../../models/recommend/top-k.js';
import { coldStartReport } from '../../selection/interaction-splits.js';
import type { ColdStartCounts } from '../../report/recommend-report-data.js';
import type { InteractionFold } from './recommend-snapshot.js';

/** A metric as written in the spec (`ndcg@10`), parsed. */
export interface MetricRequest {
  /** As written in the spec: the key of results and of `test`. */
  name: string;
  /** precision, recall, ndcg, map, mrr, hit_rate, coverage, popularity_bias, novelty, rmse, mae. */
  metric: string;
  /** Cut-off (ranking metrics). */
  k: number;
  /** Scored from rating predictions (RMSE/MAE) rather than from top-k lists. */
  rating: boolean;
  direction: 'max' | 'min';
}

/** Per-user ranking metrics (the rankingScoresAtK fields), by spec metric name. */
const PER_USER_FIELD: Record<string, 'precision' | 'recall' | 'ndcg' | 'map' | 'mrr' | 'hitRate'> = {
  precision: 'precision', recall: 'recall', ndcg: 'ndcg', map: 'map', mrr: 'mrr', hit_rate: 'hitRate',
};
const RATING_METRICS = new Set(['rmse', 'mae']);

/**
 * Parses spec metric names; `path` (e.g. `evaluate.metrics`) and `file` name the key in errors.
 *
 * @example
 * resolveRecommendMetrics(['ndcg@10', 'rmse'], 10, 'evaluate.metrics', 'ml.yaml');
 */
export function resolveRecommendMetrics(names: readonly string[], defaultK: number, path: string, file: string, single = false): MetricRequest[] {
  return names.map((name, i) => {
    const where = single ? path : `${path}[${i}]`;
    let parsed: { metric: string; k: number | null };
    try {
      parsed = parseRecommendMetric(name);
    } catch (e) {
      throw new SpecError(`${file}: ${where}: ${(e as Error).message}`, { file, path: where });
    }
    const rating = RATING_METRICS.has(parsed.metric);
    return { name, metric: parsed.metric, k: parsed.k && parsed.k > 0 ? parsed.k : defaultK, rating, direction: recommendMetricDirection(parsed.metric) };
  });
}

export interface FoldEvaluation {
  /** By spec metric name; null when it cannot be computed (no user to rank, no test event). */
  metrics: Record<string, number | null>;
  coldStart: ColdStartCounts;
  /** Ranking metrics per ranked user (dense user index), for bootstrap confidence intervals. */
  perUser?: { users: Int32Array; values: Record<string, Float64Array> };
}

/**
 * Evaluates `model` (already fitted on `fold.train`) on `fold.test` of `data`.
 *
 * @example
 * const model = getRecommender('bpr').create({}).fit(subsetInteractions(data, fold.train));
 * evaluateFold(model, data, fold, resolveRecommendMetrics(['ndcg@10'], 10, 'm', 'spec'));
 */
export function evaluateFold(model: Recommender<any, any>, data: Interactions, fold: InteractionFold, requests: readonly MetricRequest[], options: { perUser?: boolean } = {}): FoldEvaluation {
  const train = subsetInteractions(data, fold.train);
  const test = subsetInteractions(data, fold.test);
  const cold = coldStartReport(data, fold);
  const metrics: Record<string, number | null> = {};
  const rankingRequests = requests.filter((r) => !r.rating);
  let rankedUsers = 0;
  let perUser: FoldEvaluation['perUser'];
  if (rankingRequests.length) {
    const ranked = rankTestUsers(model, train, test, Math.max(...rankingRequests.map((r) => r.k)));
    rankedUsers = ranked.users.length;
    const byK = new Map<number, ReturnType<typeof rankingScoresAtK>>();
    const values: Record<string, Float64Array> = {};
    let popularity: Float64Array | undefined;
    const shares = (): Float64Array => (popularity ??= itemPopularity(train));
    for (const r of rankingRequests) {
      const field = PER_USER_FIELD[r.metric];
      if (field) {
        if (!byK.has(r.k)) byK.set(r.k, rankingScoresAtK(ranked.recommended, ranked.relevant, r.k));
        const arr = byK.get(r.k)![field];
        values[r.name] = arr;
        metrics[r.name] = arr.length ? mean(arr) : null;
      } else if (r.metric === 'coverage') {
        metrics[r.name] = ranked.users.length ? catalogCoverage(ranked.recommended, data.nItems, r.k) : null;
      } else if (r.metric === 'popularity_bias') {
        metrics[r.name] = ranked.users.length ? popularityBias(ranked.recommended, shares(), r.k) : null;
      } else if (r.metric === 'novelty') {
        metrics[r.name] = ranked.users.length ? noveltyOrNull(ranked.recommended, shares(), r.k) : null;
      } else {
        throw new DataError(`metric '${r.name}' cannot be computed by the recommender evaluation`);
      }
    }
    if (options.perUser) perUser = { users: ranked.users, values };
  }
  const ratingRequests = requests.filter((r) => r.rating);
  if (ratingRequests.length) {
    const predicted = predictTestRatings(model, train, test);
    for (const r of ratingRequests) {
      if (test.values.length === 0) metrics[r.name] = null;
      else metrics[r.name] = r.metric === 'rmse' ? rootMeanSquaredError(test.values, predicted) : meanAbsoluteError(test.values, predicted);
    }
  }
  return { metrics, coldStart: { ...cold, rankedUsers }, ...(perUser ? { perUser } : {}) };
}

/**
 * Top-k lists for the test users that have training events, excluding each user's training items,
 * plus their relevant (test) items — the inputs of every ranking metric.
 */
export function rankTestUsers(model: Recommender<any, any>, train: Interactions, test: Interactions, k: number): { users: Int32Array; recommended: Int32Array[]; relevant: Int32Array[] } {
  const seen = interactionsToCsr(train);
  const truth = interactionsToCsr(test);
  const users: number[] = [];
  const recommended: Int32Array[] = [];
  const relevant: Int32Array[] = [];
  const scores = new Float64Array(train.nItems);
  for (let u = 0; u < truth.nRows; u++) {
    const t0 = truth.indptr[u], t1 = truth.indptr[u + 1];
    if (t1 === t0) continue;
    const s0 = seen.indptr[u], s1 = seen.indptr[u + 1];
    if (s1 === s0) continue; // cold user: counted in coldStart, not ranked
    model.scoreItems(u, scores);
    users.push(u);
    recommended.push(topK(scores, k, seen.indices.subarray(s0, s1)).items);
    relevant.push(truth.indices.slice(t0, t1));
  }
  return { users: Int32Array.from(users), recommended, relevant };
}

/**
 * Predicted rating of every test event; users/items without training events are passed as -1 (the
 * recommender contract's cold-start marker). `E_DATA` for a model that only ranks.
 *
 * @example
 * const predicted = predictTestRatings(model, train, test); // then rootMeanSquaredError(test.values, predicted)
 */
export function predictTestRatings(model: Recommender<any, any>, train: Interactions, test: Interactions): Float64Array {
  if (!model.predictRatings) throw new DataError(`${model.type} ranks items but does not predict ratings; use ranking metrics (ndcg@10, …) for it`);
  const userSeen = new Uint8Array(train.nUsers), itemSeen = new Uint8Array(train.nItems);
  for (let i = 0; i < train.users.length; i++) {
    userSeen[train.users[i]] = 1;
    itemSeen[train.items[i]] = 1;
  }
  const users = Int32Array.from(test.users, (u) => (userSeen[u] ? u : -1));
  const items = Int32Array.from(test.items, (it) => (itemSeen[it] ? it : -1));
  return model.predictRatings(users, items);
}

/** Novelty is undefined when no recommended item has training events (every list all cold). */
function noveltyOrNull(recommended: Int32Array[], shares: Float64Array, k: number): number | null {
  try {
    return novelty(recommended, shares, k);
  } catch (e) {
    if (e instanceof DataError) return null;
    throw e;
  }
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/** The RMSE/MAE of always predicting the training mean — the floor of rating prediction. */
export function globalMeanBaseline(data: Interactions, fold: InteractionFold, requests: readonly MetricRequest[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const rating = requests.filter((r) => r.rating);
  if (!rating.length) return out;
  let sum = 0;
  for (const i of fold.train) sum += data.values[i];
  const mu = sum / Math.max(1, fold.train.length);
  const truth = Float64Array.from(fold.test, (i) => data.values[i]);
  const pred = new Float64Array(truth.length).fill(mu);
  for (const r of rating) out[r.name] = truth.length ? (r.metric === 'rmse' ? rootMeanSquaredError(truth, pred) : meanAbsoluteError(truth, pred)) : null;
  return out;
}
