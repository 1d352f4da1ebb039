/**
 * Missing-value imputation, after scikit-learn's `SimpleImputer` (sklearn/impute/_base.py):
 * `mean` and `median` (numeric columns; NumPy median), `most_frequent` (ties go to the smallest value,
 * as in `_most_frequent`) and `constant` (`fillValue`, default 0 for numeric and 'missing_value' for
 * categorical columns, as scikit-learn). `addIndicator` appends `<col>_missing` 0/1 columns for the
 * columns that had missing values in training (see missing-indicator.ts).
 *
 * Unlike scikit-learn, which silently drops a column with no observed value, such a column is an
 * `E_DATA` error naming it: a learned mean of nothing would hide a broken data source. Pipelines built
 * from a spec (from-spec.ts) put a ColumnDropper first, which drops such a column — with a note — so
 * the imputer itself never meets one there.
 */
import { DataError, InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import { numericColumn, type Column, type DictColumn, type Frame, type NumericColumn } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray } from '../../core/state-check.js';
import { compareStrings, learnCategories } from '../encoders/categories.js';
import { countMissing, fittedColumn, isNumeric, selectColumns, spliceColumns } from '../columns.js';
import { indicatorColumn } from './missing-indicator.js';
import { stateEnums, stateStrings } from '../state-fields.js';
import { finiteValues, medianOf, meanVar, modeIndex } from '../scalers/stats.js';
import { Transformer } from '../transformer.js';

export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

export interface SimpleImputerParams {
  /** Default `'mean'`, as scikit-learn. */
  strategy: ImputeStrategy;
  /** For `constant`; `null` (default) = 0 for numeric columns, 'missing_value' for categorical ones. */
  fillValue: number | string | null;
  /** Append a `<col>_missing` 0/1 column for each column that had missing values in training. Default false. */
  addIndicator: boolean;
  /** Columns to impute; `null` (default) = all numeric columns for mean/median, every column otherwise. */
  columns: string[] | null;
}

interface SimpleImputerFitted {
  columns: string[];
  kinds: ('numeric' | 'dict')[];
  /** Fill of each numeric column (NaN for dictionary columns). */
  numericFill: Float64Array;
  /** Fill of each dictionary column ('' for numeric columns). */
  stringFill: string[];
  /** Columns that get a `_missing` indicator. */
  indicators: string[];
}

const STRATEGIES = ['mean', 'median', 'most_frequent', 'constant'] as const;

