/**
 * Predictions for rows that arrive in memory — JSON objects (`[{column: value}]`) or CSV text — through
 * the same bundle and preprocessing as `trainyard predict` (predict-file.ts), so that the same rows give
 * the same numbers to the last bit. This is the serving path: the input is hostile until checked.
 *
 * How values are read, per the type the column had in training (`bundle.inputColumns`):
 * - a JSON string is read as the same text in a CSV cell would be (the bundle's thousands/decimal
 *   marks for numbers, true/false/yes/no/0/1 for booleans, ISO 8601 for dates; `''`, `NA`, `N/A`,
 *   `NaN`, `nan`, `null`, `NULL` are missing);
 * - a JSON number is a number (a date as epoch milliseconds, a boolean as 0/1, a category as the
 *   loader spells numbers: `2` → `'2'`), a JSON boolean is true/false (a category `'true'`/`'false'`),
 *   `null` is a missing value; anything else (objects, arrays) is E_DATA;
 * - a column the model was trained with must be present in every row (`null` for a missing value):
 *   an absent one is E_DATA naming the 1-based row and the column. Other properties are ignored, as
 *   `trainyard predict` ignores extra columns of a file; they are never read, so a `__proto__` key
 *   does nothing;
 * - unknown categories are handled as the fitted encoder was told at training time (`handleUnknown`).
 *
 * ```ts
 * const predictor = new RowPredictor(decodeBundle(content, label));
 * const out = predictor.predict(predictor.frameFromJson([{ Month: 'Nov', PageValues: 12.5 }]));
 * out.predictions; // ['true']
 * ```
 */
import { DataError, InvalidParamError, TrainyardError } from '../../core/errors.js';
import { dictColumn, Frame, type Column, type ColumnType } from '../../core/frame.js';
import { numberParser, parseCsvText } from '../../data/index.js';
import { parseBooleanToken, parseIsoDate, parseNumber } from '../../data/columns/value-parsers.js';
import { NULL_STRINGS } from '../../data/readers/csv-dialect.js';
import { locatePreprocessedValue } from './locate-data-error.js';
import { predictWithBundle, type ModelBundle } from './model-bundle.js';

/** Rows one call takes at most, unless {@link RowPredictorOptions.maxRows} says otherwise. */
export const DEFAULT_MAX_ROWS = 10_000;

/** Options of {@link RowPredictor}. */
export interface RowPredictorOptions {
  /** Rows per call (default 10,000); more is E_INVALID_PARAM. */
  maxRows?: number;
  /** Names the input in messages (default `'request'`). */
  origin?: string;
}

/** The answer: one prediction per row, and for classifiers the classes (and probabilities when the model has them). */
export interface RowPredictions {
  /** Class names (classifiers) or values (regression), one per row. */
  predictions: (string | number)[];
  /** Per row, one probability per class in `classes` order (classifiers with probabilities only). */
  probabilities?: number[][];
  classes?: string[];
}

const NULLS: ReadonlySet<string> = new Set(NULL_STRINGS);

/** How a column's cells become typed values: a float column or a dictionary column. */
type Kind = 'float' | 'dict' | 'id';

/**
 * A model bundle ready to take rows. Per-column readers are built once; a call allocates one typed
 * array per column and the output arrays, nothing per cell beyond what JSON already made.
 */
export class RowPredictor {
  readonly bundle: ModelBundle;
  readonly maxRows: number;
  readonly origin: string;
  private readonly names: string[];
  private readonly types: ColumnType[];
  private readonly readNumber: (s: string) => number;
  /** Numbers in text columns are canonical (String(v)) unless the decimal mark is ','. See canonicalNumbers. */
  private readonly numbersAsText: boolean;

  constructor(bundle: ModelBundle, options: RowPredictorOptions = {}) {
    this.bundle = bundle;
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.origin = options.origin ?? 'request';
    this.names = bundle.inputColumns.map((c) => c.name);
    this.types = bundle.inputColumns.map((c) => c.type);
    this.readNumber = numberParser(bundle.numberFormat ?? {});
    this.numbersAsText = bundle.numberFormat?.decimal === ',';
  }

  /** The input schema: the columns a row must have and their types. */
  get inputColumns(): readonly { name: string; type: ColumnType }[] {
    return this.bundle.inputColumns;
  }

