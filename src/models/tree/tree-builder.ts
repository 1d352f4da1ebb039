/**
 * Grows one tree depth first — scikit-learn 1.2's `DepthFirstTreeBuilder` (`sklearn/tree/_tree.pyx`):
 * a node is a leaf when it is at `maxDepth`, has fewer than `minSamplesSplit` samples, is pure, or its
 * best split decreases impurity by less than `minImpurityDecrease`. Nodes are numbered in pre-order
 * (left subtree first), as sklearn's, so a tree can be compared with sklearn's node by node.
 *
 * `buildTree` is a pure function of (data, the tree's samples and weights, config, rng): forests call
 * it once per tree with `Rng.derive(seed, t)`, so results do not depend on how trees are scheduled.
 */
import type { Rng } from '../../core/rng.js';
import { TreeGrowth } from './flat-forest.js';
import { ClassificationCriterion, RegressionCriterion, type SplitCriterion } from './split-criterion.js';
import { Splitter, type SplitResult } from './splitter.js';
import type { TreeData } from './tree-data.js';
import type { TreeConfig } from './tree-params.js';

const EPSILON = 2.220446049250313e-16;

/** A grown tree and its (unnormalised) impurity decrease per feature. */
export interface BuiltTree {
  tree: TreeGrowth;
  /** Σ over the feature's splits of wₙ·impurity − wₗ·impurityₗ − wᵣ·impurityᵣ, divided by the root weight. */
  importances: Float64Array;
  depth: number;
}

/**
 * Grows a tree on `samples` (row ids, each with weight `weights[id] > 0`; the array is reordered).
 *
 * @example
 * const built = buildTree(data, Int32Array.from({ length: data.n }, (_, i) => i), new Float64Array(data.n).fill(1), config, Rng.derive(0, 0));
 */
export function buildTree(data: TreeData, samples: Int32Array, weights: Float64Array, cfg: TreeConfig, rng: Rng): BuiltTree {
  const k = data.nClasses;
  const criterion: SplitCriterion =
    k > 0
      ? new ClassificationCriterion(data.y as Int32Array, weights, k, cfg.criterion === 'entropy')
      : new RegressionCriterion(data.y as Float64Array, weights);
  const nOut = k > 0 ? k : 1;
  const m = samples.length;
  const tree = new TreeGrowth(nOut, Math.max(16, Math.min(2 * m, 1 << 12)));
  const importances = new Float64Array(data.d);

  criterion.initNode(samples, 0, m);
  const wAll = criterion.wTotal;
  const splitter = new Splitter(data.Xc, data.n, data.d, data.bins, samples, criterion, rng, cfg.splitter === 'random', cfg.maxFeatures, cfg.minSamplesLeaf, wAll);
  const res: SplitResult = { pos: 0, feature: -1, threshold: 0, improvement: 0, impurityLeft: 0, impurityRight: 0, wLeft: 0, wRight: 0 };

  // Stack records: start, end, depth, parent, isLeft, impurity, nConstantFeatures.
  const stack: number[] = [0, m, 0, -1, 0, NaN, 0];
  let maxDepth = 0;
  while (stack.length > 0) {
    const nConstant = stack.pop()!;
    let impurity = stack.pop()!;
    const isLeft = stack.pop()! === 1;
    const parent = stack.pop()!;
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const nNode = end - start;

    criterion.initNode(samples, start, end);
    const wNode = criterion.wTotal;
    if (parent < 0) impurity = criterion.nodeImpurity();
    let isLeaf = depth >= cfg.maxDepth || nNode < cfg.minSamplesSplit || nNode < 2 * cfg.minSamplesLeaf || impurity <= EPSILON;
    let nConstantAfter = nConstant;
    if (!isLeaf) {
      nConstantAfter = splitter.split(start, end, impurity, nConstant, res);
      isLeaf = res.pos >= end || res.improvement + EPSILON < cfg.minImpurityDecrease;
    }
    const node = tree.addNode(parent, isLeft);
    criterion.nodeValue(tree.value, node * nOut);
    if (depth > maxDepth) maxDepth = depth;
    if (isLeaf) continue;

    tree.setSplit(node, res.feature, res.threshold);
    importances[res.feature] += wNode * impurity - res.wLeft * res.impurityLeft - res.wRight * res.impurityRight;
    // Right first so that the left child is popped (and numbered) first.
    stack.push(res.pos, end, depth + 1, node, 0, res.impurityRight, nConstantAfter);
    stack.push(start, res.pos, depth + 1, node, 1, res.impurityLeft, nConstantAfter);
  }
  for (let j = 0; j < importances.length; j++) importances[j] /= wAll;
  return { tree, importances, depth: maxDepth };
}

/** Scales importances to sum to 1 (left as zeros when no split was made), as sklearn's `feature_importances_`. */
export function normalizeImportances(imp: Float64Array): Float64Array {
  let s = 0;
  for (const v of imp) s += v;
  if (s > 0) for (let j = 0; j < imp.length; j++) imp[j] /= s;
  return imp;
}