/** Fills missing values with a statistic learned on the training rows. */
export class SimpleImputer extends Transformer<SimpleImputerParams, SimpleImputerFitted> {
  readonly type = 'simple_imputer';

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super({ strategy: 'mean', fillValue: null, addIndicator: false, columns: null }, params);
  }

  fit(frame: Frame): this {
    const strategy = checkOneOf('SimpleImputer', 'strategy', this.params.strategy, STRATEGIES);
    const fill = this.params.fillValue;
    if (fill !== null && typeof fill !== 'string' && !(typeof fill === 'number' && Number.isFinite(fill))) {
      throw new InvalidParamError(`SimpleImputer: parameter 'fillValue' must be a finite number, a string or null, got ${JSON.stringify(fill)}`, {
        estimator: 'SimpleImputer',
        param: 'fillValue',
        value: fill,
      });
    }
    this.checkFitFrame(frame);
    const numericOnly = strategy === 'mean' || strategy === 'median';
    const cols = selectColumns('SimpleImputer', frame, this.params.columns, (c) => !numericOnly || isNumeric(c), `strategy '${strategy}' needs numeric columns; use 'most_frequent' or 'constant' for it`);
    const numericFill = new Float64Array(cols.length).fill(NaN);
    const stringFill: string[] = cols.map(() => '');
    cols.forEach((c, j) => {
      if (c.kind === 'numeric') numericFill[j] = this.learnNumeric(c, strategy, frame.origin);
      else stringFill[j] = this.learnString(c, strategy, frame.origin);
    });
    this.fitted = {
      columns: cols.map((c) => c.name),
      kinds: cols.map((c) => c.kind),
      numericFill,
      stringFill,
      indicators: this.params.addIndicator ? cols.filter((c) => countMissing(c) > 0).map((c) => c.name) : [],
    };
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const replacements = new Map<string, Column[]>();
    f.columns.forEach((name, j) => {
      const c = fittedColumn('SimpleImputer', frame, name, f.kinds[j]);
      replacements.set(name, [c.kind === 'numeric' ? fillNumeric(c.name, c.values, c.type, f.numericFill[j]) : fillDict(c, f.stringFill[j])]);
    });
    const indicators = f.indicators.map((name) => indicatorColumn(fittedColumn('SimpleImputer', frame, name)));
    return spliceColumns(frame, replacements, indicators);
  }

  /** Learned fill per column (numbers, or strings for categorical columns), for reports and tests. */
  get statistics(): Record<string, number | string> {
    const f = this.requireFitted();
    return Object.fromEntries(f.columns.map((n, j) => [n, f.kinds[j] === 'numeric' ? f.numericFill[j] : f.stringFill[j]]));
  }

  private learnNumeric(c: NumericColumn, strategy: ImputeStrategy, origin: string): number {
    const { name, values } = c;
    if (strategy === 'constant') {
      const fill = this.params.fillValue ?? 0;
      const v = typeof fill === 'number' ? fill : Number(fill);
      if (fill === '' || !Number.isFinite(v)) {
        throw new DataError(
          `SimpleImputer: fillValue ${JSON.stringify(fill)} is not a number but column '${name}' is numeric; use a numeric fillValue or impute that column separately`,
          { estimator: 'SimpleImputer', column: name, fillValue: fill },
        );
      }
      return v;
    }
    if (strategy === 'mean') {
      const { mean, count } = meanVar(values);
      if (count === 0) throw allMissing(name, strategy, origin);
      return mean;
    }
    if (strategy === 'median') {
      const finite = finiteValues(values);
      if (finite.length === 0) throw allMissing(name, strategy, origin);
      return medianOf(finite);
    }
    // most_frequent: categories come sorted ascending, so ties go to the smallest value, as in scikit-learn.
    const { categories, counts } = learnCategories(c);
    const k = modeIndex(counts, (a, b) => a < b);
    if (k < 0) throw allMissing(name, strategy, origin);
    return categories[k] as number;
  }

  private learnString(c: DictColumn, strategy: ImputeStrategy, origin: string): string {
    if (strategy === 'constant') return this.params.fillValue === null ? 'missing_value' : String(this.params.fillValue);
    const { categories, counts } = learnCategories(c);
    const cats = categories as string[];
    const k = modeIndex(counts, (a, b) => compareStrings(cats[a], cats[b]) < 0);
    if (k < 0) throw allMissing(c.name, strategy, origin);
    return cats[k];
  }

  protected checkFitted(f: { [key: string]: StateValue }): SimpleImputerFitted {
    const columns = stateStrings(f, 'columns');
    return {
      columns,
      kinds: stateEnums(f, 'kinds', ['numeric', 'dict'] as const, columns.length),
      numericFill: stateArray(f, 'numericFill', Float64Array, columns.length),
      stringFill: stateStrings(f, 'stringFill', columns.length),
      indicators: stateStrings(f, 'indicators'),
    };
  }
}

function allMissing(name: string, strategy: string, origin: string): DataError {
  return new DataError(
    `SimpleImputer: column '${name}' has no non-missing values in the training rows of ${origin}, so its ${strategy === 'most_frequent' ? 'most frequent value' : strategy} cannot be learned; drop the column (preprocess.drop) or impute it with strategy 'constant'`,
    { estimator: 'SimpleImputer', column: name, strategy },
  );
}

function fillNumeric(name: string, values: Float64Array, type: 'numeric' | 'boolean' | 'datetime' | 'id', fill: number): Column {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i]) ? fill : values[i];
  return numericColumn(name, out, type);
}

function fillDict(c: DictColumn, fill: string): DictColumn {
  // Rows being transformed may come with their own dictionary: look the fill up there, append if absent.
  let code = c.dictionary.indexOf(fill);
  let dictionary = c.dictionary;
  if (code < 0) {
    code = dictionary.length;
    dictionary = [...dictionary, fill];
  }
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] < 0 ? code : c.codes[i];
  return { ...c, codes, dictionary };
}
