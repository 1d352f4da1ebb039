/**
 * `loadFrame`: one entry point for every source. Readers deliver raw typed columns; this file
 * checks the spec against them, infers or applies semantic types, and assembles the `Frame`.
 */
import { DataError, SpecError } from '../core/errors.js';
import { Frame, type Column, type ColumnType } from '../core/frame.js';
import { toColumn, type ConvertContext } from './columns/convert-column.js';
import { checkUniqueNames } from './columns/duplicate-names.js';
import { inferColumnType, NUMERIC_MOSTLY_RATIO, profileStrings, type StringProfile } from './columns/infer-types.js';
import { rawLength, type RawColumn, type RawStringColumn } from './columns/raw-column.js';
import { numberParser, parseNumber, showValue, type NumberFormat } from './columns/value-parsers.js';
import { DECIMAL_MARKS, redactUrl, resolveSource, TEXT_ENCODINGS, THOUSANDS_SEPARATORS, type LoadReport, type ResolvedSource, type SourceSpec } from './source-spec.js';

const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'boolean', 'datetime', 'categorical', 'text', 'id'];

/**
 * Loads a file or database query into a typed `Frame`, with a report of the decisions taken.
 *
 * @example
 * const { frame, report } = await loadFrame({ source: 'data/online_shoppers_intention.csv' });
 * frame.column('Revenue').type; // 'boolean'
 */
export async function loadFrame(spec: SourceSpec): Promise<{ frame: Frame; report: LoadReport }> {
  validateSpec(spec);
  const src = resolveSource(spec);
  const origin = originOf(src);
  const report: LoadReport = { source: origin, rows: 0, notes: [], coerced: {} };
  const raws = await readRaw(src, spec, report.notes);
  if (raws.length === 0) throw new DataError(`${origin} has no columns; check the file or query`, { origin });
  const rows = rawLength(raws[0]);
  if (rows === 0) {
    const hint = src.kind === 'file' ? 'it has a header line but no data rows' : 'the query returned no rows';
    throw new DataError(`${origin}: ${hint}; a data set needs at least one row`, { origin });
  }
  const names = raws.map((r) => r.name);
  checkUniqueNames(names, origin);
  for (const name of Object.keys(spec.types ?? {})) {
    if (!names.includes(name)) {
      throw new DataError(`${origin}: \`types\` names unknown column '${name}'; available columns: ${names.join(', ')}`, {
        origin,
        column: name,
        available: names,
      });
    }
  }
  const readNumber = numberParser({ thousands: spec.thousands, decimal: spec.decimal });
  const custom = spec.thousands !== undefined || spec.decimal !== undefined;
  const ctx: ConvertContext = { origin, coerce: spec.coerce ?? 'error', report, ...(custom ? { parseNumber: readNumber } : {}) };
  const columns: Column[] = raws.map((raw) => {
    const profile = raw.storage === 'string' ? profileStrings(raw) : undefined;
    const declared = ownEntry(spec.types, raw.name);
    const type = declared ?? ownEntry(spec.typeHints, raw.name) ?? inferColumnType(raw, profile, readNumber);
    if (profile && (type === 'categorical' || type === 'text') && declared === undefined && spec.thousands === undefined && spec.decimal === undefined) {
      const hint = separatorHint(raw as RawStringColumn, profile);
      if (hint) report.notes.push(hint);
    }
    return toColumn(raw, type, ctx, profile);
  });
  report.rows = rows;
  return { frame: new Frame(columns, origin), report };
}

/**
 * Candidate ways of writing numbers with separators, tried on a text column that did not parse as
 * numbers, so the report can say which option would read it. The order settles ties ("1,234").
 */
const SEPARATOR_FORMATS: readonly { format: NumberFormat; option: string; says: string }[] = [
  { format: { thousands: ',' }, option: "thousands: ','", says: "',' as thousands separator" },
  { format: { thousands: '.', decimal: ',' }, option: "thousands: '.', decimal: ','", says: "'.' as thousands separator and ',' as decimal mark" },
  { format: { decimal: ',' }, option: "decimal: ','", says: "',' as decimal mark" },
  { format: { thousands: ' ' }, option: "thousands: ' '", says: "' ' as thousands separator" },
  { format: { thousands: "'" }, option: `thousands: "'"`, says: `"'" as thousands separator` },
];

/** A load note when a text column would be numeric with one of `SEPARATOR_FORMATS`, else null. */
function separatorHint(raw: RawStringColumn, profile: StringProfile): string | null {
  if (profile.nonMissing === 0) return null;
  for (const { format, option, says } of SEPARATOR_FORMATS) {
    const parse = numberParser(format);
    let rows = 0;
    let first = -1;
    let firstValue = '';
    // Stop as soon as too many rows fail to parse (free text ends here after a few entries).
    let failing = 0;
    const tolerated = (1 - NUMERIC_MOSTLY_RATIO) * profile.nonMissing;
    for (let e = 0; e < raw.dictionary.length && failing <= tolerated; e++) {
      if (Number.isNaN(parse(raw.dictionary[e]))) {
        failing += profile.counts[e];
        continue;
      }
      rows += profile.counts[e];
      if (!Number.isNaN(parseNumber(raw.dictionary[e]))) continue; // plain numbers say nothing about separators
      if (first < 0 || profile.firstRow[e] < first) {
        first = profile.firstRow[e];
        firstValue = raw.dictionary[e];
      }
    }
    if (first >= 0 && rows >= NUMERIC_MOSTLY_RATIO * profile.nonMissing) {
      return (
        `column '${raw.name}' looks numeric with ${says} (first: row ${first + 1}, ${showValue(firstValue)}) but is read as text; ` +
        `set \`${option}\` (data.${option.replace(', ', ', data.')} in a spec) to read it as numbers`
      );
    }
  }
  return null;
}

