/**
 * Runs side by side: every final metric in one table with the best value per row highlighted (lower
 * is better for losses and errors), a metric-over-runs bar chart, and a parameter-vs-CV-score scatter
 * over every candidate the compared runs' searches tried, coloured by model.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { get, seg } from '../api';
import type { LeaderboardRow, ReportData, RunDetail } from '../api-types';
import { formatMetric, formatSeconds, formatValue, lowerIsBetter, mainMetricKey, metricLabel } from '../format';
import { href } from '../router';
import { Chart, colour, overlayChart, themedAxis } from '../components/chart';
import { Card, Empty, ErrorBox, Loading, PageHead, StatusPill } from '../components/ui';

function metricOrder(k: string): number {
  if (k.startsWith('cv.')) return 0;
  if (k.startsWith('nested.')) return 1;
  if (k.startsWith('test.')) return 2;
  return 3;
}

/** Index of the best value of a row (by the metric's direction), or -1 when fewer than two values. */
function bestIndex(key: string, values: (number | undefined)[]): number {
  let best = -1;
  let n = 0;
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) return;
    n++;
    if (best < 0 || (lowerIsBetter(key) ? v < values[best]! : v > values[best]!)) best = i;
  });
  return n >= 2 ? best : -1;
}

function MetricsTable({ runs }: { runs: RunDetail[] }) {
  const keys = useMemo(() => {
    const all = new Set<string>();
    for (const r of runs) for (const k of Object.keys(r.metrics)) if (!/ci_(low|high)$/.test(k)) all.add(k);
    return [...all].sort((a, b) => metricOrder(a) - metricOrder(b) || a.localeCompare(b));
  }, [runs]);
  const paramKeys = useMemo(() => {
    const all = new Set<string>();
    for (const r of runs) for (const k of Object.keys(r.params ?? {})) all.add(k);
    // Parameters that differ between the runs first; the rest are folded away.
    return [...all].sort();
  }, [runs]);
  const [allParams, setAllParams] = useState(false);
  const differs = (k: string): boolean => new Set(runs.map((r) => JSON.stringify(r.params?.[k]))).size > 1;
  const shownParams = allParams ? paramKeys : paramKeys.filter(differs);
  return (
    <div class="scroll">
      <table class="table compare-table">
        <thead>
          <tr>
            <th>Metric</th>
            {runs.map((r) => (
              <th key={r.id} class="num">
                <a href={href('runs', r.id)}>{r.name}</a>
                <div class="run-id">{r.id}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr class="meta-row">
            <td>Best model</td>
            {runs.map((r) => (
              <td key={r.id} class="num">
                {r.model ?? '—'}
              </td>
            ))}
          </tr>
          <tr class="meta-row">
            <td>Duration</td>
            {runs.map((r) => (
              <td key={r.id} class="num">
                {formatSeconds(r.durationSeconds)}
              </td>
            ))}
          </tr>
          {keys.map((k) => {
            const values = runs.map((r) => r.metrics[k]);
            const best = bestIndex(k, values);
            return (
              <tr key={k} data-metric={k}>
                <td>
                  <span class="metric-row-label">{metricLabel(k)}</span>
                  <span class="metric-key">
                    {k} {lowerIsBetter(k) ? '↓' : '↑'}
                  </span>
                </td>
                {values.map((v, i) => (
                  // Ties share the highlight.
                  <td key={runs[i].id} class={`num${best >= 0 && v === values[best] ? ' best-cell' : ''}`} data-best={best >= 0 && v === values[best] ? 'true' : undefined}>
                    {formatMetric(v)}
                  </td>
                ))}
              </tr>
            );
          })}
          <tr class="section-row">
            <td colSpan={runs.length + 1}>
              Parameters {shownParams.length < paramKeys.length ? `· ${shownParams.length} that differ of ${paramKeys.length}` : `· ${paramKeys.length}`}
              {paramKeys.length > 0 && (
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => setAllParams(!allParams)}>
                  {allParams ? 'Only differences' : 'Show all'}
                </button>
              )}
            </td>
          </tr>
          {shownParams.map((k) => (
            <tr key={k} class={differs(k) ? 'differs' : ''}>
              <td class="mono">{k}</td>
              {runs.map((r) => (
                <td key={r.id} class="num mono">
                  {r.params && k in r.params ? formatValue(r.params[k]) : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MetricBars({ runs }: { runs: RunDetail[] }) {
  const keys = useMemo(() => Array.from(new Set(runs.flatMap((r) => Object.keys(r.metrics)))).filter((k) => !/ci_(low|high)$/.test(k)).sort((a, b) => metricOrder(a) - metricOrder(b) || a.localeCompare(b)), [runs]);
  const [key, setKey] = useState<string>(() => mainMetricKey(runs[0]?.metrics ?? {}) ?? keys[0] ?? '');
  const chart = useMemo(() => {
    const dup = (n: string): boolean => runs.filter((r) => r.name === n).length > 1;
    const names = runs.map((r) => (dup(r.name) ? `${r.name} · ${r.id.slice(-6)}` : r.name));
    const values = runs.map((r) => (Number.isFinite(r.metrics[key]) ? r.metrics[key] : null));
    const options = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, runs.length - 0.4] as [number, number] }, y: { range: (_u: uPlot, min: number, max: number): [number, number] => [Math.min(0, min), max + (max - Math.min(0, min)) * 0.08 || 1] } },
      axes: [
        themedAxis('', { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? names[t] ?? '' : '')), incrs: [1], grid: { show: false } }),
        themedAxis(metricLabel(key), { size: 60 }),
      ],
      series: [
        {},
        // One series per run (null at the other runs' slots), so each bar has its run's colour.
        ...runs.map((r, i) => ({
          label: names[i],
          stroke: colour(i),
          fill: `${colour(i)}cc`,
          paths: uPlot.paths.bars!({ size: [0.55, 80], align: 0 }),
          points: { show: false },
        })),
      ],
    };
    return { options, data: [runs.map((_, i) => i), ...runs.map((_, i) => values.map((v, j) => (j === i ? v : null)))] as uPlot.AlignedData };
  }, [runs, key]);
  return (
    <Card
      title="Metric over runs"
      actions={
        <select value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)} aria-label="Metric" data-pick="metric">
          {keys.map((k) => (
            <option key={k} value={k}>
              {metricLabel(k)} ({k})
            </option>
          ))}
        </select>
      }
    >
      <Chart label="Metric over runs" height={240} {...chart} />
      <div class="bar-values">
        {runs.map((r, i) => (
          <span key={r.id}>
            <span class="swatch" style={{ background: colour(i) }} />
            <span class="muted">{r.name}</span> <strong>{formatMetric(r.metrics[key])}</strong>
            {i === bestIndex(key, runs.map((x) => x.metrics[key])) && <span class="best-badge">best</span>}
          </span>
        ))}
      </div>
    </Card>
  );
}

/** Powers of ten from `min` to `max`: the ticks and grid lines of a log axis (not every 2…9 × 10^k). */
function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    const v = 10 ** e;
    if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
  }
  return out;
}

/** Each run's held-out ROC curve on one chart, in the run's colour, with the chance diagonal. */
function RocOverlay({ runs }: { runs: RunDetail[] }) {
  const chart = useMemo(() => {
    const curves = runs.flatMap((r, i) => {
      const roc = (r.report as ReportData | null)?.curves?.roc;
      return roc ? [{ label: `${r.name} · ${r.id.slice(-6)} (AUC ${formatMetric(roc.area)})`, x: roc.x, y: roc.y, colour: colour(i) }] : [];
    });
    if (curves.length === 0) return null;
    return overlayChart([...curves, { label: 'Chance', x: [0, 1], y: [0, 1], colour: '#9ca3af', dash: [5, 4] }], { xLabel: 'False positive rate', yLabel: 'True positive rate', xRange: [0, 1], yRange: [0, 1] });
  }, [runs]);
  if (!chart) return null;
  return (
    <Card title="ROC curves" hint="held-out rows of each run">
      <Chart label="ROC curves" height={260} {...chart} />
    </Card>
  );
}

interface Candidate extends LeaderboardRow {
  run: string;
}

function ParamScatter({ runs }: { runs: RunDetail[] }) {
  const candidates: Candidate[] = useMemo(() => runs.flatMap((r) => (r.report?.selection.leaderboard ?? []).map((row) => ({ ...row, run: r.name }))), [runs]);
  const params = useMemo(() => Array.from(new Set(candidates.flatMap((c) => Object.keys(c.params)))).sort(), [candidates]);
  const [param, setParam] = useState(params[0] ?? '');
  useEffect(() => {
    if (!params.includes(param) && params.length) setParam(params[0]);
  }, [params]);
  const metric = runs.find((r) => r.report)?.report?.selection.metric ?? 'score';
  const chart = useMemo(() => {
    const pts = candidates.filter((c) => param in c.params && Number.isFinite(c.mean));
    if (pts.length === 0) return null;
    const raw = pts.map((c) => c.params[param]);
    const numeric = raw.every((v) => typeof v === 'number');
    // Categorical values (kernels, solvers) sit at 0, 1, 2 … labelled with their value.
    const cats = numeric ? [] : Array.from(new Set(raw.map((v) => formatValue(v)))).sort();
    const xOf = (v: unknown): number => (numeric ? (v as number) : cats.indexOf(formatValue(v)));
    const positive = numeric && raw.every((v) => (v as number) > 0);
    const span = positive ? Math.max(...(raw as number[])) / Math.min(...(raw as number[])) : 0;
    const log = positive && span >= 100;
    const order = pts.map((_, i) => i).sort((a, b) => xOf(raw[a]) - xOf(raw[b]));
    const xs = order.map((i) => xOf(raw[i]));
    const models = Array.from(new Set(pts.map((c) => c.model)));
    const ys = models.map((m) => order.map((i) => (pts[i].model === m ? pts[i].mean : null)));
    const options = {
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 10 } },
      scales: {
        x: numeric ? { time: false, distr: log ? 3 : 1 } : { time: false, range: [-0.5, cats.length - 0.5] as [number, number] },
        y: {},
      },
      axes: [
        themedAxis(`${param}${log ? ' (log scale)' : ''}`, numeric ? (log ? { splits: (_u: uPlot, _i: number, min: number, max: number) => decades(min, max) } : {}) : { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? cats[t] ?? '' : '')), incrs: [1] }),
        themedAxis(`CV ${metricLabel(metric)} (mean)`, { size: 60 }),
      ],
      series: [
        { label: param },
        ...models.map((m, i) => ({
          label: m,
          stroke: colour(i),
          fill: colour(i),
          paths: () => null,
          points: { show: true, size: 9, stroke: colour(i), fill: colour(i), width: 1 },
        })),
      ],
    };
    return { options, data: [xs, ...ys] as uPlot.AlignedData, count: pts.length };
  }, [candidates, param, metric]);
  if (candidates.length === 0) return null;
  return (
    <Card
      title="Parameter vs CV score"
      hint={`${candidates.length} candidates from ${runs.length} searches · colour = model`}
      actions={
        <select value={param} onChange={(e) => setParam((e.target as HTMLSelectElement).value)} aria-label="Parameter" data-pick="param">
          {params.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      }
    >
      {chart ? <Chart label="Parameter vs score" height={300} options={chart.options} data={chart.data} /> : <p class="muted">No candidate has a numeric score for {param}.</p>}
    </Card>
  );
}

