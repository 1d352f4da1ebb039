/**
 * Learned column cleaning: drops constant columns (exactly one distinct non-missing value in the
 * training rows), empty columns (no non-missing value at all in the training rows) and identifier
 * columns (semantic type 'id'). What was dropped, and why, is kept in the fitted state (`dropped`)
 * so that reports can say it, and the same columns are dropped from every frame `transform` sees
 * (new rows at predict time included).
 *
 * Empty columns are dropped rather than refused because whether a sparse column has any value in the
 * rows a fit sees depends on the split: a column that is 99% empty may have all its values in one CV
 * fold's held-out rows. Learning nothing from it is exactly what a constant column gives; an imputer
 * after this step never meets a column it cannot learn a fill for.
 */
import type { StateValue } from '../core/estimator.js';
import type { Column, Frame } from '../core/frame.js';
import { checkOneOf } from '../core/params.js';
import { selectColumns } from './columns.js';
import { stateEnums, stateStrings } from './state-fields.js';
import { Transformer } from './transformer.js';

export interface ColumnDropperParams {
  /** Drop columns with a single distinct non-missing value. Default true. */
  dropConstant: boolean;
  /** Drop columns whose semantic type is 'id'. Default true. */
  dropIds: boolean;
  /** Drop columns with no non-missing value in the training rows. Default true. */
  dropEmpty: boolean;
  /** Columns to consider; `null` (default) = every column. */
  columns: string[] | null;
}

export type DropReason = 'constant' | 'id' | 'empty';

const REASONS: readonly DropReason[] = ['constant', 'id', 'empty'];

interface ColumnDropperFitted {
  columns: string[];
  reasons: DropReason[];
}

/** Drops constant, empty and id columns found in the training rows. */
export class ColumnDropper extends Transformer<ColumnDropperParams, ColumnDropperFitted> {
  readonly type = 'column_dropper';

  constructor(params: Partial<ColumnDropperParams> = {}) {
    super({ dropConstant: true, dropIds: true, dropEmpty: true, columns: null }, params);
  }

  fit(frame: Frame): this {
    checkOneOf('ColumnDropper', 'dropConstant', this.params.dropConstant, [true, false]);
    checkOneOf('ColumnDropper', 'dropIds', this.params.dropIds, [true, false]);
    checkOneOf('ColumnDropper', 'dropEmpty', this.params.dropEmpty, [true, false]);
    this.checkFitFrame(frame);
    const columns: string[] = [];
    const reasons: DropReason[] = [];
    for (const c of selectColumns('ColumnDropper', frame, this.params.columns, () => true, '')) {
      const reason: DropReason | null =
        this.params.dropIds && c.type === 'id'
          ? 'id'
          : this.params.dropEmpty && isEmpty(c)
            ? 'empty'
            : this.params.dropConstant && isConstant(c)
              ? 'constant'
              : null;
      if (reason) {
        columns.push(c.name);
        reasons.push(reason);
      }
    }
    this.fitted = { columns, reasons };
    return this;
  }

  /** The columns dropped in fit, with the reason. */
  get dropped(): { column: string; reason: DropReason }[] {
    const f = this.requireFitted();
    return f.columns.map((column, j) => ({ column, reason: f.reasons[j] }));
  }

  transform(frame: Frame): Frame {
    return frame.drop(this.requireFitted().columns);
  }

  protected checkFitted(f: { [key: string]: StateValue }): ColumnDropperFitted {
    const columns = stateStrings(f, 'columns');
    return { columns, reasons: stateEnums(f, 'reasons', REASONS, columns.length) };
  }
}

/** No non-missing value at all. */
export function isEmpty(c: Column): boolean {
  if (c.kind === 'numeric') {
    for (let i = 0; i < c.values.length; i++) if (!Number.isNaN(c.values[i])) return false;
    return true;
  }
  for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) return false;
  return true;
}

/** Exactly one distinct non-missing value. */
export function isConstant(c: Column): boolean {
  if (c.kind === 'numeric') {
    let first = NaN;
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) return false;
    }
    return !Number.isNaN(first);
  }
  let first = -1;
  for (let i = 0; i < c.codes.length; i++) {
    const k = c.codes[i];
    if (k < 0 || k === first) continue;
    if (first < 0) first = k;
    else if (c.dictionary[k] !== c.dictionary[first]) return false;
  }
  return first >= 0;
}
