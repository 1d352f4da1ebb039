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
export function formatCount(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : MISSING;
}

/** Formats a fraction in [0, 1] as a percentage with 1 decimal. @example formatPercent(0.5) // '50.0%' */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : MISSING;
}

/** Formats a duration in seconds: "340 ms", "12.3 s" or "2 min 05 s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return MISSING;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

const LABELS: Record<string, string> = {
  accuracy: 'Accuracy', balancedAccuracy: 'Balanced accuracy', precision: 'Precision', recall: 'Recall',
  f1: 'F1', rocAuc: 'ROC AUC', averagePrecision: 'Average precision', logLoss: 'Log loss', mcc: 'MCC',
  brier: 'Brier score', confusionMatrix: 'Confusion matrix', f1Macro: 'F1 (macro)', f1Micro: 'F1 (micro)',
  f1Weighted: 'F1 (weighted)', precisionMacro: 'Precision (macro)', recallMacro: 'Recall (macro)',
  rmse: 'RMSE', mae: 'MAE', mse: 'MSE', r2: 'R²', medianAbsoluteError: 'Median abs. error',
  explainedVariance: 'Explained variance', mape: 'MAPE',
};

/** Human label for a metric key, e.g. `rocAuc` → "ROC AUC"; unknown keys are split at capitals. */
export function metricLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a smaller value of the metric is better (losses and errors, following sklearn's naming). */
export function lowerIsBetter(key: string): boolean {
  return /(loss|error|rmse|mae|mse|mape|brier)$/i.test(key);
}
