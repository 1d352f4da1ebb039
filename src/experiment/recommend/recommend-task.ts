/**
 * The unit of work of recommender selection: "fit recommender C with params P on fold f of the
 * interactions snapshot D@sha256, score it with metrics M". Plain JSON, so the same task runs
 * in-process, in a worker thread or on another machine (`trainyard worker`) with the same result.
 */
import { DataError } from '../../core/errors.js';
import { subsetInteractions } from '../../core/interactions.js';
import { getRecommender } from '../../models/recommend/registry.js';
import type { ColdStartCounts } from '../../report/recommend-report-data.js';
import { evaluateFold, resolveRecommendMetrics } from './recommend-evaluate.js';
import type { RecommendTaskData } from './recommend-snapshot.js';
import type { CvTaskResult, FoldTaskBase } from '../run/fold-task.js';

/**
 * `dataset` is the sha256 of the interactions snapshot (interactions + folds), `model` a recommender
 * registry name (e.g. `bpr`), `fold` an index into the snapshot's folds.
 */
export interface RecommendTask extends FoldTaskBase {
  kind: 'rec-fold';
  /** Metric names as written in the spec (`ndcg@10`, `rmse`); the selection metric is among them. */
  metrics: string[];
  /** The selection metric (its value is the result's `score`). */
  selection: string;
  /** Cut-off for metric names without `@k`. */
  k: number;
  /** Return per-user ranking values (k-fold runs pool them for bootstrap intervals). */
  perUser: boolean;
}

export interface RecommendTaskResult extends CvTaskResult {
  /** Every metric of `task.metrics`; null when not computable on this fold. */
  metrics: Record<string, number | null>;
  coldStart: ColdStartCounts;
  /** Dense user indices and their per-user ranking values (when `task.perUser`). */
  perUser?: { users: number[]; values: Record<string, number[]> };
}

/**
 * Runs one task on decoded snapshot data.
 *
 * @example
 * const result = runRecommendTask(task, recommendDataFromSnapshot(bytes, task.dataset));
 */
export function runRecommendTask(task: RecommendTask, data: RecommendTaskData): RecommendTaskResult {
  const fold = data.folds[task.fold];
  if (!fold) throw new DataError(`task ${task.id} names fold ${task.fold} but the snapshot has ${data.folds.length}`);
  const requests = resolveRecommendMetrics(task.metrics, task.k, 'metrics', `task ${task.id}`);
  const started = performance.now();
  const model = getRecommender(task.model).create(task.params).fit(subsetInteractions(data.interactions, fold.train));
  const fitSeconds = (performance.now() - started) / 1000;
  const evaluation = evaluateFold(model, data.interactions, fold, requests, { perUser: task.perUser });
  const score = evaluation.metrics[task.selection];
  if (typeof score !== 'number' || Number.isNaN(score)) {
    throw new DataError(`metric '${task.selection}' is not available for ${task.model} on fold ${task.fold} (got ${JSON.stringify(score)}: no test user with training events?); check the split or choose another select.metric`);
  }
  const result: RecommendTaskResult = { taskId: task.id, score, fitSeconds, metrics: evaluation.metrics, coldStart: evaluation.coldStart };
  if (evaluation.perUser) {
    const values: Record<string, number[]> = {};
    for (const [name, arr] of Object.entries(evaluation.perUser.values)) values[name] = Array.from(arr);
    result.perUser = { users: Array.from(evaluation.perUser.users), values };
  }
  return result;
}
