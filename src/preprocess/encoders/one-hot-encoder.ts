/**
 * One-hot encoding, after scikit-learn's `OneHotEncoder(handle_unknown='ignore')`
 * (sklearn/preprocessing/_encoders.py). Categories are the sorted distinct values seen in training
 * (categories.ts); numeric columns are encoded by their values (e.g. `OperatingSystems=2`). Output
 * columns replace the source column in place, named `<col>=<category>`.
 *
 * - Unknown category at transform time: an all-zero row, counted in `unknownCounts` (not fatal,
 *   unless `handleUnknown: 'error'`), as scikit-learn's 'ignore'.
 * - Missing value: differs from scikit-learn 1.2 (which makes NaN a category of its own): missing
 *   cells are ignored in fit and encoded as an all-zero row, counted in `missingCounts`. To give
 *   missingness its own column, impute first (`SimpleImputer({ strategy: 'constant' })`).
 * - `drop`: `'first'` drops each column's first category, `'if_binary'` only for two-category columns.
 */
import { DataError, InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Column, Frame } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray } from '../../core/state-check.js';
import { categoryIndex, categoryLabel, checkCategories, learnCategories, MISSING, UNKNOWN, type Categories } from './categories.js';
import { fittedColumn, selectColumns, spliceColumns } from '../columns.js';
import { stateEnums, stateStrings } from '../state-fields.js';
import { Transformer } from '../transformer.js';

export interface OneHotEncoderParams {
  /** `null` (default): keep every category; `'first'`: drop the first; `'if_binary'`: drop the first of two-category columns. */
  drop: null | 'first' | 'if_binary';
  /** `'ignore'` (default): unknown categories encode as all zeros; `'error'`: throw `E_DATA`. */
  handleUnknown: 'ignore' | 'error';
  /** Columns to encode; `null` (default) = every column. */
  columns: string[] | null;
}

interface OneHotEncoderFitted {
  columns: string[];
  kinds: ('numeric' | 'dict')[];
  categories: Categories[];
  /** Index of the dropped category per column, -1 for none. */
  dropIndex: Int32Array;
}

/** Encodes each category as its own 0/1 column. */
export class OneHotEncoder extends Transformer<OneHotEncoderParams, OneHotEncoderFitted> {
  readonly type = 'one_hot_encoder';
  /** Rows per column with a category unseen in training, from the last `transform` (runtime only, not saved). */
  unknownCounts: Record<string, number> = {};
  /** Rows per column with a missing value, from the last `transform` (runtime only, not saved). */
  missingCounts: Record<string, number> = {};

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super({ drop: null, handleUnknown: 'ignore', columns: null }, params);
  }

  fit(frame: Frame): this {
    const drop = this.params.drop;
    if (drop !== null && drop !== 'first' && drop !== 'if_binary') {
      throw new InvalidParamError(`OneHotEncoder: parameter 'drop' must be one of null, "first", "if_binary", got ${JSON.stringify(drop)}`, {
        estimator: 'OneHotEncoder',
        param: 'drop',
        value: drop,
      });
    }
    checkOneOf('OneHotEncoder', 'handleUnknown', this.params.handleUnknown, ['ignore', 'error'] as const);
    this.checkFitFrame(frame);
    const cols = selectColumns('OneHotEncoder', frame, this.params.columns, () => true, '');
    const categories = cols.map((c) => learnCategories(c).categories);
    const dropIndex = Int32Array.from(categories, (cats) => (drop === 'first' || (drop === 'if_binary' && cats.length === 2) ? 0 : -1));
    this.fitted = { columns: cols.map((c) => c.name), kinds: cols.map((c) => c.kind), categories, dropIndex };
    return this;
  }

  /** Output column names, in order. */
  get featureNames(): string[] {
    const f = this.requireFitted();
    return f.columns.flatMap((name, j) => outputNames(name, f.categories[j], f.dropIndex[j]));
  }

  /** Learned categories per input column. */
  get categories(): Record<string, (string | number)[]> {
    const f = this.requireFitted();
    return Object.fromEntries(f.columns.map((n, j) => [n, Array.from(f.categories[j] as ArrayLike<string | number>)]));
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const replacements = new Map<string, Column[]>();
    const unknown: Record<string, number> = {};
    const missing: Record<string, number> = {};
    f.columns.forEach((name, j) => {
      const c = fittedColumn('OneHotEncoder', frame, name, f.kinds[j]);
      const cats = f.categories[j];
      const dropAt = f.dropIndex[j];
      const idx = categoryIndex(c, cats);
      const n = idx.length;
      const names = outputNames(name, cats, dropAt);
      const outputs = names.map(() => new Float64Array(n));
      // Output slot of each category (-1 for the dropped one).
      const slot = new Int32Array(cats.length);
      for (let k = 0, s = 0; k < cats.length; k++) slot[k] = k === dropAt ? -1 : s++;
      const { nUnknown, nMissing } = encodeRows(idx, slot, outputs);
      if (nUnknown > 0 && this.params.handleUnknown === 'error') throw unknownError(frame, name, c, idx.indexOf(UNKNOWN), cats);
      unknown[name] = nUnknown;
      missing[name] = nMissing;
      replacements.set(name, names.map((cn, s) => ({ kind: 'numeric', name: cn, type: 'boolean', values: outputs[s] })));
    });
    this.unknownCounts = unknown;
    this.missingCounts = missing;
    return spliceColumns(frame, replacements);
  }

  protected checkFitted(f: { [key: string]: StateValue }): OneHotEncoderFitted {
    const columns = stateStrings(f, 'columns');
    const kinds = stateEnums(f, 'kinds', ['numeric', 'dict'] as const, columns.length);
    return { columns, kinds, categories: checkCategories(f, 'categories', kinds), dropIndex: stateArray(f, 'dropIndex', Int32Array, columns.length) };
  }
}

/**
 * Sets outputs[slot[k]][i] = 1 for row i of category k; counts unknown and missing rows. A function of
 * its own so that V8 optimises this one loop early: inline in `transform`, the first fold of a search
 * ran it in the interpreter for ~50 ms.
 */
function encodeRows(idx: Int32Array, slot: Int32Array, outputs: Float64Array[]): { nUnknown: number; nMissing: number } {
  let nUnknown = 0;
  let nMissing = 0;
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i];
    if (k >= 0) {
      const s = slot[k];
      if (s >= 0) outputs[s][i] = 1;
    } else if (k === UNKNOWN) nUnknown++;
    else if (k === MISSING) nMissing++;
  }
  return { nUnknown, nMissing };
}

function outputNames(name: string, cats: Categories, dropAt: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < cats.length; k++) if (k !== dropAt) out.push(`${name}=${categoryLabel(cats, k)}`);
  return out;
}

/** The `E_DATA` error for an unseen category when unknowns are not allowed. */
export function unknownError(frame: Frame, name: string, c: Column, row: number, cats: Categories): DataError {
  const value = c.kind === 'dict' ? c.dictionary[c.codes[row]] : String(c.values[row]);
  const shown = Array.from(cats as ArrayLike<string | number>).slice(0, 10).join(', ');
  return new DataError(
    `column '${name}' of ${frame.origin} has category '${value}' (row ${row}) that was not seen in training (known: ${shown}${cats.length > 10 ? ', ...' : ''}); set handleUnknown to 'ignore' or retrain with it`,
    { column: name, row, value },
  );
}
