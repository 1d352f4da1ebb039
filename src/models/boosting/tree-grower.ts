/**
 * Grows one regression tree on gradients and hessians, leaf-wise (best gain first), after
 * scikit-learn 1.2 `sklearn/ensemble/_hist_gradient_boosting/grower.py` (`TreeGrower`): the root's
 * histogram is built from all its rows; when a node is split, the child with fewer rows gets its
 * histogram built and the other child's is the parent's minus it (in place in the parent's slot).
 * Leaf values are shrunk Newton steps, −learningRate · G / (H + l2).
 */
import { P, RESULT_STRIDE, type HistViews } from './hist-kernels.js';
import type { HistThreadPool } from './hist-thread-pool.js';
import type { BinMapping } from './binning.js';
import { TreeBuilder } from './tree-nodes.js';

/** Growth constraints and shrinkage of one tree. */
export interface GrowerOptions {
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
  /** Hessians are all `hConst` (squared error): histograms skip them. */
  constHess: boolean;
  hConst: number;
}

/** Scikit-learn's `min_hessian_to_split`. */
export const MIN_HESSIAN = 1e-3;

/** The split fields of a node being grown (what {@link readBestSplit} fills). */
export interface SplitCandidate {
  count: number;
  gain: number;
  feature: number;
  bin: number;
  missingLeft: number;
  gl: number;
  hl: number;
  nl: number;
}

/**
 * Picks node `n`'s best feature from result block `which` of `v.result` (filled by `runNodeJob` or
 * `findNodeSplits`); the first feature wins ties (as sklearn). Leaves `n` untouched when no feature
 * beats `n.gain`.
 *
 * @example
 * const n = { count: 100, gain: -1, feature: -1, bin: 0, missingLeft: 0, gl: 0, hl: 0, nl: 0 };
 * readBestSplit(views, 0, n);
 */
export function readBestSplit(v: HistViews, which: number, n: SplitCandidate): void {
  const r = v.result, d = v.nBinsNonMissing.length;
  let best = -1;
  for (let f = 0; f < d; f++) {
    if (v.featureMask[f] === 0) continue;
    const o = (which * d + f) * RESULT_STRIDE;
    if (r[o] > n.gain) {
      n.gain = r[o];
      best = f;
    }
  }
  if (best < 0) return;
  const o = (which * d + best) * RESULT_STRIDE;
  n.feature = best;
  n.bin = r[o + 1];
  n.gl = r[o + 3];
  n.hl = r[o + 4];
  n.nl = r[o + 5];
  // Without missing values in training, NaN at predict time follows the larger child (sklearn).
  n.missingLeft = v.hasMissing[best] === 1 ? r[o + 2] : n.nl >= n.count - n.nl ? 1 : 0;
}

/**
 * The numeric threshold of a split "bin <= `bin`" on `feature`.
 *
 * @example
 * splitThreshold(mapping, 3, 17); // mapping.thresholds[3][17], or Infinity for the last bin
 */
export function splitThreshold(mapping: BinMapping, feature: number, bin: number): number {
  // A split on the last non-missing bin separates missing values from all others ("split on nan").
  if (bin === mapping.nBinsNonMissing[feature] - 1) return Infinity;
  return mapping.thresholds[feature][bin];
}

interface GrowNode extends SplitCandidate {
  id: number;
  start: number;
  g: number;
  h: number;
  depth: number;
  slot: number;
  /** Index in the tree builder. */
  node: number;
}

/**
 * Grows trees over a pool's shared buffers. `views.rows[0..m)` must hold the (sampled) training rows,
 * ascending; it is partitioned in place so each leaf's rows end up contiguous.
 */
/** The split-search parameters the histogram kernels read, for trees over `d` features. */
export function writeSplitParams(p: Float64Array, opt: GrowerOptions, d: number): void {
  p[P.constHess] = opt.constHess ? 1 : 0;
  p[P.hConst] = opt.hConst;
  p[P.minSamplesLeaf] = opt.minSamplesLeaf;
  p[P.l2] = opt.l2;
  p[P.minHessian] = MIN_HESSIAN;
  p[P.nFeatures] = d;
}

export class TreeGrower {
  private readonly freeSlots: number[] = [];
  private readonly scratch: Int32Array;

  constructor(private readonly pool: HistThreadPool, private readonly mapping: BinMapping, nSlots: number, nRows: number) {
    for (let s = nSlots - 1; s >= 0; s--) this.freeSlots.push(s);
    this.scratch = new Int32Array(nRows);
  }