  /**
   * Checks `rows` (an array of plain objects) and builds the model's input frame from them.
   *
   * @example
   * predictor.frameFromJson([{ age: 41, city: 'Oslo' }]).nRows; // 1
   */
  frameFromJson(rows: unknown): Frame {
    if (!Array.isArray(rows)) throw new InvalidParamError(`${this.origin}: 'rows' must be an array of objects ({column: value}), got ${describe(rows)}`, { field: 'rows' });
    const n = rows.length;
    if (n === 0) throw new InvalidParamError(`${this.origin}: 'rows' is empty; send at least one row`, { field: 'rows' });
    if (n > this.maxRows) throw new InvalidParamError(`${this.origin}: ${n} rows; send at most ${this.maxRows} rows per request`, { field: 'rows', rows: n, maxRows: this.maxRows });
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        throw new DataError(`${this.origin}: row ${i + 1} must be an object {column: value}, got ${describe(r)}`, { row: i + 1 });
      }
      const proto = Object.getPrototypeOf(r);
      if (proto !== Object.prototype && proto !== null) throw new DataError(`${this.origin}: row ${i + 1} must be a plain object`, { row: i + 1 });
    }
    const columns: Column[] = new Array(this.names.length);
    for (let j = 0; j < this.names.length; j++) {
      const name = this.names[j];
      const cells = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        const r = rows[i] as Record<string, unknown>;
        if (!Object.hasOwn(r, name)) {
          throw new DataError(`${this.origin}: row ${i + 1} has no column '${name}' (the model was trained with it); send null for a missing value`, { row: i + 1, column: name });
        }
        cells[i] = r[name];
      }
      columns[j] = this.column(j, cells, false);
    }
    return new Frame(columns, this.origin);
  }

  /**
   * Parses CSV text (a header line, then rows) and builds the model's input frame; columns the model
   * does not use are ignored, a missing one is E_DATA naming it.
   */
  frameFromCsv(text: string): Frame {
    const csv = parseCsvText(text, this.origin, this.maxRows);
    if (csv.rows === 0) throw new InvalidParamError(`${this.origin}: the CSV has a header but no rows; send at least one row`, { field: 'rows' });
    const at = new Map(csv.header.map((h, j) => [h, j]));
    const missing = this.names.filter((name) => !at.has(name));
    if (missing.length) {
      throw new DataError(`${this.origin}: every row lacks column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (the model was trained with ${missing.length > 1 ? 'them' : 'it'}); add ${missing.length > 1 ? 'them' : 'it'} to the header`, {
        row: 1,
        column: missing[0],
        missing,
      });
    }
    return new Frame(this.names.map((name, j) => this.column(j, csv.columns[at.get(name)!], true)), this.origin);
  }

  /** Predictions for a frame built by `frameFromJson` or `frameFromCsv` (or any frame holding the input columns). */
  predict(frame: Frame): RowPredictions {
    const b = this.bundle;
    let p;
    try {
      p = predictWithBundle(b, frame);
    } catch (e) {
      throw locateRowError(locatePreprocessedValue(e, this.origin, [frame], [(i) => i + 1]), this.origin);
    }
    const n = p.yPred.length;
    const predictions = new Array<string | number>(n);
    if (b.task === 'regression' || !b.classes) {
      for (let i = 0; i < n; i++) predictions[i] = p.yPred[i];
      return { predictions };
    }
    const classes = b.classes;
    for (let i = 0; i < n; i++) predictions[i] = classes[p.yPred[i]];
    if (!(p.scores && p.scoresAreProbabilities)) return { predictions, classes };
    const { cols, data } = p.scores;
    const probabilities = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const row = new Array<number>(classes.length);
      for (let j = 0; j < classes.length; j++) row[j] = data[i * cols + j];
      probabilities[i] = row;
    }
    return { predictions, probabilities, classes };
  }

  /** Column j of the input from its cells (JSON values, or CSV text with null for missing). */
  private column(j: number, cells: readonly unknown[], fromCsv: boolean): Column {
    const name = this.names[j];
    const type = this.types[j];
    const kind: Kind = type === 'categorical' || type === 'text' ? 'dict' : type === 'id' ? 'id' : 'float';
    if (kind === 'float') return { kind: 'numeric', name, type: type as 'numeric' | 'boolean' | 'datetime', values: this.floats(j, cells) };
    if (kind === 'id') {
      // An id column is numeric when every value is a number (as the loader would have sniffed it).
      const allNumbers = cells.every((c) => c === null || (typeof c === 'number' && Number.isFinite(c)) || (typeof c === 'string' && !Number.isNaN(parseNumber(c))));
      if (allNumbers && cells.some((c) => c !== null)) return { kind: 'numeric', name, type: 'id', values: this.floats(j, cells) };
    }
    const texts = fromCsv ? this.canonicalCsv(cells as (string | null)[]) : null;
    const values = new Array<string | null>(cells.length);
    for (let i = 0; i < cells.length; i++) values[i] = texts ? texts[i] : this.text(cells[i], i, name);
    return dictColumn(name, values, type as 'categorical' | 'text' | 'id');
  }

  /** A float column (numeric, boolean 0/1, datetime epoch ms, numeric id). */
  private floats(j: number, cells: readonly unknown[]): Float64Array {
    const name = this.names[j];
    const type = this.types[j];
    const values = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      let x: number;
      if (v === null) x = NaN;
      else if (typeof v === 'number') {
        x = v;
        if (type === 'boolean' && v !== 0 && v !== 1) throw badValue(this.origin, i, name, type, v);
      } else if (typeof v === 'string') {
        if (NULLS.has(v)) x = NaN;
        else {
          x = type === 'boolean' ? parseBoolean01(v) : type === 'datetime' ? parseIsoDate(v) : this.readNumber(v);
          if (Number.isNaN(x)) throw badValue(this.origin, i, name, type, v);
        }
      } else if (typeof v === 'boolean' && type === 'boolean') x = v ? 1 : 0;
      else throw badValue(this.origin, i, name, type, v);
      values[i] = x;
    }
    return values;
  }

  /** The text of a JSON value in a categorical/text/id column, or null when missing. */
  private text(v: unknown, i: number, name: string): string | null {
    if (v === null) return null;
    if (typeof v === 'string') return NULLS.has(v) ? null : v;
    if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    throw badValue(this.origin, i, name, this.types[this.names.indexOf(name)], v);
  }

  /**
   * CSV cells of a text column as the file reader would deliver them: DuckDB sniffs a column whose
   * cells are all numbers as numbers (the loader then spells them `String(v)`: '02' → '2') and one of
   * all true/false as booleans ('TRUE' → 'true') — unless the decimal mark is ',', when numbers stay text.
   */
  private canonicalCsv(cells: readonly (string | null)[]): (string | null)[] {
    let numbers = !this.numbersAsText;
    let booleans = true;
    let any = false;
    for (const c of cells) {
      if (c === null) continue;
      any = true;
      if (numbers && Number.isNaN(parseNumber(c))) numbers = false;
      if (booleans) {
        const t = c.toLowerCase();
        if (t !== 'true' && t !== 'false') booleans = false;
      }
      if (!numbers && !booleans) return cells as (string | null)[];
    }
    if (!any) return cells as (string | null)[];
    if (numbers) return cells.map((c) => (c === null ? null : String(parseNumber(c))));
    return cells.map((c) => (c === null ? null : c.toLowerCase()));
  }
}

