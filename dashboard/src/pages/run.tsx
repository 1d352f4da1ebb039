/**
 * One run: everything the HTML report shows (leaderboard, test metrics, confusion matrix, ROC/PR,
 * learning curve, data and durations) plus the spec, all params, the artifacts, tags and note, and the
 * lineage to the registered model. While the run is running, a live panel streams its progress.
 */
import { useEffect, useState } from 'preact/hooks';
import { API, ApiError, del, post, seg } from '../api';
import type { RecommendReportData, ReportData, RunDetail, Session } from '../api-types';
import { formatBytes, formatCount, formatDate, formatMetric, formatPercent, formatSeconds, formatValue, HEADLINE, lowerIsBetter, metricLabel } from '../format';
import { href, navigate } from '../router';
import { useApi } from '../use-api';
import { ConfirmDialog } from '../components/dialog';
import { ConfusionMatrix } from '../components/confusion';
import { Leaderboard } from '../components/leaderboard';
import { CurveCharts, LearningCharts } from '../components/run-charts';
import { LivePanel, useRunEvents } from '../components/run-live';
import { RunAnnotations } from '../components/run-annotations';
import { SpecView } from '../components/spec-view';
import { Card, Chip, Empty, ErrorBox, Kpi, Loading, PageHead, Params, StatusPill } from '../components/ui';

const STAGE_COLOURS = ['#2563eb', '#0d9488', '#ea580c', '#7c3aed', '#db2777', '#65a30d', '#ca8a04'];
const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every(Array.isArray);
const isActive = (s: string): boolean => s === 'running' || s === 'pending';
const dir = (k: string): string => (lowerIsBetter(k) ? '↓' : '↑');

function Hero({ report }: { report: ReportData | RecommendReportData }) {
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

function TestMetrics({ report }: { report: ReportData | RecommendReportData }) {
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

function DataCard({ report }: { report: ReportData }) {
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

function Durations({ durations }: { durations: Record<string, number> }) {
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

function Lineage({ run }: { run: RunDetail }) {
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
        </li>
      ))}
    </ul>
  );
}

