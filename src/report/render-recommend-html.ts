/**
 * The page of a `task: recommend` run: `report.html` renders {@link RecommendReportData} (the object
 * written as `report.json`) with the tabular report's building blocks (stylesheet,
 * leaderboard, number formats) — best model and headline metrics with bootstrap intervals, the
 * leaderboard, the test metrics next to the popularity / global-mean baselines, cold-start counts and
 * what loading and filtering did. Self-contained: inline CSS, no scripts, nothing fetched.
 */
import { escapeHtml } from './html-escape.js';
import { formatCount, formatMetric, formatPercent, formatSeconds, MISSING } from './format.js';
import { renderLeaderboard, renderParams } from './leaderboard-table.js';
import type { MetricInterval, RecommendReportData } from './recommend-report-data.js';
import { reportDocumentStart } from './styles.js';

const UPPER = new Set(['ndcg', 'map', 'mrr', 'rmse', 'mae']);

/** `ndcg@10` → "nDCG@10", `hit_rate@5` → "Hit rate@5", `rmse` → "RMSE". */
export function recommendMetricLabel(name: string): string {
  const [metric, k] = name.split('@');
  const base = metric === 'ndcg' ? 'nDCG' : UPPER.has(metric) ? metric.toUpperCase() : metric.charAt(0).toUpperCase() + metric.slice(1).replaceAll('_', ' ');
  return k ? `${base}@${k}` : base;
}

const card = (title: string, body: string, hint = ''): string =>
  `<section class="card"><h2>${title}${hint ? `<span class="hint">${hint}</span>` : ''}</h2>${body}</section>`;

function arrow(direction: 'max' | 'min'): string {
  return direction === 'min' ? '↓ lower is better' : '↑ higher is better';
}

function directionOf(name: string): 'max' | 'min' {
  return /^(rmse|mae|popularity_bias)/.test(name) ? 'min' : 'max';
}

function interval(ci: MetricInterval | undefined): string {
  return ci ? `${formatMetric(ci.low)} – ${formatMetric(ci.high)}` : '';
}

function hero(d: RecommendReportData): string {
  const keys = Object.keys(d.test).slice(0, 4);
  const kpis = keys.map((k) => {
    const ci = d.confidence[k];
    return `<div class="kpi"><div class="label">${escapeHtml(recommendMetricLabel(k))}</div><div class="value">${formatMetric(d.test[k])}</div>` +
      `<div class="dir">${ci ? `${Math.round(ci.level * 100)}% CI ${interval(ci)}` : arrow(directionOf(k))}</div></div>`;
  }).join('');
  const s = d.selection;
  const cv = d.best.cvScore === null
    ? 'one configuration: no selection needed'
    : `${s.scheme === 'cross-validation' ? `mean over ${s.folds} folds` : 'validation split of the training part'}: ${escapeHtml(recommendMetricLabel(s.metric))} <strong>${formatMetric(d.best.cvScore)}</strong>`;
  const where = d.split.folds > 1 ? `test = mean of ${d.split.folds} folds` : `test on ${formatCount(d.split.testEvents)} held-out events`;
  return `<section class="card hero"><div><div class="eyebrow">Best model</div><div class="model-name">${escapeHtml(d.best.model)}</div>` +
    `<div>${renderParams(d.best.params)}</div><div class="cv">${cv} · ${where}</div></div><div class="kpis">${kpis}</div></section>`;
}

