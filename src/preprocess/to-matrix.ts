/**
 * The hand-off from preprocessing to models: a frame of numeric columns becomes the row-major `Matrix`
 * every estimator takes, with the column names as feature names. Anything a model cannot take is an
 * `E_DATA` error that says which column and what to do: a categorical column left unencoded, or a
 * missing / infinite value left unimputed.
 */
import { DataError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { Matrix } from '../core/matrix.js';

export interface ToMatrixOptions {
  /** Let NaN through (for models that handle missing values themselves). Default false. */
  allowNaN?: boolean;
}

/** Packs a numeric frame into a `Matrix` (row-major); `featureNames[j]` names column `j`. */
export function toMatrix(frame: Frame, options: ToMatrixOptions = {}): { X: Matrix; featureNames: string[] } {
  const d = frame.columns.length;
  if (d === 0) {
    throw new DataError(`${frame.origin}: no feature columns are left after preprocessing; check preprocess.drop and the column types`, { origin: frame.origin });
  }
  const n = frame.nRows;
  const X = new Matrix(n, d);
  const data = X.data;
  for (let j = 0; j < d; j++) {
    const c = frame.columns[j];
    if (c.kind !== 'numeric') {
      throw new DataError(`${frame.origin}: column '${c.name}' is ${c.type} (not numeric) after preprocessing; encode it (preprocess.categorical) or drop it`, {
        origin: frame.origin,
        column: c.name,
        type: c.type,
      });
    }
    const v = c.values;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      // One comparison covers NaN and ±Infinity on the hot path (x - x is NaN exactly for those).
      if (x - x !== 0 && !(options.allowNaN && Number.isNaN(x))) throw badValue(frame.origin, c.name, i, x);
      data[i * d + j] = x;
    }
  }
  return { X, featureNames: frame.names };
}

function badValue(origin: string, column: string, row: number, x: number): DataError {
  const what = Number.isNaN(x) ? 'a missing value (NaN)' : `an infinite value (${x})`;
  const todo = Number.isNaN(x) ? 'impute it (preprocess.numeric.impute / categorical.impute) or drop the column' : 'clip it (preprocess.numeric.clip) or fix the source';
  // `row` counts from 0 in this frame (often a subset of the file): callers that know the file's rows
  // translate it (experiment/tabular/locate-data-error.ts); `stage` marks the error as this check's.
  return new DataError(`${origin}: column '${column}' has ${what} at row ${row} after preprocessing; ${todo}`, { origin, column, row, value: String(x), stage: 'toMatrix' });
}
