/**
 * Group k-fold (scikit-learn's GroupKFold): rows of one group never straddle train and test. Groups
 * are dealt largest first to the fold with the fewest rows so far (ties → lowest fold), which
 * balances fold sizes without randomness.
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import { complement, sortedIndices, type Fold, type Splitter } from './splitter.js';

export interface GroupKFoldOptions {
  /** Number of folds, >= 2 and <= the number of groups. Default 5. */
  k?: number;
}

export class GroupKFold implements Splitter {
  readonly k: number;
  private readonly groups: ArrayLike<number>;

  /** `groups`: one group id per row (e.g. user id codes). */
  constructor(groups: ArrayLike<number>, options: GroupKFoldOptions = {}) {
    this.groups = groups;
    this.k = options.k ?? 5;
  }

  split(n: number): Fold[] {
    if (this.groups.length !== n) throw new DataError(`GroupKFold: ${this.groups.length} group ids for ${n} rows; give one per row`);
    const members = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = this.groups[i];
      const list = members.get(g);
      if (list) list.push(i);
      else members.set(g, [i]);
    }
    if (!Number.isInteger(this.k) || this.k < 2 || this.k > members.size) {
      throw new InvalidParamError(`GroupKFold: k must be an integer from 2 to the number of groups (${members.size}), got ${this.k}`, { param: 'k', value: this.k });
    }
    const order = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    const parts: number[][] = Array.from({ length: this.k }, () => []);
    for (const [, rows] of order) {
      let smallest = 0;
      for (let f = 1; f < this.k; f++) if (parts[f].length < parts[smallest].length) smallest = f;
      const part = parts[smallest];
      for (const r of rows) part.push(r); // not `push(...rows)`: a group of millions of rows overflows the stack
    }
    return parts.map((p) => {
      const test = sortedIndices(p);
      return { train: complement(n, test), test };
    });
  }
}
