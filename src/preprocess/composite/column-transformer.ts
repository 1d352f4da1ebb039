/**
 * Applies a different transformer to each group of columns and concatenates the results, after
 * scikit-learn's `ColumnTransformer`: outputs follow the order of `transformers`, then the remainder
 * (columns no branch lists) when `remainder: 'passthrough'`, in input order. Unlike scikit-learn, which
 * fits clones, the given transformers are fitted in place (so `getParams`/`setParams` and the saved
 * state describe the same objects), and output names are not prefixed: `Month=Feb`, not `cat__Month_Feb`
 * — two branches producing the same name is an `E_DATA` error naming both.
 */
import { DataError, InvalidParamError, ModelFileError } from '../../core/errors.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import { Frame, type Column } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateList, stateObject, stateString } from '../../core/state-check.js';
import { checkChildNames, flattenParams, routeParams } from './composite-params.js';
import { checkEstimatorState } from './pipeline.js';
import { stateStrings } from '../state-fields.js';
import { Transformer } from '../transformer.js';

/** One branch: a name, the transformer (or pipeline) and the input columns it receives. */
export type ColumnTransformerEntry = [name: string, transformer: Transformer, columns: string[]];

export interface ColumnTransformerParams {
  /** What happens to columns no branch lists: `'drop'` (default) or `'passthrough'` (appended unchanged). */
  remainder: 'drop' | 'passthrough';
}

interface ColumnTransformerFitted {
  /** Columns passed through unchanged, learned in fit. */
  remainder: string[];
}

/** Per-column-group transformers, outputs concatenated. */
export class ColumnTransformer extends Transformer<Record<string, unknown>, ColumnTransformerFitted> {
  readonly type = 'column_transformer';
  private entries: ColumnTransformerEntry[];

  constructor(transformers: ColumnTransformerEntry[] = [], params: Partial<ColumnTransformerParams> = {}) {
    super({ remainder: 'drop' }, {});
    this.entries = transformers.map(([n, t, c]) => [n, t, [...c]]);
    this.setParams(params);
  }

  /** The branches (the transformers themselves, not copies). */
  get transformers(): readonly ColumnTransformerEntry[] {
    return this.entries;
  }

  /** `{ remainder, 'branch__param': ... }`. */
  override getParams(): Record<string, unknown> {
    return { remainder: this.params.remainder, ...flattenParams(this.children()) };
  }

  override setParams(params: Record<string, unknown>): this {
    const own = routeParams('ColumnTransformer', params, this.children(), (name, t) => {
      this.entries = this.entries.map(([n, s, c]) => [n, n === name ? t : s, c]);
    }, ['remainder']);
    Object.assign(this.params, own);
    return this;
  }

  override clone(): this {
    return new ColumnTransformer(this.entries.map(([n, t, c]) => [n, t.clone(), c]), { remainder: this.params.remainder as ColumnTransformerParams['remainder'] }) as this;
  }

  fit(frame: Frame): this {
    this.fitTransform(frame);
    return this;
  }

  override fitTransform(frame: Frame): Frame {
    const remainder = checkOneOf('ColumnTransformer', 'remainder', this.params.remainder, ['drop', 'passthrough'] as const);
    checkChildNames('ColumnTransformer', this.entries.map(([n]) => n));
    const listed = new Set<string>();
    for (const [name, , cols] of this.entries) {
      if (!Array.isArray(cols) || cols.length === 0) {
        throw new InvalidParamError(`ColumnTransformer: branch '${name}' selects no columns; list its columns or remove the branch`, { estimator: 'ColumnTransformer', branch: name });
      }
      const unknown = cols.filter((c) => !frame.has(c));
      if (unknown.length) {
        throw new DataError(`ColumnTransformer: branch '${name}' lists unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `'${c}'`).join(', ')}; available: ${frame.names.join(', ')}`, {
          estimator: 'ColumnTransformer',
          branch: name,
          columns: unknown,
          available: frame.names,
        });
      }
      cols.forEach((c) => listed.add(c));
    }
    const outputs = this.entries.map(([, t, cols]) => t.fitTransform(frame.select(cols)));
    const rest = remainder === 'passthrough' ? frame.names.filter((n) => !listed.has(n)) : [];
    this.fitted = { remainder: rest };
    return this.concat(frame, outputs, rest);
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const outputs = this.entries.map(([name, t, cols]) => {
      const missing = cols.filter((c) => !frame.has(c));
      if (missing.length) {
        throw new DataError(`ColumnTransformer: column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(', ')} of branch '${name}' ${missing.length > 1 ? 'are' : 'is'} missing from ${frame.origin}; add ${missing.length > 1 ? 'them' : 'it'} to the input`, {
          estimator: 'ColumnTransformer',
          branch: name,
          columns: missing,
        });
      }
      return t.transform(frame.select(cols));
    });
    return this.concat(frame, outputs, f.remainder);
  }

