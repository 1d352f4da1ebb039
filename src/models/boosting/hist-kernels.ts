/**
 * The hot loops of histogram gradient boosting: histogram building over a node's rows, histogram
 * subtraction (parent − smaller child = larger child) and the best split of one feature. After
 * scikit-learn 1.2 `sklearn/ensemble/_hist_gradient_boosting/histogram.pyx` and `splitting.pyx`
 * (`_find_best_bin_to_split_left_to_right` / `_right_to_left`, `_split_gain`) and LightGBM's
 * histogram subtraction trick (Ke et al., NeurIPS 2017).
 *
 * All work is per feature, and every feature is done start to finish by one thread, so a model is
 * bit-identical whatever the number of threads. The same code runs on the main thread and in the
 * threads of the kernel pool (`hist-thread-pool.ts`), over views of the same SharedArrayBuffers.
 */
import { HIST_BINS, MISSING_BIN } from './binning.js';

/** Doubles per histogram bin: sum of gradients, sum of hessians, count. */
export const BIN_STRIDE = 3;
/** Doubles per feature histogram. */
export const FEATURE_STRIDE = HIST_BINS * BIN_STRIDE;
/** Doubles per feature in a split result: gain, bin, missingGoLeft, gLeft, hLeft, nLeft. */
export const RESULT_STRIDE = 6;
/** Length of the job parameter block. */
export const PARAMS_LENGTH = 24;

/** Job parameter slots (indices into the shared Float64 parameter block). */
export const P = {
  rowStart: 0,
  rowCount: 1,
  /** 1: the node holds rows 0..n−1 in order (the root without subsampling): read gradients directly. */
  identity: 2,
  gradOffset: 3,
  constHess: 4,
  hConst: 5,
  buildSlot: 6,
  /** Slot of the parent histogram to turn into the sibling's (−1: none). */
  parentSlot: 7,
  findA: 8,
  gA: 9,
  hA: 10,
  nA: 11,
  findB: 12,
  gB: 13,
  hB: 14,
  nB: 15,
  minSamplesLeaf: 16,
  l2: 17,
  minHessian: 18,
  nFeatures: 19,
  nRows: 20,
} as const;

/** Typed views every thread holds on the shared buffers. */
export interface HistViews {
  /** Column-major bins (`binned[f * nRows + row]`): sequential reads for the root and partitions. */
  binned: Uint8Array;
  /** The same bins row-major (`binnedRows[row * d + f]`): one cache line per row for index-list nodes. */
  binnedRows: Uint8Array;
  grad: Float64Array;
  hess: Float64Array;
  orderedGrad: Float64Array;
  orderedHess: Float64Array;
  rows: Int32Array;
  hist: Float64Array;
  /** Two nodes (A, B) × nFeatures × RESULT_STRIDE. */
  result: Float64Array;
  params: Float64Array;
  nBinsNonMissing: Int32Array;
  hasMissing: Uint8Array;
  featureMask: Uint8Array;
}

/**
 * Runs the node job for features [f0, f1): build, subtract, find splits.
 *
 * @example
 * runNodeJob(pool.views, 0, nFeatures); // params block filled by TreeGrower
 */
export function runNodeJob(v: HistViews, f0: number, f1: number): void {
  const p = v.params;
  // Parameters arrive as doubles; integer copies keep the index arithmetic in int32 for the JIT.
  const d = p[P.nFeatures] | 0;
  const slotSize = d * FEATURE_STRIDE;
  const build = (p[P.buildSlot] * slotSize) | 0;
  const parent = p[P.parentSlot] >= 0 ? (p[P.parentSlot] * slotSize) | 0 : -1;
  const h = v.hist;
  const active: number[] = [];
  for (let f = f0; f < f1; f++) {
    if (v.featureMask[f] === 0) continue;
    active.push(f);
    // Only bins 0..nBinsNonMissing−1 and the missing bin are ever filled.
    const hb = build + f * FEATURE_STRIDE;
    h.fill(0, hb, hb + v.nBinsNonMissing[f] * BIN_STRIDE);
    h.fill(0, hb + MISSING_BIN * BIN_STRIDE, hb + FEATURE_STRIDE);
  }
  if (p[P.identity] === 1) {
    // Four features per pass over the rows: the gradients are read once for four columns.
    let a = 0;
    for (; a + 4 <= active.length; a += 4) buildFour(v, active[a], active[a + 1], active[a + 2], active[a + 3], build);
    for (; a < active.length; a++) buildFeature(v, active[a], build + active[a] * FEATURE_STRIDE);
  } else if (active.length > 0) buildRowWise(v, active, build, d);
  for (const f of active) {
    const hb = build + f * FEATURE_STRIDE;
    if (parent >= 0) {
      const hp = parent + f * FEATURE_STRIDE, used = v.nBinsNonMissing[f] * BIN_STRIDE;
      for (let b = 0; b < used; b++) h[hp + b] -= h[hb + b];
      for (let b = MISSING_BIN * BIN_STRIDE; b < FEATURE_STRIDE; b++) h[hp + b] -= h[hb + b];
    }
    if (p[P.findA] === 1) findSplit(v, f, hb, p[P.gA], p[P.hA], p[P.nA], f * RESULT_STRIDE);
    if (p[P.findB] === 1) findSplit(v, f, parent + f * FEATURE_STRIDE, p[P.gB], p[P.hB], p[P.nB], (d + f) * RESULT_STRIDE);
  }
}

