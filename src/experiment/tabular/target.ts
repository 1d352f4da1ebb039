/**
 * Turns the target column into model labels: class indices 0..k-1 (with their names) for
 * classification, values for regression. Class names sort like scikit-learn's `classes_`, so the
 * positive class of a binary task is the second one (true, yes, 1, ...).
 */
import { DataError } from '../../core/errors.js';
import type { Column } from '../../core/frame.js';

import type { TaskKind } from '../../metrics/index.js';

export type { TaskKind };

export interface EncodedTarget {
  task: TaskKind;
  /** Class index per row (classification) or value (regression); NaN where the target is missing. */
  y: Float64Array;
  /** Class names in index order (classification only). */
  classes?: string[];
}

/** Most distinct values a numeric target may have and still be treated as classes, when the spec does not say. */
const MAX_INFERRED_CLASSES = 20;

export function encodeTarget(col: Column, wanted: 'classification' | 'regression' | undefined, origin: string): EncodedTarget {
  if (col.kind === 'numeric' && col.type !== 'boolean') {
    const distinct = new Set<number>();
    let integral = true;
    for (const v of col.values) {
      if (Number.isNaN(v)) continue;
      distinct.add(v);
      if (!Number.isInteger(v)) integral = false;
    }
    const regression = wanted === 'regression' || (wanted === undefined && (!integral || distinct.size > MAX_INFERRED_CLASSES));
    if (regression) return { task: 'regression', y: Float64Array.from(col.values) };
    const sorted = [...distinct].sort((a, b) => a - b);
    const index = new Map(sorted.map((v, i) => [v, i]));
    const y = col.values.map((v) => (Number.isNaN(v) ? NaN : index.get(v)!));
    return checkClasses({ task: sorted.length > 2 ? 'multiclass' : 'binary', y, classes: sorted.map(String) }, col.name, origin);
  }
  if (wanted === 'regression') {
    throw new DataError(`${origin}: target '${col.name}' is not numeric, so it cannot be a regression target; set task: classification`, { column: col.name });
  }
  if (col.kind === 'numeric') {
    // boolean stored as 0/1
    const y = Float64Array.from(col.values);
    return checkClasses({ task: 'binary', y, classes: ['false', 'true'] }, col.name, origin);
  }
  const used = new Set<number>();
  for (const c of col.codes) if (c >= 0) used.add(c);
  const names = [...used].map((c) => col.dictionary[c]).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const y = new Float64Array(col.codes.length);
  for (let i = 0; i < y.length; i++) y[i] = col.codes[i] < 0 ? NaN : index.get(col.dictionary[col.codes[i]])!;
  return checkClasses({ task: names.length > 2 ? 'multiclass' : 'binary', y, classes: names }, col.name, origin);
}

function checkClasses(t: EncodedTarget, name: string, origin: string): EncodedTarget {
  const present = new Set<number>();
  for (const v of t.y) if (!Number.isNaN(v)) present.add(v);
  if (present.size < 2) {
    const only = present.size === 1 ? `only the class '${t.classes![[...present][0]]}'` : 'no values';
    throw new DataError(
      `${origin}: target '${name}' has ${only}; a classifier needs at least two classes — check the target column or the data filter`,
      { column: name, classes: [...present].map((i) => t.classes![i]) },
    );
  }
  return t;
}
