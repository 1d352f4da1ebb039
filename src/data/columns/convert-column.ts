/**
 * Turns a loader's `RawColumn` into a core `Column` of the chosen semantic type, applying the
 * `coerce` policy to text cells that do not parse (numbers, booleans, dates). Conversions work on
 * the dictionary (one parse per distinct value) and then map codes, so a million-row column with ten
 * distinct strings costs ten parses.
 */
import { DataError } from '../../core/errors.js';
import { dictColumn, numericColumn, type Column, type ColumnType } from '../../core/frame.js';
import type { LoadReport } from '../source-spec.js';
import { profileStrings, type StringProfile } from './infer-types.js';
import type { RawColumn, RawFloatColumn, RawStringColumn } from './raw-column.js';
import { parseBooleanToken, parseIsoDate, parseNumber, showValue } from './value-parsers.js';

/** What a conversion needs to know to report or refuse bad cells. */
export interface ConvertContext {
  /** File path or URL, named in every message. */
  readonly origin: string;
  readonly coerce: 'error' | 'nan';
  readonly report: LoadReport;
  /** Parser for numbers written as text (the source's `thousands`/`decimal`); default `parseNumber`. */
  readonly parseNumber?: (s: string) => number;
}

/** Converts one raw column to `type`; throws `DataError` for cells that cannot be converted. */
export function toColumn(raw: RawColumn, type: ColumnType, ctx: ConvertContext, profile?: StringProfile): Column {
  return raw.storage === 'float' ? fromFloat(raw, type, ctx) : fromStrings(raw, type, ctx, profile);
}

function fromFloat(raw: RawFloatColumn, type: ColumnType, ctx: ConvertContext): Column {
  switch (type) {
    case 'numeric':
    case 'id':
    case 'datetime':
      if (type === 'datetime' && raw.hint === 'numeric') {
        ctx.report.notes.push(`column '${raw.name}': numbers read as epoch milliseconds for type 'datetime'`);
      }
      return numericColumn(raw.name, raw.values, type);
    case 'boolean': {
      if (raw.hint === 'boolean') return numericColumn(raw.name, raw.values, 'boolean');
      const values = raw.values.slice();
      const bad = { count: 0, first: -1 };
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === 0 || v === 1 || Number.isNaN(v)) continue;
        if (bad.count++ === 0) bad.first = i;
        values[i] = NaN;
      }
      if (bad.count > 0) badCells(raw.name, 'boolean (0/1)', bad.count, bad.first, String(raw.values[bad.first]), ctx);
      return numericColumn(raw.name, values, 'boolean');
    }
    case 'categorical':
    case 'text': {
      const format = floatFormatter(raw.hint);
      const cache = new Map<number, string>();
      const strings = new Array<string | null>(raw.values.length);
      for (let i = 0; i < raw.values.length; i++) {
        const v = raw.values[i];
        if (Number.isNaN(v)) {
          strings[i] = null;
          continue;
        }
        let s = cache.get(v);
        if (s === undefined) cache.set(v, (s = format(v)));
        strings[i] = s;
      }
      return dictColumn(raw.name, strings, type);
    }
  }
}

function floatFormatter(hint: RawFloatColumn['hint']): (v: number) => string {
  if (hint === 'boolean') return (v) => (v === 1 ? 'true' : 'false');
  if (hint === 'datetime') return (v) => new Date(v).toISOString();
  return (v) => String(v);
}

function fromStrings(raw: RawStringColumn, type: ColumnType, ctx: ConvertContext, profile?: StringProfile): Column {
  switch (type) {
    case 'categorical':
    case 'text':
    case 'id':
      return { kind: 'dict', name: raw.name, type, codes: raw.codes, dictionary: raw.dictionary };
    case 'numeric':
      return parseColumn(raw, 'numeric', ctx.parseNumber ?? parseNumber, 'non-numeric', ctx, profile);
    case 'boolean':
      return parseColumn(raw, 'boolean', parseBoolean01, 'non-boolean', ctx, profile);
    case 'datetime':
      return parseColumn(raw, 'datetime', parseIsoDate, 'non-date', ctx, profile);
  }
}

/** Booleans from text: true/false/yes/no, and the digits 0/1. */
function parseBoolean01(s: string): number {
  const t = s.trim();
  if (t === '0' || t === '1') return Number(t);
  return parseBooleanToken(t);
}

function parseColumn(
  raw: RawStringColumn,
  type: 'numeric' | 'boolean' | 'datetime',
  parse: (s: string) => number,
  what: string,
  ctx: ConvertContext,
  profile?: StringProfile,
): Column {
  const dict = raw.dictionary;
  const parsed = new Float64Array(dict.length);
  const p = profile ?? profileStrings(raw);
  let badCount = 0;
  let badFirst = -1;
  let badValue = '';
  for (let e = 0; e < dict.length; e++) {
    parsed[e] = parse(dict[e]);
    if (Number.isNaN(parsed[e]) && p.counts[e] > 0) {
      badCount += p.counts[e];
      if (badFirst < 0 || p.firstRow[e] < badFirst) {
        badFirst = p.firstRow[e];
        badValue = dict[e];
      }
    }
  }
  if (badCount > 0) badCells(raw.name, what, badCount, badFirst, badValue, ctx);
  const values = new Float64Array(raw.codes.length);
  for (let i = 0; i < values.length; i++) {
    const c = raw.codes[i];
    values[i] = c < 0 ? NaN : parsed[c];
  }
  if (type === 'numeric' && badCount === 0 && dict.length > 0) {
    // With a `thousands`/`decimal` format, number columns may arrive as text only because of it
    // (decimal ','): the note is for columns where the format made a difference.
    if (ctx.parseNumber === undefined) ctx.report.notes.push(`column '${raw.name}': text values parsed as numbers`);
    else if (dict.some((s, e) => p.counts[e] > 0 && Number.isNaN(parseNumber(s)))) {
      ctx.report.notes.push(`column '${raw.name}': text values parsed as numbers with the source's thousands separator / decimal mark`);
    }
  }
  return numericColumn(raw.name, values, type);
}

/** Refuses bad cells (coerce 'error') or records them in the report (coerce 'nan'). */
function badCells(name: string, what: string, count: number, firstRow: number, firstValue: string, ctx: ConvertContext): void {
  const row = firstRow + 1; // messages count data rows from 1, as a spreadsheet user would
  if (ctx.coerce === 'error') {
    throw new DataError(
      `${ctx.origin}: column '${name}' has ${count} ${what} values (first: row ${row}, ${showValue(firstValue)}); ` +
        "set `coerce: 'nan'` or impute",
      { origin: ctx.origin, column: name, count, row, value: firstValue },
    );
  }
  ctx.report.coerced[name] = { count, firstRow: row, firstValue };
  ctx.report.notes.push(`column '${name}': ${count} ${what} values turned into missing (first: row ${row}, ${showValue(firstValue)})`);
}
