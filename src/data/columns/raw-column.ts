/**
 * Loader-side column storage, before semantic types are decided. Every reader (DuckDB files,
 * SQLite, PostgreSQL, MySQL) produces `RawColumn`s — float columns as a Float64Array, string columns
 * already dictionary-encoded — so type inference and coercion run once, over typed arrays and small
 * dictionaries, never over row objects.
 */

/** A column whose values arrived as numbers (NaN = missing). `hint` says what the source declared. */
export interface RawFloatColumn {
  readonly storage: 'float';
  readonly name: string;
  readonly hint: 'numeric' | 'boolean' | 'datetime';
  readonly values: Float64Array;
}

/** A column whose values arrived as text, dictionary-encoded (`-1` = missing). */
export interface RawStringColumn {
  readonly storage: 'string';
  readonly name: string;
  /** 'datetime' when the source declared a date type but delivered text (SQLite). */
  readonly hint: 'string' | 'datetime';
  readonly codes: Int32Array;
  readonly dictionary: string[];
}

export type RawColumn = RawFloatColumn | RawStringColumn;

/** Dictionary encoder writing into a pre-sized or growing Int32Array. */
export class StringEncoder {
  private readonly index = new Map<string, number>();
  readonly dictionary: string[] = [];
  private codes: Int32Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  /** Appends one value (`null` = missing). */
  push(v: string | null): void {
    if (this.size === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.size++] = v === null ? -1 : this.code(v);
  }

  /** The code of `v`, adding it to the dictionary when new. */
  code(v: string): number {
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dictionary.push(v);
      this.index.set(v, c);
    }
    return c;
  }

  get length(): number {
    return this.size;
  }

  finish(name: string, hint: RawStringColumn['hint'] = 'string'): RawStringColumn {
    return { storage: 'string', name, hint, codes: this.codes.slice(0, this.size), dictionary: this.dictionary };
  }
}

/** Growable Float64Array (NaN = missing). */
export class FloatBuilder {
  private values: Float64Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.values = new Float64Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = v;
  }

  get length(): number {
    return this.size;
  }

  /** Value at row `i` (for re-encoding when a column turns out to hold text). */
  at(i: number): number {
    return this.values[i];
  }

  finish(name: string, hint: RawFloatColumn['hint'] = 'numeric'): RawFloatColumn {
    return { storage: 'float', name, hint, values: this.values.slice(0, this.size) };
  }
}

/** Number of rows of a raw column. */
export function rawLength(c: RawColumn): number {
  return c.storage === 'float' ? c.values.length : c.codes.length;
}
