/**
 * Grows the trees of a model — one for a decision tree, `nEstimators` for a forest — as scikit-learn's
 * `BaseForest.fit` (`sklearn/ensemble/_forest.py`, Breiman 2001): each tree sees a bootstrap sample
 * expressed as integer sample weights (so `minSamplesSplit` counts distinct rows, as in sklearn), draws
 * its own features per split, and the rows it did not see give the out-of-bag estimate.
 *
 * Tree `t` draws everything (bootstrap, features, thresholds) from `Rng.derive(seed, t)`, so a tree is
 * a pure function of (data, config, t): the same forest on any schedule or number of threads.
 */
import { DataError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { concatTrees, type FlatForest, type TreeGrowth } from './flat-forest.js';
import { buildTree, normalizeImportances, type BuiltTree } from './tree-builder.js';
import type { TreeData } from './tree-data.js';
import type { TreeConfig } from './tree-params.js';

/** How trees are sampled. */
export interface GrowSpec {
  nTrees: number;
  /** Draw a bootstrap sample per tree (else every tree sees all rows). */
  bootstrap: boolean;
  /** Rows drawn per bootstrap sample. */
  nBootstrap: number;
  seed: number;
  /** Weight of each row (class weights), or null for 1. */
  rowWeights: Float64Array | null;
  /** Recompute 'balanced' class weights on each bootstrap sample (sklearn's 'balanced_subsample'). */
  balancedSubsample: boolean;
  /** Accumulate out-of-bag predictions (needs `bootstrap`). */
  oob: boolean;
}

/** The grown trees with their importances and, when asked, out-of-bag prediction sums. */
export interface GrownTrees {
  forest: FlatForest;
  /** Mean of the per-tree normalised importances, normalised (sklearn's `feature_importances_`). */
  importances: Float64Array;
  /** Deepest leaf over all trees. */
  depth: number;
  /** n × nOutputs sums of out-of-bag predictions, and how many trees each row was out of bag for. */
  oobSum: Float64Array | null;
  oobCount: Int32Array | null;
}

/**
 * Grows tree `t`: its sample weights (bootstrap counts × row weights) and the tree. Pure in (data, cfg, spec, t).
 *
 * @example
 * const { built } = growOneTree(data, cfg, spec, 3); // the same tree whichever worker grows it
 */
export function growOneTree(data: TreeData, cfg: TreeConfig, spec: GrowSpec, t: number): { built: BuiltTree; counts: Int32Array | null } {
  const rng = Rng.derive(spec.seed, t);
  const n = data.n;
  const w = new Float64Array(n);
  let counts: Int32Array | null = null;
  if (spec.bootstrap) {
    counts = new Int32Array(n);
    for (let i = 0; i < spec.nBootstrap; i++) counts[rng.int(n)]++;
    const perClass = spec.balancedSubsample ? subsampleClassWeights(data, counts, spec.nBootstrap) : null;
    const yc = data.y as Int32Array;
    for (let i = 0; i < n; i++) w[i] = counts[i] * (perClass ? perClass[yc[i]] : spec.rowWeights ? spec.rowWeights[i] : 1);
  } else {
    for (let i = 0; i < n; i++) w[i] = spec.rowWeights ? spec.rowWeights[i] : 1;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) m++;
  if (m === 0) throw new DataError('every training row has weight 0 (check classWeight); a tree needs rows with positive weight', { rows: n });
  const samples = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (w[i] > 0) samples[k++] = i;
  return { built: buildTree(data, samples, w, cfg, rng), counts };
}

/** Grows `spec.nTrees` trees and combines them. */
export function growTrees(data: TreeData, cfg: TreeConfig, spec: GrowSpec): GrownTrees {
  const nOut = data.nClasses > 0 ? data.nClasses : 1;
  const trees: TreeGrowth[] = [];
  const importances = new Float64Array(data.d);
  let used = 0, depth = 0;
  const oobSum = spec.oob ? new Float64Array(data.n * nOut) : null;
  const oobCount = spec.oob ? new Int32Array(data.n) : null;
  for (let t = 0; t < spec.nTrees; t++) {
    const { built, counts } = growOneTree(data, cfg, spec, t);
    trees.push(built.tree);
    depth = Math.max(depth, built.depth);
    // sklearn averages the importances of trees that made at least one split.
    if (built.tree.nodeCount > 1) {
      const imp = normalizeImportances(built.importances);
      for (let j = 0; j < imp.length; j++) importances[j] += imp[j];
      used++;
    }
    if (oobSum && oobCount && counts) addOutOfBag(data, built.tree, counts, oobSum, oobCount);
  }
  if (used > 0) for (let j = 0; j < importances.length; j++) importances[j] /= used;
  return { forest: concatTrees(trees, nOut), importances: normalizeImportances(importances), depth, oobSum, oobCount };
}

/** 'balanced' weights n / (k · count) from the bootstrap counts; classes absent from the sample get 0. */
function subsampleClassWeights(data: TreeData, counts: Int32Array, nBoot: number): Float64Array {
  const k = data.nClasses, y = data.y as Int32Array;
  const perClass = new Float64Array(k);
  for (let i = 0; i < data.n; i++) perClass[y[i]] += counts[i];
  let present = 0;
  for (let c = 0; c < k; c++) if (perClass[c] > 0) present++;
  for (let c = 0; c < k; c++) perClass[c] = perClass[c] > 0 ? nBoot / (present * perClass[c]) : 0;
  return perClass;
}

/** Adds the tree's predictions for the rows it did not see (bootstrap count 0). */
function addOutOfBag(data: TreeData, tree: TreeGrowth, counts: Int32Array, sum: Float64Array, count: Int32Array): void {
  const { Xc, n } = data;
  const { left, right, feature, threshold, value, nOutputs: k } = tree;
  for (let i = 0; i < n; i++) {
    if (counts[i] !== 0) continue;
    let node = 0;
    while (left[node] >= 0) node = Xc[feature[node] * n + i] <= threshold[node] ? left[node] : right[node];
    for (let c = 0; c < k; c++) sum[i * k + c] += value[node * k + c];
    count[i]++;
  }
}
