/**
 * Turns the spec's candidates into the task list of model selection: every configuration of every
 * candidate's parameter grid × every CV fold. Model names, parameter names and metric names are
 * checked here, before any work starts, so a typo fails in milliseconds with its key path.
 */
import { didYouMean } from '../../core/did-you-mean.js';
import { SpecError, TrainyardError } from '../../core/errors.js';
import { metricDirection, SPEC_METRIC_KEYS } from '../../metrics/index.js';
import { getModel, listModels } from '../../models/registry.js';
import type { CandidateConfig } from '../run/fold-task.js';
import { candidateSettings, candidateSize, checkRunTasks, type SearchSampling } from '../run/search-size.js';
import { cvConfig, foldCount } from './cv-config.js';
import type { CvTask } from './cv-task.js';
import { snapshotDataset, type Dataset } from './dataset.js';
import type { LoadedSpec } from '../spec/spec.js';

export interface CvPlan {
  /** The data the tasks run on (stays in this process; tasks name it by `datasetSha`). */
  dataset: Dataset;
  /** `dataset` encoded (once) for workers; its sha256 is `datasetSha`. */
  snapshot: Buffer;
  datasetSha: string;
  /** Folds per configuration. */
  folds: number;
  configs: CandidateConfig[];
  /** Every configuration × fold (one round of grid or random search). */
  tasks: CvTask[];
  /** Tasks for some configurations, optionally at a successive-halving round's resource value. */
  makeTasks(configs: CandidateConfig[], round?: { index: number; param: string; value: number }): CvTask[];
  /** Result key of the selection metric (e.g. `f1`, `rocAuc`). */
  metricKey: string;
  direction: 'max' | 'min';
}

