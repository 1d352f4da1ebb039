/** K-fold cross-validation (scikit-learn's KFold): the first n % k folds get one extra row. */
import { InvalidParamError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { complement, sortedIndices, type Fold, type Splitter } from './splitter.js';

export interface KFoldOptions {
  /** Number of folds, >= 2. Default 5. */
  k?: number;
  /** Shuffle rows before cutting folds. Default true. */
  shuffle?: boolean;
  /** Seed for the shuffle. Default 0. */
  seed?: number;
}

export class KFold implements Splitter {
  readonly k: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: KFoldOptions = {}) {
    this.k = options.k ?? 5;
    this.shuffle = options.shuffle ?? true;
    this.seed = options.seed ?? 0;
  }

  split(n: number): Fold[] {
    if (!Number.isInteger(this.k) || this.k < 2 || this.k > n) {
      throw new InvalidParamError(`KFold: k must be an integer from 2 to the number of rows (${n}), got ${this.k}`, { param: 'k', value: this.k });
    }
    const order = this.shuffle ? new Rng(this.seed).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    const folds: Fold[] = [];
    let start = 0;
    for (let f = 0; f < this.k; f++) {
      const size = Math.floor(n / this.k) + (f < n % this.k ? 1 : 0);
      const test = sortedIndices(order.subarray(start, start + size));
      folds.push({ train: complement(n, test), test });
      start += size;
    }
    return folds;
  }
}
