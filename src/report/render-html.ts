/**
 * Renders a run's `ReportData` into one self-contained HTML file: inline CSS and SVG, no scripts, no
 * external fonts or images, and a Content-Security-Policy that forbids loading anything, so the report
 * opens offline, can be mailed as an attachment and prints cleanly.
 */
import { renderConfusionMatrix } from './confusion-matrix-table.js';
import { escapeHtml } from './html-escape.js';
import { formatCount, formatMetric, formatPercent, formatSeconds, lowerIsBetter, metricLabel, MISSING } from './format.js';
import { renderLeaderboard, renderParams } from './leaderboard-table.js';
import type { ReportData } from './report-data.js';
import { reportDocumentStart } from './styles.js';
import { renderLineChart } from './svg-line-chart.js';

/** Headline metrics per task, in preference order; the first four present are shown. */
const HEADLINE: Record<ReportData['task'], string[]> = {
  binary: ['accuracy', 'f1', 'rocAuc', 'averagePrecision', 'balancedAccuracy', 'logLoss'],
  multiclass: ['accuracy', 'f1Macro', 'balancedAccuracy', 'logLoss', 'f1Weighted', 'rocAuc'],
  regression: ['rmse', 'mae', 'r2'],
};
const BLUE = '#2563eb';
const ORANGE = '#ea580c';
const STAGE_COLOURS = ['#2563eb', '#0d9488', '#ea580c', '#7c3aed', '#db2777', '#65a30d', '#ca8a04'];

const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every(Array.isArray);
const scalar = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const direction = (key: string): string => (lowerIsBetter(key) ? '↓ lower is better' : '↑ higher is better');
const card = (title: string, body: string, hint = '', cls = ''): string =>
  `<section class="card${cls ? ` ${cls}` : ''}"><h2>${title}${hint ? `<span class="hint">${hint}</span>` : ''}</h2>${body}</section>`;

/** `2024-05-01T12:34:56.789Z` → "2024-05-01 12:34 UTC"; anything else is shown as given. */
function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z$/.exec(iso);
  return escapeHtml(m ? `${m[1]} ${m[2]} UTC` : iso);
}

function headline(d: ReportData): string {
  const keys = HEADLINE[d.task].filter((k) => k in d.test && !isMatrix(d.test[k])).slice(0, 4);
  const texts = keys.map((k) => formatMetric(scalar(d.test[k])));
  // One long value (a large RMSE) shrinks the whole row, so the numbers stay the same size.
  const size = texts.some((t) => t.length > 8) ? ' long' : '';
  const kpis = keys.map((k, i) => `<div class="kpi"><div class="label">${escapeHtml(metricLabel(k))}</div>` +
    `<div class="value${size}">${texts[i]}</div><div class="dir">${direction(k)}</div></div>`).join('');
  const std = d.selection.leaderboard.find((r) => r.rank === 1)?.std;
  const stdText = std !== undefined && Number.isFinite(std) ? ` ± ${formatMetric(std)}` : '';
  return `<section class="card hero"><div><div class="eyebrow">Best model</div>` +
    `<div class="model-name">${escapeHtml(d.best.model)}</div><div>${renderParams(d.best.params)}</div>` +
    `<div class="cv">CV ${escapeHtml(metricLabel(d.selection.metric))}: <strong>${formatMetric(d.best.cvScore)}${stdText}</strong> over ${d.selection.cv} folds · ` +
    `test on ${formatCount(d.data.testRows)} held-out rows</div></div>` +
    `<div class="kpis">${kpis || `<p class="muted">No test metrics recorded.</p>`}</div></section>`;
}

function metricsTable(d: ReportData): string {
  const rows = Object.entries(d.test).map(([k, v]) => {
    const value = isMatrix(v) ? `${v.length}×${v[0]?.length ?? 0}${k === 'confusionMatrix' ? ' · see matrix' : ' matrix'}` : formatMetric(scalar(v));
    return `<tr${k === d.selection.metric ? ' class="selected"' : ''}><td>${escapeHtml(metricLabel(k))}</td>` +
      `<td class="num">${value}</td><td class="dir" title="${isMatrix(v) ? '' : direction(k)}">${isMatrix(v) ? '' : direction(k).slice(0, 1)}</td></tr>`;
  });
  return rows.length ? `<div class="scroll"><table class="metrics"><tbody>${rows.join('')}</tbody></table></div>` : `<p class="muted">${MISSING}</p>`;
}

