/** The data layer: load files and databases into typed `Frame`s, join, de-duplicate, write CSV. */
export type { SourceSpec, LoadReport, JoinSpec, TextEncoding } from './source-spec.js';
export { THOUSANDS_SEPARATORS, DECIMAL_MARKS } from './source-spec.js';
export { loadFrame } from './load-frame.js';
export { loadAndJoin, joinFrames } from './join.js';
export { inferColumnType, looksLikeIdName, profileStrings } from './columns/infer-types.js';
export { numberParser, type NumberFormat } from './columns/value-parsers.js';
export { ID_UNIQUE_RATIO, NUMERIC_MOSTLY_RATIO, TEXT_MEAN_LENGTH, TEXT_DISTINCT_RATIO, TEXT_MEAN_WORDS } from './columns/infer-types.js';
export type { RawColumn, RawFloatColumn, RawStringColumn } from './columns/raw-column.js';
export { dropDuplicateRows } from './dedupe.js';
export { csvTarget, writeCsv, type CsvTarget } from './write-csv.js';
export { parseCsvText, type CsvText } from './readers/csv-text.js';
