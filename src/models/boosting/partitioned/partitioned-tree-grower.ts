/**
 * The coordinator side of data-parallel histogram gradient boosting (see `partition-booster.ts`):
 * grows one tree leaf-wise exactly as `TreeGrower` does — same best-first order, same split search
 * (`findNodeSplits` over the kernels' `findSplit`), same histogram subtraction, same leaf values — but
 * from histograms summed over data partitions, in partition order so the sums do not depend on which
 * worker answered first.
 *
 * Round trips are what cost in a cluster, so histograms are asked for in waves: when the node to
 * split next has no children histograms yet, the smaller child of every open node that may still be
 * split (up to the leaves left) is built in one round trip. The best-first replay then runs until it
 * meets a node without children histograms. A tree of L leaves takes about its depth in waves instead
 * of L − 1; the price is building histograms for some nodes that end up as leaves.
 */
import type { BinMapping } from '../binning.js';
import { FEATURE_STRIDE, findNodeSplits, PARAMS_LENGTH, RESULT_STRIDE, type HistViews } from '../hist-kernels.js';
import { addPackedHistogram, packedHistogramLength, type PartitionSplit } from './partition-booster.js';
import { MIN_HESSIAN, readBestSplit, splitThreshold, writeSplitParams, type GrowerOptions, type SplitCandidate } from '../tree-grower.js';
import type { TreeBuilder } from '../tree-nodes.js';

/**
 * One round trip to the partitions: the current tree's splits so far (in the order they were made)
 * and the grow nodes to build; resolves to each partition's packed histograms, in partition order.
 */
export type HistogramWave = (splits: readonly PartitionSplit[], build: readonly number[]) => Promise<Float64Array[]>;

interface WaveNode extends SplitCandidate {
  /** Grow-node id shared with the partitions. */
  id: number;
  g: number;
  h: number;
  depth: number;
  canSplit: boolean;
  hist: Float64Array | null;
  kids: [WaveNode, WaveNode] | null;
  /** Index in the tree builder (assigned when the node joins the tree). */
  treeNode: number;
}

/**
 * Grows trees from partition histograms.
 *
 * @example
 * const grower = new PartitionedTreeGrower(mapping, options);
 * tree.startTree();
 * await grower.grow(featureMask, tree, importances, (splits, build) => askEveryPartition(splits, build));
 */
export class PartitionedTreeGrower {
  private readonly views: HistViews;
  /** Round trips made so far (for reports). */
  waves = 0;

  constructor(private readonly mapping: BinMapping, private readonly opt: GrowerOptions) {
    const d = mapping.nBinsNonMissing.length;
    const none = new Uint8Array(0);
    this.views = {
      binned: none,
      binnedRows: none,
      grad: new Float64Array(0),
      hess: new Float64Array(0),
      orderedGrad: new Float64Array(0),
      orderedHess: new Float64Array(0),
      rows: new Int32Array(0),
      hist: new Float64Array(0),
      result: new Float64Array(2 * d * RESULT_STRIDE),
      params: new Float64Array(PARAMS_LENGTH),
      nBinsNonMissing: Int32Array.from(mapping.nBinsNonMissing),
      hasMissing: Uint8Array.from(mapping.hasMissing),
      featureMask: new Uint8Array(d),
    };
    writeSplitParams(this.views.params, opt, d);
  }

  /** Grows one tree (after `tree.startTree()`), adding split gains to `importances`. */
  async grow(featureMask: Uint8Array, tree: TreeBuilder, importances: Float64Array, wave: HistogramWave): Promise<void> {
    const opt = this.opt;
    this.views.featureMask.set(featureMask);
    const splits: PartitionSplit[] = [];
    let nextId = 1;
    const node = (id: number, g: number, h: number, count: number, depth: number): WaveNode => {
      const n: WaveNode = { id, g, h, count, depth, canSplit: false, hist: null, kids: null, treeNode: -1, gain: -1, feature: -1, bin: 0, missingLeft: 0, gl: 0, hl: 0, nl: 0 };
      n.canSplit = depth < opt.maxDepth && count >= 2 * opt.minSamplesLeaf && h >= MIN_HESSIAN;
      return n;
    };
    // The root's sums come with its histogram: partitions sum their own rows, the coordinator adds them.
    const [rootHist, rootSums] = this.sum(await this.ask(wave, splits, [0]), 1);
    const m = rootSums[2];
    const root = node(0, rootSums[0], opt.constHess ? m * opt.hConst : rootSums[1], m, 0);
    root.treeNode = tree.addNode();
    root.hist = rootHist[0];
    const open: WaveNode[] = [];
    const leaves: WaveNode[] = [];
    if (root.canSplit && opt.maxLeafNodes > 1) {
      this.findSplit(root);
      if (root.gain > 0) open.push(root);
    }
    if (open.length === 0) leaves.push(root);
    let nLeaves = 1;
    while (open.length > 0 && nLeaves < opt.maxLeafNodes) {
      let bi = 0;
      for (let i = 1; i < open.length; i++) if (open[i].gain > open[bi].gain) bi = i;
      const n = open[bi];
      if (!n.kids) nextId = await this.expand(open, opt.maxLeafNodes - nLeaves, splits, nextId, node, wave);
      open.splice(bi, 1);
      importances[n.feature] += n.gain;
      const [left, right] = n.kids!;
      left.treeNode = tree.addNode();
      right.treeNode = tree.addNode();
      tree.setSplit(n.treeNode, n.feature, n.bin, splitThreshold(this.mapping, n.feature, n.bin), n.missingLeft, left.treeNode, right.treeNode);
      nLeaves++;
      // TreeGrower evaluates the children only while leaves remain; a child is open when it can split with gain.
      const evaluate = nLeaves < opt.maxLeafNodes && (left.canSplit || right.canSplit);
      for (const c of [left, right]) {
        if (evaluate && c.canSplit && c.gain > 0) open.push(c);
        else {
          c.hist = null;
          leaves.push(c);
        }
      }
    }
    for (const n of open) leaves.push(n);
    for (const leaf of leaves) tree.setLeaf(leaf.treeNode, (-opt.learningRate * leaf.g) / (leaf.h + opt.l2 + 1e-15));
  }