  private concat(frame: Frame, outputs: Frame[], rest: readonly string[]): Frame {
    const columns: Column[] = [];
    const from = new Map<string, string>();
    const add = (c: Column, branch: string): void => {
      const prev = from.get(c.name);
      if (prev !== undefined) {
        throw new DataError(`ColumnTransformer: output column '${c.name}' is produced by both '${prev}' and '${branch}'; rename or remove one of them`, {
          estimator: 'ColumnTransformer',
          column: c.name,
        });
      }
      from.set(c.name, branch);
      columns.push(c);
    };
    outputs.forEach((o, k) => {
      if (o.columns.length > 0 && o.nRows !== frame.nRows) {
        throw new DataError(`ColumnTransformer: branch '${this.entries[k][0]}' returned ${o.nRows} rows for ${frame.nRows} input rows`, { estimator: 'ColumnTransformer' });
      }
      o.columns.forEach((c) => add(c, this.entries[k][0]));
    });
    for (const name of rest) add(frame.column(name), 'remainder');
    return new Frame(columns, frame.origin);
  }

  override toState(): EstimatorState {
    const f = this.requireFitted();
    return {
      type: this.type,
      params: { remainder: this.params.remainder as string },
      fitted: {
        remainder: [...f.remainder],
        branches: this.entries.map(([name, t, columns]) => ({ name, columns: [...columns], state: t.toState() as unknown as StateValue })),
      },
    };
  }

  /** Restores into a column transformer of the same shape (branch names and types); columns come from the state. */
  override restoreState(state: EstimatorState): this {
    const saved = columnTransformerBranches(state);
    if (saved.length !== this.entries.length || saved.some((s, k) => s.name !== this.entries[k][0] || s.state.type !== this.entries[k][1].type)) {
      throw new ModelFileError(
        `model file: saved column transformer branches [${saved.map((s) => `${s.name}:${s.state.type}`).join(', ')}] do not match [${this.entries.map(([n, t]) => `${n}:${t.type}`).join(', ')}]`,
      );
    }
    this.setParams({ remainder: state.params.remainder });
    saved.forEach((s, k) => {
      this.entries[k][1].restoreState(s.state);
      this.entries[k][2] = s.columns;
    });
    this.fitted = this.checkFitted(state.fitted);
    return this;
  }

  protected checkFitted(f: { [key: string]: StateValue }): ColumnTransformerFitted {
    return { remainder: stateStrings(f, 'remainder') };
  }

  private children(): [string, Transformer][] {
    return (this.entries ?? []).map(([n, t]) => [n, t]);
  }
}

/** The saved branches of a column transformer state, schema-checked. */
export function columnTransformerBranches(state: EstimatorState): { name: string; columns: string[]; state: EstimatorState }[] {
  return stateList(state.fitted, 'branches').map((entry, k) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || ArrayBuffer.isView(entry)) {
      throw new ModelFileError(`model file: column transformer branch ${k} must be an object`);
    }
    const e = entry as { [key: string]: StateValue };
    return { name: stateString(e, 'name'), columns: stateStrings(e, 'columns'), state: checkEstimatorState(stateObject(e, 'state'), `column transformer branch ${k}`) };
  });
}
