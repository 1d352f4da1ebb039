/**
 * Number, time and label formatting: the HTML report's own rules (src/report/format.ts, bundled in), so
 * a metric reads the same in the report, the CLI and the dashboard — plus the formats only the
 * dashboard shows (sizes, dates, "x ago", parameter values).
 */
export { MISSING, formatMetric, formatCount, formatPercent, formatSeconds, metricLabel, lowerIsBetter, headlineMetricKey as mainMetricKey } from '../../src/report/format';
import { MISSING } from '../../src/report/format';

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

/** Headline test metrics per task, in preference order (as the HTML report). */
export const HEADLINE: Record<string, string[]> = {
  binary: ['accuracy', 'f1', 'rocAuc', 'averagePrecision', 'balancedAccuracy', 'logLoss'],
  multiclass: ['accuracy', 'f1Macro', 'balancedAccuracy', 'logLoss', 'f1Weighted', 'rocAuc'],
  regression: ['rmse', 'mae', 'r2'],
};

