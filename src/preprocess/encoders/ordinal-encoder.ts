/**
 * Ordinal encoding, after scikit-learn's `OrdinalEncoder` (sklearn/preprocessing/_encoders.py): each
 * category becomes its index among the sorted training categories (categories.ts). Missing values stay
 * NaN (scikit-learn's default `encoded_missing_value`). Unknown categories become `unknownValue`
 * (default -1, scikit-learn's `handle_unknown='use_encoded_value'`) or, with `handleUnknown: 'error'`,
 * an `E_DATA` error.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Column, Frame } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { categoryIndex, checkCategories, learnCategories, MISSING, UNKNOWN, type Categories } from './categories.js';
import { fittedColumn, selectColumns, spliceColumns } from '../columns.js';
import { unknownError } from './one-hot-encoder.js';
import { stateEnums, stateStrings } from '../state-fields.js';
import { Transformer } from '../transformer.js';

export interface OrdinalEncoderParams {
  /** `'use_encoded_value'` (default): unknowns become `unknownValue`; `'error'`: throw `E_DATA`. */
  handleUnknown: 'use_encoded_value' | 'error';
  /** Code for unknown categories; must not collide with a real code (use a negative number or NaN). Default -1. */
  unknownValue: number;
  /** Columns to encode; `null` (default) = every column. */
  columns: string[] | null;
}

interface OrdinalEncoderFitted {
  columns: string[];
  kinds: ('numeric' | 'dict')[];
  categories: Categories[];
}

/** Encodes each category as its sorted index. */
export class OrdinalEncoder extends Transformer<OrdinalEncoderParams, OrdinalEncoderFitted> {
  readonly type = 'ordinal_encoder';
  /** Rows per column with a category unseen in training, from the last `transform` (runtime only). */
  unknownCounts: Record<string, number> = {};

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    super({ handleUnknown: 'use_encoded_value', unknownValue: -1, columns: null }, params);
  }

  fit(frame: Frame): this {
    checkOneOf('OrdinalEncoder', 'handleUnknown', this.params.handleUnknown, ['use_encoded_value', 'error'] as const);
    const u = this.params.unknownValue;
    if (typeof u !== 'number' || (!Number.isNaN(u) && (!Number.isInteger(u) || u >= 0))) {
      throw new InvalidParamError(`OrdinalEncoder: parameter 'unknownValue' must be a negative integer or NaN (so it cannot collide with a category code), got ${JSON.stringify(u)}`, {
        estimator: 'OrdinalEncoder',
        param: 'unknownValue',
        value: u,
      });
    }
    this.checkFitFrame(frame);
    const cols = selectColumns('OrdinalEncoder', frame, this.params.columns, () => true, '');
    this.fitted = { columns: cols.map((c) => c.name), kinds: cols.map((c) => c.kind), categories: cols.map((c) => learnCategories(c).categories) };
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const replacements = new Map<string, Column[]>();
    const unknown: Record<string, number> = {};
    f.columns.forEach((name, j) => {
      const c = fittedColumn('OrdinalEncoder', frame, name, f.kinds[j]);
      const idx = categoryIndex(c, f.categories[j]);
      const out = new Float64Array(idx.length);
      let nUnknown = 0;
      for (let i = 0; i < idx.length; i++) {
        const k = idx[i];
        if (k >= 0) out[i] = k;
        else if (k === MISSING) out[i] = NaN;
        else if (k === UNKNOWN) {
          if (this.params.handleUnknown === 'error') throw unknownError(frame, name, c, i, f.categories[j]);
          out[i] = this.params.unknownValue;
          nUnknown++;
        }
      }
      unknown[name] = nUnknown;
      replacements.set(name, [{ kind: 'numeric', name, type: 'numeric', values: out }]);
    });
    this.unknownCounts = unknown;
    return spliceColumns(frame, replacements);
  }

  protected checkFitted(f: { [key: string]: StateValue }): OrdinalEncoderFitted {
    const columns = stateStrings(f, 'columns');
    const kinds = stateEnums(f, 'kinds', ['numeric', 'dict'] as const, columns.length);
    return { columns, kinds, categories: checkCategories(f, 'categories', kinds) };
  }
}