// Each reader is imported when a source of its kind is read, so that loading this module (and the
// package root) opens none of DuckDB, better-sqlite3, pg or mysql2.
async function readRaw(src: ResolvedSource, spec: SourceSpec, notes: string[]): Promise<RawColumn[]> {
  switch (src.kind) {
    case 'file': {
      const { readFileColumns } = await import('./readers/file-reader.js');
      return readFileColumns(src.format, src.path, spec, notes);
    }
    case 'sqlite': {
      const { readSqliteColumns } = await import('./readers/sqlite-reader.js');
      return renameColumns(readSqliteColumns(src.path, spec), spec, originOf(src));
    }
    case 'postgres': {
      const { readPostgresColumns } = await import('./readers/postgres-reader.js');
      return renameColumns(await readPostgresColumns(src.url, spec), spec, originOf(src));
    }
    case 'mysql': {
      const { readMysqlColumns } = await import('./readers/mysql-reader.js');
      return renameColumns(await readMysqlColumns(src.url, spec), spec, originOf(src));
    }
  }
}

function originOf(src: ResolvedSource): string {
  if (src.kind === 'file') return src.path;
  if (src.kind === 'sqlite') return `sqlite:${src.path}`;
  return redactUrl(src.url);
}

function renameColumns(raws: RawColumn[], spec: SourceSpec, origin: string): RawColumn[] {
  const cols = spec.columns;
  if (!cols) return raws;
  if (cols.length !== raws.length) {
    throw new DataError(`${origin}: \`columns\` names ${cols.length} columns but the query returns ${raws.length}; give one name per column`, {
      origin,
    });
  }
  return raws.map((r, i) => ({ ...r, name: cols[i] }));
}

function validateSpec(spec: SourceSpec): void {
  if (spec.coerce !== undefined && spec.coerce !== 'error' && spec.coerce !== 'nan') {
    throw new SpecError(`coerce must be 'error' or 'nan', got ${JSON.stringify(spec.coerce)}`, { path: 'coerce' });
  }
  for (const [name, type] of Object.entries(spec.types ?? {})) {
    if (!COLUMN_TYPES.includes(type)) {
      throw new SpecError(`types.${name} must be one of ${COLUMN_TYPES.join(', ')}, got ${JSON.stringify(type)}`, {
        path: `types.${name}`,
      });
    }
  }
  if (spec.encoding !== undefined && !TEXT_ENCODINGS.includes(spec.encoding)) {
    throw new SpecError(`encoding must be one of ${TEXT_ENCODINGS.join(', ')}, got ${JSON.stringify(spec.encoding)}`, { path: 'encoding' });
  }
  if (spec.delimiter !== undefined && spec.delimiter.length === 0) {
    throw new SpecError('delimiter must be a non-empty string', { path: 'delimiter' });
  }
  if (spec.columns !== undefined) {
    if (!Array.isArray(spec.columns) || !spec.columns.every((c) => typeof c === 'string' && c !== '')) {
      throw new SpecError(`columns must be a list of non-empty names, got ${JSON.stringify(spec.columns)}`, { path: 'columns' });
    }
    const at = spec.columns.findIndex((c, i) => spec.columns!.indexOf(c) < i);
    if (at >= 0) {
      const name = spec.columns[at];
      throw new SpecError(`columns names '${name}' twice (positions ${spec.columns.indexOf(name) + 1} and ${at + 1}); give every column a unique name`, {
        path: 'columns',
        column: name,
      });
    }
  }
  if (spec.thousands !== undefined && !THOUSANDS_SEPARATORS.includes(spec.thousands)) {
    throw new SpecError(`thousands must be one of ${THOUSANDS_SEPARATORS.map((s) => JSON.stringify(s)).join(', ')}, got ${JSON.stringify(spec.thousands)}`, {
      path: 'thousands',
    });
  }
  if (spec.decimal !== undefined && !DECIMAL_MARKS.includes(spec.decimal)) {
    throw new SpecError(`decimal must be '.' or ',', got ${JSON.stringify(spec.decimal)}`, { path: 'decimal' });
  }
  if (spec.thousands !== undefined && spec.thousands === (spec.decimal ?? '.')) {
    const other = spec.thousands === '.' ? ',' : '.';
    throw new SpecError(
      `thousands and decimal are both ${JSON.stringify(spec.thousands)}; set decimal: '${other}' (numbers written like ${spec.thousands === '.' ? '"7.123,4"' : '"7,123.4"'})`,
      { path: 'thousands' },
    );
  }
}

/** `map[name]` if `map` has it as its own entry: a column named `toString` or `constructor` is no lookup into the prototype. */
function ownEntry<T>(map: Record<string, T> | undefined, name: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, name) ? map[name] : undefined;
}