function AllParams({ params }: { params: Record<string, unknown> }) {
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

function Artifacts({ run }: { run: RunDetail }) {
  if (!run.artifacts?.length) return <p class="muted">No artifacts.</p>;
  return (
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
  );
}

export function RunPage({ id, session }: { id: string; session: Session }) {
  const [poll, setPoll] = useState(false);
  const [waiting, setWaiting] = useState(false);
  // A run just submitted may not be in the store for a moment (it is loading its data): retry a 404
  // every second for a while before calling it missing.
  const { data: fetched, error, loading, reload } = useApi<RunDetail>(`/runs/${seg(id)}`, poll ? 2000 : waiting ? 1000 : null);
  const [firstSeen] = useState(() => Date.now());
  const notYet = !fetched && error instanceof ApiError && error.status === 404 && Date.now() - firstSeen < 30_000;
  useEffect(() => setWaiting(notYet), [notYet]);
  const [run, setRun] = useState<RunDetail | null>(null);
  const [confirm, setConfirm] = useState<'delete' | 'cancel' | null>(null);
  useEffect(() => setRun(fetched), [fetched]);
  const active = run ? isActive(run.status) : false;
  useEffect(() => setPoll(active), [active]);
  const live = useRunEvents(id, active, reload);
  const canRun = session.scope === 'run' || session.scope === 'admin';

  if ((loading || notYet) && !run) return <Loading what={notYet ? 'Waiting for the run to start' : 'Loading run'} />;
  if (error && !run) return <ErrorBox error={error} />;
  if (!run) return <Empty>Run not found.</Empty>;
  const report = run.report;
  const tabular = report && report.task !== 'recommend' ? (report as ReportData) : null;
  const cm = tabular?.test.confusionMatrix;
  const folds = report ? ('cv' in report.selection ? report.selection.cv : report.selection.folds) : 0;

  return (
    <>
      <PageHead
        eyebrow={<a href="#/runs">← Runs</a>}
        title={
          <>
            {run.name} <StatusPill status={run.status} />
          </>
        }
        meta={
          <>
            Run <code>{run.id}</code> · started {formatDate(run.startedAt)}
            {run.durationSeconds !== null && <> · {formatSeconds(run.durationSeconds)}</>}
            {report && <> · {report.task}{tabular ? <> · target <code>{tabular.data.target}</code></> : null}</>}
          </>
        }
        actions={
          <>
            {active && canRun && (
              <button type="button" class="btn" onClick={() => setConfirm('cancel')}>
                Cancel run
              </button>
            )}
            {session.scope === 'admin' && !active && (
              <button type="button" class="btn btn-danger-ghost" onClick={() => setConfirm('delete')}>
                Delete
              </button>
            )}
          </>
        }
      />
      <ErrorBox error={error} />
      {run.error && (
        <div class="alert alert-error" role="alert">
          <strong class="code">{run.error.code}</strong>
          <span>{run.error.message}</span>
        </div>
      )}
      {active && <LivePanel live={live} progress={run.progress} spec={run.spec} />}
      {report && <Hero report={report} />}
      {report && report.selection.leaderboard.length > 0 && (
        <Card title="Leaderboard" hint={`${report.selection.leaderboard.length} candidates · ranked by ${metricLabel(report.selection.metric)}, ${folds}-fold CV`} id="leaderboard">
          <Leaderboard rows={report.selection.leaderboard} metric={report.selection.metric} folds={folds} />
          {tabular?.selection.nested && (
            <p class="muted">
              Nested CV ({tabular.selection.nested.folds} outer folds): {formatMetric(tabular.selection.nested.mean)} ± {formatMetric(tabular.selection.nested.std)}
            </p>
          )}
        </Card>
      )}
      {report && (
        <div class="grid">
          <Card title="Test metrics" hint="↑ higher / ↓ lower is better">
            <TestMetrics report={report} />
          </Card>
          {isMatrix(cm) && cm.length > 0 ? (
            <Card title="Confusion matrix" hint="rows: true class · % of row" class="matrix-card">
              <ConfusionMatrix matrix={cm} classes={tabular?.data.classes} />
            </Card>
          ) : (
            <Card title="Run metrics">
              <MetricList metrics={run.metrics} />
            </Card>
          )}
        </div>
      )}
      {!report && Object.keys(run.metrics).length > 0 && (
        <Card title="Metrics">
          <MetricList metrics={run.metrics} />
        </Card>
      )}
      {tabular && <CurveCharts report={tabular} />}
      {tabular && <LearningCharts report={tabular} />}
      <div class="grid">
        <Card title="Registered model" hint="lineage">
          <Lineage run={run} />
        </Card>
        <Card title="Tags & note">
          <RunAnnotations run={run} canEdit={canRun} onSaved={(r) => setRun({ ...run, ...r })} />
        </Card>
      </div>
      {tabular && (
        <div class="grid">
          <DataCard report={tabular} />
          {Object.keys(tabular.durations ?? {}).length > 0 && <Durations durations={tabular.durations} />}
        </div>
      )}
      <div class="grid">
        <Card title="Parameters" hint={`${Object.keys(run.params ?? {}).length} · defaults included`}>
          <AllParams params={run.params ?? {}} />
        </Card>
        <Card title="Spec" hint={<code class="muted">{run.specHash.slice(0, 12)}</code>}>
          <SpecView spec={run.spec} />
        </Card>
      </div>
      <Card title="Artifacts">
        <Artifacts run={run} />
      </Card>
      {confirm === 'delete' && (
        <ConfirmDialog
          title="Delete this run?"
          confirmLabel="Delete run"
          danger
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await del(`/runs/${seg(run.id)}`);
            navigate('#/runs');
          }}
        >
          <p>
            <strong>{run.name}</strong> (<code>{run.id}</code>) and its metrics and artifacts are removed from the store. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {confirm === 'cancel' && (
        <ConfirmDialog title="Cancel this run?" confirmLabel="Cancel run" danger onClose={() => setConfirm(null)} onConfirm={async () => (await post(`/runs/${seg(run.id)}/cancel`), reload())}>
          <p>
            The server stops executing <strong>{run.name}</strong>; finished tasks are kept.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function MetricList({ metrics }: { metrics: Record<string, number> }) {
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
