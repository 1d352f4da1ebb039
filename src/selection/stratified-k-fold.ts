/**
 * Stratified k-fold: each fold keeps the class proportions of `y`. Rows of each class are shuffled
 * and dealt round-robin over the folds, continuing where the previous class stopped, so fold sizes
 * differ by at most one row overall (the balance scikit-learn's StratifiedKFold aims for).
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { complement, indicesByClass, sortedIndices, type Fold, type Splitter } from './splitter.js';

export interface StratifiedKFoldOptions {
  /** Number of folds, >= 2. Default 5. */
  k?: number;
  /** Seed for the per-class shuffle. Default 0. */
  seed?: number;
}

export class StratifiedKFold implements Splitter {
  readonly k: number;
  readonly seed: number;

  constructor(options: StratifiedKFoldOptions = {}) {
    this.k = options.k ?? 5;
    this.seed = options.seed ?? 0;
  }

  split(n: number, y?: ArrayLike<number>): Fold[] {
    if (!y || y.length !== n) throw new DataError('StratifiedKFold needs one class label per row');
    if (!Number.isInteger(this.k) || this.k < 2) {
      throw new InvalidParamError(`StratifiedKFold: k must be an integer >= 2, got ${this.k}`, { param: 'k', value: this.k });
    }
    const byClass = indicesByClass(y);
    let smallest = Infinity;
    for (const rows of byClass.values()) smallest = Math.min(smallest, rows.length);
    if (smallest < this.k) {
      throw new DataError(
        `cannot make ${this.k} stratified folds: the smallest class has only ${smallest} rows; lower select.cv or collect more data`,
        { k: this.k, smallestClass: smallest },
      );
    }
    const rng = new Rng(this.seed);
    const parts: number[][] = Array.from({ length: this.k }, () => []);
    let next = 0;
    for (const rows of byClass.values()) {
      rng.shuffle(rows);
      for (const r of rows) {
        parts[next].push(r);
        next = (next + 1) % this.k;
      }
    }
    return parts.map((p) => {
      const test = sortedIndices(p);
      return { train: complement(n, test), test };
    });
  }
}
