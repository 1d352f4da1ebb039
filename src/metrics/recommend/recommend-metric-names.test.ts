import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thrown, thrownCode } from '../../testing/thrown.js';
import { parseRecommendMetric, recommendMetricDirection } from './recommend-metric-names.js';

test('parseRecommendMetric reads spec names with and without @k', () => {
  assert.deepEqual(parseRecommendMetric('ndcg@10'), { metric: 'ndcg', k: 10 });
  assert.deepEqual(parseRecommendMetric('mrr'), { metric: 'mrr', k: null });
  assert.deepEqual(parseRecommendMetric('hit_rate@5'), { metric: 'hit_rate', k: 5 });
  assert.deepEqual(parseRecommendMetric('coverage@10'), { metric: 'coverage', k: 10 });
  assert.deepEqual(parseRecommendMetric(' nDCG@20 '), { metric: 'ndcg', k: 20 });
  assert.deepEqual(parseRecommendMetric('rmse'), { metric: 'rmse', k: null });
  for (const m of ['precision', 'recall', 'map', 'popularity_bias', 'novelty', 'mae']) assert.equal(parseRecommendMetric(m).metric, m);
});

test('parseRecommendMetric refuses bad names, naming them and the valid forms', () => {
  assert.match(thrown(() => parseRecommendMetric('ndgc@10')), /^E_INVALID_PARAM: recommender metric "ndgc@10" is not a recommender metric; valid forms: precision\[@k\], .*rmse, mae/);
  assert.match(thrown(() => parseRecommendMetric('rmse@10')), /"rmse@10" takes no @k cut-off/);
  assert.match(thrown(() => parseRecommendMetric('ndcg@0')), /"ndcg@0" needs a positive integer cut-off/);
  for (const bad of ['ndcg@', 'ndcg@-1', 'ndcg@1.5', '', 'toString', 'accuracy']) assert.equal(thrownCode(() => parseRecommendMetric(bad)), 'E_INVALID_PARAM', bad);
});

test('recommendMetricDirection: lower is better only for rmse, mae and popularity bias', () => {
  assert.equal(recommendMetricDirection('ndcg@10'), 'max');
  assert.equal(recommendMetricDirection('coverage'), 'max');
  assert.equal(recommendMetricDirection('novelty@10'), 'max');
  assert.equal(recommendMetricDirection('rmse'), 'min');
  assert.equal(recommendMetricDirection('mae'), 'min');
  assert.equal(recommendMetricDirection('popularity_bias@10'), 'min');
  assert.equal(thrownCode(() => recommendMetricDirection('auc')), 'E_INVALID_PARAM');
});
