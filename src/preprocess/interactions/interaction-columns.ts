/**
 * Reading the columns of an interaction table out of a `Frame`: ids as per-row codes, ratings/weights
 * and timestamps as numbers. Every bad cell is an `E_DATA` error naming the source, the row (counted
 * from 1, as the loader does), the column, the value and what to do.
 */
import { DataError } from '../../core/errors.js';
import type { Column, Frame } from '../../core/frame.js';
import { parseIsoDate, parseNumber } from '../../data/columns/value-parsers.js';

/** Per-row codes into `keys` (the distinct raw ids as text, in first-seen order). */
export interface IdCodes {
  codes: Int32Array;
  keys: string[];
}

/** The ids of column `name`, one code per row; a missing id is an error. */
export function readIds(frame: Frame, name: string, role: string, source: string): IdCodes {
  const col = frame.column(name);
  const n = frame.nRows;
  const codes = new Int32Array(n);
  if (col.kind === 'dict') {
    for (let r = 0; r < n; r++) {
      if (col.codes[r] < 0) throw missingId(source, name, role, r);
      codes[r] = col.codes[r];
    }
    return { codes, keys: [...col.dictionary] };
  }
  const index = new Map<number, number>();
  const keys: string[] = [];
  for (let r = 0; r < n; r++) {
    const v = col.values[r];
    if (Number.isNaN(v)) throw missingId(source, name, role, r);
    let c = index.get(v);
    if (c === undefined) {
      c = keys.length;
      index.set(v, c);
      keys.push(String(v));
    }
    codes[r] = c;
  }
  return { codes, keys };
}

function missingId(source: string, name: string, role: string, r: number): DataError {
  return new DataError(`${source}: row ${r + 1} has no ${role} id (column '${name}' is empty there); drop rows without a ${role} id or fill them`, {
    origin: source,
    column: name,
    row: r + 1,
  });
}

/**
 * A rating or weight column as finite numbers. Text columns are parsed (one parse per distinct value);
 * a value that is not a number, or a missing one, is an error that counts the bad rows and names the first.
 */
export function readNumbers(frame: Frame, name: string, what: 'rating' | 'weight', source: string): Float64Array {
  const col = frame.column(name);
  const n = frame.nRows;
  let parsed: Float64Array;
  if (col.kind === 'numeric') {
    if (col.type === 'datetime') {
      throw new DataError(`${source}: ${what} column '${name}' holds dates; point \`${what}\` at a numeric column`, { origin: source, column: name });
    }
    parsed = col.values;
  } else {
    const byCode = col.dictionary.map((s) => parseNumber(s));
    parsed = new Float64Array(n);
    for (let r = 0; r < n; r++) parsed[r] = col.codes[r] < 0 ? NaN : byCode[col.codes[r]];
  }
  let bad = 0, first = -1;
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(parsed[r])) {
      if (bad++ === 0) first = r;
    }
  }
  if (bad > 0) {
    const value = cellText(col, first);
    const shown = value === '' ? 'an empty cell' : JSON.stringify(value);
    throw new DataError(
      `${source}: ${what} column '${name}' has ${bad} non-numeric or missing value${bad > 1 ? 's' : ''} (first: row ${first + 1}, ${shown}); ` +
        `${what}s must be numbers — fix or drop those rows, or map the values to numbers before building interactions`,
      { origin: source, column: name, row: first + 1, value, count: bad },
    );
  }
  return col.kind === 'numeric' ? Float64Array.from(parsed) : parsed;
}

/** Per-row weight of an event-type column through `weights`; an unknown type is an error. */
export function readEventWeights(frame: Frame, name: string, weights: Record<string, number>, source: string): Float64Array {
  const col = frame.column(name);
  const n = frame.nRows;
  const out = new Float64Array(n);
  const known = Object.keys(weights);
  for (let r = 0; r < n; r++) {
    const type = cellText(col, r);
    const w = Object.prototype.hasOwnProperty.call(weights, type) ? weights[type] : undefined;
    if (w === undefined) {
      const shown = type === '' ? 'an empty event type' : `event type '${type}'`;
      throw new DataError(
        `${source}: row ${r + 1} has ${shown} in column '${name}', which eventWeights does not list (known: ${known.join(', ')}); ` +
          'add it to eventWeights or filter those rows out first',
        { origin: source, column: name, row: r + 1, value: type, known },
      );
    }
    out[r] = w;
  }
  return out;
}

/**
 * Event times in seconds: numbers are taken as seconds, datetime columns (epoch milliseconds in the
 * Frame) are divided by 1000, and text is parsed as ISO-8601. A missing or unreadable time is an error.
 */
export function readTimestamps(frame: Frame, name: string, source: string): Float64Array {
  const col = frame.column(name);
  const n = frame.nRows;
  const out = new Float64Array(n);
  if (col.kind === 'numeric') {
    const scale = col.type === 'datetime' ? 1 / 1000 : 1;
    for (let r = 0; r < n; r++) out[r] = col.values[r] * scale;
  } else {
    const byCode = col.dictionary.map((s) => parseIsoDate(s) / 1000);
    for (let r = 0; r < n; r++) out[r] = col.codes[r] < 0 ? NaN : byCode[col.codes[r]];
  }
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(out[r])) {
      const value = cellText(col, r);
      throw new DataError(
        `${source}: row ${r + 1} has ${value === '' ? 'no timestamp' : `timestamp ${JSON.stringify(value)}`} in column '${name}'; ` +
          'timestamps must be seconds since 1970 or ISO-8601 dates — fix or drop that row (or set the column type to datetime)',
        { origin: source, column: name, row: r + 1, value },
      );
    }
  }
  return out;
}

/** A cell as text ('' when missing), for messages and event types. */
function cellText(col: Column, r: number): string {
  if (col.kind === 'numeric') return Number.isNaN(col.values[r]) ? '' : String(col.values[r]);
  return col.codes[r] < 0 ? '' : col.dictionary[col.codes[r]];
}
