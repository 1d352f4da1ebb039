/**
 * The worker side of data-parallel histogram gradient boosting — the scheme of XGBoost's distributed
 * "hist" method (Chen & Guestrin, KDD 2016, §3.3 and §4.1) and LightGBM's data-parallel mode (Ke et
 * al., NeurIPS 2017): a worker keeps one partition's binned rows, raw predictions and gradients, routes
 * them through the tree being grown, and returns (grad, hess, count) histograms of the nodes the
 * coordinator asks for. The coordinator sums them over partitions and chooses the splits
 * (`partitioned-tree-grower.ts`), so the trees equal a single-process fit with the same bins.
 *
 * A partition's state is a pure function of (rows, bins, finished trees, splits of the current tree),
 * which lets any worker rebuild it: `prepare` adds the finished trees it has not seen and replays the
 * current tree's splits — so it does not matter which worker receives which partition's task.
 */
import type { Matrix } from '../../../core/matrix.js';
import { binColumns, MISSING_BIN, type BinMapping } from '../binning.js';
import { gradients, type BoostingLoss } from '../boosting-losses.js';
import { BIN_STRIDE, FEATURE_STRIDE, P, runNodeJob, type HistViews } from '../hist-kernels.js';
import { allocateHistBuffers, histViews } from '../hist-thread-pool.js';
import { addTreeBinned, type TreeArrays } from '../tree-nodes.js';

/** A split of the tree being grown, by grow-node ids (not tree-builder indices). */
export interface PartitionSplit {
  node: number;
  feature: number;
  bin: number;
  missingLeft: number;
  left: number;
  right: number;
}

/** Doubles before each node's packed histogram: sum of gradients, sum of hessians, row count. */
export const NODE_HEADER = 3;

/**
 * Length of one node's packed histogram: the header, then for each feature in the mask its
 * non-missing bins and the missing bin (unused bins are never sent).
 *
 * @example
 * const len = packedHistogramLength(mapping.nBinsNonMissing, mask);
 */
export function packedHistogramLength(nBinsNonMissing: Int32Array, featureMask: Uint8Array): number {
  let len = NODE_HEADER;
  for (let f = 0; f < nBinsNonMissing.length; f++) if (featureMask[f] !== 0) len += (nBinsNonMissing[f] + 1) * BIN_STRIDE;
  return len;
}

/**
 * Adds the packed histogram at `packed[offset..]` into the full histogram `hist` (d × FEATURE_STRIDE)
 * and its header into `sums` (g, h, count).
 *
 * @example
 * addPackedHistogram(parts[p], k * len, mapping.nBinsNonMissing, mask, hist, sums);
 */
export function addPackedHistogram(packed: Float64Array, offset: number, nBinsNonMissing: Int32Array, featureMask: Uint8Array, hist: Float64Array, sums: Float64Array): void {
  for (let j = 0; j < NODE_HEADER; j++) sums[j] += packed[offset + j];
  let o = offset + NODE_HEADER;
  for (let f = 0; f < nBinsNonMissing.length; f++) {
    if (featureMask[f] === 0) continue;
    const used = nBinsNonMissing[f] * BIN_STRIDE, hb = f * FEATURE_STRIDE;
    for (let b = 0; b < used; b++) hist[hb + b] += packed[o + b];
    o += used;
    const mb = hb + MISSING_BIN * BIN_STRIDE;
    for (let b = 0; b < BIN_STRIDE; b++) hist[mb + b] += packed[o + b];
    o += BIN_STRIDE;
  }
}

/**
 * One partition of a data-parallel boosting fit.
 *
 * @example
 * const part = new PartitionBooster(Xpart, yPart, mapping, 'log_loss', 1, baseline);
 * part.prepare(0, [], []);                                  // tree 0, nothing split yet
 * const root = part.histograms([0], featureMask);           // header + packed histogram of the root
 */
