/**
 * Loader for the scikit-learn reference fits in `fixtures/models/linear-reference.json`
 * (written by `fixtures/models/generate.py`). Used by the linear models' tests only.
 */
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';

/** One sklearn fit: its params (in trainyard's names) and outputs on the data set's test rows. */
export interface ReferenceCase {
  params: Record<string, unknown>;
  coef: number[][];
  intercept: number[];
  classes: number[];
  predict: number[];
  decision: number[][];
  proba?: number[][];
  accuracy: number;
  auc: number | null;
  optimum?: { coef: number[][]; intercept: number[]; proba: number[][] };
  default_accuracy: number;
}

/** A train/test split from `make_classification`. */
export interface ReferenceData {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
}

interface RawDoc {
  datasets: Record<string, { Xtrain: number[][]; ytrain: number[]; Xtest: number[][]; ytest: number[] }>;
  logistic_regression: Record<string, ReferenceCase>;
  linear_svm: Record<string, ReferenceCase>;
}

let cache: RawDoc | undefined;

function doc(): RawDoc {
  // dist/testing/reference/ → ../../../fixtures (dist depth = src depth).
  cache ??= JSON.parse(readFileSync(new URL('../../../fixtures/models/linear-reference.json', import.meta.url), 'utf8')) as RawDoc;
  return cache;
}

/** The reference cases of one model family, with the data set each case was fitted on. */
export function referenceCases(family: 'logistic_regression' | 'linear_svm'): { name: string; data: ReferenceData; ref: ReferenceCase }[] {
  const d = doc();
  return Object.entries(d[family]).map(([name, ref]) => {
    const raw = d.datasets[name.split('_')[0]];
    const data = {
      Xtrain: Matrix.fromRows(raw.Xtrain),
      ytrain: Float64Array.from(raw.ytrain),
      Xtest: Matrix.fromRows(raw.Xtest),
      ytest: Float64Array.from(raw.ytest),
    };
    return { name, data, ref };
  });
}

/** Largest |a − b| divided by the largest |b|. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-300);
}

/** Largest |a − b|. */
export function maxAbsoluteError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  for (let i = 0; i < b.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  return diff;
}

/** ROC AUC of `score` for `positive` (Mann–Whitney U with tie correction); enough for tests. */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>, positive: number): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0, nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]] === score[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (y[idx[t]] === positive) { rankSumPos += rank; nPos++; }
    i = j + 1;
  }
  const nNeg = y.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Fraction of equal entries. */
export function accuracy(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