/**
 * Best split of every active feature of one node from its histogram `hist` (d × FEATURE_STRIDE,
 * already built — e.g. summed over data partitions by a data-parallel coordinator), written to
 * result block `which` exactly as `runNodeJob` does. Reads the split parameters from `v.params`.
 *
 * @example
 * findNodeSplits(views, summedHistogram, G, H, count, 0); // then read views.result
 */
export function findNodeSplits(v: HistViews, hist: Float64Array, G: number, H: number, N: number, which: number): void {
  const d = v.params[P.nFeatures] | 0;
  const hv = v.hist === hist ? v : { ...v, hist };
  for (let f = 0; f < d; f++) if (v.featureMask[f] !== 0) findSplit(hv, f, f * FEATURE_STRIDE, G, H, N, (which * d + f) * RESULT_STRIDE);
}

/**
 * Histograms of the active features over an index list, row by row on the row-major bins (LightGBM's
 * and XGBoost's row-wise layout): a scattered row costs one cache miss for all its features instead of
 * one per feature. Each bin receives the same additions in the same row order as `buildFeature`.
 */
function buildRowWise(v: HistViews, active: number[], build: number, d: number): void {
  const p = v.params, h = v.hist, br = v.binnedRows;
  const m = p[P.rowCount] | 0, s = p[P.rowStart] | 0, na = active.length;
  const feats = Int32Array.from(active), bases = new Int32Array(na);
  for (let j = 0; j < na; j++) bases[j] = build + feats[j] * FEATURE_STRIDE;
  const rows = v.rows, g = v.orderedGrad, hs = v.orderedHess;
  if (p[P.constHess] === 1) {
    for (let i = 0; i < m; i++) {
      const rb = rows[s + i] * d, gi = g[i];
      for (let j = 0; j < na; j++) {
        const b = bases[j] + br[rb + feats[j]] * 3;
        h[b] += gi;
        h[b + 2] += 1;
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      const rb = rows[s + i] * d, gi = g[i], hi = hs[i];
      for (let j = 0; j < na; j++) {
        const b = bases[j] + br[rb + feats[j]] * 3;
        h[b] += gi;
        h[b + 1] += hi;
        h[b + 2] += 1;
      }
    }
  }
}

/**
 * Root histograms (rows 0..m−1 in order) of features f0..f3 in one pass over the columns: the
 * gradients are read once for four features. Same additions, same order, as `buildFeature`.
 */
function buildFour(v: HistViews, f0: number, f1: number, f2: number, f3: number, build: number): void {
  const p = v.params, h = v.hist;
  const n = p[P.nRows] | 0, m = p[P.rowCount] | 0;
  const bn = v.binned;
  const c0 = bn.subarray(f0 * n, f0 * n + m), c1 = bn.subarray(f1 * n, f1 * n + m);
  const c2 = bn.subarray(f2 * n, f2 * n + m), c3 = bn.subarray(f3 * n, f3 * n + m);
  const h0 = build + f0 * FEATURE_STRIDE, h1 = build + f1 * FEATURE_STRIDE;
  const h2 = build + f2 * FEATURE_STRIDE, h3 = build + f3 * FEATURE_STRIDE;
  const off = p[P.gradOffset] | 0;
  const g = v.grad.subarray(off, off + m), hs = v.hess.subarray(off, off + m);
  if (p[P.constHess] === 1) {
    for (let i = 0; i < m; i++) {
      const gi = g[i];
      let b = h0 + c0[i] * 3; h[b] += gi; h[b + 2] += 1;
      b = h1 + c1[i] * 3; h[b] += gi; h[b + 2] += 1;
      b = h2 + c2[i] * 3; h[b] += gi; h[b + 2] += 1;
      b = h3 + c3[i] * 3; h[b] += gi; h[b + 2] += 1;
    }
  } else {
    for (let i = 0; i < m; i++) {
      const gi = g[i], hi = hs[i];
      let b = h0 + c0[i] * 3; h[b] += gi; h[b + 1] += hi; h[b + 2] += 1;
      b = h1 + c1[i] * 3; h[b] += gi; h[b + 1] += hi; h[b + 2] += 1;
      b = h2 + c2[i] * 3; h[b] += gi; h[b + 1] += hi; h[b + 2] += 1;
      b = h3 + c3[i] * 3; h[b] += gi; h[b + 1] += hi; h[b + 2] += 1;
    }
  }
}

function buildFeature(v: HistViews, f: number, hb: number): void {
  const p = v.params, h = v.hist;
  const n = p[P.nRows] | 0, m = p[P.rowCount] | 0;
  const col = v.binned.subarray(f * n, f * n + n);
  const constHess = p[P.constHess] === 1;
  if (p[P.identity] === 1) {
    const off = p[P.gradOffset] | 0;
    const g = v.grad.subarray(off, off + m), hs = v.hess.subarray(off, off + m);
    if (constHess) {
      for (let i = 0; i < m; i++) {
        const b = hb + col[i] * 3;
        h[b] += g[i];
        h[b + 2] += 1;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const b = hb + col[i] * 3;
        h[b] += g[i];
        h[b + 1] += hs[i];
        h[b + 2] += 1;
      }
    }
  } else {
    const s = p[P.rowStart] | 0;
    const rows = v.rows.subarray(s, s + m), g = v.orderedGrad, hs = v.orderedHess;
    if (constHess) {
      for (let i = 0; i < m; i++) {
        const b = hb + col[rows[i]] * 3;
        h[b] += g[i];
        h[b + 2] += 1;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const b = hb + col[rows[i]] * 3;
        h[b] += g[i];
        h[b + 1] += hs[i];
        h[b + 2] += 1;
      }
    }
  }
}

/**
 * Best split of feature f from its histogram at `hb`, for a node with sums (G, H, count). Writes
 * gain −1 when no split satisfies the constraints. scikit-learn's scan order and tie rules: left to
 * right with missing values going right, then (if the feature had missing values) right to left
 * with missing values going left; a later candidate must be strictly better.
 */
function findSplit(v: HistViews, f: number, hb: number, G: number, H: number, N: number, out: number): void {
  const p = v.params, h = v.hist, r = v.result;
  const minLeaf = p[P.minSamplesLeaf], l2 = p[P.l2], minHess = p[P.minHessian];
  const constHess = p[P.constHess] === 1, hc = p[P.hConst];
  const nbnm = v.nBinsNonMissing[f], missing = v.hasMissing[f];
  const parentLoss = (G * G) / (H + l2);
  let best = -1, bestBin = -1, bestLeft = 0, bestG = 0, bestH = 0, bestN = 0;
  let gl = 0, hl = 0, nl = 0;
  const end = nbnm - 1 + missing;
  for (let b = 0; b < end; b++) {
    const o = hb + b * 3;
    nl += h[o + 2];
    gl += h[o];
    hl = constHess ? nl * hc : hl + h[o + 1];
    const nr = N - nl, hr = H - hl;
    if (nl < minLeaf) continue;
    if (nr < minLeaf) break;
    if (hl < minHess) continue;
    if (hr < minHess) break;
    const gr = G - gl;
    const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentLoss;
    if (gain > best && gain > 0) {
      best = gain; bestBin = b; bestLeft = 0; bestG = gl; bestH = hl; bestN = nl;
    }
  }
  if (missing === 1) {
    let gr = 0, hr = 0, nr = 0;
    for (let b = nbnm - 2; b >= 0; b--) {
      const o = hb + (b + 1) * 3;
      nr += h[o + 2];
      gr += h[o];
      hr = constHess ? nr * hc : hr + h[o + 1];
      const nl2 = N - nr, hl2 = H - hr;
      if (nr < minLeaf) continue;
      if (nl2 < minLeaf) break;
      if (hr < minHess) continue;
      if (hl2 < minHess) break;
      const gl2 = G - gr;
      const gain = (gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2) - parentLoss;
      if (gain > best && gain > 0) {
        best = gain; bestBin = b; bestLeft = 1; bestG = gl2; bestH = hl2; bestN = nl2;
      }
    }
  }
  r[out] = best;
  r[out + 1] = bestBin;
  r[out + 2] = bestLeft;
  r[out + 3] = bestG;
  r[out + 4] = bestH;
  r[out + 5] = bestN;
}