export class PartitionBooster {
  /** Rows in the partition. */
  readonly nRows: number;
  private readonly nFeatures: number;
  private readonly views: HistViews;
  private readonly raw: Float64Array;
  private readonly scratch: Int32Array;
  private readonly nodes = new Map<number, [start: number, count: number]>();
  private treesAdded = 0;
  private gradIteration = -1;
  private tree = -1;
  private splitsApplied = 0;
  private identity = true;

  constructor(
    X: Matrix,
    private readonly y: Float64Array,
    private readonly mapping: BinMapping,
    private readonly loss: BoostingLoss,
    private readonly nOutputs: number,
    baseline: Float64Array,
  ) {
    const n = X.rows, d = X.cols, k = nOutputs;
    this.nRows = n;
    this.nFeatures = d;
    this.views = histViews(allocateHistBuffers({ nRows: n, nFeatures: d, nOutputs: k, nSlots: 1 }, 1));
    const v = this.views;
    binColumns(X, mapping, undefined, v.binned, v.binnedRows);
    v.nBinsNonMissing.set(mapping.nBinsNonMissing);
    v.hasMissing.set(mapping.hasMissing);
    const p = v.params;
    p[P.constHess] = loss === 'squared_error' ? 1 : 0;
    p[P.hConst] = 1;
    p[P.nFeatures] = d;
    p[P.nRows] = n;
    p[P.buildSlot] = 0;
    p[P.parentSlot] = -1;
    p[P.findA] = 0;
    p[P.findB] = 0;
    this.raw = new Float64Array(n * k);
    for (let c = 0; c < k; c++) this.raw.fill(baseline[c], c * n, (c + 1) * n);
    this.scratch = new Int32Array(n);
  }

  /** Finished trees already added to the raw predictions (the next one `prepare` needs is this index). */
  get applied(): number {
    return this.treesAdded;
  }

  /**
   * Brings the partition to tree `t` with `splits` applied. `finished` holds trees `applied..t−1`
   * (each `[nodes, root]`). Gradients of an iteration are computed from the raw predictions after all
   * earlier iterations' trees, before any tree of the iteration is added (as `fitBoosting` does).
   * `inSample` (one flag per row, `subsample` < 1) limits the tree's histograms to the sampled rows;
   * finished trees still update every row's prediction, as in `fitBoosting`.
   */
  prepare(t: number, finished: readonly [TreeArrays, number][], splits: readonly PartitionSplit[], inSample: Uint8Array | null = null): void {
    if (finished.length !== t - this.treesAdded) {
      throw new RangeError(`partition booster: tree ${t} needs ${t - this.treesAdded} finished trees from ${this.treesAdded}, got ${finished.length}`);
    }
    if (this.tree === t && this.splitsApplied <= splits.length) {
      for (let i = this.splitsApplied; i < splits.length; i++) this.applySplit(splits[i]);
      this.splitsApplied = splits.length;
      return;
    }
    const k = this.nOutputs, it = Math.floor(t / k);
    if (this.gradIteration !== it && this.treesAdded > it * k) {
      throw new RangeError(`partition booster: has added ${this.treesAdded} trees, past iteration ${it}'s gradients; rebuild it`);
    }
    let i = 0;
    while (this.treesAdded < it * k) this.addTree(finished[i++]);
    if (this.gradIteration !== it) {
      const v = this.views;
      gradients(this.loss, this.y, this.raw, k, v.grad, v.hess, 0, this.nRows);
      this.gradIteration = it;
    }
    while (this.treesAdded < t) this.addTree(finished[i++]);
    const rows = this.views.rows;
    let m = 0;
    for (let r = 0; r < this.nRows; r++) if (!inSample || inSample[r]) rows[m++] = r;
    this.nodes.clear();
    this.nodes.set(0, [0, m]);
    this.identity = m === this.nRows;
    this.tree = t;
    for (const s of splits) this.applySplit(s);
    this.splitsApplied = splits.length;
  }

