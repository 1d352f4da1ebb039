/**
 * Nested cross-validation (Varma & Simon 2006; scikit-learn's "nested versus non-nested CV"): the
 * CV score of the best candidate is optimistically biased, because the same folds chose it. An outer
 * k-fold around the whole selection procedure — search on the outer-training rows, refit the winner
 * there, score it on the outer-held-out rows — estimates what the procedure itself delivers.
 * Inner tasks go through the same executor, with ids prefixed by their outer fold.
 */
import { DataError } from '../../core/errors.js';
import type { NestedCvResult } from '../../report/report-data.js';
import { KFold } from '../../selection/k-fold.js';
import { StratifiedKFold } from '../../selection/stratified-k-fold.js';
import { takeDataset, type Dataset } from './dataset.js';
import { fitCandidate, predictDataset, scorePredictions } from './fit-candidate.js';
import { planCv } from './plan.js';
import { runSearch, type ExecuteBatch } from './search-scheduler.js';
import type { LoadedSpec } from '../spec/spec.js';

export async function runNestedCv(loaded: LoadedSpec, train: Dataset, folds: number, execute: ExecuteBatch): Promise<NestedCvResult> {
  const seed = loaded.spec.select.seed ?? loaded.spec.split.seed;
  // A different stream from the inner folds', so outer and inner splits are not aligned.
  const outer =
    train.task === 'regression'
      ? new KFold({ k: folds, seed: seed + 7919 }).split(train.y.length)
      : new StratifiedKFold({ k: folds, seed: seed + 7919 }).split(train.y.length, train.y);
  const scores: number[] = [];
  const bestPerFold: NestedCvResult['bestPerFold'] = [];
  for (let k = 0; k < outer.length; k++) {
    const inner = takeDataset(train, outer[k].train);
    const held = takeDataset(train, outer[k].test);
    const plan = planCv(loaded, inner, `o${k}/`);
    const best = (await runSearch(plan, loaded.spec, loaded.file, (p, tasks, label) => execute(p, tasks, `outer fold ${k + 1}/${folds}: ${label}`))).rows[0];
    const fitted = fitCandidate(inner, loaded.spec.preprocess, best.model, best.params);
    const score = scorePredictions(held, predictDataset(fitted, held), [plan.metricKey])[plan.metricKey];
    if (typeof score !== 'number') throw new DataError(`nested CV: metric '${plan.metricKey}' is not available on outer fold ${k}`);
    scores.push(score);
    bestPerFold.push({ model: best.model, params: best.params });
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  return { folds, scores, mean, std, bestPerFold };
}
