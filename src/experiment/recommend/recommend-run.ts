/**
 * `trainyard run` for a `task: recommend` spec: load interactions → split → select the best candidate
 * configuration (tasks through the same executors as tabular CV) → refit → evaluate → save the
 * recommender bundle and the report → record the run in the store.
 *
 * Selection: with a holdout method (random, per_user, stratified_by_item, leave_last) every
 * configuration is scored on a validation split of the training part made by the same method (skipped
 * when there is only one configuration); the best is refitted on the whole training part and scored on
 * the test part. With kfold / movielens_folds every configuration runs on every fold, the best is the
 * best mean, and `test` holds its fold means; the saved model is refitted on all events.
 *
 * The lifecycle, task execution, saving, recording and publishing are the steps both runs share
 * (../run/): outputs go to a hidden folder renamed into place only on success, and the store records
 * the run in one transaction.
 */
import type { LeaderboardRow } from '../../report/report-data.js';
import { DataError } from '../../core/errors.js';
import { subsetInteractions } from '../../core/interactions.js';
import { getRecommender } from '../../models/recommend/registry.js';
import type { ColdStartCounts, MetricInterval, RecommendReportData } from '../../report/recommend-report-data.js';
import { renderRecommendReportHtml } from '../../report/render-recommend-html.js';
import { splitInteractions } from '../../selection/interaction-splits.js';
import type { MetricPoint } from '../../tracking/store.js';
import { TRAINYARD_VERSION } from '../../core/version.js';
import { LocalExecutor } from '../executor.js';
import { executePending } from '../run/execute-tasks.js';
import type { CvTaskResult } from '../run/fold-task.js';
import { bestOf, buildLeaderboard, LEADERBOARD_TOP, type SelectedCandidate } from '../run/leaderboard.js';
import { startRun, withRunFailureRecord } from '../run/run-lifecycle.js';
import { headlineMetrics, selectionParams } from '../run/run-metrics.js';
import type { RunOptions } from '../run/run-options.js';
import { openOutputs, recordAndPublish } from '../run/run-outputs.js';
import { stageTimer } from '../run/stage-timer.js';
import type { LoadedRecommendSpec } from '../spec/recommend-spec.js';
import { prepareInteractions, splitOptions } from './recommend-data.js';
import { evaluateHoldout, summariseFolds, type FinalEvaluation } from './recommend-final.js';
import { planRecommend, resolveRecommendSelection, type RecommendPlan } from './recommend-plan.js';
import type { RecommendTaskResult } from './recommend-task.js';
import { makeRecommenderBundle, saveRecommenderBundle } from './recommender-bundle.js';

/** The `--json` line of a recommend run: the tabular shape plus what only recommenders have. */
export interface RecommendRunResult {
  runId: string;
  best: { model: string; params: Record<string, unknown>; cvScore: number | null };
  /** Keyed exactly as `evaluate.metrics` is written, e.g. `ndcg@10`, `rmse`. */
  test: Record<string, number | null>;
  /** The best configurations of the selection, best first (at most 10; none without a selection). */
  leaderboard: LeaderboardRow[];
  modelPath: string;
  reportPath: string;
  /** Bootstrap intervals over users of the ranking metrics in `test`. */
  confidence: Record<string, MetricInterval>;
  coldStart: ColdStartCounts;
  baselines: RecommendReportData['baselines'];
  data: { events: number; users: number; items: number; duplicates: number; droppedEvents: number; droppedByWindow: number };
}

/**
 * Runs a `task: recommend` spec end to end (what `trainyard run` does for one).
 *
 * @example
 * const r = await runRecommendExperiment(loadAnySpec('examples/movielens/ranking.yaml') as LoadedRecommendSpec);
 * r.test['ndcg@10'];
 */
