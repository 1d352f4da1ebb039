/**
 * The params and metrics every finished run records, whatever its kind: the selected model and its
 * parameters, the selection metric, the held-out results and the selection score. Each run adds its
 * own (learning curves, intervals, per-fold results) after these.
 */
import type { MetricPoint } from '../../tracking/store.js';

/** The finite numbers of `o` (metrics such as a confusion matrix or a null are left out). */
export function numericMetrics(o: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/**
 * `best.model`, `best.<param>` for each of the best configuration's parameters, `select.metric`.
 *
 * @example
 * selectionParams(best, 'f1'); // { 'best.model': 'mlp', 'best.hidden': [64, 32], 'select.metric': 'f1' }
 */
export function selectionParams(best: { model: string; params: Record<string, unknown> }, metricKey: string): Record<string, unknown> {
  const params: Record<string, unknown> = { 'best.model': best.model };
  for (const [k, v] of Object.entries(best.params)) params[`best.${k}`] = v;
  params['select.metric'] = metricKey;
  return params;
}

/**
 * `test.<metric>` for each finite held-out result, then `cv.<selection metric>` with the best
 * configuration's selection score (when there was a selection).
 */
export function headlineMetrics(test: Record<string, unknown>, metricKey: string, cvScore: number | null): MetricPoint[] {
  const points: MetricPoint[] = Object.entries(numericMetrics(test)).map(([k, v]) => ({ key: `test.${k}`, value: v }));
  if (cvScore !== null) points.push({ key: `cv.${metricKey}`, value: cvScore });
  return points;
}