function metricsTable(d: RecommendReportData): string {
  const head = `<thead><tr><th>Metric</th><th class="num">${escapeHtml(d.best.model)}</th><th class="num">95% CI (users)</th><th class="num">Baseline</th><th class="num">vs baseline</th><th></th></tr></thead>`;
  const rows = Object.entries(d.test).map(([k, v]) => {
    const baseline = d.baselines.popularity[k] ?? d.baselines.globalMean[k] ?? null;
    const which = k in d.baselines.popularity ? 'popularity' : k in d.baselines.globalMean ? 'global mean' : '';
    const lift = v !== null && baseline !== null && baseline !== 0 ? formatPercent(v / baseline - 1).replace(/^(?!-)/, '+') : MISSING;
    return `<tr${k === d.selection.metric ? ' class="selected"' : ''}><td>${escapeHtml(recommendMetricLabel(k))}</td><td class="num">${formatMetric(v)}</td>` +
      `<td class="num muted">${interval(d.confidence[k]) || MISSING}</td><td class="num" title="${which}">${formatMetric(baseline)}${which ? ` <span class="muted">${which}</span>` : ''}</td>` +
      `<td class="num">${lift}</td><td class="dir" title="${arrow(directionOf(k))}">${arrow(directionOf(k)).slice(0, 1)}</td></tr>`;
  });
  return `<div class="scroll"><table class="metrics">${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function foldsTable(d: RecommendReportData): string {
  if (!d.foldTests?.length) return '';
  const keys = Object.keys(d.test);
  const head = `<thead><tr><th>Fold</th>${keys.map((k) => `<th class="num">${escapeHtml(recommendMetricLabel(k))}</th>`).join('')}</tr></thead>`;
  const rows = d.foldTests.map((f, i) => `<tr><td>${i + 1}</td>${keys.map((k) => `<td class="num">${formatMetric(f[k])}</td>`).join('')}</tr>`).join('');
  const mean = `<tr class="selected"><td>Mean</td>${keys.map((k) => `<td class="num">${formatMetric(d.test[k])}</td>`).join('')}</tr>`;
  return card('Per fold', `<div class="scroll"><table class="metrics">${head}<tbody>${rows}${mean}</tbody></table></div>`, 'the best configuration on every fold');
}

function coldStartCard(d: RecommendReportData): string {
  const c = d.coldStart;
  const share = (n: number): string => (c.testEvents > 0 ? ` (${formatPercent(n / c.testEvents)} of test events)` : '');
  return card('Cold start', `<dl class="facts"><dt>Test events</dt><dd>${formatCount(c.testEvents)}</dd>` +
    `<dt>Events of cold users/items</dt><dd>${formatCount(c.coldEvents)}${share(c.coldEvents)}</dd>` +
    `<dt>Cold users</dt><dd>${formatCount(c.coldUsers)} <span class="muted">no training events: left out of ranking metrics; served by popularity</span></dd>` +
    `<dt>Cold items</dt><dd>${formatCount(c.coldItems)} <span class="muted">no training events</span></dd>` +
    `<dt>Ranked users</dt><dd>${formatCount(c.rankedUsers)} <span class="muted">test users with training events (ranking metrics average over them)</span></dd></dl>`,
  d.split.folds > 1 ? `summed over ${d.split.folds} folds` : '');
}

function dataCard(d: RecommendReportData): string {
  const x = d.data;
  const cols = Object.entries(x.columns).map(([role, col]) => `<code class="chip">${escapeHtml(role)}=${escapeHtml(col)}</code>`).join(' ');
  const notes = x.notes.length ? `<ul class="notes">${x.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const split = `${escapeHtml(d.split.method)}${d.split.test !== undefined && d.split.folds === 1 ? ` (test ${formatPercent(d.split.test)})` : ''}, seed ${d.split.seed}`;
  return card('Data', `<dl class="facts"><dt>Source</dt><dd><code class="chip">${escapeHtml(x.source)}</code></dd><dt>Columns</dt><dd>${cols}</dd>` +
    `<dt>Feedback</dt><dd>${x.feedback}</dd><dt>Rows read</dt><dd>${formatCount(x.rows)}</dd><dt>Events</dt><dd>${formatCount(x.events)} · ${formatCount(x.users)} users · ${formatCount(x.items)} items</dd>` +
    `<dt>Split</dt><dd>${split}</dd><dt>Train / test</dt><dd>${formatCount(d.split.trainEvents)} / ${formatCount(d.split.testEvents)}${d.split.folds > 1 ? ' per fold (mean)' : ''}</dd></dl>` +
    `<h3 class="sub">Loading and filtering</h3>${notes}`);
}

function durationsCard(d: RecommendReportData): string {
  const rows = Object.entries(d.durations).map(([k, v]) => `<tr${k === 'total' ? ' class="selected"' : ''}><td>${escapeHtml(k)}</td><td class="num">${formatSeconds(v)}</td></tr>`).join('');
  return card('Durations', `<table class="metrics"><tbody>${rows}</tbody></table>`);
}

/**
 * Renders the report page of a recommend run. Every user-provided string is HTML-escaped.
 *
 * @example writeFileSync('report.html', renderRecommendReportHtml(report))
 */
export function renderRecommendReportHtml(d: RecommendReportData): string {
  const s = d.selection;
  const board = s.leaderboard.length
    ? renderLeaderboard(s.leaderboard, s.metric, s.folds, recommendMetricLabel(s.metric))
    : `<p class="muted">One configuration: it was fitted on the training part directly.</p>`;
  const scheme = s.scheme === 'inner-holdout' ? 'validation split of the training part (same method)' : s.scheme === 'cross-validation' ? `${s.folds}-fold cross-validation` : 'no selection';
  return `${reportDocumentStart(escapeHtml(d.name))}
<header class="top"><div><div class="brand">trainyard · run report</div><h1>${escapeHtml(d.name)}</h1>
<p class="meta">Run <code>${escapeHtml(d.runId)}</code> · ${escapeHtml(d.createdAt.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d).*Z$/, '$1 $2 UTC'))} · trainyard ${escapeHtml(d.trainyardVersion)} · ${formatCount(d.data.users)} users × ${formatCount(d.data.items)} items</p></div>
<span class="badge">recommend · ${d.data.feedback}</span></header>
${hero(d)}
${card('Leaderboard', board, `${s.leaderboard.length} configurations · ranked by ${escapeHtml(recommendMetricLabel(s.metric))} (${arrow(s.direction)}), ${scheme}`)}
${card('Test metrics', metricsTable(d), 'top-k lists leave out each user’s training items · intervals: bootstrap over users')}
${foldsTable(d)}
<div class="grid">${coldStartCard(d)}${durationsCard(d)}</div>
${dataCard(d)}
<footer>Model saved to <code>${escapeHtml(d.modelPath)}</code> · serve it with <code>trainyard recommend --model PATH --user ID</code></footer>
</main></body></html>
`;
}
