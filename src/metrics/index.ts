/**
 * Metrics: pure functions over predictions, equal to scikit-learn 1.2 on the same inputs (checked
 * against fixtures/metrics/*.json). `*Score` is better when higher, `*Error`/`*Loss` when lower.
 * The metric-key registry (spec names, result keys, directions) lives in `metric-keys.ts`.
 */
export { accuracyScore, balancedAccuracyScore, f1Score, fbetaScore, matthewsCorrcoef, precisionScore, recallScore } from './classification/classification.js';
export type { Average, PrecisionRecallOptions } from './classification/classification.js';
export { confusionMatrix } from './classification/confusion-matrix.js';
export type { ConfusionMatrixOptions, ConfusionMatrixResult } from './classification/confusion-matrix.js';
export { precisionRecallCurve, rocCurve } from './classification/curves.js';
export type { PosLabelOptions, PrecisionRecallCurve, RocCurve, RocCurveOptions } from './classification/curves.js';
export { auc, averagePrecisionScore, rocAucOneVsRest, rocAucScore } from './classification/ranking-auc.js';
export type { RocAucOptions } from './classification/ranking-auc.js';
export { brierScoreLoss, logLoss } from './classification/probability-loss.js';
export type { LogLossOptions } from './classification/probability-loss.js';
export { meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';
export { evaluatePredictions } from './evaluate.js';
export type { EvaluateInput, MetricValues, TaskKind } from './evaluate.js';
export { METRIC_DIRECTIONS, metricDirection, SPEC_METRIC_KEYS } from './metric-keys.js';
export type { MetricDirection } from './metric-keys.js';
export { bootstrapMeanCi, catalogCoverage, itemPopularity, meanRankingScores, novelty, parseRecommendMetric, popularityBias, rankingScoresAtK, recommendMetricDirection } from './recommend/recommendation.js';
export type { BootstrapOptions, RankingScores, RecommendMetric } from './recommend/recommendation.js';
