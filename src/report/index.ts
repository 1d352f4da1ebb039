/**
 * `trainyard/report`: self-contained HTML reports (inline CSS and SVG charts, no script, no network) from
 * the plain data a run produces — `report.json` holds the same numbers.
 *
 * @example
 * import { renderReportHtml } from 'trainyard/report';
 * writeFileSync('report.html', renderReportHtml(JSON.parse(readFileSync('report.json', 'utf8'))));
 */
export { renderReportHtml } from './render-html.js';
export type { ReportData, LeaderboardRow, Curve, LearningCurve } from './report-data.js';
export { renderRecommendReportHtml } from './render-recommend-html.js';
export type { RecommendReportData, MetricInterval } from './recommend-report-data.js';
