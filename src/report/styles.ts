/**
 * The report's only stylesheet, inlined into `<style>` so the file is self-contained. System fonts
 * only (no web fonts to fetch), a card grid that collapses to one column on phones, and print rules
 * that keep cards whole and keep the heat-map colours.
 */

/** CSS for `renderReportHtml`. */
export const REPORT_CSS = `
:root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f3f4f6;--card:#fff;--accent:#2563eb;--accent-soft:#eff6ff;--warn:#b45309}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1120px;margin:0 auto;padding:28px 20px 40px}
header.top{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:8px 24px;margin-bottom:18px}
.brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);font-weight:600}
h1{font-size:26px;line-height:1.2;margin:2px 0 4px;overflow-wrap:anywhere}
h2{font-size:15px;margin:0 0 12px;letter-spacing:.01em}
h3.sub{font-size:13px;margin:16px 0 0}
h2 .hint{font-weight:400;color:var(--muted);font-size:13px;margin-left:6px}
.meta,.muted{color:var(--muted)}
.meta{margin:0;font-size:13px;overflow-wrap:anywhere}
.badge{display:inline-block;padding:3px 10px;border-radius:999px;background:var(--accent-soft);color:var(--accent);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.06em}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin-bottom:18px;box-shadow:0 1px 2px rgba(0,0,0,.04);break-inside:avoid}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:18px;margin-bottom:18px}
.grid>.card{margin-bottom:0}
.hero{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.5fr);gap:24px;align-items:center;border-top:4px solid var(--accent)}
.eyebrow{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-weight:600}
.model-name{font-size:24px;font-weight:700;margin:2px 0 8px;overflow-wrap:anywhere}
.cv{margin-top:10px;color:var(--muted)}
.cv strong{color:var(--ink)}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px}
.kpi{background:#f9fafb;border:1px solid var(--line);border-radius:10px;padding:12px 14px;display:flex;flex-direction:column}
.kpi .label{font-size:12px;color:var(--muted);font-weight:600;flex:1}
.kpi .value{font-size:30px;font-weight:700;line-height:1.15;margin-top:2px;letter-spacing:-.01em;overflow-wrap:anywhere}
.kpi .value.long{font-size:23px;line-height:1.5}
.kpi .dir{font-size:11px;color:var(--muted)}
.chip{display:inline-block;font:12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f4f6;border:1px solid var(--line);border-radius:6px;padding:0 6px;margin:1px 0;overflow-wrap:anywhere}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%}
th,td{padding:7px 10px;text-align:left;border-bottom:1px solid var(--line);vertical-align:middle}
thead th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap}
.num{text-align:right;white-space:nowrap}
.leaderboard .model{font-weight:600;white-space:nowrap}
.leaderboard .score{font-weight:600}
.leaderboard .pm{font-weight:400;color:var(--muted)}
.leaderboard tr.best td{background:var(--accent-soft)}
.leaderboard tr.best td:first-child{box-shadow:inset 3px 0 0 var(--accent)}
.folds{display:block}
.folds circle{fill:var(--accent);fill-opacity:.75}
.folds .axis{stroke:#d1d5db}
.folds .mean{stroke:var(--ink);stroke-width:1.5}
.leaderboard td.params{min-width:180px}
.leaderboard .chip{white-space:nowrap}
details summary{cursor:pointer;color:var(--accent);margin-top:10px}
.metrics td:first-child{white-space:nowrap}
.metrics tr.selected td{font-weight:600}
.metrics .dir{color:var(--muted);width:1.5em;text-align:center}
.matrix-card{display:flex;flex-direction:column}
.matrix-card .scroll{flex:1;display:flex;align-items:center;justify-content:center}
.confusion{width:auto;margin:0 auto}
.confusion td{text-align:center;min-width:92px;border:3px solid #fff;border-radius:6px;padding:14px 12px}
.confusion .count{display:block;font-size:20px;font-weight:700}
.confusion .share{display:block;font-size:12px;opacity:.85}
.confusion th[scope=row]{text-align:right;font-weight:600;overflow-wrap:break-word;max-width:200px}
.confusion thead th{text-align:center;overflow-wrap:break-word;white-space:normal;max-width:140px}
.confusion .corner{text-align:right;font-weight:400;white-space:nowrap;line-height:1.3}
.confusion .support{color:var(--muted);font-size:12px;text-align:center;background:none}
.chart{margin:0}
.chart figcaption{font-weight:600;margin-bottom:4px}
.chart svg{width:100%;height:auto;display:block}
.chart .grid{stroke:#eef0f3}
.chart .frame{fill:none;stroke:#9ca3af}
.chart .tick{font-size:11px;fill:var(--muted)}
.chart .axis-label{font-size:12px;fill:#374151}
.chart .legend{font-size:12px;fill:#374151}
.chart .series{stroke-width:2.2;stroke-linejoin:round}
.chart .ref{stroke:#9ca3af;stroke-width:1.5;stroke-dasharray:5 4}
.chart .marker{stroke:#b45309;stroke-width:1.5;stroke-dasharray:2 3}
.chart .marker-label{font-size:11px;fill:#b45309;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:24px}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:6px 18px;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
ul.notes{margin:10px 0 0;padding-left:18px}
ul.notes li{margin:2px 0}
.stack{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e5e7eb;margin:4px 0 14px}
.stack span{display:block;height:100%}
.swatch{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:8px;vertical-align:-1px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px;overflow-wrap:anywhere}
@media (max-width:720px){
  main{padding:16px 12px 28px}
  h1{font-size:21px}
  .hero{grid-template-columns:1fr;gap:16px}
  .charts{grid-template-columns:minmax(0,1fr)}
  .kpi .value{font-size:24px}
  .card{padding:14px}
  th,td{padding:6px 7px}
  .confusion td{min-width:68px;padding:10px 6px}
  .confusion .count{font-size:17px}
}
@media print{
  body{background:#fff;font-size:12px}
  main{max-width:none;padding:0}
  .card{box-shadow:none;break-inside:avoid;page-break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

/**
 * The start of every report page, up to and including `<body><main>`: the strict Content Security
 * Policy (no scripts, no fetches), the title and the inlined stylesheet. Shared by the tabular and
 * the recommender reports.
 *
 * @example
 * const html = `${reportDocumentStart(escapeHtml(name))}\n<header ...>`;
 */
export function reportDocumentStart(escapedName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapedName} — trainyard report</title>
<style>${REPORT_CSS}</style></head>
<body><main>`;
}