  /**
   * Grows one tree on `m` rows with the gradients at `gradOffset`; adds each leaf's value to
   * `raw[rawOffset + row]` for its rows and the split gains to `importances`.
   */
  grow(m: number, identity: boolean, gradOffset: number, opt: GrowerOptions, tree: TreeBuilder, raw: Float64Array, rawOffset: number, importances: Float64Array): void {
    const v = this.pool.views, p = v.params;
    const d = v.nBinsNonMissing.length;
    p[P.gradOffset] = gradOffset;
    writeSplitParams(p, opt, d);
    p[P.nRows] = v.binned.length / Math.max(d, 1);
    let g = 0, h = 0;
    const rows = v.rows;
    for (let i = 0; i < m; i++) {
      const r = gradOffset + (identity ? i : rows[i]);
      g += v.grad[r];
      if (!opt.constHess) h += v.hess[r];
    }
    if (opt.constHess) h = m * opt.hConst;
    let ids = 0;
    const root: GrowNode = this.newNode(ids++, 0, m, g, h, 0, tree);
    const canSplit = (n: GrowNode): boolean => n.depth < opt.maxDepth && n.count >= 2 * opt.minSamplesLeaf && n.h >= MIN_HESSIAN;
    const open: GrowNode[] = [];
    const leaves: GrowNode[] = [];
    if (canSplit(root) && opt.maxLeafNodes > 1) {
      root.slot = this.freeSlots.pop()!;
      this.prepareJob(root, identity);
      this.setFind(P.findA, root);
      p[P.parentSlot] = -1;
      p[P.findB] = 0;
      this.pool.runNodeJob(m * d);
      this.readSplit(root, 0);
      if (root.gain > 0) open.push(root);
      else this.release(root);
    }
    if (open.length === 0) leaves.push(root);
    let nLeaves = 1;
    while (open.length > 0 && nLeaves < opt.maxLeafNodes) {
      let bi = 0;
      for (let i = 1; i < open.length; i++) if (open[i].gain > open[bi].gain) bi = i;
      const node = open.splice(bi, 1)[0];
      importances[node.feature] += node.gain;
      const nl = this.partition(node, identity);
      const left = this.newNode(ids++, node.start, nl, node.gl, opt.constHess ? nl * opt.hConst : node.hl, node.depth + 1, tree);
      const nr = node.count - nl;
      const right = this.newNode(ids++, node.start + nl, nr, node.g - node.gl, opt.constHess ? nr * opt.hConst : node.h - node.hl, node.depth + 1, tree);
      tree.setSplit(node.node, node.feature, node.bin, this.numThreshold(node), node.missingLeft, left.node, right.node);
      identity = false; // after the first partition, rows are an index list
      nLeaves++;
      const [small, large] = left.count <= right.count ? [left, right] : [right, left];
      const splitSmall = canSplit(small), splitLarge = canSplit(large);
      if (nLeaves < opt.maxLeafNodes && (splitSmall || splitLarge)) {
        small.slot = this.freeSlots.pop()!;
        this.prepareJob(small, false);
        p[P.findA] = 0;
        if (splitSmall) this.setFind(P.findA, small);
        p[P.parentSlot] = splitLarge ? node.slot : -1;
        p[P.findB] = 0;
        if (splitLarge) {
          large.slot = node.slot;
          this.setFind(P.findB, large);
        } else this.freeSlots.push(node.slot);
        this.pool.runNodeJob(small.count * d);
        if (splitSmall) this.readSplit(small, 0);
        if (splitLarge) this.readSplit(large, 1);
        for (const c of [left, right]) {
          if (c.slot >= 0 && c.gain > 0) open.push(c);
          else {
            this.release(c);
            leaves.push(c);
          }
        }
      } else {
        this.freeSlots.push(node.slot);
        leaves.push(left, right);
      }
    }
    for (const n of open) {
      this.release(n);
      leaves.push(n);
    }
    for (const leaf of leaves) {
      const value = (-opt.learningRate * leaf.g) / (leaf.h + opt.l2 + 1e-15);
      tree.setLeaf(leaf.node, value);
      for (let i = leaf.start, e = leaf.start + leaf.count; i < e; i++) raw[rawOffset + (identity ? i : rows[i])] += value;
    }
  }

  private newNode(id: number, start: number, count: number, g: number, h: number, depth: number, tree: TreeBuilder): GrowNode {
    return { id, start, count, g, h, depth, slot: -1, gain: -1, feature: -1, bin: 0, missingLeft: 0, gl: 0, hl: 0, nl: 0, node: tree.addNode() };
  }

  private release(n: GrowNode): void {
    if (n.slot >= 0) this.freeSlots.push(n.slot);
    n.slot = -1;
  }

  /** Row range, build slot and (for index lists) the gathered gradients of node `n`. */
  private prepareJob(n: GrowNode, identity: boolean): void {
    const v = this.pool.views, p = v.params;
    p[P.rowStart] = n.start;
    p[P.rowCount] = n.count;
    p[P.identity] = identity ? 1 : 0;
    p[P.buildSlot] = n.slot;
    if (identity) return;
    // Gather once per node (scikit-learn's ordered_gradients) so the per-feature loops read contiguously.
    const off = p[P.gradOffset], rows = v.rows, og = v.orderedGrad, oh = v.orderedHess, g = v.grad, h = v.hess;
    const s = n.start, m = n.count;
    if (p[P.constHess] === 1) for (let i = 0; i < m; i++) og[i] = g[off + rows[s + i]];
    else {
      for (let i = 0; i < m; i++) {
        const r = off + rows[s + i];
        og[i] = g[r];
        oh[i] = h[r];
      }
    }
  }

  private setFind(at: number, n: GrowNode): void {
    const p = this.pool.views.params;
    p[at] = 1;
    p[at + 1] = n.g;
    p[at + 2] = n.h;
    p[at + 3] = n.count;
  }

  /** The best feature for node `n` from result block `which`; first feature wins ties (as sklearn). */
  private readSplit(n: GrowNode, which: number): void {
    readBestSplit(this.pool.views, which, n);
  }

  private numThreshold(n: GrowNode): number {
    return splitThreshold(this.mapping, n.feature, n.bin);
  }

  /** Stable in-place partition of the node's rows; returns the number going left. */
  private partition(n: GrowNode, identity: boolean): number {
    const v = this.pool.views, rows = v.rows, tmp = this.scratch;
    const nRows = v.params[P.nRows];
    const col = v.binned.subarray(n.feature * nRows, (n.feature + 1) * nRows);
    const bin = n.bin, missLeft = n.missingLeft === 1;
    let l = n.start, r = 0;
    for (let i = n.start, e = n.start + n.count; i < e; i++) {
      const row = identity ? i : rows[i];
      const b = col[row];
      if (b === 255 ? missLeft : b <= bin) rows[l++] = row;
      else tmp[r++] = row;
    }
    rows.set(tmp.subarray(0, r), l);
    return l - n.start;
  }
}
