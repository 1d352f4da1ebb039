/**
 * Turns a recommend spec into work: the candidates' configurations (grid or random search, as for
 * tabular specs), the metrics (as written in the spec, checked against what the candidates can do)
 * and the task list — every configuration × every fold of the selection data. Names are checked
 * before any data is read, so a typo fails in milliseconds with its key path.
 */
import { didYouMean } from '../../core/did-you-mean.js';
import { SpecError, TrainyardError } from '../../core/errors.js';
import { getRecommender, listRecommenders } from '../../models/recommend/registry.js';
import { resolveRecommendMetrics, type MetricRequest } from './recommend-evaluate.js';
import { snapshotRecommendData, type RecommendTaskData } from './recommend-snapshot.js';
import type { LoadedRecommendSpec } from '../spec/recommend-spec.js';
import type { RecommendTask } from './recommend-task.js';
import type { CandidateConfig } from '../run/fold-task.js';
import { candidateSettings, checkRunTasks } from '../run/search-size.js';

/** The checked selection: configurations, the selection metric and the evaluation metrics. */
export interface RecommendSelection {
  configs: CandidateConfig[];
  /** Whether each candidate (by index) predicts ratings (RMSE/MAE apply). */
  ratingCandidates: boolean[];
  selection: MetricRequest;
  /** `evaluate.metrics` as written (the selection metric when there are none). */
  evaluate: MetricRequest[];
  /** Selection metric first, then the evaluation metrics not already in it: what tasks compute. */
  taskMetrics: MetricRequest[];
}

/**
 * Checks models, parameters and metrics of a recommend spec and expands the search.
 *
 * @example
 * const sel = resolveRecommendSelection(loadAnySpec('ml.yaml') as LoadedRecommendSpec);
 * sel.selection.name; // 'ndcg@10'
 */
export function resolveRecommendSelection(loaded: LoadedRecommendSpec): RecommendSelection {
  const { spec, file } = loaded;
  const configs: CandidateConfig[] = [];
  const ratingCandidates: boolean[] = [];
  spec.select.candidates.forEach((c, ci) => {
    const path = `select.candidates[${ci}]`;
    let entry;
    try {
      entry = getRecommender(c.model);
    } catch {
      const known = listRecommenders().map((m) => m.name).sort();
      throw new SpecError(`${file}: ${path}.model: unknown model '${c.model}'${didYouMean(c.model, known)}; known recommenders: ${known.join(', ')}`, { file, path: `${path}.model`, known });
    }
    const search = spec.select.search;
    let settings: Record<string, unknown>[];
    try {
      settings = candidateSettings(file, ci, c, entry.defaults(), search.method === 'random' ? { sample: true, iterations: search.iterations, seed: search.seed } : { sample: false });
    } catch (e) {
      if (e instanceof SpecError) throw e;
      throw new SpecError(`${file}: ${path}.params: ${(e as Error).message}`, { file, path: `${path}.params` });
    }
    let rating = true;
    settings.forEach((params, k) => {
      try {
        rating = entry.create(params).feedback === 'rating' && rating;
      } catch (e) {
        const param = (e as TrainyardError).details?.param;
        const where = param ? `${path}.params.${String(param)}` : `${path}.params`;
        throw new SpecError(`${file}: ${where}: ${(e as Error).message}`, { file, path: where });
      }
      configs.push({ candidate: ci, config: k, model: c.model, params });
    });
    ratingCandidates.push(rating);
  });

  const allRating = ratingCandidates.every(Boolean);
  const k = spec.evaluate.k;
  const [selection] = resolveRecommendMetrics([spec.select.metric ?? (allRating ? 'rmse' : 'ndcg@10')], k, 'select.metric', file, true);
  const evaluate = spec.evaluate.metrics ? resolveRecommendMetrics(spec.evaluate.metrics, k, 'evaluate.metrics', file) : [selection];
  const check = (m: MetricRequest, where: string): void => {
    if (!m.rating) return;
    const ranking = spec.select.candidates.findIndex((_, ci) => !ratingCandidates[ci]);
    if (ranking >= 0) {
      const model = spec.select.candidates[ranking].model;
      throw new SpecError(`${file}: ${where}: '${m.name}' needs predicted ratings, but select.candidates[${ranking}] (${model}) only ranks items; use a ranking metric such as ndcg@10, or only rating models (biased_mf, baseline, ...)`, { file, path: where });
    }
    if (!spec.data.rating && spec.data.weight) {
      throw new SpecError(`${file}: ${where}: '${m.name}' compares predicted with true ratings, but data.weight makes this implicit feedback; use a ranking metric`, { file, path: where });
    }
  };
  check(selection, 'select.metric');
  evaluate.forEach((m, i) => check(m, spec.evaluate.metrics ? `evaluate.metrics[${i}]` : 'select.metric'));
  const taskMetrics = [selection, ...evaluate.filter((m) => m.name !== selection.name)];
  return { configs, ratingCandidates, selection, evaluate, taskMetrics };
}

export interface RecommendPlan {
  data: RecommendTaskData;
  /** `data` encoded once for workers; its sha256 is `datasetSha`. */
  snapshot: Buffer;
  datasetSha: string;
  folds: number;
  tasks: RecommendTask[];
}

/**
 * Every configuration × fold of `data` as plain-JSON tasks on one snapshot.
 *
 * @example
 * const plan = planRecommend(selection, { kind: 'interactions', interactions, folds }, 10, false);
 */
export function planRecommend(sel: RecommendSelection, data: RecommendTaskData, k: number, perUser: boolean, file = 'spec'): RecommendPlan {
  const sizes: number[] = [];
  for (const cfg of sel.configs) sizes[cfg.candidate] = (sizes[cfg.candidate] ?? 0) + 1;
  checkRunTasks(file, Array.from(sizes, (n) => n ?? 0), data.folds.length, `${data.folds.length} folds`);
  const { bytes, sha256 } = snapshotRecommendData(data);
  const tasks = sel.configs.flatMap((cfg) =>
    data.folds.map((_, fold): RecommendTask => ({
      kind: 'rec-fold',
      id: `c${cfg.candidate}.${cfg.config}/f${fold}`,
      dataset: sha256,
      candidate: cfg.candidate,
      config: cfg.config,
      model: cfg.model,
      params: cfg.params,
      fold,
      metrics: sel.taskMetrics.map((m) => m.name),
      selection: sel.selection.name,
      k,
      perUser,
    })),
  );
  return { data, snapshot: bytes, datasetSha: sha256, folds: data.folds.length, tasks };
}