  /**
   * Packed histograms (see {@link packedHistogramLength}) of grow nodes `nodes` of the current tree,
   * one after another, over the features in `featureMask`.
   */
  histograms(nodes: readonly number[], featureMask: Uint8Array): Float64Array {
    const v = this.views, p = v.params, d = this.nFeatures, n = this.nRows;
    v.featureMask.set(featureMask);
    const len = packedHistogramLength(this.mapping.nBinsNonMissing, featureMask);
    const out = new Float64Array(nodes.length * len);
    const off = (this.tree % this.nOutputs) * n;
    const constHess = p[P.constHess] === 1;
    p[P.gradOffset] = off;
    nodes.forEach((id, k) => {
      const range = this.nodes.get(id);
      if (!range) throw new RangeError(`partition booster: tree ${this.tree} has no node ${id}; the coordinator and the worker disagree on the splits`);
      const [start, count] = range;
      const o = k * len;
      const identity = this.identity && start === 0 && count === n;
      const rows = v.rows, g = v.grad, h = v.hess;
      let gs = 0, hs = 0;
      if (identity) {
        for (let i = 0; i < count; i++) {
          gs += g[off + i];
          if (!constHess) hs += h[off + i];
        }
      } else {
        // Gathered once per node (sklearn's ordered_gradients), as TreeGrower does.
        const og = v.orderedGrad, oh = v.orderedHess;
        for (let i = 0; i < count; i++) {
          const r = off + rows[start + i];
          og[i] = g[r];
          gs += g[r];
          if (!constHess) {
            oh[i] = h[r];
            hs += h[r];
          }
        }
      }
      out[o] = gs;
      out[o + 1] = constHess ? count * p[P.hConst] : hs;
      out[o + 2] = count;
      if (count === 0) return;
      p[P.rowStart] = start;
      p[P.rowCount] = count;
      p[P.identity] = identity ? 1 : 0;
      runNodeJob(v, 0, d);
      this.pack(out, o + NODE_HEADER, featureMask);
    });
    return out;
  }

  private pack(out: Float64Array, o: number, featureMask: Uint8Array): void {
    const h = this.views.hist, nb = this.mapping.nBinsNonMissing;
    for (let f = 0; f < this.nFeatures; f++) {
      if (featureMask[f] === 0) continue;
      const used = nb[f] * BIN_STRIDE, hb = f * FEATURE_STRIDE;
      out.set(h.subarray(hb, hb + used), o);
      o += used;
      const mb = hb + MISSING_BIN * BIN_STRIDE;
      out.set(h.subarray(mb, mb + BIN_STRIDE), o);
      o += BIN_STRIDE;
    }
  }

  private addTree([nodes, root]: [TreeArrays, number]): void {
    const c = this.treesAdded % this.nOutputs;
    addTreeBinned(nodes, root, this.views.binned, this.nRows, null, this.raw, c * this.nRows);
    this.treesAdded++;
  }

  /** Stable in-place partition of the node's rows (as TreeGrower's): left rows first. */
  private applySplit(s: PartitionSplit): void {
    const range = this.nodes.get(s.node);
    if (!range) throw new RangeError(`partition booster: split of unknown node ${s.node} in tree ${this.tree}`);
    const [start, count] = range;
    const v = this.views, rows = v.rows, tmp = this.scratch, n = this.nRows;
    const col = v.binned.subarray(s.feature * n, (s.feature + 1) * n);
    const missLeft = s.missingLeft === 1;
    let l = start, r = 0;
    for (let i = start, e = start + count; i < e; i++) {
      const row = rows[i];
      const b = col[row];
      if (b === MISSING_BIN ? missLeft : b <= s.bin) rows[l++] = row;
      else tmp[r++] = row;
    }
    rows.set(tmp.subarray(0, r), l);
    this.nodes.set(s.left, [start, l - start]);
    this.nodes.set(s.right, [l, r]);
    this.identity = false;
  }
}
