/**
 * `trainyard run` for a tabular spec: load → split → cross-validate every candidate → refit the best
 * on the whole training part → evaluate on the held-out part → save model + report → record the run.
 *
 * The lifecycle, task execution, saving, recording and publishing are the steps both runs share
 * (../run/): outputs are written into a hidden temporary folder renamed into place only when
 * everything succeeded, and the store records the run's results in one transaction, so a failure
 * leaves neither a partial model nor a half-recorded run.
 */
import type { LeaderboardRow } from '../../report/report-data.js';
import type { LearningCurve, ReportData } from '../../report/report-data.js';
import { renderReportHtml } from '../../report/render-html.js';
import type { MetricPoint } from '../../tracking/store.js';
import { TRAINYARD_VERSION } from '../../core/version.js';
import { LocalExecutor } from '../executor.js';
import { executePending } from '../run/execute-tasks.js';
import { bestOf, LEADERBOARD_TOP, type Leaderboard } from '../run/leaderboard.js';
import { startRun, withRunFailureRecord } from '../run/run-lifecycle.js';
import { headlineMetrics, selectionParams } from '../run/run-metrics.js';
import type { RunOptions } from '../run/run-options.js';
import { openOutputs, recordAndPublish } from '../run/run-outputs.js';
import { stageTimer } from '../run/stage-timer.js';
import { fittedDropNotes } from '../../preprocess/index.js';
import { binaryCurves } from './curves.js';
import { cvConfig, foldDropNotes } from './cv-config.js';
import { fitCandidate, predictDataset, scorePredictions } from './fit-candidate.js';
import { makeBundle, saveBundle } from './model-bundle.js';
import { runNestedCv } from './nested-cv.js';
import { checkSpecBeforeLoad, planCv } from './plan.js';
import { prepareData, type PreparedData } from './prepare-data.js';
import { locatePreprocessedValue, type RowNumbers } from './locate-data-error.js';
import { runSearch, type ExecuteBatch } from './search-scheduler.js';
import type { LoadedSpec } from '../spec/spec.js';

/** The `--json` line of a tabular run. */
export interface RunResult {
  runId: string;
  best: { model: string; params: Record<string, unknown>; cvScore: number };
  test: Record<string, number | number[][] | null>;
  modelPath: string;
  reportPath: string;
  /** The best configurations of the search, best first (at most LEADERBOARD_TOP); the report has them all. */
  leaderboard: LeaderboardRow[];
}

/**
 * Runs a tabular spec end to end (what `trainyard run` does for one; `runExperiment` in ../run.ts
 * picks this or the recommender run by the spec's task).
 *
 * @example
 * const r = await runTabularExperiment(loadSpec('examples/online-shoppers/spec.yaml'));
 * r.test.f1;
 */
export async function runTabularExperiment(loaded: LoadedSpec, options: RunOptions = {}): Promise<RunResult> {
  const { spec } = loaded;
  const obs = options.observer ?? {};
  const t0 = performance.now();
  const { durations, lap } = stageTimer();

  checkSpecBeforeLoad(loaded); // before reading data: a typo or a search too large to run fails in milliseconds
  obs.stage?.('load', String(spec.data.source));
  const prepared = await prepareData(loaded);
  const plan = planCv(loaded, prepared.train);
  let t = lap('load', t0);

  const run = await startRun(spec.name, spec, options);
  const { runId, startedAt } = run;
  return withRunFailureRecord(run, () => inFileTerms(loaded, prepared, async () => {
    const executor = options.executor ?? new LocalExecutor();
    const execute: ExecuteBatch = (batchPlan, tasks, label) =>
      executePending(run, executor, tasks, { datasetSha: batchPlan.datasetSha, data: { dataset: batchPlan.dataset, bytes: batchPlan.snapshot } }, obs, 'cv', label);
    const board = await runSearch(plan, spec, loaded.file, execute);
    const nested = spec.select.nested ? await runNestedCv(loaded, prepared.train, spec.select.nested.folds, execute) : undefined;
    t = lap('cv', t);

    const best = bestOf(board);
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

    const out = openOutputs(run, obs);
    const bundle = makeBundle(fitted, prepared.train.features, {
      task: prepared.train.task,
      target: spec.data.target,
      classes: prepared.train.classes,
      runId,
      numberFormat: { thousands: spec.data.thousands, decimal: spec.data.decimal },
    });
    saveBundle(out.modelFile, bundle);
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
        cleaning: [...prepared.notes, ...foldDropNotes(prepared.train, cvConfig(spec, prepared.train.task)), ...fittedDropNotes(fitted.preprocessor)],
      },
      selection: { metric: plan.metricKey, cv: plan.folds, leaderboard: board.rows, ...(nested ? { nested } : {}) },
      best: { model: best.model, params: best.params, cvScore: best.cvScore },
      test,
      curves: { ...curves, ...(learning.loss.length ? { learning } : {}) },
      durations,
      modelPath: out.modelPath,
    };
    await recordAndPublish(run, {
      report,
      html: renderReportHtml(report),
      params: selectionParams(best, plan.metricKey, fitted.estimator.getParams()),
      dataSha256: plan.datasetSha,
      metrics: [...runMetrics(board, test, learning), ...(nested ? [{ key: `nested.${plan.metricKey}`, value: nested.mean }] : [])],
      test,
    });
    return { runId, best: { model: best.model, params: best.params, cvScore: best.cvScore }, test, modelPath: out.modelPath, reportPath: out.reportPath, leaderboard: board.rows.slice(0, LEADERBOARD_TOP) };
  }));
}

/**
 * Runs `body`, telling a value error found after preprocessing (in a fold, the refit or the test part,
 * locally or on a worker) as the file's column, row and value. Rows are the file's data rows when the
 * data is one file read as is; after a join or dedupe only the column and value are named.
 */
async function inFileTerms<T>(loaded: LoadedSpec, prepared: PreparedData, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    const { data } = loaded.spec;
    const direct = !data.join?.length && !data.dedupe;
    const fileRow = (part: Int32Array): RowNumbers => (direct ? (i) => prepared.kept[part[i]] + 1 : null);
    const origin = prepared.train.features.origin;
    throw locatePreprocessedValue(e, origin, [prepared.train.features, prepared.test.features], [fileRow(prepared.split.train), fileRow(prepared.split.test)]);
  }
}

/** What every run records, then the refit's learning curve. */
function runMetrics(board: Leaderboard, test: Record<string, unknown>, learning: LearningCurve): MetricPoint[] {
  const points = headlineMetrics(test, board.metricKey, board.rows[0].mean);
  learning.loss.forEach((v, step) => points.push({ key: 'train.loss', value: v, step }));
  learning.validationScore?.forEach((v, step) => points.push({ key: 'validation.score', value: v, step }));
  return points;
}

function argmax(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
