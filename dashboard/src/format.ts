/**
 * Number, time and label formatting, the same rules as the HTML report (src/report/format.ts) so a
 * metric reads the same in the report, the CLI and the dashboard.
 */
export const MISSING = '—';

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 3 decimals below 1000, thousands separators with 1 decimal above; missing → "—". */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (Math.abs(value) >= 1000) return grouped.format(value);
  const text = value.toFixed(3);
  return Number(text) === 0 ? (0).toFixed(3) : text;
}

export function formatCount(value: number | null | undefined): string {
  return value !== null && value !== undefined && Number.isFinite(value) ? integer.format(value) : MISSING;
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : MISSING;
}

/** "340 ms", "12.3 s", "2 min 05 s", "1 h 04 min". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** "2026-12-06 05:19" in the viewer's time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "12 s ago", "4 min ago", "3 h ago", "2 d ago" relative to `now`. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return MISSING;
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** A parameter value as short text: strings bare, everything else as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return JSON.stringify(v) ?? String(v);
}

const LABELS: Record<string, string> = {
  accuracy: 'Accuracy', balancedAccuracy: 'Balanced accuracy', precision: 'Precision', recall: 'Recall',
  f1: 'F1', rocAuc: 'ROC AUC', averagePrecision: 'Average precision', logLoss: 'Log loss', mcc: 'MCC',
  brier: 'Brier score', confusionMatrix: 'Confusion matrix', f1Macro: 'F1 (macro)', f1Micro: 'F1 (micro)',
  f1Weighted: 'F1 (weighted)', precisionMacro: 'Precision (macro)', recallMacro: 'Recall (macro)',
  rmse: 'RMSE', mae: 'MAE', mse: 'MSE', r2: 'R²', medianAbsoluteError: 'Median abs. error',
  explainedVariance: 'Explained variance', mape: 'MAPE',
};

/** `rocAuc` → "ROC AUC"; `cv.f1` → "CV F1"; unknown keys are split at capitals. */
export function metricLabel(key: string): string {
  const dot = key.indexOf('.');
  if (dot > 0 && /^(cv|test|nested|train|validation|fold)$/.test(key.slice(0, dot))) {
    const prefix = key.slice(0, dot);
    const rest = metricLabel(key.slice(dot + 1));
    return `${prefix === 'cv' ? 'CV' : prefix.charAt(0).toUpperCase() + prefix.slice(1)} ${rest}`;
  }
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a smaller value is better: losses and errors (sklearn's naming), rmse, mse, mae, mape, brier. */
export function lowerIsBetter(key: string): boolean {
  const last = key.split('.').filter((p) => !/^ci_(low|high)$/.test(p)).pop() ?? key;
  return /(loss|error|rmse|mse|mae|mape|brier)$/i.test(last);
}

/** Headline test metrics per task, in preference order (as the HTML report). */
export const HEADLINE: Record<string, string[]> = {
  binary: ['accuracy', 'f1', 'rocAuc', 'averagePrecision', 'balancedAccuracy', 'logLoss'],
  multiclass: ['accuracy', 'f1Macro', 'balancedAccuracy', 'logLoss', 'f1Weighted', 'rocAuc'],
  regression: ['rmse', 'mae', 'r2'],
};

/**
 * The metric a runs table shows for a run: its selection score (`cv.<metric>`), else the first of the
 * usual held-out metrics it has (test f1, rmse, ndcg …), else its first metric.
 */
export function mainMetricKey(metrics: Record<string, number>): string | null {
  const keys = Object.keys(metrics);
  const cv = keys.find((k) => k.startsWith('cv.'));
  if (cv) return cv;
  for (const k of ['test.f1', 'test.f1Macro', 'test.rmse', 'test.accuracy', 'test.r2', 'test.mae']) if (k in metrics) return k;
  const ndcg = keys.find((k) => /^test\.ndcg/i.test(k) && !/ci_(low|high)$/.test(k));
  if (ndcg) return ndcg;
  return keys.find((k) => !/ci_(low|high)$/.test(k)) ?? null;
}
