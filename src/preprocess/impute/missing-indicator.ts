/**
 * Missing-value indicators, after scikit-learn's `MissingIndicator(features='missing-only')`: one 0/1
 * column `<col>_missing` per column that had missing values in the training rows (or every column with
 * `features: 'all'`). Like scikit-learn, `transform` outputs only the indicator columns; a column that
 * had no missing values in training gets no indicator even if later rows miss it (error_on_new=False,
 * as SimpleImputer uses it). Missing = NaN in numeric columns, code -1 in dictionary columns.
 */
import { checkOneOf } from '../../core/params.js';
import type { StateValue } from '../../core/estimator.js';
import { Frame, numericColumn, type Column, type NumericColumn } from '../../core/frame.js';
import { countMissing, fittedColumn, selectColumns } from '../columns.js';
import { stateStrings } from '../state-fields.js';
import { Transformer } from '../transformer.js';

export interface MissingIndicatorParams {
  /** Columns to watch; `null` (default) = every column. */
  columns: string[] | null;
  /** `'missing-only'` (default): indicators only for columns with missing training values; `'all'`: for every column. */
  features: 'missing-only' | 'all';
}

interface MissingIndicatorFitted {
  /** Columns that get an indicator, in input order. */
  columns: string[];
}

/** The 0/1 indicator of `c`'s missing cells, named `<name>_missing`. */
export function indicatorColumn(c: Column): NumericColumn {
  const n = c.kind === 'numeric' ? c.values.length : c.codes.length;
  const out = new Float64Array(n);
  if (c.kind === 'numeric') for (let i = 0; i < n; i++) out[i] = Number.isNaN(c.values[i]) ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = c.codes[i] < 0 ? 1 : 0;
  return numericColumn(`${c.name}_missing`, out, 'boolean');
}

/** Learns which columns had missing values in training; `transform` returns only their indicators. */
export class MissingIndicator extends Transformer<MissingIndicatorParams, MissingIndicatorFitted> {
  readonly type = 'missing_indicator';

  constructor(params: Partial<MissingIndicatorParams> = {}) {
    super({ columns: null, features: 'missing-only' }, params);
  }

  fit(frame: Frame): this {
    const features = checkOneOf('MissingIndicator', 'features', this.params.features, ['missing-only', 'all'] as const);
    this.checkFitFrame(frame);
    const cols = selectColumns('MissingIndicator', frame, this.params.columns, () => true, '');
    this.fitted = { columns: cols.filter((c) => features === 'all' || countMissing(c) > 0).map((c) => c.name) };
    return this;
  }

  transform(frame: Frame): Frame {
    const { columns } = this.requireFitted();
    return new Frame(columns.map((name) => indicatorColumn(fittedColumn('MissingIndicator', frame, name))), frame.origin);
  }

  protected checkFitted(f: { [key: string]: StateValue }): MissingIndicatorFitted {
    return { columns: stateStrings(f, 'columns') };
  }
}
