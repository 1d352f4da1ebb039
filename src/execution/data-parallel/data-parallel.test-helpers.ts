/**
 * Checks shared by the data-parallel tests: "the same trees" for a data-parallel boosting fit.
 *
 * Partition histograms are summed per partition, not row by row, so sums differ from the
 * single-process ones in the last bits. Where two split thresholds separate exactly the same training
 * rows (the bins between them are empty in that node) their gains are equal in exact arithmetic and
 * the last bits decide which threshold wins — in scikit-learn too. Such a tie changes nothing on the
 * training rows, only where a new value falls between the two thresholds; every other node must be
 * identical.
 */
import assert from 'node:assert/strict';
import type { Matrix } from '../../core/matrix.js';
import { HistGradientBoostingClassifier } from '../../models/boosting/hist-gradient-boosting-classifier.js';
import type { HistGradientBoostingRegressor } from '../../models/boosting/hist-gradient-boosting-regressor.js';
import type { TreeArrays } from '../../models/boosting/tree-nodes.js';

/**
 * Asserts that `dist` grew `single`'s trees on the training rows `rows` of `X` (all rows when omitted;
 * pass the rows left after the early-stopping hold-out): same topology, features, missing-value
 * directions and leaf values (to 1e-9), thresholds equal or tied (no training row reaching the node
 * lies between them), and the same probabilities (classifiers) or predictions (regressors) on those
 * rows. Returns the number of tied thresholds.
 *
 * @example
 * const ties = assertSameTrees(single, dist, Xtrain);
 */
export function assertSameTrees<M extends HistGradientBoostingClassifier | HistGradientBoostingRegressor>(single: M, dist: M, X: Matrix, rows?: Int32Array): number {
  if (rows) X = X.takeRows(rows);
  type Fitted = { trees: TreeArrays; nIter: number };
  const a = single.toState().fitted as unknown as Fitted, b = dist.toState().fitted as unknown as Fitted;
  assert.equal(b.nIter, a.nIter, 'iterations');
  const ta = a.trees, tb = b.trees;
  for (const k of ['feature', 'missingLeft', 'left', 'right', 'roots'] as const) assert.deepEqual(tb[k], ta[k], `trees.${k}`);
  for (let i = 0; i < ta.value.length; i++) assert.ok(Math.abs(ta.value[i] - tb.value[i]) <= 1e-9 * Math.max(1, Math.abs(ta.value[i])), `leaf value ${i}: ${ta.value[i]} vs ${tb.value[i]}`);
  const tied: number[] = [];
  for (let i = 0; i < ta.binThreshold.length; i++) if (ta.binThreshold[i] !== tb.binThreshold[i]) tied.push(i);
  if (tied.length > 0) {
    const between = new Map(tied.map((i) => [i, 0]));
    const d = X.cols, x = X.data;
    for (let r = 0; r < X.rows; r++) {
      for (const root of ta.roots) {
        let k = root;
        while (ta.left[k] >= 0) {
          const v = x[r * d + ta.feature[k]];
          const n = between.get(k);
          if (n !== undefined && v > Math.min(ta.threshold[k], tb.threshold[k]) && v <= Math.max(ta.threshold[k], tb.threshold[k])) between.set(k, n + 1);
          k = (v !== v ? ta.missingLeft[k] === 1 : v <= ta.threshold[k]) ? ta.left[k] : ta.right[k];
        }
      }
    }
    for (const [node, rows] of between) assert.equal(rows, 0, `node ${node}: thresholds ${ta.threshold[node]} vs ${tb.threshold[node]} separate ${rows} training rows differently`);
  }
  const predictions = (m: M): Float64Array => (m instanceof HistGradientBoostingClassifier ? m.predictProba(X).data : m.predict(X));
  const pa = predictions(single), pb = predictions(dist);
  for (let i = 0; i < pa.length; i++) assert.ok(Math.abs(pa[i] - pb[i]) <= 1e-9 * Math.max(1, Math.abs(pa[i])), `training-row prediction ${i}: ${pa[i]} vs ${pb[i]}`);
  return tied.length;
}
