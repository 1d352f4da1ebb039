/**
 * Schema inference: the semantic `ColumnType` of a loaded column.
 *
 * Thresholds (chosen so the shared data sets come out as a person would label them):
 * - **id**: the name looks like an id (`id`, `ID`, `*_id`, `*Id`, `*ID`) and at least
 *   `ID_UNIQUE_RATIO` (95%) of the non-missing values are distinct (telco `customerID`, kc-house `id`;
 *   MovieLens `userId` in a ratings table repeats, so it stays numeric).
 * - **boolean**: a BOOLEAN source column, or text whose distinct values are all true/false/yes/no
 *   (any case).
 * - **numeric from text**: every non-missing value parses as a number → numeric; at least
 *   `NUMERIC_MOSTLY_RATIO` (90%) of the non-missing *rows* parse → still numeric, and the rest are
 *   coerced or refused at conversion (`coerce`), never silently turned into a categorical.
 * - **datetime from text**: every distinct value is an ISO-8601 date/timestamp (incl. `20141013T000000`).
 * - **text** vs **categorical**: text when the mean length is at least `TEXT_MEAN_LENGTH` (30)
 *   characters, or when more than `TEXT_DISTINCT_RATIO` (50%) of the values are distinct and they
 *   average at least `TEXT_MEAN_WORDS` (3) words; everything else is categorical.
 * - An all-missing column is loaded (numeric if it came as numbers, else categorical); the layers
 *   that use it decide whether to refuse it.
 */
import type { ColumnType } from '../../core/frame.js';
import type { RawColumn, RawStringColumn } from './raw-column.js';
import { parseBooleanToken, parseIsoDate, parseNumber } from './value-parsers.js';

export const ID_UNIQUE_RATIO = 0.95;
export const NUMERIC_MOSTLY_RATIO = 0.9;
export const TEXT_MEAN_LENGTH = 30;
export const TEXT_DISTINCT_RATIO = 0.5;
export const TEXT_MEAN_WORDS = 3;

const ID_NAME_RE = /^(?:id|Id|ID)$|_(?:id|ID|Id)$|[a-z0-9](?:Id|ID)$/;

/** True for names that conventionally hold identifiers: `id`, `user_id`, `customerID`, `movieId`. */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME_RE.test(name);
}

/** Per-dictionary-entry row counts and first row of a dictionary-encoded column. */
export interface StringProfile {
  readonly nonMissing: number;
  /** Rows holding each dictionary entry. */
  readonly counts: Int32Array;
  /** First (0-based) row holding each dictionary entry. */
  readonly firstRow: Int32Array;
}

/** One pass over the codes: how often and where each dictionary entry occurs. */
export function profileStrings(col: RawStringColumn): StringProfile {
  const n = col.dictionary.length;
  const counts = new Int32Array(n);
  const firstRow = new Int32Array(n).fill(-1);
  let nonMissing = 0;
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    nonMissing++;
    if (counts[c]++ === 0) firstRow[c] = i;
  }
  return { nonMissing, counts, firstRow };
}

/** Number of distinct non-NaN values. */
function distinctFloats(values: Float64Array): { distinct: number; nonMissing: number } {
  const v = values.filter((x) => !Number.isNaN(x)).sort();
  let distinct = 0;
  for (let i = 0; i < v.length; i++) if (i === 0 || v[i] !== v[i - 1]) distinct++;
  return { distinct, nonMissing: v.length };
}

/**
 * Infers the semantic type of a loaded column (see the file header for the rules and thresholds);
 * `parse` reads numbers written as text (the source's `thousands`/`decimal`, see `numberParser`).
 *
 * @example
 * inferColumnType({ storage: 'float', name: 'age', hint: 'numeric', values: Float64Array.of(31, 45) }); // 'numeric'
 */
export function inferColumnType(col: RawColumn, profile?: StringProfile, parse: (s: string) => number = parseNumber): ColumnType {
  if (col.storage === 'float') {
    if (col.hint !== 'numeric') return col.hint;
    if (looksLikeIdName(col.name)) {
      const { distinct, nonMissing } = distinctFloats(col.values);
      if (nonMissing > 1 && distinct >= ID_UNIQUE_RATIO * nonMissing) return 'id';
    }
    return 'numeric';
  }
  const p = profile ?? profileStrings(col);
  if (p.nonMissing === 0) return col.hint === 'datetime' ? 'datetime' : 'categorical';
  const dict = col.dictionary;
  const distinct = dict.length;
  if (looksLikeIdName(col.name) && p.nonMissing > 1 && distinct >= ID_UNIQUE_RATIO * p.nonMissing) return 'id';
  if (dict.every((s) => !Number.isNaN(parseBooleanToken(s)))) return 'boolean';

  let numericRows = 0;
  for (let e = 0; e < distinct; e++) if (!Number.isNaN(parse(dict[e]))) numericRows += p.counts[e];
  if (numericRows >= NUMERIC_MOSTLY_RATIO * p.nonMissing) return 'numeric';

  if (col.hint === 'datetime' || dict.every((s) => !Number.isNaN(parseIsoDate(s)))) return 'datetime';

  let chars = 0;
  let words = 0;
  for (let e = 0; e < distinct; e++) {
    const s = dict[e];
    chars += s.length * p.counts[e];
    words += countWords(s) * p.counts[e];
  }
  const meanLength = chars / p.nonMissing;
  const meanWords = words / p.nonMissing;
  if (meanLength >= TEXT_MEAN_LENGTH) return 'text';
  if (distinct > TEXT_DISTINCT_RATIO * p.nonMissing && meanWords >= TEXT_MEAN_WORDS) return 'text';
  return 'categorical';
}

function countWords(s: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
