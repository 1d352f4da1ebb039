/**
 * `trainyard run`: spec → load → split → cross-validate every candidate → refit the best on the whole
 * training part → evaluate on the held-out part → save model + report → record the run.
 *
 * Outputs are written into a hidden temporary folder and renamed into place only when everything
 * succeeded, and the store records the run's results in one transaction: a failure leaves neither a
 * partial model nor a half-recorded run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochLogs } from '../../core/estimator.js';
import { renderReportHtml } from '../../report/render-html.js';
import type { LearningCurve, ReportData } from '../../report/report-data.js';
import type { MetricPoint } from '../../tracking/store.js';
import { executeRecorded, publishRun, runArtifacts, stageTimer, startRun, withRunFailureRecord } from '../run/run-lifecycle.js';
import { TRAINYARD_VERSION } from '../../version.js';
import type { Leaderboard } from '../run/leaderboard.js';
import { runSearch, type ExecuteBatch } from './search-scheduler.js';
import { runNestedCv } from './nested-cv.js';
import { binaryCurves } from './curves.js';
import { LocalExecutor, type Executor, type TaskProgress } from '../executor.js';
import { fitCandidate, predictDataset, scorePredictions } from './fit-candidate.js';
import { makeBundle, saveBundle } from './model-bundle.js';
import { planCv } from './plan.js';
import { prepareData } from './prepare-data.js';
import type { LoadedSpec } from '../spec/spec.js';
import { isRecommendSpec, type LoadedRecommendSpec } from '../spec/recommend-spec.js';
import { runRecommendExperiment, type RecommendRunResult } from '../recommend/recommend-run.js';

export interface RunObserver {
  /** A new stage started: load, cv, refit, evaluate, save. */
  stage?(name: string, detail: string): void;
  tasks?(p: TaskProgress): void;
  epoch?(logs: EpochLogs): void;
}

export interface RunOptions {
  /** Tracking store location (`./trainyard.db` by default). */
  store?: string;
  /** Folder that receives `<name>-<runId>/` with the model and the report. Default `runs`. */
  outDir?: string;
  /** Id of an interrupted run to continue (its finished tasks are not recomputed). */
  resume?: string;
  /** Default: a LocalExecutor on all cores. */
  executor?: Executor;
  observer?: RunObserver;
}

export interface RunResult {
  runId: string;
  best: { model: string; params: Record<string, unknown>; cvScore: number };
  test: Record<string, number | number[][] | null>;
  modelPath: string;
  reportPath: string;
}

/**
 * Runs a spec of either kind: `task: recommend` specs go to the recommender run (recommend-run.ts),
 * everything else is the tabular chain below.
 */
export function runExperiment(loaded: LoadedRecommendSpec, options?: RunOptions): Promise<RecommendRunResult>;
export function runExperiment(loaded: LoadedSpec, options?: RunOptions): Promise<RunResult>;
export function runExperiment(loaded: LoadedSpec | LoadedRecommendSpec, options?: RunOptions): Promise<RunResult | RecommendRunResult>;
export function runExperiment(loaded: LoadedSpec | LoadedRecommendSpec, options: RunOptions = {}): Promise<RunResult | RecommendRunResult> {
  return isRecommendSpec(loaded) ? runRecommendExperiment(loaded, options) : runTabularExperiment(loaded, options);
}