function curvesSection(d: ReportData): string {
  const { roc, pr } = d.curves;
  if (!roc && !pr) return '';
  const charts: string[] = [];
  if (roc) {
    charts.push(renderLineChart({
      title: `ROC curve — AUC ${formatMetric(roc.area)}`, xLabel: 'False positive rate', yLabel: 'True positive rate',
      xDomain: [0, 1], yDomain: [0, 1], diagonal: { label: 'Chance' },
      series: [{ label: `${d.best.model} (AUC ${formatMetric(roc.area)})`, x: roc.x, y: roc.y, color: BLUE }],
    }));
  }
  if (pr) {
    // Chance precision equals the positive rate, read off the confusion matrix's second row.
    const cm = d.test.confusionMatrix;
    const total = isMatrix(cm) ? cm.flat().reduce((a, b) => a + b, 0) : 0;
    const positives = isMatrix(cm) && cm.length === 2 ? cm[1].reduce((a, b) => a + b, 0) : NaN;
    charts.push(renderLineChart({
      title: `Precision–recall curve — AP ${formatMetric(pr.area)}`, xLabel: 'Recall', yLabel: 'Precision',
      xDomain: [0, 1], yDomain: [0, 1],
      hLine: total > 0 && Number.isFinite(positives) ? { y: positives / total, label: `Chance (${formatPercent(positives / total)} positive)` } : undefined,
      series: [{ label: `${d.best.model} (AP ${formatMetric(pr.area)})`, x: pr.x, y: pr.y, color: ORANGE, step: true }],
    }));
  }
  return card('Test-set curves', `<div class="charts">${charts.join('')}</div>`);
}

function learningSection(d: ReportData): string {
  const lc = d.curves.learning;
  if (!lc || lc.loss.length === 0) return '';
  const best = lc.bestEpoch;
  const vLine = best !== undefined ? { x: best + 1, label: `best epoch ${best + 1}` } : undefined;
  const epochs = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  const charts = [renderLineChart({
    title: `Training loss — final ${formatMetric(lc.loss[lc.loss.length - 1])}`, xLabel: 'Epoch', yLabel: 'Loss', integerX: true, vLine,
    series: [{ label: 'Training loss', x: epochs(lc.loss.length), y: lc.loss, color: BLUE }],
  })];
  if (lc.validationScore?.length) {
    const peak = best !== undefined ? lc.validationScore[best] : lc.validationScore.reduce((a, b) => Math.max(a, b), -Infinity);
    charts.push(renderLineChart({
      title: `Validation score — best ${formatMetric(peak)}`, xLabel: 'Epoch', yLabel: 'Validation score', integerX: true, vLine,
      series: [{ label: 'Validation score', x: epochs(lc.validationScore.length), y: lc.validationScore, color: ORANGE }],
    }));
  }
  return card('Learning curve', `<div class="charts">${charts.join('')}</div>`, `${lc.loss.length} epochs, refit on the training set`);
}

