/**
 * Hyper-parameter validation helpers. Estimators call these in `fit` (not in the constructor, as
 * scikit-learn does) so that `setParams` during a search can pass through invalid intermediate states.
 */
import { InvalidParamError } from './errors.js';

export interface NumberRange {
  min?: number;
  max?: number;
  /** When true, `min` itself is not allowed. */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
}

/** Throws `E_INVALID_PARAM` naming the estimator, the parameter, the value and the allowed range. */
export function checkNumber(owner: string, name: string, value: unknown, range: NumberRange = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.exclusiveMax ? value < range.max : value <= range.max));
  if (!ok) {
    throw new InvalidParamError(
      `${owner}: parameter '${name}' must be ${describeRange(range)}, got ${JSON.stringify(value)}`,
      { estimator: owner, param: name, value, allowed: describeRange(range) },
    );
  }
  return value as number;
}

export function checkOneOf<T extends string | boolean | number>(owner: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new InvalidParamError(
      `${owner}: parameter '${name}' must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`,
      { estimator: owner, param: name, value, allowed },
    );
  }
  return value as T;
}

export function describeRange(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a number';
  const lo = r.min === undefined ? '' : `${r.exclusiveMin ? '>' : '>='} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.exclusiveMax ? '<' : '<='} ${r.max}`;
  const parts = [lo, hi].filter(Boolean).join(' and ');
  return parts ? `${kind} ${parts}` : `a finite ${r.integer ? 'integer' : 'number'}`;
}
