/**
 * Hold-out split. Stratified: each class contributes round(testFraction × its size) rows to the test
 * part (at least one row to each side for classes with two or more rows), chosen by a seeded shuffle.
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { complement, indicesByClass, sortedIndices, type Fold } from './splitter.js';

export interface TrainTestSplitOptions {
  /** Fraction of rows in the test part, in (0, 1). Default 0.2. */
  testFraction?: number;
  /** Class labels to stratify by; omit for a plain random split. */
  stratify?: ArrayLike<number>;
  seed?: number;
}

export function trainTestSplit(n: number, options: TrainTestSplitOptions = {}): Fold {
  const fraction = options.testFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) {
    throw new InvalidParamError(`split.test must be a fraction between 0 and 1 (exclusive), got ${fraction}`, { param: 'test', value: fraction });
  }
  const rng = new Rng(options.seed ?? 0);
  let test: Int32Array;
  if (options.stratify) {
    const picked: number[] = [];
    for (const rows of indicesByClass(options.stratify).values()) {
      rng.shuffle(rows);
      let take = Math.round(rows.length * fraction);
      if (rows.length >= 2) take = Math.min(Math.max(take, 1), rows.length - 1);
      // A loop, not `push(...rows)`: spreading a class of millions of rows into a call overflows the stack.
      for (let i = 0; i < take; i++) picked.push(rows[i]);
    }
    test = sortedIndices(picked);
  } else {
    const size = Math.round(n * fraction);
    test = sortedIndices(rng.permutation(n).subarray(0, size));
  }
  if (test.length === 0 || test.length === n) {
    throw new DataError(`a ${fraction} test split of ${n} rows leaves one side empty; use more data or another split.test`);
  }
  return { train: complement(n, test), test };
}