function dataSection(d: ReportData): string {
  const { data } = d;
  const share = data.rows > 0 ? ` (${formatPercent(data.trainRows / data.rows)} / ${formatPercent(data.testRows / data.rows)})` : '';
  const classes = data.classes?.length
    ? `<dt>Classes</dt><dd>${formatCount(data.classes.length)}: ${data.classes.slice(0, 20).map((c) => `<code class="chip">${escapeHtml(c)}</code>`).join(' ')}${data.classes.length > 20 ? ` <span class="muted">+${data.classes.length - 20} more</span>` : ''}</dd>`
    : '';
  const notes = data.cleaning.length
    ? `<ul class="notes">${data.cleaning.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : `<p class="muted">No cleaning was needed.</p>`;
  return card('Data', `<dl class="facts"><dt>Source</dt><dd><code class="chip">${escapeHtml(data.source)}</code></dd>` +
    `<dt>Target</dt><dd><code class="chip">${escapeHtml(data.target)}</code></dd><dt>Rows</dt><dd>${formatCount(data.rows)}</dd>` +
    `<dt>Train / test</dt><dd>${formatCount(data.trainRows)} / ${formatCount(data.testRows)}${share}</dd>` +
    `<dt>Features</dt><dd>${formatCount(data.features)}</dd>${classes}</dl>` +
    `<h3 class="sub">Cleaning notes</h3>${notes}`);
}

function durationsSection(d: ReportData): string {
  const stages = Object.entries(d.durations).filter(([k, v]) => k !== 'total' && Number.isFinite(v));
  const total = d.durations.total ?? stages.reduce((a, [, v]) => a + v, 0);
  const sum = stages.reduce((a, [, v]) => a + v, 0) || 1;
  const colour = (i: number): string => STAGE_COLOURS[i % STAGE_COLOURS.length];
  const bar = stages.map(([k, v], i) => `<span style="width:${((v / sum) * 100).toFixed(2)}%;background:${colour(i)}" title="${escapeHtml(k)}"></span>`).join('');
  const rows = stages.map(([k, v], i) => `<tr><td><span class="swatch" style="background:${colour(i)}"></span>${escapeHtml(k)}</td>` +
    `<td class="num">${formatSeconds(v)}</td><td class="num muted">${formatPercent(v / sum)}</td></tr>`).join('');
  return card('Durations', `<div class="stack">${bar}</div><table class="metrics"><tbody>${rows}` +
    `<tr class="selected"><td>Total</td><td class="num">${formatSeconds(total)}</td><td></td></tr></tbody></table>`);
}

/**
 * Renders the complete report page for one run. Every user-provided string is HTML-escaped; the
 * output contains no `<script>` and references no external resource.
 *
 * @example writeFileSync('report.html', renderReportHtml(report))
 */
export function renderReportHtml(data: ReportData): string {
  const cm = data.test.confusionMatrix;
  const matrixCard = isMatrix(cm) && cm.length > 0
    ? card('Confusion matrix', renderConfusionMatrix(cm, data.data.classes), 'rows: true class · % of row', 'matrix-card')
    : '';
  const taskLabel = data.task === 'multiclass' && data.data.classes ? `multiclass · ${data.data.classes.length} classes` : data.task;
  return `${reportDocumentStart(escapeHtml(data.name))}
<header class="top"><div><div class="brand">trainyard · run report</div><h1>${escapeHtml(data.name)}</h1>
<p class="meta">Run <code>${escapeHtml(data.runId)}</code> · ${formatTimestamp(data.createdAt)} · trainyard ${escapeHtml(data.trainyardVersion)} · target <code>${escapeHtml(data.data.target)}</code></p></div>
<span class="badge">${escapeHtml(taskLabel)}</span></header>
${headline(data)}
${card('Leaderboard', renderLeaderboard(data.selection.leaderboard, data.selection.metric, data.selection.cv) + renderNested(data), `${data.selection.leaderboard.length} candidates · ranked by ${escapeHtml(metricLabel(data.selection.metric))}, ${data.selection.cv}-fold CV`)}
<div class="grid">${card('Test metrics', metricsTable(data), `${formatCount(data.data.testRows)} held-out rows · ↑ higher / ↓ lower is better`)}${matrixCard}</div>
${curvesSection(data)}
${learningSection(data)}
<div class="grid">${dataSection(data)}${durationsSection(data)}</div>
<footer>Model saved to <code>${escapeHtml(data.modelPath)}</code> · generated by trainyard ${escapeHtml(data.trainyardVersion)}</footer>
</main></body></html>
`;
}

/** One line under the leaderboard: the nested-CV estimate of the whole selection procedure. */
function renderNested(data: ReportData): string {
  const n = data.selection.nested;
  if (!n) return '';
  const scores = n.scores.map((v) => formatMetric(v)).join(', ');
  return `<p class="muted">Nested CV (${n.folds} outer folds, the search re-run in each): ${escapeHtml(metricLabel(data.selection.metric))} ${formatMetric(n.mean)} ± ${formatMetric(n.std)} — folds ${scores}</p>`;
}
