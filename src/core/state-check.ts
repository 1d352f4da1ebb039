/**
 * Schema checks for saved learned state. Model files are data, never code: every field a loader reads
 * is checked for presence and type so that a tampered or mismatched file fails with `E_MODEL_FILE`
 * instead of producing garbage predictions.
 */
import { ModelFileError } from './errors.js';
import type { StateValue } from './estimator.js';

type ArrayCtor = typeof Float64Array | typeof Float32Array | typeof Int32Array | typeof Uint8Array;

export function stateArray<C extends ArrayCtor>(obj: { [k: string]: StateValue }, key: string, ctor: C, length?: number): InstanceType<C> {
  const v = obj[key];
  if (!(v instanceof ctor)) {
    throw new ModelFileError(`model file: field '${key}' must be a ${ctor.name}, got ${describe(v)}`, { field: key });
  }
  if (length !== undefined && v.length !== length) {
    throw new ModelFileError(`model file: field '${key}' has ${v.length} values, expected ${length}`, { field: key });
  }
  return v as InstanceType<C>;
}

export function stateNumber(obj: { [k: string]: StateValue }, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number') throw new ModelFileError(`model file: field '${key}' must be a number, got ${describe(v)}`, { field: key });
  return v;
}

export function stateString(obj: { [k: string]: StateValue }, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new ModelFileError(`model file: field '${key}' must be a string, got ${describe(v)}`, { field: key });
  return v;
}

export function stateList(obj: { [k: string]: StateValue }, key: string): StateValue[] {
  const v = obj[key];
  if (!Array.isArray(v)) throw new ModelFileError(`model file: field '${key}' must be a list, got ${describe(v)}`, { field: key });
  return v;
}

export function stateObject(obj: { [k: string]: StateValue }, key: string): { [k: string]: StateValue } {
  const v = obj[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw new ModelFileError(`model file: field '${key}' must be an object, got ${describe(v)}`, { field: key });
  }
  return v as { [k: string]: StateValue };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  if (v === null) return 'null';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  return Array.isArray(v) ? 'a list' : typeof v;
}
