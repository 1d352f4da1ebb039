/**
 * The recommend section's machinery on tiny hand-made interactions (evaluation protocol, targets,
 * table) and the MovieLens fold loading. No timing assertions and no full model runs: the figures are
 * what `npm run bench -- recommend` reports.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Interactions } from '../core/interactions.js';
import { getRecommender, type RecommenderEntry } from '../models/recommend/registry.js';
import type { Recommender } from '../models/recommend/recommender.js';
import {
  evaluateRankingModel,
  evaluateRatingModel,
  formatRecommendBench,
  judgeRecommendTargets,
  loadMovieLens100k,
  movieLensFolds,
  type RankingRow,
  type RatingRow,
} from './recommend-bench.js';

/** 3 users × 4 items; item 0 is the most popular, then 1, then 2. */
const data: Interactions = {
  nUsers: 3,
  nItems: 4,
  users: Int32Array.of(0, 0, 1, 1, 2, 2, 0, 1, 2, 2),
  items: Int32Array.of(0, 1, 0, 1, 0, 2, 2, 3, 1, 3),
  values: Float64Array.of(5, 4, 3, 4, 2, 1, 5, 3, 2, 4),
};
// Test: user 0 → item 2, user 1 → item 3, user 2 → items 1 and 3.
const fold = { train: Int32Array.of(0, 1, 2, 3, 4, 5), test: Int32Array.of(6, 7, 8, 9) };

/** Predicts the training mean for every pair; -1 (cold) included. */
const meanEntry: RecommenderEntry = {
  name: 'global_mean',
  defaults: () => ({}),
  create: () => {
    let mu = 0;
    const model = {
      feedback: 'rating',
      fit(d: Interactions) {
        mu = d.values.reduce((s, v) => s + v, 0) / d.values.length;
        return model;
      },
      scoreItems: (_u: number, out: Float64Array) => out.fill(mu),
      predictRatings: (users: Int32Array) => new Float64Array(users.length).fill(mu),
    };
    return model as unknown as Recommender<any, any>;
  },
};

describe('recommend bench protocol', () => {
  it('ranks test users with their training items excluded', () => {
    const row = evaluateRankingModel(getRecommender('popularity'), data, fold, {}, 1);
    assert.equal(row.status, 'ok', row.message);
    // Popularity order 0 > 1 > 2 > 3. User 0 saw 0, 1 → top-1 is 2 (hit); user 1 saw 0, 1 → 2 (miss);
    // user 2 saw 0, 2 → 1 (hit).
    assert.equal(row.users, 3);
    assert.equal(row.precision, 2 / 3);
    assert.equal(row.recall, (1 + 0 + 0.5) / 3);
    assert.equal(row.map, (1 + 0 + 0.5) / 3);
    assert.equal(row.coverage, 2 / 4);
    assert.equal(row.feedback, 'ranking');
  });

  it('scores rating models fold by fold and reports a failing model instead of stopping', () => {
    const folds = [fold, { train: Int32Array.of(2, 3, 4, 5, 6, 7, 8, 9), test: Int32Array.of(0, 1) }];
    const row = evaluateRatingModel(meanEntry, data, folds);
    assert.equal(row.status, 'ok', row.message);
    // Fold 1: mean 3.1667 vs 5, 3, 2, 4; fold 2: mean 3 vs 5, 4.
    const mu = 19 / 6;
    const rmse1 = Math.sqrt(((5 - mu) ** 2 + (3 - mu) ** 2 + (2 - mu) ** 2 + (4 - mu) ** 2) / 4);
    const rmse2 = Math.sqrt((4 + 1) / 2);
    assert.ok(Math.abs(row.rmse! - (rmse1 + rmse2) / 2) < 1e-12);
    const broken = evaluateRatingModel({ ...meanEntry, create: () => { throw new Error('boom'); } }, data, folds);
    assert.deepEqual([broken.status, broken.message], ['error', 'boom']);
  });

  it('reads the official u1..u5 folds: 20,000 test ratings each, every rating tested once', async () => {
    const table = await loadMovieLens100k();
    const folds = await movieLensFolds(table);
    assert.equal(folds.length, 5);
    const tested = new Uint8Array(100000);
    for (const f of folds) {
      assert.equal(f.test.length, 20000);
      assert.equal(f.train.length, 80000);
      for (const e of f.test) tested[e]++;
    }
    assert.ok(tested.every((c) => c === 1));
  });
});

describe('recommend targets and table', () => {
  const rating: RatingRow[] = [
    { model: 'biased_mf', params: { factors: 100, epochs: 20 }, status: 'ok', rmse: 0.92, mae: 0.72, foldRmse: [0.92], fitSeconds: 3.5 },
    { model: 'svdpp', params: {}, status: 'ok', rmse: 0.912, mae: 0.71, foldRmse: [0.912], fitSeconds: 9 },
  ];
  const ranking: RankingRow[] = [
    { model: 'bpr', feedback: 'ranking', params: {}, status: 'ok', fitSeconds: 1.2, ndcg: 0.44, precision: 0.41, recall: 0.2, map: 0.13, mrr: 0.6, hitRate: 0.9, coverage: 0.2, users: 943 },
    { model: 'als_implicit', feedback: 'ranking', params: {}, status: 'ok', fitSeconds: 2.5, ndcg: 0.46, precision: 0.39, recall: 0.2, map: 0.14, mrr: 0.6, hitRate: 0.9, coverage: 0.2, users: 943 },
    { model: 'ncf', feedback: 'ranking', params: {}, status: 'error', message: 'diverged' },
  ];

  it('judges each target on the best model that ran', () => {
    const t = judgeRecommendTargets(rating, ranking);
    const verdict = (prefix: string) => t.find((x) => x.what.startsWith(prefix))!;
    assert.deepEqual([verdict('5-fold RMSE, biased_mf').verdict, verdict('5-fold RMSE, best').what], ['PASS', '5-fold RMSE, best rating model (svdpp)']);
    assert.equal(verdict('5-fold RMSE, best').verdict, 'PASS');
    assert.deepEqual([verdict('nDCG@10').what, verdict('nDCG@10').verdict], ['nDCG@10, best model (als_implicit)', 'PASS']);
    assert.deepEqual([verdict('precision@10').what, verdict('precision@10').verdict], ['precision@10, best model (bpr)', 'PASS']);
    assert.equal(verdict('fit seconds, bpr').verdict, 'PASS');
    assert.equal(verdict('fit seconds, als_implicit').verdict, 'MISS');
    assert.equal(verdict('fit seconds per fold, biased_mf').verdict, 'MISS');
  });

  it('gives no verdict when a model did not run', () => {
    const t = judgeRecommendTargets([], ranking.slice(2));
    assert.ok(t.every((x) => x.verdict === '—'), JSON.stringify(t));
  });

  it('prints measured rows next to the published ones', () => {
    const text = formatRecommendBench({ date: '', machine: {} as never, rating, ranking, targets: judgeRecommendTargets(rating, ranking), notes: ['n'], seconds: 1 });
    assert.match(text, /biased_mf \{"factors":100,"epochs":20\}\s+0\.9200\s+0\.7200\s+3\.500/);
    assert.match(text, /published: Surprise SVD \(biased MF, SGD\)\s+0\.934\s+0\.737/);
    assert.match(text, /published: MS Recommenders BPR \(Cornac\)\s+0\.132\s+0\.442\s+0\.388\s+0\.213\s+4\.97/);
    assert.match(text, /ncf\s+error: diverged/);
    assert.match(text, /fit seconds, als_implicit\s+2\.5000\s+< 2 s\s+MISS/);
  });
});
