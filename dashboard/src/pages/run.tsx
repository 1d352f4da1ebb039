/**
 * One run: everything the HTML report shows (leaderboard, test metrics, confusion matrix, ROC/PR,
 * learning curve, data and durations) plus the spec, all params, the artifacts, tags and note, and the
 * lineage to the registered model. While the run is running, a live panel streams its progress.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, post, seg } from '../api';
import type { ReportData, RunDetail, Session } from '../api-types';
import { formatDate, formatMetric, formatSeconds, metricLabel } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { ConfirmDialog } from '../components/dialog';
import { ConfusionMatrix } from '../components/confusion';
import { Leaderboard } from '../components/leaderboard';
import { CurveCharts, LearningCharts } from '../components/run-charts';
import { LivePanel, useRunEvents } from '../components/run-live';
import { RunAnnotations } from '../components/run-annotations';
import { SpecView } from '../components/spec-view';
import { AllParams, Artifacts, CandidateBars, DataCard, Durations, Hero, isMatrix, Lineage, MetricList, TestMetrics } from '../components/run-sections';
import { Card, Empty, ErrorBox, Loading, PageHead, StatusPill } from '../components/ui';

const isActive = (s: string): boolean => s === 'running' || s === 'pending';

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
  // While the run is not in the store yet, its events still say how it goes (and why it failed).
  const live = useRunEvents(id, active || notYet, reload);
  const canRun = session.scope === 'run' || session.scope === 'admin';

  if (!run && live.status && live.status !== 'running' && live.error) {
    return (
      <>
        <PageHead eyebrow={<a href="#/runs">← Runs</a>} title={<>Run <code>{id}</code> <StatusPill status={live.status} /></>} meta="It ended before it was recorded in the store." />
        <div class="alert alert-error" role="alert">
          <strong class="code">{live.error.code}</strong>
          <span>{live.error.message}</span>
        </div>
      </>
    );
  }
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
            <Card title="CV score by candidate" hint={metricLabel(report.selection.metric)}>
              <CandidateBars rows={report.selection.leaderboard} metric={report.selection.metric} />
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
        <Card title="Parameters" hint={Object.keys(run.params ?? {}).length ? `${Object.keys(run.params).length} · defaults included` : undefined}>
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
