/**
 * The sections of the run page that show a finished run, as the HTML report does: the best model
 * with its headline test metrics, the test metrics table, data and durations; and what the report
 * cannot show: all params, the artifacts to download, the lineage to the registry.
 */
import { API, seg } from '../api';
import type { LeaderboardRow, RecommendReportData, ReportData, RunDetail } from '../api-types';
import { formatBytes, formatCount, formatMetric, formatPercent, formatSeconds, formatValue, HEADLINE, lowerIsBetter, metricLabel } from '../format';
import { href } from '../router';
import { Card, Chip, Kpi, Params } from './ui';

export const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every(Array.isArray);

const STAGE_COLOURS = ['#2563eb', '#0d9488', '#ea580c', '#7c3aed', '#db2777', '#65a30d', '#ca8a04'];
const dir = (k: string): string => (lowerIsBetter(k) ? '↓' : '↑');

export function Hero({ report }: { report: ReportData | RecommendReportData }) {
  const keys = (HEADLINE[report.task] ?? Object.keys(report.test)).filter((k) => typeof report.test[k] === 'number').slice(0, 4);
  const fallback = keys.length ? keys : Object.keys(report.test).filter((k) => typeof report.test[k] === 'number').slice(0, 4);
  const std = report.selection.leaderboard.find((r) => r.rank === 1)?.std;
  const folds = 'cv' in report.selection ? report.selection.cv : report.selection.folds;
  return (
    <section class="card hero">
      <div>
        <div class="eyebrow">Best model</div>
        <div class="model-name">{report.best.model}</div>
        <Params params={report.best.params} />
        <div class="cv">
          CV {metricLabel(report.selection.metric)}: <strong>{formatMetric(report.best.cvScore)}{std !== undefined && Number.isFinite(std) ? ` ± ${formatMetric(std)}` : ''}</strong> over {folds} fold{folds === 1 ? '' : 's'}
        </div>
      </div>
      <div class="kpis">
        {fallback.map((k) => (
          <Kpi key={k} label={metricLabel(k)} value={formatMetric(report.test[k] as number)} sub={lowerIsBetter(k) ? '↓ lower is better' : '↑ higher is better'} />
        ))}
      </div>
    </section>
  );
}

