/**
 * Spec names of the recommender metrics (`ndcg@10`, `map@10`, `coverage@10`, `rmse`, ...) and their
 * directions. Kept apart from `metric-keys.ts` (the tabular registry) because these names carry a
 * cut-off `@k` that a fixed key table cannot list.
 */
import { InvalidParamError } from '../../core/errors.js';

/** A recommender metric name without its `@k`. */
export type RecommendMetric = 'precision' | 'recall' | 'ndcg' | 'map' | 'mrr' | 'hit_rate' | 'coverage' | 'popularity_bias' | 'novelty' | 'rmse' | 'mae';

/** Top-k metrics: they may carry `@k`. */
const TOP_K_METRICS: readonly RecommendMetric[] = ['precision', 'recall', 'ndcg', 'map', 'mrr', 'hit_rate', 'coverage', 'popularity_bias', 'novelty'];
/** Rating metrics: no cut-off. */
const RATING_METRICS: readonly RecommendMetric[] = ['rmse', 'mae'];
/** Lower is better for these; every other recommender metric is higher-is-better. */
const MINIMISED: ReadonlySet<string> = new Set(['rmse', 'mae', 'popularity_bias']);

const VALID_FORMS = `${TOP_K_METRICS.map((m) => `${m}[@k]`).join(', ')}, ${RATING_METRICS.join(', ')} (k a positive integer, e.g. ndcg@10)`;

/**
 * Parses a recommender metric name as written in a spec: `'ndcg@10'` → `{ metric: 'ndcg', k: 10 }`,
 * `'mrr'` → `{ metric: 'mrr', k: null }` (the caller picks the default cut-off). Case and surrounding
 * spaces are ignored. An unknown name, a bad `@k` or a cut-off on rmse/mae is `E_INVALID_PARAM` naming
 * the name and the valid forms.
 *
 * @example parseRecommendMetric('precision@10'); // → { metric: 'precision', k: 10 }
 */
export function parseRecommendMetric(name: string): { metric: RecommendMetric; k: number | null } {
  const text = typeof name === 'string' ? name.trim().toLowerCase() : '';
  const m = /^([a-z_]+)(?:@(\d+))?$/.exec(text);
  const metric = m?.[1] as RecommendMetric | undefined;
  const k = m?.[2] === undefined ? null : Number(m[2]);
  const known = metric !== undefined && (TOP_K_METRICS.includes(metric) || RATING_METRICS.includes(metric));
  const kOk = k === null || (metric !== undefined && TOP_K_METRICS.includes(metric) && Number.isSafeInteger(k) && k >= 1);
  if (!m || !known || !kOk) {
    const why = !m || !known ? 'is not a recommender metric' : RATING_METRICS.includes(metric!) ? 'takes no @k cut-off' : 'needs a positive integer cut-off after @';
    throw new InvalidParamError(`recommender metric ${JSON.stringify(name)} ${why}; valid forms: ${VALID_FORMS}`, {
      param: 'metric',
      value: name,
      allowed: [...TOP_K_METRICS, ...RATING_METRICS],
    });
  }
  return { metric: metric!, k };
}

/**
 * Whether a recommender metric is better higher (`'max'`: the top-k scores, coverage, novelty) or
 * lower (`'min'`: rmse, mae, popularity_bias). Accepts the bare name or the spec form with `@k`.
 *
 * @example recommendMetricDirection('ndcg@10'); // → 'max'
 */
export function recommendMetricDirection(metric: string): 'max' | 'min' {
  return MINIMISED.has(parseRecommendMetric(metric).metric) ? 'min' : 'max';
}
