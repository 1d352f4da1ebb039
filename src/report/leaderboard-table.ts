/**
 * The cross-validation leaderboard: candidates in rank order with mean ± std of the selection metric,
 * each fold's score as a dot on a scale shared by all rows (so spread is comparable at a glance), and
 * the winning row highlighted.
 */
import { escapeHtml } from './html-escape.js';
import { formatMetric, formatSeconds, metricLabel, MISSING } from './format.js';
import type { LeaderboardRow } from './report-data.js';

/** Rows beyond this are folded into a `<details>` block so the page stays scannable. */
const VISIBLE_ROWS = 15;

/** `{ C: 1, penalty: 'l2' }` → chips "C=1" "penalty=l2". */
export function renderParams(params: Record<string, unknown>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return `<span class="muted">defaults</span>`;
  return entries.map(([k, v]) => `<code class="chip">${escapeHtml(k)}=${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>`).join(' ');
}

function foldDots(scores: number[], mean: number, lo: number, hi: number): string {
  const w = 120;
  const x = (v: number): string => (6 + ((v - lo) / (hi - lo || 1)) * (w - 12)).toFixed(1);
  const dots = scores.filter(Number.isFinite).map((s) => `<circle cx="${x(s)}" cy="9" r="3.2"/>`).join('');
  const meanTick = Number.isFinite(mean) ? `<line class="mean" x1="${x(mean)}" x2="${x(mean)}" y1="2" y2="16"/>` : '';
  const title = scores.map((s) => formatMetric(s)).join(', ');
  return `<svg class="folds" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} 18" width="${w}" height="18" role="img" aria-label="fold scores ${title}"><title>${title}</title><line class="axis" x1="6" x2="${w - 6}" y1="9" y2="9"/>${meanTick}${dots}</svg>`;
}

/**
 * Renders the leaderboard table for `metric` (a result key such as `f1`, shown as `label`); `rows`
 * must already be in rank order, as the experiment layer produces them. With one fold (a single
 * validation split) there is no spread to show.
 */
export function renderLeaderboard(rows: LeaderboardRow[], metric: string, cv: number, label = metricLabel(metric)): string {
  // A loop, not Math.min(...all): a search of many configurations × folds would overflow the stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    for (const s of r.foldScores) {
      if (!Number.isFinite(s)) continue;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
  }
  if (lo > hi) [lo, hi] = [0, 1];
  const body = rows.map((r) => `<tr${r.rank === 1 ? ' class="best"' : ''}>` +
    `<td class="num rank">${r.rank}</td><td class="model">${escapeHtml(r.model)}</td><td class="params">${renderParams(r.params)}</td>` +
    `<td class="num score">${formatMetric(r.mean)}${cv > 1 ? `<span class="pm"> ± ${Number.isFinite(r.std) ? formatMetric(r.std) : MISSING}</span>` : ''}</td>` +
    `<td>${foldDots(r.foldScores, r.mean, lo, hi)}</td><td class="num">${formatSeconds(r.fitSeconds)}</td></tr>`);
  const scoreHead = cv > 1 ? `${escapeHtml(label)} (mean ± std)</th><th>${cv} folds` : `${escapeHtml(label)}</th><th>validation split`;
  const head = `<thead><tr><th class="num">#</th><th>Model</th><th>Parameters</th><th class="num">${scoreHead}</th><th class="num">Fit time</th></tr></thead>`;
  const table = (trs: string[]): string => `<div class="scroll"><table class="leaderboard">${head}<tbody>${trs.join('')}</tbody></table></div>`;
  if (body.length <= VISIBLE_ROWS) return table(body);
  const rest = body.length - VISIBLE_ROWS;
  return table(body.slice(0, VISIBLE_ROWS)) +
    `<details><summary>Show ${rest} more candidate${rest === 1 ? '' : 's'}</summary>${table(body.slice(VISIBLE_ROWS))}</details>`;
}