export async function runRecommendExperiment(loaded: LoadedRecommendSpec, options: RunOptions = {}): Promise<RecommendRunResult> {
  const { spec } = loaded;
  const obs = options.observer ?? {};
  const t0 = performance.now();
  const { durations, lap } = stageTimer();

  obs.stage?.('load', spec.data.source);
  const selection = resolveRecommendSelection(loaded);
  const prepared = await prepareInteractions(loaded);
  if (selection.taskMetrics.some((m) => m.rating) && !prepared.columns.rating) {
    throw new DataError(`${loaded.file}: '${selection.taskMetrics.find((m) => m.rating)!.name}' needs ratings, but the data has no rating column; name it with data.rating or use ranking metrics`, { file: loaded.file });
  }
  const all = prepared.interactions;
  const cross = prepared.crossValidated;
  const outer = prepared.folds[0];
  const trainPart = cross ? all : subsetInteractions(all, outer.train);
  let plan: RecommendPlan | null = null;
  if (cross) {
    const perUser = spec.evaluate.bootstrap !== false && selection.evaluate.some((m) => !m.rating);
    plan = planRecommend(selection, { kind: 'interactions', interactions: all, folds: prepared.folds }, spec.evaluate.k, perUser, loaded.file);
  } else if (selection.configs.length > 1) {
    // Select on a validation split of the training part made by the same method, so the test part
    // is touched once, by the final evaluation.
    const inner = splitInteractions(trainPart, splitOptions(spec))[0];
    plan = planRecommend(selection, { kind: 'interactions', interactions: trainPart, folds: [inner] }, spec.evaluate.k, false, loaded.file);
  }
  let t = lap('load', t0);

  const run = await startRun(spec.name, spec, options);
  const { runId, startedAt } = run;
  return withRunFailureRecord(run, async () => {
    let results: RecommendTaskResult[] = [];
    if (plan) {
      const label = `${selection.configs.length} configurations × ${plan.folds} ${cross ? 'folds' : 'validation split'}`;
      const batch = { datasetSha: plan.datasetSha, data: { dataset: plan.data, bytes: plan.snapshot } };
      results = (await executePending(run, options.executor ?? new LocalExecutor(), plan.tasks, batch, obs, 'select', label)) as RecommendTaskResult[];
    }
    const board = plan ? buildLeaderboard(selection.configs, plan.tasks, results as CvTaskResult[], selection.selection.name, selection.selection.direction) : null;
    const only = selection.configs[0];
    const best: SelectedCandidate = board ? bestOf(board) : { config: only, model: only.model, params: only.params, cvScore: null };
    t = lap('select', t);

    obs.stage?.('refit', `${best.model} ${JSON.stringify(best.params)} on ${trainPart.users.length} events`);
    const model = getRecommender(best.model).create(best.params).fit(trainPart);
    t = lap('refit', t);

    let final: FinalEvaluation;
    if (cross) {
      const own = plan!.tasks.map((task, i) => ({ task, result: results[i] })).filter(({ task }) => task.candidate === best.config.candidate && task.config === best.config.config);
      final = summariseFolds(own.map((o) => o.result), all, prepared.folds, selection.evaluate, spec.evaluate.bootstrap);
    } else {
      obs.stage?.('evaluate', `${outer.test.length} held-out events`);
      final = evaluateHoldout(model, all, outer, selection.evaluate, spec.evaluate.bootstrap);
    }
    t = lap('evaluate', t);

    const out = openOutputs(run, obs);
    saveRecommenderBundle(out.modelFile, makeRecommenderBundle(model, trainPart, prepared.users, prepared.items, runId));
    durations.total = (performance.now() - t0) / 1000;
    const meanFoldSize = (part: 'train' | 'test'): number => Math.round(prepared.folds.reduce((a, f) => a + f[part].length, 0) / prepared.folds.length);
    const report: RecommendReportData = {
      runId,
      name: spec.name,
      createdAt: startedAt,
      trainyardVersion: TRAINYARD_VERSION,
      task: 'recommend',
      data: {
        source: spec.data.source,
        rows: prepared.rows,
        events: all.users.length,
        users: prepared.users.size,
        items: prepared.items.size,
        feedback: prepared.columns.rating ? 'explicit' : 'implicit',
        columns: { ...prepared.columns },
        preprocessing: prepared.preprocessing,
        notes: prepared.notes,
      },
      split: { method: spec.split.method, folds: prepared.folds.length, trainEvents: meanFoldSize('train'), testEvents: meanFoldSize('test'), seed: spec.split.seed, ...(cross ? {} : { test: spec.split.test }) },
      selection: {
        metric: selection.selection.name,
        direction: selection.selection.direction,
        scheme: cross ? 'cross-validation' : plan ? 'inner-holdout' : 'skipped',
        folds: plan?.folds ?? 0,
        leaderboard: board?.rows ?? [],
      },
      best: { model: best.model, params: best.params, cvScore: best.cvScore },
      test: final.test,
      ...(final.foldTests ? { foldTests: final.foldTests } : {}),
      confidence: final.confidence,
      coldStart: final.coldStart,
      baselines: final.baselines,
      durations,
      modelPath: out.modelPath,
    };
    await recordAndPublish(run, {
      report,
      html: renderRecommendReportHtml(report),
      params: { ...selectionParams(best, selection.selection.name, model.getParams()), 'split.method': spec.split.method },
      ...(plan ? { dataSha256: plan.datasetSha } : {}),
      metrics: runMetrics(report),
      test: final.test,
    });
    const p = prepared.preprocessing;
    return {
      runId,
      best: report.best,
      test: final.test,
      modelPath: out.modelPath,
      reportPath: out.reportPath,
      confidence: final.confidence,
      coldStart: final.coldStart,
      baselines: final.baselines,
      data: { events: all.users.length, users: prepared.users.size, items: prepared.items.size, duplicates: p.duplicates, droppedEvents: p.droppedEvents, droppedByWindow: p.droppedByWindow },
      leaderboard: (board?.rows ?? []).slice(0, LEADERBOARD_TOP),
    };
  });
}

/** What every run records, then the bootstrap intervals and, for k-fold methods, each fold's results. */
function runMetrics(report: RecommendReportData): MetricPoint[] {
  const metrics = headlineMetrics(report.test, report.selection.metric, report.best.cvScore);
  for (const [k, ci] of Object.entries(report.confidence)) metrics.push({ key: `test.${k}.ci_low`, value: ci.low }, { key: `test.${k}.ci_high`, value: ci.high });
  report.foldTests?.forEach((f, step) => {
    for (const [k, v] of Object.entries(f)) if (typeof v === 'number' && Number.isFinite(v)) metrics.push({ key: `fold.${k}`, value: v, step });
  });
  return metrics;
}
