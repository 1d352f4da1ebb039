/**
 * Number and label formatting shared by every part of the report, so the same metric reads the same
 * way in the headline, the leaderboard and the metrics table.
 */

/** Shown wherever a value is missing (`null`, NaN, ±Infinity). */
export const MISSING = '—';

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Formats a metric value: 3 decimals below 1000 (scores and most errors), thousands separators with
 * 1 decimal above (large-target RMSE/MAE). Missing values become "—".
 *
 * @example formatMetric(0.87349) // '0.873'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (Math.abs(value) >= 1000) return grouped.format(value);
  const text = value.toFixed(3);
  // -0.0001 would print as "-0.000", which reads as a sign error.
  return Number(text) === 0 ? (0).toFixed(3) : text;
}

/** Formats a count with thousands separators. @example formatCount(7043) // '7,043' */
export function formatCount(value: number | null | undefined): string {
  return value !== null && value !== undefined && Number.isFinite(value) ? integer.format(value) : MISSING;
}

/** Formats a fraction in [0, 1] as a percentage with 1 decimal. @example formatPercent(0.5) // '50.0%' */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : MISSING;
}

/** Formats a duration in seconds: "340 ms", "12.3 s", "2 min 05 s" or "1 h 04 min"; missing → "—". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

const LABELS: Record<string, string> = {
  accuracy: 'Accuracy', balancedAccuracy: 'Balanced accuracy', precision: 'Precision', recall: 'Recall',
  f1: 'F1', rocAuc: 'ROC AUC', averagePrecision: 'Average precision', logLoss: 'Log loss', mcc: 'MCC',
  brier: 'Brier score', confusionMatrix: 'Confusion matrix', f1Macro: 'F1 (macro)', f1Micro: 'F1 (micro)',
  f1Weighted: 'F1 (weighted)', precisionMacro: 'Precision (macro)', recallMacro: 'Recall (macro)',
  rmse: 'RMSE', mae: 'MAE', mse: 'MSE', r2: 'R²', medianAbsoluteError: 'Median abs. error',
  explainedVariance: 'Explained variance', mape: 'MAPE',
};

/**
 * Human label for a metric key, e.g. `rocAuc` → "ROC AUC", `cv.f1` → "CV F1"; unknown keys are split at
 * capitals.
 */
export function metricLabel(key: string): string {
  const dot = key.indexOf('.');
  if (dot > 0 && /^(cv|test|nested|train|validation|fold)$/.test(key.slice(0, dot))) {
    const prefix = key.slice(0, dot);
    return `${prefix === 'cv' ? 'CV' : prefix.charAt(0).toUpperCase() + prefix.slice(1)} ${metricLabel(key.slice(dot + 1))}`;
  }
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a smaller value of the metric is better (losses and errors, following sklearn's naming); `test.` prefixes and `.ci_low`/`.ci_high` suffixes are read through. */
export function lowerIsBetter(key: string): boolean {
  const last = key.split('.').filter((p) => !/^ci_(low|high)$/.test(p)).pop() ?? key;
  return /(loss|error|rmse|mae|mse|mape|brier)$/i.test(last);
}

/**
 * The metric a runs table shows for a run: its selection score (`cv.<metric>`), else the first of the
 * usual held-out metrics it has (test f1, rmse, ndcg …), else its first metric; null without metrics.
 * The CLI's `runs ls` and the dashboard's runs table both use it.
 */
export function headlineMetricKey(metrics: Record<string, number>): string | null {
  const keys = Object.keys(metrics);
  const cv = keys.find((k) => k.startsWith('cv.'));
  if (cv) return cv;
  for (const k of ['test.f1', 'test.f1Macro', 'test.rmse', 'test.accuracy', 'test.r2', 'test.mae']) if (k in metrics) return k;
  const ndcg = keys.find((k) => /^test\.ndcg/i.test(k) && !/ci_(low|high)$/.test(k));
  if (ndcg) return ndcg;
  return keys.find((k) => !/ci_(low|high)$/.test(k)) ?? null;
}