export function ComparePage({ ids }: { ids: string[] }) {
  const [runs, setRuns] = useState<RunDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setRuns(null);
    Promise.all(ids.map((id) => get<RunDetail>(`/runs/${seg(id)}`))).then(setRuns, setError);
  }, [ids.join(',')]);
  if (ids.length < 2) return <Empty>Pick two or more runs on the <a href="#/runs">runs page</a> to compare them.</Empty>;
  if (error) return <ErrorBox error={error} />;
  if (!runs) return <Loading what="Loading runs" />;
  return (
    <>
      <PageHead eyebrow={<a href="#/runs">← Runs</a>} title={`Compare ${runs.length} runs`} meta="best value per row highlighted · ↑ higher / ↓ lower is better" />
      <div class="compare-heads">
        {runs.map((r, i) => (
          <a class="card run-head" key={r.id} href={href('runs', r.id)}>
            <div class="run-head-top">
              <span class="swatch" style={{ background: colour(i) }} />
              <span class="run-head-name">{r.name}</span>
              <StatusPill status={r.status} />
            </div>
            <div class="run-head-sub">
              <span class="mono">{r.model ?? '—'}</span>
              <span class="run-id">{r.id}</span>
            </div>
          </a>
        ))}
      </div>
      <Card title="Metrics" id="compare-metrics">
        <MetricsTable runs={runs} />
      </Card>
      <div class="grid">
        <MetricBars runs={runs} />
        <RocOverlay runs={runs} />
      </div>
      <ParamScatter runs={runs} />
    </>
  );
}
