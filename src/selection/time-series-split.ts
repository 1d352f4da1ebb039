/**
 * Time-series split (scikit-learn's TimeSeriesSplit): rows are in time order; fold i trains on
 * everything before its test block (expanding window), optionally leaving a `gap` of rows between.
 * Never shuffles: the future must not leak into training.
 */
import { InvalidParamError } from '../core/errors.js';
import type { Fold, Splitter } from './splitter.js';

export interface TimeSeriesSplitOptions {
  /** Number of splits, >= 2. Default 5. */
  k?: number;
  /** Rows per test block. Default n / (k + 1). */
  testSize?: number;
  /** Rows dropped between the end of training and the test block. Default 0. */
  gap?: number;
  /** Cap on training rows (a sliding instead of an expanding window). */
  maxTrainSize?: number;
}

export class TimeSeriesSplit implements Splitter {
  constructor(private readonly o: TimeSeriesSplitOptions = {}) {}

  split(n: number): Fold[] {
    const k = this.o.k ?? 5;
    const gap = this.o.gap ?? 0;
    const testSize = this.o.testSize ?? Math.floor(n / (k + 1));
    if (!Number.isInteger(k) || k < 2) throw new InvalidParamError(`TimeSeriesSplit: k must be an integer >= 2, got ${k}`, { param: 'k', value: k });
    if (testSize < 1 || n - gap - testSize * k < 1) {
      throw new InvalidParamError(`TimeSeriesSplit: ${n} rows are too few for ${k} splits of ${testSize} test rows with gap ${gap}; lower k or testSize`, { param: 'k', value: k });
    }
    const folds: Fold[] = [];
    for (let i = 0; i < k; i++) {
      const testStart = n - (k - i) * testSize;
      const trainEnd = testStart - gap;
      const trainStart = this.o.maxTrainSize ? Math.max(0, trainEnd - this.o.maxTrainSize) : 0;
      folds.push({
        train: Int32Array.from({ length: trainEnd - trainStart }, (_, j) => trainStart + j),
        test: Int32Array.from({ length: testSize }, (_, j) => testStart + j),
      });
    }
    return folds;
  }
}
