/**
 * Test-only helpers: build Frames without the data layer (a tiny delimited-text reader for files with
 * no quoted fields, and frames from fixture JSON), load scikit-learn fixtures, compare with tolerance.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dictColumn, Frame, numericColumn, type Column } from '../core/frame.js';

/** Reads a fixture written by fixtures/preprocess/make_fixtures.py. */
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/preprocess/${name}`, import.meta.url), 'utf8')) as T;
}

/** The online-shoppers file, from the shared datasets folder beside the project root. */
export const SHOPPERS_PATH = new URL('../../../shared/datasets/online-shoppers/online_shoppers_intention.csv', import.meta.url);

/**
 * Reads a delimited file with a header and no quoted fields: a column whose non-empty cells all parse
 * as numbers is numeric, any other is dictionary-encoded; empty cells are missing.
 */
export function readDelimited(path: URL | string, sep: string): Frame {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(sep);
  const cells = header.map(() => [] as string[]);
  for (let r = 1; r < lines.length; r++) {
    const parts = lines[r].split(sep);
    for (let j = 0; j < header.length; j++) cells[j].push(parts[j] ?? '');
  }
  return new Frame(header.map((name, j) => toColumn(name, cells[j])), String(path));
}

function toColumn(name: string, raw: string[]): Column {
  const numeric = raw.every((s) => s === '' || Number.isFinite(Number(s)));
  if (numeric) return numericColumn(name, Float64Array.from(raw, (s) => (s === '' ? NaN : Number(s))));
  return dictColumn(name, raw.map((s) => (s === '' ? null : s)));
}

/** A frame from fixture columns (numbers or strings, null = missing), optionally rows [start, end). */
export function frameFrom(columns: Record<string, (number | string | null)[]>, names: string[], start = 0, end?: number): Frame {
  return new Frame(
    names.map((name) => {
      const v = columns[name].slice(start, end);
      if (v.every((x) => x === null || typeof x === 'number')) return numericColumn(name, Float64Array.from(v, (x) => (x === null ? NaN : (x as number))));
      return dictColumn(name, v as (string | null)[]);
    }),
    'fixture',
  );
}

/** Asserts |a - e| <= tol·max(1, |e|) elementwise; `null` in expected means NaN. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number | null>, tol = 1e-12, what = 'values'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`);
      continue;
    }
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: expected ${e}, got ${a}`);
  }
}

/** Row `i` of a frame's numeric columns (test convenience). */
export function frameRow(frame: Frame, i: number): number[] {
  return frame.columns.map((c) => {
    if (c.kind !== 'numeric') throw new Error(`column ${c.name} is not numeric`);
    return c.values[i];
  });
}

/** All rows of a frame's numeric columns. */
export function frameRows(frame: Frame): number[][] {
  return Array.from({ length: frame.nRows }, (_, i) => frameRow(frame, i));
}

/** Compares a frame's numeric cells row by row with an expected matrix (null = NaN). */
export function assertFrameClose(frame: Frame, expected: (number | null)[][], tol = 1e-12, what = 'frame'): void {
  assert.equal(frame.nRows, expected.length, `${what}: rows`);
  expected.forEach((row, i) => assertClose(frameRow(frame, i), row, tol, `${what} row ${i}`));
}
