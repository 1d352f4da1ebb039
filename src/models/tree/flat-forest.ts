/**
 * The flat typed-array form of one or more fitted trees (scikit-learn's `Tree` arrays `children_left`,
 * `children_right`, `feature`, `threshold`, `value`): compact to save, and fast to predict because a
 * row's walk touches a few contiguous arrays instead of node objects. A decision tree is a forest of
 * one tree.
 *
 * Trees are stored back to back; tree `t` holds nodes `nodeOffsets[t] .. nodeOffsets[t+1]-1`, its root
 * first. Child indices are absolute (into the concatenated arrays) and always larger than the parent's,
 * which the loader checks so that a tampered file cannot make prediction loop forever.
 */
import { ModelFileError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import { stateArray, stateNumber } from '../../core/state-check.js';

/**
 * Fitted trees in flat arrays (see the file comment).
 *
 * @example
 * const f = new RandomForestClassifier({ nEstimators: 3 }).fit(X, y).trees;
 * f.nodeOffsets; // Int32Array [0, n0, n0 + n1, n0 + n1 + n2]
 */
export interface FlatForest {
  /** Start of each tree's nodes, plus the total node count at the end (length trees + 1). */
  nodeOffsets: Int32Array;
  /** Left child (samples with `x[feature] <= threshold`); -1 at leaves. */
  left: Int32Array;
  /** Right child; -1 at leaves. */
  right: Int32Array;
  /** Split feature; -1 at leaves. */
  feature: Int32Array;
  /** Split threshold (a midpoint between two float32 feature values, as sklearn); 0 at leaves. */
  threshold: Float64Array;
  /** `nOutputs` values per node: class fractions (classifiers) or the mean target (regressors). */
  value: Float64Array;
  /** Values per node: number of classes, or 1 for regression. */
  nOutputs: number;
}

/**
 * One tree as the builder grows it, in arrays that double in size as nodes are added.
 *
 * @example
 * const g = new TreeGrowth(2);
 * const root = g.addNode(-1, false);
 * g.addNode(root, true); // left child of the root
 */
export class TreeGrowth {
  nodeCount = 0;
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  value: Float64Array;
  readonly nOutputs: number;

  constructor(nOutputs: number, capacity = 64) {
    this.nOutputs = nOutputs;
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.value = new Float64Array(capacity * nOutputs);
  }

  /** Appends a node (a leaf until {@link setSplit}) linked from `parent`; returns its id. */
  addNode(parent: number, isLeft: boolean): number {
    if (this.nodeCount === this.left.length) this.grow();
    const id = this.nodeCount++;
    this.left[id] = -1;
    this.right[id] = -1;
    this.feature[id] = -1;
    this.threshold[id] = 0;
    if (parent >= 0) {
      if (isLeft) this.left[parent] = id;
      else this.right[parent] = id;
    }
    return id;
  }

  setSplit(node: number, feature: number, threshold: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
  }

  private grow(): void {
    const cap = this.left.length * 2;
    const k = this.nOutputs;
    const copy = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.left = copy(this.left, cap);
    this.right = copy(this.right, cap);
    this.feature = copy(this.feature, cap);
    this.threshold = copy(this.threshold, cap);
    this.value = copy(this.value, cap * k);
  }
}

/** Concatenates grown trees into one {@link FlatForest}, making child indices absolute. */
export function concatTrees(trees: readonly TreeGrowth[], nOutputs: number): FlatForest {
  const nodeOffsets = new Int32Array(trees.length + 1);
  for (let t = 0; t < trees.length; t++) nodeOffsets[t + 1] = nodeOffsets[t] + trees[t].nodeCount;
  const total = nodeOffsets[trees.length];
  const f: FlatForest = {
    nodeOffsets,
    left: new Int32Array(total),
    right: new Int32Array(total),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    value: new Float64Array(total * nOutputs),
    nOutputs,
  };
  for (let t = 0; t < trees.length; t++) {
    const g = trees[t], off = nodeOffsets[t], m = g.nodeCount;
    for (let i = 0; i < m; i++) {
      f.left[off + i] = g.left[i] < 0 ? -1 : g.left[i] + off;
      f.right[off + i] = g.right[i] < 0 ? -1 : g.right[i] + off;
    }
    f.feature.set(g.feature.subarray(0, m), off);
    f.threshold.set(g.threshold.subarray(0, m), off);
    f.value.set(g.value.subarray(0, m * nOutputs), off * nOutputs);
  }
  return f;
}

/**
 * Leaf reached by each row in tree `t`. `X32` is the row-major input rounded to float32, because
 * sklearn compares float32 features with float64 thresholds and we must route rows identically.
 */
export function applyTree(f: FlatForest, t: number, X32: Float32Array, rows: number, cols: number, out: Int32Array): void {
  const { left, right, feature, threshold } = f;
  const root = f.nodeOffsets[t];
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let node = root;
    while (left[node] >= 0) node = X32[base + feature[node]] <= threshold[node] ? left[node] : right[node];
    out[i] = node;
  }
}

/** Number of trees held. */
export function treeCount(f: FlatForest): number {
  return f.nodeOffsets.length - 1;
}

/** Schema and consistency check of a saved {@link FlatForest}. */
export function checkFlatForest(fitted: { [k: string]: StateValue }, nFeatures: number): FlatForest {
  const nodeOffsets = stateArray(fitted, 'nodeOffsets', Int32Array);
  const nOutputs = stateNumber(fitted, 'nOutputs');
  const total = nodeOffsets.length > 0 ? nodeOffsets[nodeOffsets.length - 1] : -1;
  if (nodeOffsets.length < 2 || nodeOffsets[0] !== 0 || !Number.isInteger(nOutputs) || nOutputs < 1) {
    throw new ModelFileError('model file: tree arrays lack their node offsets or output count', { field: 'nodeOffsets' });
  }
  const left = stateArray(fitted, 'left', Int32Array, total);
  const right = stateArray(fitted, 'right', Int32Array, total);
  const feature = stateArray(fitted, 'feature', Int32Array, total);
  const threshold = stateArray(fitted, 'threshold', Float64Array, total);
  const value = stateArray(fitted, 'value', Float64Array, total * nOutputs);
  for (let t = 0; t + 1 < nodeOffsets.length; t++) {
    const lo = nodeOffsets[t], hi = nodeOffsets[t + 1];
    if (!(hi > lo)) throw new ModelFileError(`model file: tree ${t} has no nodes`, { field: 'nodeOffsets' });
    for (let i = lo; i < hi; i++) {
      const leaf = left[i] < 0;
      const ok = leaf
        ? right[i] < 0
        : left[i] > i && left[i] < hi && right[i] > i && right[i] < hi && feature[i] >= 0 && feature[i] < nFeatures;
      if (!ok) throw new ModelFileError(`model file: tree ${t} node ${i - lo} has invalid children or feature`, { field: 'left', node: i });
    }
  }
  return { nodeOffsets, left, right, feature, threshold, value, nOutputs };
}

/** The {@link FlatForest} fields as saved state. */
export function flatForestState(f: FlatForest): { [k: string]: StateValue } {
  return { nodeOffsets: f.nodeOffsets, left: f.left, right: f.right, feature: f.feature, threshold: f.threshold, value: f.value, nOutputs: f.nOutputs };
}
