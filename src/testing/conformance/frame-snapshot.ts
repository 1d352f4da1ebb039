/**
 * Frame helpers for the transformer conformance suite: a bit-exact, comparable copy of a frame's
 * content, and a column given the other storage kind (to feed a transformer a column of the wrong type).
 */
import { dictColumn, numericColumn, type Column, type Frame } from '../../core/frame.js';

/**
 * One column's content: name, semantic type, storage kind and cells — a Float64Array copy for numeric
 * storage (so `assert.deepStrictEqual` compares bits: NaN equals NaN, -0 differs from 0), decoded
 * strings (null = missing) for dictionary storage, whose codes depend on the dictionary's order.
 */
export type ColumnSnapshot = [name: string, type: string, kind: Column['kind'], cells: Float64Array | (string | null)[]];

/** The content of every column, in order; equal snapshots mean identical frames for any consumer. */
export function snapshotFrame(frame: Frame): ColumnSnapshot[] {
  return frame.columns.map((c) =>
    c.kind === 'numeric' ? [c.name, c.type, c.kind, c.values.slice()] : [c.name, c.type, c.kind, Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]))],
  );
}

/**
 * The same cells stored as the other kind: numbers become their decimal strings (a categorical
 * column), dictionary codes become numbers (missing stays missing).
 */
export function retypedColumn(c: Column): Column {
  if (c.kind === 'numeric') return dictColumn(c.name, Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v))));
  return numericColumn(c.name, Float64Array.from(c.codes, (k) => (k < 0 ? NaN : k)));
}
