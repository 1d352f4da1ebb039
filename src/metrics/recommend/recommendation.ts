/**
 * Recommender evaluation in one import: top-k ranking scores per user and their means (Microsoft
 * Recommenders definitions), catalogue coverage, popularity bias and novelty, bootstrap intervals over
 * users, and the spec metric-name parser. Rating metrics (RMSE, MAE) are the regression ones.
 */
export { catalogCoverage, itemPopularity, meanRankingScores, novelty, popularityBias, rankingScoresAtK } from './ranking-at-k.js';
export type { RankingScores } from './ranking-at-k.js';
export { bootstrapMeanCi } from '../bootstrap.js';
export type { BootstrapOptions } from '../bootstrap.js';
export { parseRecommendMetric, recommendMetricDirection } from './recommend-metric-names.js';
export type { RecommendMetric } from './recommend-metric-names.js';
