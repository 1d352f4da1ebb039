/**
 * Split search of one node — scikit-learn 1.2's `BestSplitter` and `RandomSplitter`
 * (`sklearn/tree/_splitter.pyx`), including its feature sampling: features are drawn without
 * replacement until `maxFeatures` non-constant ones have been evaluated (constant ones drawn on the way
 * do not count), and features found constant in a node are remembered for its descendants so they are
 * never sorted again.
 *
 * Best: sort the node's values of each drawn feature, scan every boundary between distinct values
 * (values closer than 1e-7 count as equal) and keep the split with the highest criterion proxy; the
 * threshold is the midpoint of the two neighbouring float32 values. Random (Extra-Trees, Geurts et
 * al. 2006): one uniform threshold between the feature's min and max per drawn feature.
 */
import type { Rng } from '../../core/rng.js';
import type { SplitCriterion } from './split-criterion.js';
import { sortSamples } from './sort-samples.js';
import type { FeatureBins } from './tree-data.js';

/** sklearn's FEATURE_THRESHOLD: feature values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;

/** The chosen split of a node; `pos === end` means no valid split was found. */
export interface SplitResult {
  pos: number;
  feature: number;
  threshold: number;
  /** Weighted impurity decrease, as a fraction of all training weight (sklearn's `improvement`). */
  improvement: number;
  impurityLeft: number;
  impurityRight: number;
  wLeft: number;
  wRight: number;
}

/**
 * Split search state of one tree (feature permutation, constant features, value buffer).
 *
 * @example
 * const s = new Splitter(Xc, n, d, bins, samples, criterion, rng, false, maxFeatures, 1, wAll);
 * const nConstant = s.split(0, samples.length, impurity, 0, result); // result.pos === end: no split
 */
export class Splitter {
  /** Feature ids; `[0, nConstant)` are known constant in the current node (sklearn's `features`). */
  private readonly features: Int32Array;
  private readonly constantFeatures: Int32Array;
  /** Feature values of the node's samples, aligned with `samples`. */
  private readonly Xf: Float32Array;
  private readonly children = new Float64Array(2);
  /** Per-bin criterion statistics and sample counts of the binned path. */
  private readonly binStats: Float64Array;
  private readonly binCount: Int32Array;
  /** Result of the last {@link binnedSplit} that improved on the best. */
  private scratchProxy = 0;
  private scratchPos = 0;
  private scratchThreshold = 0;

  /**
   * @param Xc column-major float32 features: column `f` is `Xc[f·n .. f·n + n)`
   * @param samples ids of the rows in this tree (the builder reorders them node by node)
   */
  constructor(
    private readonly Xc: Float32Array,
    private readonly n: number,
    d: number,
    private readonly bins: FeatureBins | null,
    readonly samples: Int32Array,
    private readonly criterion: SplitCriterion,
    private readonly rng: Rng,
    private readonly random: boolean,
    private readonly maxFeatures: number,
    private readonly minSamplesLeaf: number,
    /** Total weight of the tree's samples (improvements are relative to it). */
    private readonly wAll: number,
  ) {
    this.features = new Int32Array(d);
    for (let j = 0; j < d; j++) this.features[j] = j;
    this.constantFeatures = new Int32Array(d);
    this.Xf = new Float32Array(samples.length);
    this.binStats = new Float64Array(bins ? bins.maxBins * criterion.stride : 0);
    this.binCount = new Int32Array(bins ? bins.maxBins : 0);
  }

