/**
 * Schema checks for the list-shaped fields transformers save (column names, per-column kinds and
 * categories), complementing core/state-check.ts. A tampered or mismatched model file fails with
 * `E_MODEL_FILE` here instead of producing wrong features.
 */
import { ModelFileError } from '../core/errors.js';
import type { StateValue } from '../core/estimator.js';
import { stateList } from '../core/state-check.js';

/** A list of strings, optionally of a given length. */
export function stateStrings(obj: { [k: string]: StateValue }, key: string, length?: number): string[] {
  const list = stateList(obj, key);
  if (!list.every((v) => typeof v === 'string')) {
    throw new ModelFileError(`model file: field '${key}' must be a list of strings`, { field: key });
  }
  if (length !== undefined && list.length !== length) {
    throw new ModelFileError(`model file: field '${key}' has ${list.length} entries, expected ${length}`, { field: key });
  }
  return list as string[];
}

/** A list whose entries are each one of `allowed`. */
export function stateEnums<T extends string>(obj: { [k: string]: StateValue }, key: string, allowed: readonly T[], length?: number): T[] {
  const list = stateStrings(obj, key, length);
  const bad = list.find((v) => !allowed.includes(v as T));
  if (bad !== undefined) {
    throw new ModelFileError(`model file: field '${key}' holds '${bad}', expected one of ${allowed.join(', ')}`, { field: key });
  }
  return list as T[];
}
