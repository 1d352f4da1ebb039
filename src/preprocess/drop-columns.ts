/**
 * Drops named columns. The names are checked against the training frame (a typo is an `E_DATA` error
 * listing the available columns); at transform time a dropped column may be absent.
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import type { StateValue } from '../core/estimator.js';
import type { Frame } from '../core/frame.js';
import { stateStrings } from './state-fields.js';
import { Transformer } from './transformer.js';

export interface DropColumnsParams {
  /** Columns to remove. Default []. */
  columns: string[];
}

interface DropColumnsFitted {
  columns: string[];
}

/** Removes the listed columns. */
export class DropColumns extends Transformer<DropColumnsParams, DropColumnsFitted> {
  readonly type = 'drop_columns';

  constructor(params: Partial<DropColumnsParams> = {}) {
    super({ columns: [] }, params);
  }

  fit(frame: Frame): this {
    const cols = this.params.columns;
    if (!Array.isArray(cols) || !cols.every((c) => typeof c === 'string')) {
      throw new InvalidParamError(`DropColumns: parameter 'columns' must be a list of column names, got ${JSON.stringify(cols)}`, { estimator: 'DropColumns', param: 'columns', value: cols });
    }
    const unknown = cols.filter((c) => !frame.has(c));
    if (unknown.length) {
      throw new DataError(`DropColumns: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `'${c}'`).join(', ')}; available: ${frame.names.join(', ')}`, {
        estimator: 'DropColumns',
        columns: unknown,
        available: frame.names,
      });
    }
    this.fitted = { columns: [...cols] };
    return this;
  }

  transform(frame: Frame): Frame {
    return frame.drop(this.requireFitted().columns);
  }

  protected checkFitted(f: { [key: string]: StateValue }): DropColumnsFitted {
    return { columns: stateStrings(f, 'columns') };
  }
}
