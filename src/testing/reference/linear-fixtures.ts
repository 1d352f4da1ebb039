/**
 * Loader for the scikit-learn reference fits in `fixtures/linear/` (written by
 * `fixtures/linear/generate.py`): exact fits on small synthetic sets (`reference.json`) and held-out
 * figures on real data sets over trainyard's own split (`quality.json`, `splits.json`). Tests only.
 */
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../paths.js';

/** A small train/test set. */
export interface FixtureData {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
}

/** One sklearn fit on a fixture data set (regression: coef is flat and intercept a number). */
export interface FixtureCase {
  data: string;
  params: Record<string, unknown>;
  coef: number[] | number[][];
  intercept: number | number[];
  predict: number[];
  n_iter?: number;
  classes?: number[];
  decision?: number[][];
  objective?: number;
}

interface RawData {
  Xtrain: number[][];
  ytrain: number[];
  Xtest: number[][];
  ytest: number[];
}

let reference: { datasets: Record<string, RawData>; cases: Record<string, FixtureCase> } | undefined;

/** The reference cases whose name starts with `prefix`, with their data sets. */
export function fixtureCases(prefix: string): { name: string; ref: FixtureCase; data: FixtureData }[] {
  reference ??= JSON.parse(readFileSync(fixturePath('linear', 'reference.json'), 'utf8'));
  const doc = reference!;
  return Object.entries(doc.cases)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, ref]) => {
      const raw = doc.datasets[ref.data];
      return {
        name,
        ref,
        data: { Xtrain: Matrix.fromRows(raw.Xtrain), ytrain: Float64Array.from(raw.ytrain), Xtest: Matrix.fromRows(raw.Xtest), ytest: Float64Array.from(raw.ytest) },
      };
    });
}

/** Held-out figures of scikit-learn on the real data sets (see generate.py). */
export function qualityFixture(): any {
  return JSON.parse(readFileSync(fixturePath('linear', 'quality.json'), 'utf8'));
}

/** The split indices generate.py used (written by dump-splits.mjs from trainyard's trainTestSplit). */
export function splitFixture(): { kcHouse: { rows: number; test: number[] }; shoppers: { rows: number; test: number[] } } {
  return JSON.parse(readFileSync(fixturePath('linear', 'splits.json'), 'utf8'));
}

/** Largest |a − b| / max(largest |b|, floor). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  let diff = 0, scale = floor;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Coefficient of determination of `pred` for `y`. */
export function r2Score(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let res = 0, tot = 0;
  for (let i = 0; i < y.length; i++) {
    res += (y[i] - pred[i]) ** 2;
    tot += (y[i] - mean) ** 2;
  }
  return 1 - res / tot;
}
