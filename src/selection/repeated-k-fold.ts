/**
 * Repeated (stratified) k-fold: the same splitter run `repeats` times with different seeds, for
 * tighter estimates on small data. Repeat r uses seed `Rng`-derived from (seed, r).
 */
import { InvalidParamError } from '../core/errors.js';
import { KFold } from './k-fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';
import type { Fold, Splitter } from './splitter.js';

export interface RepeatedKFoldOptions {
  k?: number;
  /** Number of repetitions, >= 1. Default 3. */
  repeats?: number;
  seed?: number;
  /** Keep class proportions in each fold (needs `y`). Default false. */
  stratify?: boolean;
}

export class RepeatedKFold implements Splitter {
  readonly k: number;
  readonly repeats: number;
  readonly seed: number;
  readonly stratify: boolean;

  constructor(options: RepeatedKFoldOptions = {}) {
    this.k = options.k ?? 5;
    this.repeats = options.repeats ?? 3;
    this.seed = options.seed ?? 0;
    this.stratify = options.stratify ?? false;
  }

  split(n: number, y?: ArrayLike<number>): Fold[] {
    if (!Number.isInteger(this.repeats) || this.repeats < 1) {
      throw new InvalidParamError(`RepeatedKFold: repeats must be an integer >= 1, got ${this.repeats}`, { param: 'repeats', value: this.repeats });
    }
    const folds: Fold[] = [];
    for (let r = 0; r < this.repeats; r++) {
      const seed = (this.seed * 1000003 + r * 7919) >>> 0;
      const inner = this.stratify ? new StratifiedKFold({ k: this.k, seed }) : new KFold({ k: this.k, seed });
      folds.push(...inner.split(n, y));
    }
    return folds;
  }
}