const CLASSIFICATION_ONLY = new Set(['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'rocAuc', 'averagePrecision', 'logLoss', 'mcc', 'brier', 'confusionMatrix', 'f1Macro', 'f1Micro', 'f1Weighted', 'precisionMacro', 'recallMacro']);

/** The result key of metric `name` as a spec writes it (`roc_auc` → `rocAuc`); E_SPEC naming the closest known name otherwise. */
function metricKeyOf(name: string, path: string, file: string): string {
  const key = Object.hasOwn(SPEC_METRIC_KEYS, name) ? SPEC_METRIC_KEYS[name] : undefined;
  if (key) return key;
  const known = Object.keys(SPEC_METRIC_KEYS);
  throw new SpecError(`${file}: ${path}: unknown metric '${name}'${didYouMean(name, known)}; known metrics: ${known.join(', ')}`, { file, path });
}

export function resolveMetric(name: string, path: string, file: string, task: string): string {
  const key = metricKeyOf(name, path, file);
  if ((task === 'regression') === CLASSIFICATION_ONLY.has(key)) {
    throw new SpecError(`${file}: ${path}: metric '${name}' does not apply to a ${task} task`, { file, path });
  }
  return key;
}

function modelEntry(file: string, ci: number, model: string): ReturnType<typeof getModel> {
  try {
    return getModel(model);
  } catch {
    const path = `select.candidates[${ci}].model`;
    const known = listModels().map((m) => m.name);
    throw new SpecError(`${file}: ${path}: unknown model '${model}'${didYouMean(model, known)}; known models: ${known.join(', ')}`, { file, path });
  }
}

function sampling(spec: LoadedSpec['spec']): SearchSampling {
  const search = spec.select.search;
  return search.method === 'random' || (search.method === 'halving' && search.sample) ? { sample: true, iterations: search.iterations, seed: search.seed } : { sample: false };
}

/**
 * Checks what the spec alone decides, before any data is read, so that a typo or a search too large to
 * run fails in milliseconds rather than after the load: model names, each candidate's parameter names,
 * metric names, and the search's size (grid sizes and the run's task count, counted rather than
 * expanded: see ../run/search-size.ts). Whether a metric fits the task waits for the data.
 *
 * @example checkSpecBeforeLoad(loadSpec('spec.yaml')); // E_SPEC for a grid of 10⁷ configurations
 */
export function checkSpecBeforeLoad(loaded: LoadedSpec): void {
  const { spec, file } = loaded;
  if (spec.select.metric !== undefined) metricKeyOf(spec.select.metric, 'select.metric', file);
  (spec.evaluate.metrics ?? []).forEach((m, i) => metricKeyOf(m, `evaluate.metrics[${i}]`, file));
  const sizes = spec.select.candidates.map((c, ci) => {
    const defaults = modelEntry(file, ci, c.model).defaults();
    const size = candidateSize(file, ci, c, defaults, sampling(spec));
    for (const key of Object.keys(c.params ?? {})) {
      if (Object.hasOwn(defaults, key)) continue;
      const path = `select.candidates[${ci}].params.${key}`;
      const valid = Object.keys(defaults);
      throw new SpecError(`${file}: ${path}: unknown parameter '${key}' of ${c.model}${didYouMean(key, valid)}; valid parameters: ${valid.join(', ')}`, { file, path, model: c.model, valid });
    }
    return size;
  });
  // Fold count does not depend on the task (binary, multiclass or regression), only the splitter does.
  const folds = foldCount(cvConfig(spec, 'binary'));
  const outer = spec.select.nested?.folds ?? 0;
  checkRunTasks(file, sizes, folds * (1 + outer), outer ? `${folds} folds × (1 + ${outer} nested outer folds)` : `${folds} folds`);
}

export function planCv(loaded: LoadedSpec, train: Dataset, idPrefix = ''): CvPlan {
  const { spec, file } = loaded;
  const task = train.task;
  const metricKey = resolveMetric(spec.select.metric ?? (task === 'regression' ? 'r2' : 'accuracy'), 'select.metric', file, task);
  if (metricKey === 'confusionMatrix') throw new SpecError(`${file}: select.metric: confusion_matrix is not a score; choose e.g. f1`, { file, path: 'select.metric' });
  (spec.evaluate.metrics ?? []).forEach((m, i) => resolveMetric(m, `evaluate.metrics[${i}]`, file, task));

  checkSpecBeforeLoad(loaded);
  const configs: CandidateConfig[] = [];
  spec.select.candidates.forEach((c, ci) => {
    const path = `select.candidates[${ci}]`;
    const entry = modelEntry(file, ci, c.model);
    if ((entry.task === 'regression') !== (task === 'regression')) {
      throw new SpecError(`${file}: ${path}.model: '${c.model}' is a ${entry.task} model but the target makes this a ${task} task`, { file, path: `${path}.model` });
    }
    const settings = candidateSettings(file, ci, c, entry.defaults(), sampling(spec));
    settings.forEach((params, k) => {
      try {
        entry.create(params);
      } catch (e) {
        const param = (e as TrainyardError).details?.param;
        const where = param ? `${path}.params.${String(param)}` : `${path}.params`;
        throw new SpecError(`${file}: ${where}: ${(e as Error).message}`, { file, path: where });
      }
      configs.push({ candidate: ci, config: k, model: c.model, params });
    });
  });

  const { sha256, bytes } = snapshotDataset(train);
  const cv = cvConfig(spec, task);
  const makeTasks = (chosen: CandidateConfig[], round?: { index: number; param: string; value: number }): CvTask[] =>
    chosen.flatMap((cfg) =>
      Array.from({ length: foldCount(cv) }, (_, fold): CvTask => ({
        kind: 'cv-fold',
        id: `${idPrefix}${round ? `r${round.index}/` : ''}c${cfg.candidate}.${cfg.config}/f${fold}`,
        dataset: sha256,
        candidate: cfg.candidate,
        config: cfg.config,
        model: cfg.model,
        params: round ? { ...cfg.params, [round.param]: round.value } : cfg.params,
        preprocess: spec.preprocess,
        fold,
        cv,
        metric: metricKey,
      })),
    );
  return { dataset: train, snapshot: bytes, datasetSha: sha256, folds: foldCount(cv), configs, tasks: makeTasks(configs), makeTasks, metricKey, direction: metricDirection(metricKey) };
}
