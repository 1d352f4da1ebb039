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
 * `best.model`, `best.<param>` for every parameter of the refitted model — its defaults included, as
 * `getParams()` reports them (`resolved`), the searched values winning — and `select.metric`.
 *
 * @example
 * selectionParams(best, 'f1', fitted.getParams()); // { 'best.model': 'mlp', 'best.hidden': [64, 32], 'best.alpha': 0.0001, ..., 'select.metric': 'f1' }
 */
export function selectionParams(best: { model: string; params: Record<string, unknown> }, metricKey: string, resolved: object = {}): Record<string, unknown> {
  const params: Record<string, unknown> = { 'best.model': best.model };
  for (const [k, v] of Object.entries({ ...resolved, ...best.params })) if (isJsonValue(v)) params[`best.${k}`] = v;
  params['select.metric'] = metricKey;
  return params;
}

/** Whether `v` survives JSON unchanged (a parameter that is a function or class instance is not a recorded value). */
function isJsonValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isJsonValue);
  return false;
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