  /**
   * Finds the split of `samples[start..end)` (already `criterion.initNode`-ed) and partitions the
   * samples so the left child is `[start, pos)`. Returns the constant-feature count for the children.
   */
  split(start: number, end: number, impurity: number, nKnownConstants: number, res: SplitResult): number {
    const { features, Xf, samples, Xc, n, criterion, rng } = this;
    const minLeaf = this.minSamplesLeaf;
    let fI = features.length, nDrawnConstants = 0, nFoundConstants = 0, nTotalConstants = nKnownConstants, nVisited = 0;
    let bestProxy = -Infinity, bestPos = end, bestFeature = -1, bestThreshold = 0;
    // (feature, threshold) the samples are currently partitioned by (random splitter), to skip a re-partition.
    let partFeature = -1, partThreshold = NaN;

    while (fI > nTotalConstants && (nVisited < this.maxFeatures || nVisited <= nFoundConstants + nDrawnConstants)) {
      nVisited++;
      let fj = nDrawnConstants + rng.int(fI - nFoundConstants - nDrawnConstants);
      if (fj < nKnownConstants) {
        // A feature already known constant here: set it aside without evaluating it.
        swapInt(features, nDrawnConstants, fj);
        nDrawnConstants++;
        continue;
      }
      fj += nFoundConstants;
      const f = features[fj];
      const vals = this.bins && !this.random ? this.bins.values[f] : null;
      if (vals !== null && vals.length > 0 && vals.length <= end - start) {
        // Binned path: statistics per distinct value, then a scan over the values in order.
        const found = this.binnedSplit(f, vals, start, end, bestProxy);
        if (found < 0) {
          swapInt(features, fj, nTotalConstants);
          nFoundConstants++;
          nTotalConstants++;
          continue;
        }
        fI--;
        swapInt(features, fI, fj);
        if (found > 0) {
          bestProxy = this.scratchProxy;
          bestPos = this.scratchPos;
          bestFeature = f;
          bestThreshold = this.scratchThreshold;
        }
        continue;
      }
      const col = f * n;
      let lo = Infinity, hi = -Infinity;
      for (let i = start; i < end; i++) {
        const v = Xc[col + samples[i]];
        Xf[i] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi <= lo + FEATURE_THRESHOLD) {
        swapInt(features, fj, nTotalConstants);
        nFoundConstants++;
        nTotalConstants++;
        continue;
      }
      fI--;
      swapInt(features, fI, fj);

      if (!this.random) {
        sortSamples(Xf, samples, start, end - start);
        criterion.reset();
        let added = start;
        let p = start;
        while (p < end) {
          while (p + 1 < end && Xf[p + 1] <= Xf[p] + FEATURE_THRESHOLD) p++;
          p++;
          if (p >= end) break;
          if (p - start < minLeaf) continue;
          if (end - p < minLeaf) break;
          while (added < p) criterion.add(samples[added++]);
          const proxy = criterion.proxy();
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestPos = p;
            bestFeature = f;
            const a = Xf[p - 1], b = Xf[p];
            let t = a / 2 + b / 2;
            if (t === b || t === Infinity || t === -Infinity) t = a;
            bestThreshold = t;
          }
        }
        partFeature = -1;
      } else {
        let t = lo + rng.random() * (hi - lo);
        if (t === hi) t = lo;
        let p = start, pe = end;
        while (p < pe) {
          if (Xf[p] <= t) p++;
          else {
            pe--;
            const v = Xf[p];
            Xf[p] = Xf[pe];
            Xf[pe] = v;
            swapInt(samples, p, pe);
          }
        }
        partFeature = f;
        partThreshold = t;
        if (pe - start < minLeaf || end - pe < minLeaf) continue;
        criterion.reset();
        for (let i = start; i < pe; i++) criterion.add(samples[i]);
        const proxy = criterion.proxy();
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestPos = pe;
          bestFeature = f;
          bestThreshold = t;
        }
      }
    }

    res.pos = bestPos;
    res.feature = bestFeature;
    res.threshold = bestThreshold;
    if (bestPos < end) {
      if (partFeature !== bestFeature || partThreshold !== bestThreshold) {
        const col = bestFeature * n;
        let p = start, pe = end;
        while (p < pe) {
          if (Xc[col + samples[p]] <= bestThreshold) p++;
          else swapInt(samples, p, --pe);
        }
      }
      criterion.reset();
      for (let i = start; i < bestPos; i++) criterion.add(samples[i]);
      criterion.childImpurities(this.children);
      const wn = criterion.wTotal, wl = criterion.wLeft, wr = wn - wl;
      res.impurityLeft = this.children[0];
      res.impurityRight = this.children[1];
      res.wLeft = wl;
      res.wRight = wr;
      res.improvement = (wn / this.wAll) * (impurity - (wr / wn) * res.impurityRight - (wl / wn) * res.impurityLeft);
    }
    // Children see the known constants in their original order, then the ones found here (sklearn's invariant).
    features.set(this.constantFeatures.subarray(0, nKnownConstants), 0);
    this.constantFeatures.set(features.subarray(nKnownConstants, nKnownConstants + nFoundConstants), nKnownConstants);
    return nTotalConstants;
  }

  /**
   * Binned split search over feature `f` in the node `[start, end)`: −1 when the feature is constant
   * here, 1 when it beats `bestProxy` (result in the scratch fields), 0 otherwise. Candidate
   * boundaries and thresholds are exactly those of the sorted scan: between consecutive distinct
   * values present in the node that differ by more than FEATURE_THRESHOLD.
   */
  private binnedSplit(f: number, vals: Float64Array, start: number, end: number, bestProxy: number): number {
    const { samples, criterion, binStats: stats, binCount: count } = this;
    const codes = (this.bins as FeatureBins).codes;
    const K = vals.length, stride = criterion.stride, base = f * this.n;
    stats.fill(0, 0, K * stride);
    count.fill(0, 0, K);
    let cLo = K, cHi = -1;
    for (let i = start; i < end; i++) {
      const s = samples[i];
      const b = codes[base + s];
      count[b]++;
      criterion.accumulate(s, stats, b * stride);
      if (b < cLo) cLo = b;
      if (b > cHi) cHi = b;
    }
    if (vals[cHi] <= vals[cLo] + FEATURE_THRESHOLD) return -1;
    const nNode = end - start, minLeaf = this.minSamplesLeaf;
    criterion.reset();
    let prev = -1, nLeft = 0, found = 0;
    for (let b = cLo; b <= cHi; b++) {
      if (count[b] === 0) continue;
      if (prev >= 0 && vals[b] > vals[prev] + FEATURE_THRESHOLD && nLeft >= minLeaf) {
        if (nNode - nLeft < minLeaf) break;
        const proxy = criterion.proxy();
        if (proxy > bestProxy) {
          bestProxy = proxy;
          found = 1;
          this.scratchProxy = proxy;
          this.scratchPos = start + nLeft;
          const a = vals[prev], c = vals[b];
          let t = a / 2 + c / 2;
          if (t === c || t === Infinity || t === -Infinity) t = a;
          this.scratchThreshold = t;
        }
      }
      criterion.addBin(stats, b * stride);
      nLeft += count[b];
      prev = b;
    }
    return found;
  }
}

function swapInt(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
