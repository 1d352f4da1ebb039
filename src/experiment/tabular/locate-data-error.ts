/**
 * Data errors as the user counts: the layers below see frames and arrays (a fold's rows, 0-based), so
 * their errors name a row of that frame; this file-facing layer knows which file row each one is and
 * rewrites the message to name the file, the column, the row (data rows counted from 1, the header not
 * counted — as the CSV loader's messages do) and the value as it is in the file.
 *
 * - `toMatrix`'s "missing/infinite value after preprocessing": the first missing or infinite value of
 *   that column in the file (an `inf` a scaler turned into NaN is reported as the `inf` it was);
 * - metric input checks (`rocAucScore: scores has a non-finite value at row 0`): the score or
 *   prediction column and row of the predictions file.
 */
import { DataError, TrainyardError } from '../../core/errors.js';
import type { Frame } from '../../core/frame.js';

/** A row of the file (1-based data row) for each row of the frame, or `null` when they cannot be told. */
export type RowNumbers = ((row: number) => number) | null;

/** How a non-finite number is shown: as the file would spell it. */
function show(v: number): string {
  return Number.isNaN(v) ? 'a missing value (an empty cell or NaN)' : `an infinite value (${v > 0 ? 'inf' : '-inf'})`;
}

/** Is `err` toMatrix's "left after preprocessing" error? */
function isToMatrixError(err: unknown): err is TrainyardError & { details: { column: string; row: number; value: string } } {
  return err instanceof TrainyardError && err.code === 'E_DATA' && err.details.stage === 'toMatrix' && typeof err.details.column === 'string';
}

/**
 * Rewrites toMatrix's error for data from `file`: `frames` are the parts of the file's data (e.g. train
 * and test) and `rowNumbers[k]` maps a row of `frames[k]` to its 1-based row in the file. Other errors
 * pass through unchanged.
 *
 * @example
 * catch (e) { throw locatePreprocessedValue(e, input, [frame], [(i) => i + 1]) }
 */
export function locatePreprocessedValue(err: unknown, file: string, frames: Frame[], rowNumbers: RowNumbers[]): unknown {
  if (!isToMatrixError(err)) return err;
  const { column, value } = err.details;
  const todo = value === 'NaN' ? 'impute it (preprocess.numeric.impute / categorical.impute), drop the column, or fill the cell' : 'clip it (preprocess.numeric.clip) or fix the value in the file';
  // The first non-finite value of that column in the file, as it is in the file.
  let best: { row: number; raw: number } | undefined;
  let count = 0;
  frames.forEach((frame, k) => {
    const map = rowNumbers[k];
    if (!frame.has(column) || !map) return;
    const c = frame.column(column);
    if (c.kind !== 'numeric') return;
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      // A NaN after preprocessing comes from a missing or an infinite cell; an infinity from an infinite one.
      if (v - v === 0 || (value !== 'NaN' && Number.isNaN(v))) continue;
      count++;
      const row = map(i);
      if (!best || row < best.row) best = { row, raw: v };
    }
  });
  if (!best) {
    // A column made by preprocessing (an encoding): no file cell to point at.
    const what = value === 'NaN' ? 'a missing value (NaN)' : `an infinite value (${value})`;
    return new DataError(`${file}: column '${column}' has ${what} after preprocessing; ${todo}`, { file, column, value });
  }
  const more = count > 1 ? ` (${count} such cells; the first is shown)` : '';
  const rawTodo = Number.isNaN(best.raw) ? 'impute it (preprocess.numeric.impute / categorical.impute), drop the column, or fill the cell' : 'clip it (preprocess.numeric.clip) or fix the value in the file';
  return new DataError(`${file}: column '${column}', row ${best.row}: ${show(best.raw)} the model cannot take${more}; ${rawTodo}`, {
    file,
    column,
    row: best.row,
    value: Number.isNaN(best.raw) ? '' : String(best.raw),
  });
}

/** Is `err` a metric's input check naming a 0-based row of one of its arrays? */
function isMetricRowError(err: unknown): err is TrainyardError & { details: { metric: string; row: number; value: string } } {
  return err instanceof TrainyardError && err.code === 'E_DATA' && typeof err.details.metric === 'string' && typeof err.details.row === 'number';
}

/**
 * Checks the numbers a predictions file gives the metrics — `columns` by name, each row of `frame` being
 * data row i + 1 of `file` — and throws `E_DATA` at the first missing or infinite one, naming the file,
 * the column, the row and the value. (The metrics check too, but they know arrays, not files.)
 *
 * @example
 * checkFiniteColumns(input, { s: scores }, 'scores must be numbers; drop or fix such rows')
 */
export function checkFiniteColumns(file: string, columns: Record<string, ArrayLike<number>>, todo: string): void {
  for (const [name, values] of Object.entries(columns)) {
    let count = 0;
    let first = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) continue;
      if (first < 0) first = i;
      count++;
    }
    if (first >= 0) {
      const v = values[first];
      const more = count > 1 ? ` (${count} such rows; the first is shown)` : '';
      throw new DataError(`${file}: column '${name}', row ${first + 1}: ${show(v)}${more}; ${todo}`, {
        file,
        column: name,
        row: first + 1,
        value: Number.isNaN(v) ? '' : String(v),
      });
    }
  }
}

/**
 * A metric's error that slipped past the file checks, in file terms: a row error names the file and the
 * 1-based row; any other loses the internal function name it starts with (`evaluatePredictions: …`)
 * for the file's name.
 */
export function locateMetricError(err: unknown, file: string): unknown {
  if (isMetricRowError(err)) {
    const { row, value } = err.details;
    return new DataError(`${file}: row ${row + 1} has a value the metrics cannot take (${value}); drop or fix such rows before scoring`, { file, row: row + 1, value });
  }
  const internal = /^[a-z][A-Za-z0-9]*: /;
  if (err instanceof TrainyardError && internal.test(err.message)) {
    return new TrainyardError(err.code, `${file}: ${err.message.replace(internal, '')}`, { ...err.details, file });
  }
  return err;
}
