/**
 * Flat storage of all trees of a boosted ensemble (one set of typed arrays, trees appended one after
 * another) and their prediction on raw values or on bins. A split sends a row left when
 * `x <= threshold` (bin `<= binThreshold`); missing values (NaN, bin 255) go where `missingLeft` says.
 */
import type { StateValue } from '../../core/estimator.js';
import { ModelFileError } from '../../core/errors.js';
import { stateArray } from '../../core/state-check.js';
import { MISSING_BIN } from './binning.js';

/** The saved form of the ensemble's nodes; `left[i] = -1` marks a leaf. */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  binThreshold: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Root node of each tree, in boosting order (iteration-major, class-minor). */
  roots: Int32Array;
}

/**
 * Appends nodes of successive trees to growable typed arrays.
 *
 * @example
 * const b = new TreeBuilder();
 * const root = b.startTree(); // then addNode / setSplit / setLeaf while growing
 */
export class TreeBuilder {
  private n = 0;
  private cap = 256;
  feature = new Int32Array(this.cap);
  threshold = new Float64Array(this.cap);
  binThreshold = new Uint8Array(this.cap);
  missingLeft = new Uint8Array(this.cap);
  left = new Int32Array(this.cap);
  right = new Int32Array(this.cap);
  value = new Float64Array(this.cap);
  readonly roots: number[] = [];

  /** Marks the next node added as a new tree's root. */
  startTree(): void {
    this.roots.push(this.n);
  }

  addNode(): number {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    return i;
  }

  setSplit(i: number, feature: number, bin: number, threshold: number, missingLeft: number, left: number, right: number): void {
    this.feature[i] = feature;
    this.binThreshold[i] = bin;
    this.threshold[i] = threshold;
    this.missingLeft[i] = missingLeft;
    this.left[i] = left;
    this.right[i] = right;
  }

  setLeaf(i: number, value: number): void {
    this.value[i] = value;
  }

  /** Drops the trees from `nTrees` on (early stopping keeps whole iterations only). */
  truncate(nTrees: number): void {
    if (nTrees < this.roots.length) {
      this.n = this.roots[nTrees];
      this.roots.length = nTrees;
    }
  }

  /** Compact copies of the nodes. */
  finish(): TreeArrays {
    const n = this.n;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      binThreshold: this.binThreshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      roots: Int32Array.from(this.roots),
    };
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.feature = g(this.feature);
    this.threshold = g(this.threshold);
    this.binThreshold = g(this.binThreshold);
    this.missingLeft = g(this.missingLeft);
    this.left = g(this.left);
    this.right = g(this.right);
    this.value = g(this.value);
  }
}

/**
 * Reads saved tree arrays (a model file's ensemble, or one tree sent to data-parallel workers) and
 * checks that every link points forward inside the arrays and every split names a feature, so a
 * tampered or corrupt file cannot make routing loop or read out of bounds. Without `roots` saved, the
 * arrays hold one tree rooted at node 0.
 *
 * @example
 * const trees = treeArraysFromState(stateObject(fitted, 'trees'), 'model file', nFeatures);
 */
export function treeArraysFromState(s: { [k: string]: StateValue }, source: string, nFeatures: number): TreeArrays {
  const feature = stateArray(s, 'feature', Int32Array);
  const m = feature.length;
  const trees: TreeArrays = {
    feature,
    threshold: stateArray(s, 'threshold', Float64Array, m),
    binThreshold: stateArray(s, 'binThreshold', Uint8Array, m),
    missingLeft: stateArray(s, 'missingLeft', Uint8Array, m),
    left: stateArray(s, 'left', Int32Array, m),
    right: stateArray(s, 'right', Int32Array, m),
    value: stateArray(s, 'value', Float64Array, m),
    roots: s.roots === undefined ? Int32Array.of(0) : stateArray(s, 'roots', Int32Array),
  };
  for (let i = 0; i < m; i++) {
    const l = trees.left[i];
    if (l < 0) continue;
    const r = trees.right[i], f = trees.feature[i];
    if (l <= i || r <= i || l >= m || r >= m || f < 0 || f >= nFeatures) {
      throw new ModelFileError(`${source}: tree node ${i} links to nodes ${l}/${r} on feature ${f}; the trees are corrupt`, { field: 'trees' });
    }
  }
  for (const r of trees.roots) if (r < 0 || r >= m) throw new ModelFileError(`${source}: tree root ${r} is outside the ${m} nodes`, { field: 'trees' });
  return trees;
}

type Nodes = Pick<TreeArrays, 'feature' | 'threshold' | 'binThreshold' | 'missingLeft' | 'left' | 'right' | 'value'>;

/**
 * Adds the value of tree `root` on each row of row-major `x` (n × d) to `out[i * stride + offset]`.
 *
 * @example
 * addTreeRaw(trees, trees.roots[0], X.data, X.rows, X.cols, out, 1, 0);
 */
export function addTreeRaw(t: Nodes, root: number, x: Float64Array, n: number, d: number, out: Float64Array, stride: number, offset: number): void {
  const { feature, threshold, missingLeft, left, right, value } = t;
  for (let i = 0; i < n; i++) {
    let k = root;
    const base = i * d;
    while (left[k] >= 0) {
      const v = x[base + feature[k]];
      k = (v !== v ? missingLeft[k] === 1 : v <= threshold[k]) ? left[k] : right[k];
    }
    out[i * stride + offset] += value[k];
  }
}

/**
 * Adds the value of tree `root` on rows of a column-major binned matrix (`nRows` rows) to
 * `out[outOffset + row]`, for the rows listed in `rows` (or all rows).
 *
 * @example
 * addTreeBinned(trees, trees.roots[0], binned, nRows, null, raw, 0);
 */
export function addTreeBinned(t: Nodes, root: number, binned: Uint8Array, nRows: number, rows: Int32Array | null, out: Float64Array, outOffset: number): void {
  const { feature, binThreshold, missingLeft, left, right, value } = t;
  const m = rows ? rows.length : nRows;
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j;
    let k = root;
    while (left[k] >= 0) {
      const b = binned[feature[k] * nRows + i];
      k = (b === MISSING_BIN ? missingLeft[k] === 1 : b <= binThreshold[k]) ? left[k] : right[k];
    }
    out[outOffset + i] += value[k];
  }
}
