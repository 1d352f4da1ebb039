/**
 * Small steps of the boosting loop, after scikit-learn 1.2's `BaseHistGradientBoosting`: the
 * early-stopping hold-out, the stopping rule, and the importances' normalisation.
 */
import type { Rng } from '../../core/rng.js';

/** Scales summed split gains to shares that add up to 1 (left as they are when no split gained). */
export function normaliseImportances(importances: Float64Array): void {
  let total = 0;
  for (let f = 0; f < importances.length; f++) total += importances[f];
  if (total > 0) for (let f = 0; f < importances.length; f++) importances[f] /= total;
}

/**
 * scikit-learn's `_should_stop` on scores = −loss: no recent score beats the reference by `tol`.
 *
 * @example
 * shouldStop([0.69, 0.5, 0.5, 0.5], 2, 1e-7); // true: no improvement in the last 2 iterations
 */
export function shouldStop(losses: number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (losses.length < ref) return false;
  const referenceScore = -losses[losses.length - ref] + tol;
  for (let i = losses.length - ref + 1; i < losses.length; i++) if (-losses[i] > referenceScore) return false;
  return true;
}

/** `y` at `rows`, in that order (the training or validation targets of a hold-out split). */
export function pick(y: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}

/**
 * Hold-out for early stopping: stratified by class for classifiers, ceil(fraction · n) rows.
 *
 * @example
 * const { train, validation } = validationSplit(1000, 0.1, classIndex, Rng.derive(seed, 1));
 */
export function validationSplit(n: number, fraction: number, stratify: Int32Array | null, rng: Rng): { train: Int32Array; validation: Int32Array } {
  const isVal = new Uint8Array(n);
  const groups: number[][] = [];
  if (stratify) for (let i = 0; i < n; i++) (groups[stratify[i]] ??= []).push(i);
  else groups.push(Array.from({ length: n }, (_, i) => i));
  for (const g of groups) {
    if (!g) continue;
    const rows = Int32Array.from(g);
    rng.shuffle(rows);
    // At least one row of each class stays on the training side.
    const take = Math.min(Math.ceil(fraction * rows.length), rows.length - 1);
    for (let i = 0; i < take; i++) isVal[rows[i]] = 1;
  }
  let nVal = 0;
  for (let i = 0; i < n; i++) nVal += isVal[i];
  const validation = new Int32Array(nVal), train = new Int32Array(n - nVal);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isVal[i]) validation[a++] = i;
    else train[b++] = i;
  }
  return { train, validation };
}

