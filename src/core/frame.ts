/**
 * Typed columnar table. Numeric-like columns hold a Float64Array (NaN marks a missing value);
 * categorical-like columns are dictionary-encoded (Int32Array codes into a string dictionary, -1 marks
 * a missing value). No arrays of row objects: every loader produces this shape directly.
 */
import { DataError } from './errors.js';

/** Semantic type of a column, as inferred or overridden in the spec. */
export type ColumnType = 'numeric' | 'boolean' | 'datetime' | 'categorical' | 'text' | 'id';

/** Float storage: numeric, boolean (0/1), datetime (epoch milliseconds) and numeric ids. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly type: 'numeric' | 'boolean' | 'datetime' | 'id';
  readonly values: Float64Array;
}

/** Dictionary storage: categorical, text and string ids. `codes[i] === -1` is missing. */
export interface DictColumn {
  readonly kind: 'dict';
  readonly name: string;
  readonly type: 'categorical' | 'text' | 'id' | 'boolean';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | DictColumn;

export class Frame {
  readonly columns: readonly Column[];
  readonly nRows: number;
  private readonly byName: Map<string, Column>;
  /** Where the data came from (file path or URL), for error messages. */
  readonly origin: string;

  constructor(columns: readonly Column[], origin = 'data') {
    this.columns = columns;
    this.origin = origin;
    this.nRows = columns.length === 0 ? 0 : columnLength(columns[0]);
    this.byName = new Map();
    for (const c of columns) {
      if (columnLength(c) !== this.nRows) {
        throw new DataError(`${origin}: column '${c.name}' has ${columnLength(c)} rows, expected ${this.nRows}`);
      }
      if (this.byName.has(c.name)) throw new DataError(`${origin}: duplicate column name '${c.name}'`);
      this.byName.set(c.name, c);
    }
  }

  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The named column; an unknown name is an `E_DATA` error listing the available ones. */
  column(name: string): Column {
    const c = this.byName.get(name);
    if (!c) {
      throw new DataError(
        `${this.origin}: unknown column '${name}'; available columns: ${this.names.join(', ')}`,
        { origin: this.origin, column: name, available: this.names },
      );
    }
    return c;
  }

  select(names: readonly string[]): Frame {
    return new Frame(names.map((n) => this.column(n)), this.origin);
  }

  drop(names: readonly string[]): Frame {
    const set = new Set(names);
    return new Frame(this.columns.filter((c) => !set.has(c.name)), this.origin);
  }

  /** Adds or replaces a column (same row count). */
  withColumn(col: Column): Frame {
    const cols = this.columns.filter((c) => c.name !== col.name);
    const at = this.columns.findIndex((c) => c.name === col.name);
    if (at >= 0) cols.splice(at, 0, col);
    else cols.push(col);
    return new Frame(cols, this.origin);
  }

  /** A new frame holding the given rows in the given order (dictionaries are shared). */
  take(indices: ArrayLike<number>): Frame {
    return new Frame(this.columns.map((c) => takeColumn(c, indices)), this.origin);
  }

  /** String value of a cell, for messages and CSV output (`''` when missing). */
  cell(name: string, row: number): string {
    const c = this.column(name);
    if (c.kind === 'numeric') return Number.isNaN(c.values[row]) ? '' : String(c.values[row]);
    const code = c.codes[row];
    return code < 0 ? '' : c.dictionary[code];
  }
}

export function columnLength(c: Column): number {
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}

export function takeColumn(c: Column, indices: ArrayLike<number>): Column {
  if (c.kind === 'numeric') {
    const v = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) v[k] = c.values[indices[k]];
    return { ...c, values: v };
  }
  const codes = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) codes[k] = c.codes[indices[k]];
  return { ...c, codes };
}

export function numericColumn(name: string, values: Float64Array, type: NumericColumn['type'] = 'numeric'): NumericColumn {
  return { kind: 'numeric', name, type, values };
}

/** Dictionary-encodes string values; `null`/`undefined` become missing (-1). */
export function dictColumn(name: string, values: ArrayLike<string | null | undefined>, type: DictColumn['type'] = 'categorical'): DictColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: 'dict', name, type, codes, dictionary };
}