async function runTabularExperiment(loaded: LoadedSpec, options: RunOptions): Promise<RunResult> {
  const { spec } = loaded;
  const obs = options.observer ?? {};
  const t0 = performance.now();
  const { durations, lap } = stageTimer();

  obs.stage?.('load', String(spec.data.source));
  const prepared = await prepareData(loaded);
  const plan = planCv(loaded, prepared.train);
  let t = lap('load', t0);

  const run = await startRun(spec.name, spec, options);
  const { store, specHash, runId, startedAt, done, finalDir, workDir } = run;
  return withRunFailureRecord(run, spec.name, spec, async () => {
    const executor = options.executor ?? new LocalExecutor();
    const execute: ExecuteBatch = async (batchPlan, tasks, label) => {
      const todo = tasks.filter((task) => !done.has(task.id));
      const resumed = todo.length < tasks.length ? ` (${tasks.length - todo.length} finished before the resume)` : '';
      obs.stage?.('cv', `${todo.length} tasks${resumed}: ${label}`);
      await executeRecorded(run, executor, todo, batchPlan.datasetSha, { dataset: batchPlan.dataset, bytes: batchPlan.snapshot }, obs);
      return tasks.map((task) => done.get(task.id)!);
    };
    const board = await runSearch(plan, spec, loaded.file, execute);
    const nested = spec.select.nested ? await runNestedCv(loaded, prepared.train, spec.select.nested.folds, execute) : undefined;
    t = lap('cv', t);

    const best = board.rows[0];
    obs.stage?.('refit', `${best.model} ${JSON.stringify(best.params)} on ${prepared.train.y.length} rows`);
    const learning: LearningCurve = { loss: [] };
    const fitted = fitCandidate(prepared.train, spec.preprocess, best.model, best.params, {
      onEpochEnd: (logs) => {
        learning.loss.push(logs.loss);
        if (logs.validationScore !== undefined) (learning.validationScore ??= []).push(logs.validationScore);
        obs.epoch?.(logs);
      },
    });
    if (learning.validationScore?.length) learning.bestEpoch = argmax(learning.validationScore);
    t = lap('refit', t);

    obs.stage?.('evaluate', `${prepared.test.y.length} held-out rows`);
    const predictions = predictDataset(fitted, prepared.test);
    const test = scorePredictions(prepared.test, predictions);
    const curves = prepared.test.task === 'binary' && predictions.scores ? binaryCurves(prepared.test.y, predictions.scores) : {};
    t = lap('evaluate', t);

    obs.stage?.('save', finalDir);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const bundle = makeBundle(fitted, prepared.train.features, {
      task: prepared.train.task,
      target: spec.data.target,
      classes: prepared.train.classes,
      runId,
    });
    saveBundle(join(workDir, 'model.trainyard'), bundle);
    durations.total = (performance.now() - t0) / 1000;
    const report: ReportData = {
      runId,
      name: spec.name,
      createdAt: startedAt,
      trainyardVersion: TRAINYARD_VERSION,
      task: prepared.train.task,
      data: {
        source: String(spec.data.source),
        rows: prepared.rows,
        trainRows: prepared.train.y.length,
        testRows: prepared.test.y.length,
        target: spec.data.target,
        classes: prepared.train.classes,
        features: fitted.featureNames.length,
        cleaning: prepared.notes,
      },
      selection: { metric: plan.metricKey, cv: plan.folds, leaderboard: board.rows, ...(nested ? { nested } : {}) },
      best: { model: best.model, params: best.params, cvScore: best.mean },
      test,
      curves: { ...curves, ...(learning.loss.length ? { learning } : {}) },
      durations,
      modelPath: join(finalDir, 'model.trainyard'),
    };
    const reportJson = JSON.stringify(report, null, 2);
    const reportHtml = renderReportHtml(report);
    writeFileSync(join(workDir, 'report.json'), reportJson);
    writeFileSync(join(workDir, 'report.html'), reportHtml);

    await store.completeRun({
      id: runId,
      name: spec.name,
      status: 'finished',
      startedAt,
      finishedAt: new Date().toISOString(),
      spec,
      specHash,
      params: { 'best.model': best.model, ...prefixKeys('best.', best.params), 'select.metric': plan.metricKey },
      metrics: [...runMetrics(board, test, learning), ...(nested ? [{ key: `nested.${plan.metricKey}`, value: nested.mean }] : [])],
      artifacts: runArtifacts(workDir, reportJson, reportHtml),
      model: { name: spec.name, artifact: 'model.trainyard', metrics: numericOnly(test) },
    });
    publishRun(run);
    return {
      runId,
      best: { model: best.model, params: best.params, cvScore: best.mean },
      test,
      modelPath: join(finalDir, 'model.trainyard'),
      reportPath: join(finalDir, 'report.html'),
    };
  });
}

function runMetrics(board: Leaderboard, test: Record<string, unknown>, learning: LearningCurve): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const [k, v] of Object.entries(numericOnly(test))) points.push({ key: `test.${k}`, value: v });
  points.push({ key: `cv.${board.metricKey}`, value: board.rows[0].mean });
  learning.loss.forEach((v, step) => points.push({ key: 'train.loss', value: v, step }));
  learning.validationScore?.forEach((v, step) => points.push({ key: 'validation.score', value: v, step }));
  return points;
}

function numericOnly(o: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

function prefixKeys(prefix: string, o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]));
}

function argmax(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