export function TestMetrics({ report }: { report: ReportData | RecommendReportData }) {
  const rows = Object.entries(report.test);
  if (rows.length === 0) return <p class="muted">No test metrics recorded.</p>;
  return (
    <table class="table metrics-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} class={k === report.selection.metric ? 'selected' : ''}>
            <td>{metricLabel(k)}</td>
            <td class="num">{isMatrix(v) ? `${v.length}×${v[0]?.length ?? 0} matrix` : formatMetric(v as number | null)}</td>
            <td class="dir" title={lowerIsBetter(k) ? 'lower is better' : 'higher is better'}>
              {isMatrix(v) ? '' : dir(k)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DataCard({ report }: { report: ReportData }) {
  const d = report.data;
  return (
    <Card title="Data">
      <dl class="facts">
        <dt>Source</dt>
        <dd>
          <Chip>{d.source}</Chip>
        </dd>
        <dt>Target</dt>
        <dd>
          <Chip>{d.target}</Chip>
        </dd>
        <dt>Rows</dt>
        <dd class="tnum">{formatCount(d.rows)}</dd>
        <dt>Train / test</dt>
        <dd class="tnum">
          {formatCount(d.trainRows)} / {formatCount(d.testRows)}
          {d.rows > 0 && <span class="muted"> ({formatPercent(d.trainRows / d.rows)} / {formatPercent(d.testRows / d.rows)})</span>}
        </dd>
        <dt>Features</dt>
        <dd class="tnum">{formatCount(d.features)}</dd>
        {d.classes?.length ? (
          <>
            <dt>Classes</dt>
            <dd>
              {d.classes.slice(0, 20).map((c) => (
                <Chip key={c}>{c}</Chip>
              ))}
              {d.classes.length > 20 && <span class="muted"> +{d.classes.length - 20} more</span>}
            </dd>
          </>
        ) : null}
      </dl>
      {d.cleaning.length > 0 && (
        <>
          <h3 class="sub">Cleaning notes</h3>
          <ul class="notes">
            {d.cleaning.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

export function Durations({ durations }: { durations: Record<string, number> }) {
  const stages = Object.entries(durations).filter(([k, v]) => k !== 'total' && Number.isFinite(v));
  const sum = stages.reduce((a, [, v]) => a + v, 0) || 1;
  const total = durations.total ?? sum;
  return (
    <Card title="Durations" hint={formatSeconds(total)}>
      <div class="stack">
        {stages.map(([k, v], i) => (
          <span key={k} title={`${k}: ${formatSeconds(v)}`} style={{ width: `${((v / sum) * 100).toFixed(2)}%`, background: STAGE_COLOURS[i % STAGE_COLOURS.length] }} />
        ))}
      </div>
      <table class="table compact">
        <tbody>
          {stages.map(([k, v], i) => (
            <tr key={k}>
              <td>
                <span class="swatch" style={{ background: STAGE_COLOURS[i % STAGE_COLOURS.length] }} />
                {k}
              </td>
              <td class="num">{formatSeconds(v)}</td>
              <td class="num muted">{formatPercent(v / sum)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export function Lineage({ run }: { run: RunDetail }) {
  if (!run.registered?.length) return <p class="muted">{run.status === 'finished' ? 'No model registered by this run.' : 'A model is registered when the run finishes.'}</p>;
  return (
    <ul class="lineage">
      {run.registered.map((m) => (
        <li key={`${m.name}/${m.version}`}>
          <a href={href('models', m.name)} class="lineage-link" data-lineage>
            <span class="lineage-name">{m.name}</span>
            <span class="version">v{m.version}</span>
          </a>
          {m.aliases.map((a) => (
            <span class="alias" key={a}>
              @{a}
            </span>
          ))}
          <code class="uri">models:/{m.name}/{m.version}</code>
        </li>
      ))}
      <li class="muted small">
        Use it with <code>trainyard predict --model models:/{run.registered[0].name}/{run.registered[0].version} --store …</code>
      </li>
    </ul>
  );
}

export function AllParams({ params }: { params: Record<string, unknown> }) {
  const entries = Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p class="muted">No parameters recorded.</p>;
  return (
    <div class="scroll params-scroll">
      <table class="table compact params-table">
        <tbody>
          {entries.map(([k, v]) => (
            <tr key={k}>
              <td class="mono">{k}</td>
              <td class="mono value">{formatValue(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Artifacts({ run }: { run: RunDetail }) {
  if (!run.artifacts?.length) return <p class="muted">No artifacts.</p>;
  return (
    <div class="scroll">
      <table class="table compact artifacts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th class="num">Size</th>
            <th>sha256</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {run.artifacts.map((a) => (
            <tr key={a.id}>
              <td class="mono">{a.name}</td>
              <td class="muted">{a.contentType}</td>
              <td class="num">{formatBytes(a.size)}</td>
              <td class="mono muted" title={a.sha256}>
                {a.sha256.slice(0, 12)}…
              </td>
              <td class="num">
                <a class="btn btn-sm" href={`${API}/runs/${seg(run.id)}/artifacts/${seg(a.id)}`} download={a.name}>
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MetricList({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return <p class="muted">No metrics.</p>;
  return (
    <table class="table compact metrics-table">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td class="mono">{k}</td>
            <td class="num">{formatMetric(v)}</td>
            <td class="dir">{dir(k)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The candidates' CV scores as bars (best first, at most 10), on a scale from 0 (or the lowest score,
 * if negative) to the highest, so a much worse candidate shows as much worse.
 */
export function CandidateBars({ rows, metric }: { rows: LeaderboardRow[]; metric: string }) {
  const top = [...rows].sort((a, b) => a.rank - b.rank).slice(0, 10).filter((r) => Number.isFinite(r.mean));
  if (top.length === 0) return <p class="muted">No scores.</p>;
  const lo = Math.min(0, ...top.map((r) => r.mean));
  const hi = Math.max(...top.map((r) => r.mean));
  const share = (v: number): number => (hi === lo ? 1 : (v - lo) / (hi - lo));
  return (
    <div class="cand-bars" aria-label={`CV ${metricLabel(metric)} by candidate`}>
      {top.map((r) => (
        <div class={`cand-row${r.rank === 1 ? ' best' : ''}`} key={r.rank}>
          <div class="cand-name">
            <span class="rank">#{r.rank}</span> <span class="mono">{r.model}</span>{' '}
            <span class="muted small">{Object.entries(r.params).map(([k, v]) => `${k}=${formatValue(v)}`).join(' ')}</span>
          </div>
          <div class="cand-bar">
            <span style={{ width: `${Math.max(1.5, share(r.mean) * 100).toFixed(1)}%` }} />
          </div>
          <div class="num cand-value">{formatMetric(r.mean)}</div>
        </div>
      ))}
      <p class="muted small">{lowerIsBetter(metric) ? '↓ lower is better' : '↑ higher is better'} · mean over the folds</p>
    </div>
  );
}
