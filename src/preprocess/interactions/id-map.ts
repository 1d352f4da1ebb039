/**
 * Raw user/item ids ↔ dense indices 0..size-1. Recommenders only see the indices; the map travels in
 * the model bundle so that serving can translate `--user 196` to an index and item indices back to ids.
 *
 * Keys are strings: a numeric id is stored as `String(n)`, so an id read as the number 196 (a numeric
 * column) and one typed as the text "196" (CLI, HTTP) are the same key. Indices follow the sorted order
 * of the ids — numeric order when every id spells a number, code-point order otherwise — so they do
 * not depend on the order of the rows (shuffled files give the same map).
 */
import { DataError, ModelFileError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * @example
 * const users = IdMap.fromValues([196, 186, 22, 196]);
 * users.size;        // 3
 * users.index('196'); // 2 (ids sorted numerically: 22, 186, 196)
 * users.raw(0);       // '22'
 * IdMap.fromState(users.toState()).index(186); // 1
 */
export class IdMap {
  private readonly ids: readonly string[];
  private readonly lookup: Map<string, number>;

  private constructor(ids: readonly string[]) {
    this.ids = ids;
    this.lookup = new Map();
    for (let i = 0; i < ids.length; i++) this.lookup.set(ids[i], i);
  }

  /**
   * The map of the distinct values in `values`, indexed in sorted order. A missing id (NaN, null,
   * undefined or empty text) is an `E_DATA` error: ids must be filtered or filled first.
   */
  static fromValues(values: ArrayLike<string | number>): IdMap {
    const seen = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as string | number | null | undefined;
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
        throw new DataError(`IdMap: value ${i + 1} is a missing id (${String(v)}); drop or fill rows without an id first`, { row: i + 1 });
      }
      seen.add(keyOf(v));
    }
    return new IdMap(sortIds([...seen]));
  }

  /** Number of distinct ids. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * Index of a raw id, or -1 when it is unknown. Text that spells a number also matches the number's
   * canonical form ("196.0" and " 196" find 196), since CLI and HTTP callers always pass text.
   */
  index(raw: string | number): number {
    const key = keyOf(raw);
    const hit = this.lookup.get(key);
    if (hit !== undefined) return hit;
    if (typeof raw === 'string') {
      const t = raw.trim();
      if (NUMBER_RE.test(t)) return this.lookup.get(String(Number(t))) ?? -1;
    }
    return -1;
  }

  /** The raw id (as stored: text) of a dense index; out of range is an `E_DATA` error. */
  raw(index: number): string {
    if (!(Number.isInteger(index) && index >= 0 && index < this.ids.length)) {
      throw new DataError(`IdMap: index ${index} is outside 0..${this.ids.length - 1}`, { index, size: this.ids.length });
    }
    return this.ids[index];
  }

  /** All raw ids in index order (a copy). */
  toArray(): string[] {
    return [...this.ids];
  }

  /** Data-only form for model bundles: `{ ids: [...] }` in index order. */
  toState(): StateValue {
    return { ids: [...this.ids] };
  }

  /**
   * Restores a map saved by {@link IdMap.toState}, keeping its index order (a model's factors are
   * stored in that order). `field` names the map in messages (e.g. 'users'). A wrong shape or a
   * repeated id is an `E_MODEL_FILE` error.
   */
  static fromState(state: StateValue, field = 'idMap'): IdMap {
    if (state === null || typeof state !== 'object' || Array.isArray(state) || ArrayBuffer.isView(state)) {
      throw new ModelFileError(`model file: field '${field}' must be an object { ids: [...] }, got ${describe(state)}`, { field });
    }
    const ids = (state as { [k: string]: StateValue }).ids;
    if (!Array.isArray(ids)) {
      throw new ModelFileError(`model file: field '${field}.ids' must be a list of strings, got ${describe(ids)}`, { field: `${field}.ids` });
    }
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (typeof id !== 'string') {
        throw new ModelFileError(`model file: field '${field}.ids' entry ${i} must be a string, got ${describe(id)}`, { field: `${field}.ids`, index: i });
      }
      if (seen.has(id)) throw new ModelFileError(`model file: field '${field}.ids' repeats id '${id}' (entry ${i})`, { field: `${field}.ids`, index: i });
      seen.add(id);
    }
    return new IdMap(ids as string[]);
  }
}

/** The key of a raw id: numbers as `String(n)` (196 → '196'), text unchanged. */
export function keyOf(raw: string | number): string {
  return typeof raw === 'number' ? String(raw) : raw;
}

/** Numeric order when every id spells a number (ties by text, e.g. '7' and '7.0'), else code-point order. */
function sortIds(ids: string[]): string[] {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  if (ids.every((s) => NUMBER_RE.test(s))) {
    const num = new Map(ids.map((s) => [s, Number(s)]));
    return ids.sort((a, b) => num.get(a)! - num.get(b)! || byText(a, b));
  }
  return ids.sort(byText);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  if (v === null) return 'null';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  return Array.isArray(v) ? 'a list' : typeof v;
}
