/**
 * Category learning shared by the encoders and the most-frequent imputer. As in scikit-learn's
 * `_encode._unique`, categories are the distinct non-missing values observed in the training rows,
 * sorted: numbers numerically, strings by code point (Python's `sorted` order for the Basic
 * Multilingual Plane). Only observed values count — a dictionary shared with other rows after
 * `Frame.take` may hold entries the training rows never use.
 */
import { ModelFileError } from '../../core/errors.js';
import type { Column } from '../../core/frame.js';
import type { StateValue } from '../../core/estimator.js';

/** The sorted categories of one column: strings for dictionary columns, numbers for numeric ones. */
export type Categories = string[] | Float64Array;

/** Code-point order, as Python compares `str`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct observed values with their counts, sorted. */
export function learnCategories(c: Column): { categories: Categories; counts: Float64Array } {
  if (c.kind === 'dict') {
    const byCode = new Float64Array(c.dictionary.length);
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) byCode[c.codes[i]]++;
    // Merge equal strings in case a loader's dictionary repeats an entry.
    const byValue = new Map<string, number>();
    for (let k = 0; k < byCode.length; k++) if (byCode[k] > 0) byValue.set(c.dictionary[k], (byValue.get(c.dictionary[k]) ?? 0) + byCode[k]);
    const categories = [...byValue.keys()].sort(compareStrings);
    return { categories, counts: Float64Array.from(categories, (v) => byValue.get(v)!) };
  }
  const byValue = new Map<number, number>();
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if (!Number.isNaN(v)) byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  const categories = Float64Array.from(byValue.keys()).sort();
  return { categories, counts: Float64Array.from(categories, (v) => byValue.get(v)!) };
}

/** Sentinels of `categoryIndex`. */
export const MISSING = -1;
export const UNKNOWN = -2;

/**
 * Per-row index into `categories` (-1 missing, -2 unknown). Dictionary columns are mapped once per
 * dictionary entry, so the row loop is a single array lookup.
 */
export function categoryIndex(c: Column, categories: Categories): Int32Array {
  const out = new Int32Array(c.kind === 'dict' ? c.codes.length : c.values.length);
  if (c.kind === 'dict') {
    const pos = new Map<string, number>();
    (categories as string[]).forEach((v, k) => pos.set(String(v), k));
    const lookup = Int32Array.from(c.dictionary, (v) => pos.get(v) ?? UNKNOWN);
    for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? MISSING : lookup[c.codes[i]];
    return out;
  }
  const pos = new Map<number, number>();
  for (let k = 0; k < categories.length; k++) pos.set(Number(categories[k]), k);
  for (let i = 0; i < out.length; i++) {
    const v = c.values[i];
    out[i] = Number.isNaN(v) ? MISSING : pos.get(v) ?? UNKNOWN;
  }
  return out;
}

/** Display form of a category, used in feature names like `Month=Feb` or `OperatingSystems=2`. */
export function categoryLabel(categories: Categories, k: number): string {
  return typeof categories[k] === 'string' ? (categories[k] as string) : String(categories[k]);
}

/** Checks saved per-column categories: a list of string lists (dict) or Float64Arrays (numeric). */
export function checkCategories(obj: { [k: string]: StateValue }, key: string, kinds: readonly ('numeric' | 'dict')[]): Categories[] {
  const list = obj[key];
  if (!Array.isArray(list) || list.length !== kinds.length) {
    throw new ModelFileError(`model file: field '${key}' must be a list of ${kinds.length} category lists`, { field: key });
  }
  return list.map((cats, j) => {
    if (kinds[j] === 'numeric' && cats instanceof Float64Array) return cats;
    if (kinds[j] === 'dict' && Array.isArray(cats) && cats.every((v) => typeof v === 'string')) return cats as string[];
    throw new ModelFileError(`model file: field '${key}[${j}]' must be ${kinds[j] === 'numeric' ? 'a Float64Array' : 'a list of strings'}`, { field: key });
  });
}
