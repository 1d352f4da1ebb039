/**
 * The final evaluation of a recommend run, after selection. Holdout methods refit the best
 * configuration on the whole training part and score it on the held-out part; k-fold methods already
 * scored the best configuration on every fold, so `test` is the mean of its fold results (the issue's
 * "every fold is evaluated; test holds the fold means"). Both add bootstrap intervals over users for
 * the ranking metrics and the same metrics for the baselines — popularity for ranking metrics, the
 * training mean for rating metrics — on the same split.
 */
import { subsetInteractions, type Interactions } from '../../core/interactions.js';
import { bootstrapMeanCi } from '../../metrics/recommend/recommendation.js';
import { Popularity } from '../../models/recommend/popularity.js';
import type { Recommender } from '../../models/recommend/recommender.js';
import { evaluateFold, globalMeanBaseline, type MetricRequest } from './recommend-evaluate.js';
import type { ColdStartCounts, MetricInterval, RecommendReportData } from '../../report/recommend-report-data.js';
import type { InteractionFold } from './recommend-snapshot.js';
import type { RecommendSpec } from '../spec/recommend-spec.js';
import type { RecommendTaskResult } from './recommend-task.js';

export interface FinalEvaluation {
  test: Record<string, number | null>;
  foldTests?: Record<string, number | null>[];
  confidence: Record<string, MetricInterval>;
  coldStart: ColdStartCounts;
  baselines: RecommendReportData['baselines'];
}

type Bootstrap = RecommendSpec['evaluate']['bootstrap'];

function pick(metrics: Record<string, number | null>, requests: readonly MetricRequest[]): Record<string, number | null> {
  return Object.fromEntries(requests.map((r) => [r.name, metrics[r.name] ?? null]));
}

function intervals(perUser: Map<string, Float64Array>, bootstrap: Bootstrap): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {};
  if (bootstrap === false) return out;
  for (const [name, values] of perUser) {
    if (values.length < 2) continue;
    const ci = bootstrapMeanCi(values, { samples: bootstrap.samples, level: bootstrap.level, seed: bootstrap.seed });
    out[name] = { low: ci.low, high: ci.high, level: bootstrap.level };
  }
  return out;
}

function baselinesOn(data: Interactions, fold: InteractionFold, requests: readonly MetricRequest[]): RecommendReportData['baselines'] {
  const ranking = requests.filter((r) => !r.rating);
  const popularity = ranking.length ? evaluateFold(new Popularity().fit(subsetInteractions(data, fold.train)), data, fold, ranking).metrics : {};
  return { popularity, globalMean: globalMeanBaseline(data, fold, requests) };
}

/**
 * Holdout: scores `model` (fitted on `fold.train`) on `fold.test` with `requests` (evaluate.metrics).
 *
 * @example const final = evaluateHoldout(model, data, folds[0], evaluate, spec.evaluate.bootstrap);
 */
export function evaluateHoldout(model: Recommender<any, any>, data: Interactions, fold: InteractionFold, requests: readonly MetricRequest[], bootstrap: Bootstrap): FinalEvaluation {
  const ev = evaluateFold(model, data, fold, requests, { perUser: bootstrap !== false });
  const perUser = new Map(Object.entries(ev.perUser?.values ?? {}));
  return { test: pick(ev.metrics, requests), confidence: intervals(perUser, bootstrap), coldStart: ev.coldStart, baselines: baselinesOn(data, fold, requests) };
}

/**
 * k-fold: `test` is the mean over folds of the best configuration's results (its tasks, in fold
 * order); intervals bootstrap over users, each user's value averaged over the folds that ranked them.
 */
export function summariseFolds(results: readonly RecommendTaskResult[], data: Interactions, folds: readonly InteractionFold[], requests: readonly MetricRequest[], bootstrap: Bootstrap): FinalEvaluation {
  const foldTests = results.map((r) => pick(r.metrics, requests));
  const test: Record<string, number | null> = {};
  for (const r of requests) test[r.name] = meanOf(foldTests.map((f) => f[r.name]));
  const coldStart: ColdStartCounts = { testEvents: 0, coldUsers: 0, coldItems: 0, coldEvents: 0, rankedUsers: 0 };
  for (const r of results) for (const key of Object.keys(coldStart) as (keyof ColdStartCounts)[]) coldStart[key] += r.coldStart[key] ?? 0;
  const perUser = new Map<string, Float64Array>();
  for (const r of requests) {
    const sums = new Map<number, { sum: number; n: number }>();
    for (const res of results) {
      const values = res.perUser?.values[r.name];
      if (!values) continue;
      res.perUser!.users.forEach((u, i) => {
        const acc = sums.get(u) ?? { sum: 0, n: 0 };
        acc.sum += values[i];
        acc.n++;
        sums.set(u, acc);
      });
    }
    if (sums.size) perUser.set(r.name, Float64Array.from([...sums.keys()].sort((a, b) => a - b), (u) => sums.get(u)!.sum / sums.get(u)!.n));
  }
  const perFold = folds.map((fold) => baselinesOn(data, fold, requests));
  const meanBaseline = (key: 'popularity' | 'globalMean'): Record<string, number | null> =>
    Object.fromEntries(Object.keys(perFold[0]?.[key] ?? {}).map((name) => [name, meanOf(perFold.map((b) => b[key][name] ?? null))]));
  return { test, foldTests, confidence: intervals(perUser, bootstrap), coldStart, baselines: { popularity: meanBaseline('popularity'), globalMean: meanBaseline('globalMean') } };
}

function meanOf(values: (number | null)[]): number | null {
  const ok = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
}
