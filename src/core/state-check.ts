/**
 * Schema checks for saved learned state. Model files are data, never code: every field a loader reads
 * is checked for presence and type so that a tampered or mismatched file fails with `E_MODEL_FILE`
 * instead of producing garbage predictions.
 */
import { ModelFileError } from './errors.js';
import type { StateValue } from './estimator.js';

type ArrayCtor = typeof Float64Array | typeof Float32Array | typeof Int32Array | typeof Uint8Array;

/** Where each object decoded from a model file sits in it (`model.fitted`), so that messages name the field path. */
const paths = new WeakMap<object, string>();

/** Called by the decoder (core/model-file.ts) for each object it revives; `path` is '' at the top. */
export function recordPath(obj: object, path: string): void {
  paths.set(obj, path);
}

/** `key` prefixed with the path of `obj` in its model file, when it came from one (`model.fitted.coef`). */
export function fieldPath(obj: object, key: string): string {
  const at = paths.get(obj);
  return at ? `${at}.${key}` : key;
}

/** A value from a file, for a message: JSON, cut to `max` characters (a crafted file's value can be huge). */
export function preview(v: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The own property `key` of `obj`: a saved state's fields are never looked up through the prototype chain. */
function field(obj: { [k: string]: StateValue }, key: string): StateValue | undefined {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function stateArray<C extends ArrayCtor>(obj: { [k: string]: StateValue }, key: string, ctor: C, length?: number): InstanceType<C> {
  const v = field(obj, key);
  // ArrayBuffer.isView checks the internal slot: an object whose prototype was made a typed array's does not pass.
  if (!ArrayBuffer.isView(v) || !(v instanceof ctor) || Object.getPrototypeOf(v) !== ctor.prototype) {
    throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' must be a ${ctor.name}, got ${describe(v)}`, { field: fieldPath(obj, key) });
  }
  if (length !== undefined && v.length !== length) {
    throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' has ${v.length} values, expected ${length}`, { field: fieldPath(obj, key) });
  }
  return v as InstanceType<C>;
}

export function stateNumber(obj: { [k: string]: StateValue }, key: string): number {
  const v = field(obj, key);
  if (typeof v !== 'number') throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' must be a number, got ${describe(v)}`, { field: fieldPath(obj, key) });
  return v;
}

export function stateString(obj: { [k: string]: StateValue }, key: string): string {
  const v = field(obj, key);
  if (typeof v !== 'string') throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' must be a string, got ${describe(v)}`, { field: fieldPath(obj, key) });
  return v;
}

export function stateList(obj: { [k: string]: StateValue }, key: string): StateValue[] {
  const v = field(obj, key);
  if (!Array.isArray(v)) throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' must be a list, got ${describe(v)}`, { field: fieldPath(obj, key) });
  return v;
}

export function stateObject(obj: { [k: string]: StateValue }, key: string): { [k: string]: StateValue } {
  const v = field(obj, key);
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw new ModelFileError(`model file: field '${fieldPath(obj, key)}' must be an object, got ${describe(v)}`, { field: fieldPath(obj, key) });
  }
  return v as { [k: string]: StateValue };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  if (v === null) return 'null';
  if (ArrayBuffer.isView(v)) return Object.prototype.toString.call(v).slice(8, -1);
  return Array.isArray(v) ? 'a list' : typeof v;
}