/** Booleans from text as the loader reads them: true/false/yes/no (any case) and the digits 0/1. */
function parseBoolean01(s: string): number {
  const t = s.trim();
  if (t === '0' || t === '1') return Number(t);
  return parseBooleanToken(t);
}

const EXPECTED: Record<ColumnType, string> = {
  numeric: 'a number (or null)',
  boolean: 'true/false, 0/1 or null',
  datetime: 'an ISO 8601 date, epoch milliseconds or null',
  categorical: 'a string (or null)',
  text: 'a string (or null)',
  id: 'a string, a number or null',
};

function badValue(origin: string, i: number, column: string, type: ColumnType, v: unknown): DataError {
  return new DataError(`${origin}: row ${i + 1}, column '${column}': expected ${EXPECTED[type]} (the column was ${type} in training), got ${describe(v)}`, {
    row: i + 1,
    column,
    expected: type,
    value: typeof v === 'string' ? v.slice(0, 100) : describe(v),
  });
}

/** A short description of a JSON value for messages. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'undefined') return 'nothing';
  return `${typeof v} ${String(v)}`;
}

/**
 * The encoders' row errors count rows from 0 and name the frame; a request's caller counts from 1.
 * An unknown category refused by `handleUnknown: 'error'` is the one such error on this path.
 */
function locateRowError(e: unknown, origin: string): unknown {
  if (!(e instanceof TrainyardError) || e.code !== 'E_DATA') return e;
  const d = e.details as { column?: unknown; row?: unknown; value?: unknown; file?: unknown };
  if (typeof d.column === 'string' && typeof d.row === 'number' && d.file === undefined && /not seen in training/.test(e.message)) {
    return new DataError(`${origin}: row ${d.row + 1}, column '${d.column}': category ${JSON.stringify(d.value)} was not seen in training and the model refuses unknown categories (handleUnknown: 'error')`, {
      row: d.row + 1,
      column: d.column,
      value: d.value,
    });
  }
  return e;
}
