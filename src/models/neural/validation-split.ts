/**
 * The stratified hold-out that early stopping validates on, after scikit-learn's
 * `train_test_split(..., stratify=y)` (StratifiedShuffleSplit): ceil(fraction·n) validation rows,
 * allotted to classes in proportion to their size (largest remainders get the leftover rows), each
 * class's rows picked by a seeded shuffle. Kept here rather than in `selection/` because models sit
 * below selection in the layering.
 */
import { DataError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';

/** Row indices of the training and validation parts, each sorted ascending. */
export interface ValidationSplit {
  train: Int32Array;
  validation: Int32Array;
}

/** Splits rows stratified by class index `y` (0 .. k-1). */
export function stratifiedValidationSplit(y: Int32Array, k: number, fraction: number, rng: Rng, owner = 'MLPClassifier'): ValidationSplit {
  const n = y.length;
  const nVal = Math.ceil(fraction * n);
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) byClass[y[i]].push(i);
  for (let c = 0; c < k; c++) {
    if (byClass[c].length < 2) {
      throw new DataError(
        `${owner}: early stopping needs at least 2 rows of every class for its stratified validation split, but class #${c} has ${byClass[c].length}; add data or set earlyStopping: false`,
        { classIndex: c, count: byClass[c].length },
      );
    }
  }
  if (nVal < k || n - nVal < k) {
    throw new DataError(
      `${owner}: a validationFraction of ${fraction} on ${n} rows gives ${nVal} validation rows, which cannot hold all ${k} classes on both sides; change validationFraction or set earlyStopping: false`,
      { rows: n, validationRows: nVal, classes: k },
    );
  }
  // Proportional allotment with largest remainders, at least one row per class on each side.
  const take = new Int32Array(k);
  const rem: number[] = [];
  let given = 0;
  for (let c = 0; c < k; c++) {
    const exact = (byClass[c].length * nVal) / n;
    take[c] = Math.floor(exact);
    rem.push(exact - take[c]);
    given += take[c];
  }
  const order = rem.map((_, c) => c).sort((a, b) => rem[b] - rem[a] || a - b);
  for (let i = 0; given < nVal; i = (i + 1) % k) {
    const c = order[i];
    if (take[c] < byClass[c].length - 1) {
      take[c]++;
      given++;
    }
  }
  const isVal = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    const rows = Int32Array.from(byClass[c]);
    rng.shuffle(rows);
    for (let i = 0; i < take[c]; i++) isVal[rows[i]] = 1;
  }
  const validation = new Int32Array(nVal);
  const train = new Int32Array(n - nVal);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isVal[i]) validation[a++] = i;
    else train[b++] = i;
  }
  return { train, validation };
}
