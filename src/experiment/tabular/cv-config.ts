/**
 * The cross-validation scheme of a run, normalised from `select.cv` (a fold count or a splitter
 * object) and carried in every task so that any worker rebuilds exactly the same folds.
 */
import { DataError } from '../../core/errors.js';
import { GroupKFold } from '../../selection/group-k-fold.js';
import { KFold } from '../../selection/k-fold.js';
import { RepeatedKFold } from '../../selection/repeated-k-fold.js';
import { StratifiedKFold } from '../../selection/stratified-k-fold.js';
import type { Fold } from '../../selection/splitter.js';
import { TimeSeriesSplit } from '../../selection/time-series-split.js';
import type { Dataset } from './dataset.js';
import type { ExperimentSpec } from '../spec/spec.js';
import type { TaskKind } from './target.js';

export interface CvConfig {
  method: 'kfold' | 'stratified_kfold' | 'group_kfold' | 'repeated_kfold' | 'time_series';
  folds: number;
  repeats: number;
  gap: number;
  seed: number;
  /** Column whose values are the groups (group_kfold); kept out of the features. */
  groups?: string;
}

export function cvConfig(spec: ExperimentSpec, task: TaskKind): CvConfig {
  const cv = spec.select.cv;
  const seed = spec.select.seed ?? spec.split.seed;
  const byDefault = task === 'regression' ? 'kfold' : 'stratified_kfold';
  if (typeof cv === 'number') return { method: byDefault, folds: cv, repeats: 1, gap: 0, seed };
  return { method: cv.method, folds: cv.folds, repeats: cv.method === 'repeated_kfold' ? cv.repeats : 1, gap: cv.gap, seed: cv.seed ?? seed, groups: cv.groups };
}

/** Number of (train, validation) folds the scheme produces. */
export function foldCount(cfg: CvConfig): number {
  return cfg.folds * cfg.repeats;
}

export function cvFolds(ds: Dataset, cfg: CvConfig): Fold[] {
  const n = ds.y.length;
  const stratify = ds.task !== 'regression';
  switch (cfg.method) {
    case 'kfold':
      return new KFold({ k: cfg.folds, seed: cfg.seed }).split(n);
    case 'stratified_kfold':
      return new StratifiedKFold({ k: cfg.folds, seed: cfg.seed }).split(n, ds.y);
    case 'repeated_kfold':
      return new RepeatedKFold({ k: cfg.folds, repeats: cfg.repeats, seed: cfg.seed, stratify }).split(n, ds.y);
    case 'time_series':
      return new TimeSeriesSplit({ k: cfg.folds, gap: cfg.gap }).split(n);
    case 'group_kfold':
      if (!ds.groups) throw new DataError('group_kfold needs select.cv.groups naming the group column');
      return new GroupKFold(ds.groups, { k: cfg.folds }).split(n);
  }
}

/**
 * Report notes for the feature columns that have values in the training part but none in the
 * training rows of some CV folds: preprocessing drops such a column in those folds (a column with no
 * value to learn from is dropped like a constant one), and the report should say so. Columns empty
 * in the whole training part are left to the refit's note.
 */
export function foldDropNotes(ds: Dataset, cfg: CvConfig): string[] {
  const folds = cvFolds(ds, cfg);
  const notes: string[] = [];
  for (const c of ds.features.columns) {
    const has = (i: number) => (c.kind === 'numeric' ? !Number.isNaN(c.values[i]) : c.codes[i] >= 0);
    let any = false;
    for (let i = 0; i < ds.y.length && !any; i++) any = has(i);
    if (!any) continue;
    const empty: number[] = [];
    folds.forEach((f, k) => {
      for (let j = 0; j < f.train.length; j++) if (has(f.train[j])) return;
      empty.push(k + 1);
    });
    if (empty.length) {
      notes.push(
        `column '${c.name}' has no values in the training rows of CV fold${empty.length > 1 ? 's' : ''} ${empty.join(', ')} (of ${folds.length}); ` +
          `${empty.length > 1 ? 'those folds' : 'that fold'} dropped it like a constant column`,
      );
    }
  }
  return notes;
}