  /**
   * One wave: children of the open nodes not yet expanded, highest gain first, at most `budget` of
   * them (no more splits can happen). Returns the next free grow-node id.
   */
  private async expand(
    open: WaveNode[],
    budget: number,
    splits: PartitionSplit[],
    nextId: number,
    node: (id: number, g: number, h: number, count: number, depth: number) => WaveNode,
    wave: HistogramWave,
  ): Promise<number> {
    const opt = this.opt;
    // A stable sort keeps open-list order among equal gains, so the node best-first pops next comes first.
    const candidates = open.filter((n) => n.kids === null).sort((a, b) => b.gain - a.gain).slice(0, Math.max(1, budget));
    const built: WaveNode[] = [];
    for (const x of candidates) {
      const nr = x.count - x.nl;
      const left = node(nextId++, x.gl, opt.constHess ? x.nl * opt.hConst : x.hl, x.nl, x.depth + 1);
      const right = node(nextId++, x.g - x.gl, opt.constHess ? nr * opt.hConst : x.h - x.hl, nr, x.depth + 1);
      x.kids = [left, right];
      if (left.canSplit || right.canSplit) {
        splits.push({ node: x.id, feature: x.feature, bin: x.bin, missingLeft: x.missingLeft, left: left.id, right: right.id });
        built.push(x);
      } else x.hist = null;
    }
    if (built.length === 0) return nextId;
    const small = (x: WaveNode): WaveNode => (x.kids![0].count <= x.kids![1].count ? x.kids![0] : x.kids![1]);
    const [hists] = this.sum(await this.ask(wave, splits, built.map((x) => small(x).id)), built.length);
    built.forEach((x, k) => {
      const s = small(x), l = s === x.kids![0] ? x.kids![1] : x.kids![0];
      s.hist = hists[k];
      if (l.canSplit) {
        // Histogram subtraction: the larger child's histogram is the parent's minus the smaller one's.
        const ph = x.hist!, sh = s.hist;
        for (let i = 0; i < ph.length; i++) ph[i] -= sh[i];
        l.hist = ph;
        this.findSplit(l);
      }
      x.hist = null;
      if (s.canSplit) this.findSplit(s);
      else s.hist = null;
    });
    return nextId;
  }

  private async ask(wave: HistogramWave, splits: readonly PartitionSplit[], build: number[]): Promise<Float64Array[]> {
    this.waves++;
    return wave(splits.slice(), build);
  }

  /** Full histograms (and header sums) of `count` nodes, partitions added in order. */
  private sum(parts: Float64Array[], count: number): [Float64Array[], Float64Array] {
    const v = this.views, d = v.nBinsNonMissing.length;
    const len = packedHistogramLength(v.nBinsNonMissing, v.featureMask);
    const hists = Array.from({ length: count }, () => new Float64Array(d * FEATURE_STRIDE));
    const sums = new Float64Array(3 * count);
    for (const part of parts) {
      if (part.length !== len * count) throw new RangeError(`partition histograms: expected ${len * count} values, got ${part.length}`);
      for (let k = 0; k < count; k++) addPackedHistogram(part, k * len, v.nBinsNonMissing, v.featureMask, hists[k], sums.subarray(3 * k, 3 * k + 3));
    }
    return [hists, sums];
  }

  private findSplit(n: WaveNode): void {
    findNodeSplits(this.views, n.hist!, n.g, n.h, n.count, 0);
    readBestSplit(this.views, 0, n);
    if (n.gain <= 0) n.hist = null;
  }
}
