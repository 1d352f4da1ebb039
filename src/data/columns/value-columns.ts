/**
 * Column builders for database clients, which hand over JS values (number, bigint, boolean, Date,
 * string, Buffer, null) rather than vectors. Each column gets a builder chosen from the type the
 * database declared; values go straight into a Float64Array or a dictionary encoder.
 */
import { FloatBuilder, StringEncoder, type RawColumn } from './raw-column.js';
import { parseIsoDate } from './value-parsers.js';

/** What the database declared for a column; 'auto' (SQLite) decides from the values themselves. */
export type DeclaredKind = 'numeric' | 'boolean' | 'datetime' | 'string' | 'auto';

/** Accumulates one column's values from a database result. */
export class ValueColumnBuilder {
  private floats: FloatBuilder | null;
  private strings: StringEncoder | null;

  constructor(
    readonly name: string,
    private readonly kind: DeclaredKind,
    capacity = 1024,
  ) {
    this.floats = kind === 'string' ? null : new FloatBuilder(capacity);
    this.strings = kind === 'string' ? new StringEncoder(capacity) : null;
  }

  push(v: unknown): void {
    if (v === null || v === undefined) {
      if (this.strings) this.strings.push(null);
      else this.floats!.push(NaN);
      return;
    }
    if (this.strings) {
      this.strings.push(toText(v));
      return;
    }
    const x = this.toNumber(v);
    if (Number.isNaN(x) && typeof v === 'string' && (this.kind === 'auto' || this.kind === 'datetime')) {
      // SQLite is dynamically typed: text in a column that so far held numbers turns it into a
      // text column; the numbers seen so far are re-encoded as their text.
      this.switchToText();
      this.strings!.push(v);
      return;
    }
    this.floats!.push(x);
  }

  private toNumber(v: unknown): number {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'string') {
      if (this.kind === 'datetime') return parseIsoDate(v);
      if (this.kind === 'boolean') return v === 't' || v === 'true' || v === '1' ? 1 : v === 'f' || v === 'false' || v === '0' ? 0 : NaN;
      if (this.kind === 'auto') return NaN;
      const t = v.trim();
      return t === '' ? NaN : Number(t);
    }
    return NaN;
  }

  private switchToText(): void {
    const f = this.floats!;
    const enc = new StringEncoder(f.length * 2);
    for (let i = 0; i < f.length; i++) {
      const x = f.at(i);
      enc.push(Number.isNaN(x) ? null : String(x));
    }
    this.floats = null;
    this.strings = enc;
  }

  finish(): RawColumn {
    if (this.strings) return this.strings.finish(this.name, this.kind === 'datetime' ? 'datetime' : 'string');
    const hint = this.kind === 'boolean' ? 'boolean' : this.kind === 'datetime' ? 'datetime' : 'numeric';
    return this.floats!.finish(this.name, hint);
  }
}

function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Feeds array-mode rows into builders, column by column. */
export function buildColumns(builders: ValueColumnBuilder[], rows: Iterable<unknown[]>): RawColumn[] {
  for (const row of rows) {
    for (let j = 0; j < builders.length; j++) builders[j].push(row[j]);
  }
  return builders.map((b) => b.finish());
}
