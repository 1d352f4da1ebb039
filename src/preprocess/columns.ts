/**
 * Column selection and replacement shared by the transformers. A leaf transformer's `columns`
 * parameter is either a list of names or `null` = "every column I can handle" (numeric columns for
 * scalers and mean/median imputers, every column for encoders); columns it does not touch pass
 * through unchanged, so a `Pipeline` of leaves works on a whole frame without a `ColumnTransformer`.
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import type { Column, Frame, NumericColumn } from '../core/frame.js';
import { Frame as FrameClass } from '../core/frame.js';

/** Resolves a `columns` parameter at fit time; listed columns must exist and be accepted. */
export function selectColumns(
  owner: string,
  frame: Frame,
  listed: readonly string[] | null,
  accept: (c: Column) => boolean,
  whatToDo: string,
): Column[] {
  if (listed === null) return frame.columns.filter(accept);
  // Parameters are only checked at fit: a lone name ('x') must not reach `.map` as a string.
  if (!Array.isArray(listed) || !listed.every((n) => typeof n === 'string')) {
    throw new InvalidParamError(`${owner}: parameter 'columns' must be a list of column names or null, got ${JSON.stringify(listed)}`, { estimator: owner, param: 'columns', value: listed });
  }
  return listed.map((name) => {
    if (!frame.has(name)) {
      throw new DataError(`${owner}: unknown column '${name}' in parameter 'columns'; available: ${frame.names.join(', ')}`, {
        estimator: owner,
        column: name,
        available: frame.names,
      });
    }
    const c = frame.column(name);
    if (!accept(c)) {
      throw new DataError(`${owner}: column '${name}' is a ${c.type} column (${c.kind} storage); ${whatToDo}`, { estimator: owner, column: name, type: c.type });
    }
    return c;
  });
}

/** The column seen in `fit`, checked for presence (and storage kind) in a frame being transformed. */
export function fittedColumn(owner: string, frame: Frame, name: string, kind?: Column['kind']): Column {
  if (!frame.has(name)) {
    throw new DataError(`${owner}: column '${name}' was seen in fit but is missing from ${frame.origin}; add it to the input`, {
      estimator: owner,
      column: name,
      available: frame.names,
    });
  }
  const c = frame.column(name);
  if (kind !== undefined && c.kind !== kind) {
    throw new DataError(
      `${owner}: column '${name}' was ${kind === 'numeric' ? 'numeric' : 'categorical/text'} in fit but is ${c.kind === 'numeric' ? 'numeric' : 'categorical/text'} in ${frame.origin}; give it the same type as in training`,
      { estimator: owner, column: name },
    );
  }
  return c;
}

/** A numeric column seen in `fit`. */
export function fittedNumeric(owner: string, frame: Frame, name: string): NumericColumn {
  return fittedColumn(owner, frame, name, 'numeric') as NumericColumn;
}

/**
 * Replaces each named column by zero or more columns, in place, and appends `extra` at the end.
 * Row count is kept even when nothing is left (a Frame without columns has no rows).
 */
export function spliceColumns(frame: Frame, replacements: ReadonlyMap<string, readonly Column[]>, extra: readonly Column[] = []): Frame {
  const out: Column[] = [];
  for (const c of frame.columns) {
    const r = replacements.get(c.name);
    if (r === undefined) out.push(c);
    else for (const x of r) out.push(x); // not push(...r): one-hot of a high-cardinality column may be many columns
  }
  for (const x of extra) out.push(x);
  return new FrameClass(out, frame.origin);
}

/** True for float-stored columns (numeric, boolean 0/1, datetime, numeric ids). */
export function isNumeric(c: Column): c is NumericColumn {
  return c.kind === 'numeric';
}

/** Number of missing cells (NaN or code -1). */
export function countMissing(c: Column): number {
  let n = 0;
  if (c.kind === 'numeric') {
    for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) n++;
  } else {
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] < 0) n++;
  }
  return n;
}

/**
 * Replaces each fitted numeric column by `fn(values, j)` (a new array); other columns pass through.
 * Scaled columns become plain 'numeric' (a scaled boolean or date is neither).
 */
export function mapNumericColumns(owner: string, frame: Frame, columns: readonly string[], fn: (values: Float64Array, j: number) => Float64Array): Frame {
  const replacements = new Map<string, Column[]>();
  columns.forEach((name, j) => {
    const c = fittedNumeric(owner, frame, name);
    replacements.set(name, [{ kind: 'numeric', name, type: 'numeric', values: fn(c.values, j) }]);
  });
  return spliceColumns(frame, replacements);
}

/** The message for a scaler/clipper asked to work on a categorical column. */
export const NUMERIC_ONLY = 'scalers and clippers need numeric columns; encode it first or leave it out of `columns`';
