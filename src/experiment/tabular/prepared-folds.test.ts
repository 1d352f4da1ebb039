import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame } from '../../core/frame.js';
import { Rng } from '../../core/rng.js';
import type { PreprocessSpec } from '../../preprocess/index.js';
import { cvFolds, type CvConfig } from './cv-config.js';
import { runCvTask, type CvTask } from './cv-task.js';
import { takeDataset, type Dataset } from './dataset.js';
import { fitCandidate, predictDataset, scorePredictions } from './fit-candidate.js';
import { preparedFold } from './prepared-folds.js';

const rng = new Rng(3);
const n = 300;
const visits = Float64Array.from({ length: n }, () => (rng.random() < 0.1 ? NaN : rng.int(30)));
const channel = Int32Array.from({ length: n }, () => rng.int(3));
const y = Float64Array.from({ length: n }, (_, i) => ((visits[i] || 0) / 10 + channel[i] + rng.normal() > 2.5 ? 1 : 0));
const ds: Dataset = {
  features: new Frame(
    [
      { kind: 'numeric', name: 'visits', type: 'numeric', values: visits },
      { kind: 'dict', name: 'channel', type: 'categorical', codes: channel, dictionary: ['ads', 'mail', 'search'] },
    ],
    'events.csv',
  ),
  y,
  task: 'binary',
  classes: ['0', '1'],
};
const cv: CvConfig = { method: 'stratified_kfold', folds: 4, repeats: 1, gap: 0, seed: 7 };
const preprocess: PreprocessSpec = { numeric: { impute: 'median', scale: 'standard' } };

function task(fold: number, C: number): CvTask {
  return { kind: 'cv-fold', id: `c${C}/f${fold}`, dataset: 'sha-of-events', candidate: 0, config: 0, model: 'logistic_regression', params: { C }, fold, preprocess, cv, metric: 'rocAuc' };
}

test('a fold is preprocessed once per process and shared by the candidates fitted on it', () => {
  const a = preparedFold(ds, task(1, 1));
  assert.equal(preparedFold(ds, task(1, 0.1)), a);
  assert.notEqual(preparedFold(ds, task(2, 1)), a);
  assert.notEqual(preparedFold(ds, { ...task(1, 1), preprocess: { numeric: { impute: 'median', scale: 'minmax' } } }), a);
});

test('tasks on prepared folds score exactly as a candidate fitted from the raw fold rows', () => {
  const folds = cvFolds(ds, cv);
  for (const C of [0.01, 1]) {
    for (let fold = 0; fold < folds.length; fold++) {
      const fitted = fitCandidate(takeDataset(ds, folds[fold].train), preprocess, 'logistic_regression', { C });
      const validation = takeDataset(ds, folds[fold].test);
      const expected = scorePredictions(validation, predictDataset(fitted, validation)).rocAuc;
      assert.equal(runCvTask(task(fold, C), ds).score, expected);
    }
  }
});
