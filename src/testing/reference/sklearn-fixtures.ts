/**
 * Loader and comparison helpers for the scikit-learn reference values in `fixtures/metrics/*.json`
 * (written by `fixtures/metrics/generate.py`). Used by this folder's tests only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** An expected value recorded where sklearn raised instead of returning. */
export interface SklearnError {
  error: true;
}

/** Reads one fixture file; this compiles to dist/testing/reference/, so the repository root is three levels up. */
export function loadFixture<T>(name: string): { sklearn: string; cases: T[] } {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/metrics/${name}`, import.meta.url), 'utf8')) as { sklearn: string; cases: T[] };
}

/** True when sklearn raised for this expected value. */
export function isError(v: unknown): v is SklearnError {
  return typeof v === 'object' && v !== null && (v as SklearnError).error === true;
}

/** Largest absolute difference seen by {@link assertClose} (reported by the tests' summary). */
export const worst = { diff: 0, where: '' };

/**
 * Asserts |actual − expected| ≤ tol·max(1, |expected|); null in the fixture stands for NaN.
 * The tolerance is relative only above 1 so that e.g. a MAPE of 1e13 is compared to 13+ digits.
 */
export function assertClose(actual: number, expected: number | null, where: string, tol = 1e-9): void {
  if (expected === null) {
    assert.ok(Number.isNaN(actual), `${where}: expected NaN, got ${actual}`);
    return;
  }
  const diff = Math.abs(actual - expected);
  const scaled = diff / Math.max(1, Math.abs(expected));
  if (scaled > worst.diff) {
    worst.diff = scaled;
    worst.where = where;
  }
  assert.ok(scaled <= tol, `${where}: got ${actual}, sklearn ${expected} (diff ${diff})`);
}

/** Element-wise {@link assertClose} of two sequences of the same length. */
export function assertAllClose(actual: ArrayLike<number>, expected: readonly (number | null)[], where: string, tol = 1e-9): void {
  assert.equal(actual.length, expected.length, `${where}: length ${actual.length}, sklearn ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${where}[${i}]`, tol);
}
