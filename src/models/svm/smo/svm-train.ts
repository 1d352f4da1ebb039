/**
 * Training drivers after libsvm's `svm_train` (`svm.cpp`, scikit-learn 1.2's copy): C-SVC one-vs-one
 * over classes grouped in sorted label order (`svm_group_classes`), per-class C (`weighted_C`),
 * support vectors shared between pairwise problems, Platt probabilities from 5-fold cross-validated
 * decision values (`svm_binary_svc_probability`), and ε-SVR (`solve_epsilon_svr`).
 */
import type { Rng } from '../../../core/rng.js';
import type { FeatureRows } from './feature-rows.js';
import type { KernelRows } from './kernel-threads.js';
import { applyKernel, type KernelSpec } from './kernel.js';
import { sigmoidTrain } from '../platt.js';
import { SvcQ, SvrQ } from './q-matrix.js';
import { solveSmo } from './smo-solver.js';

/** Solver settings shared by every sub-problem. */
export interface SolverOptions {
  spec: KernelSpec;
  /** Stopping tolerance (libsvm's eps, scikit-learn's `tol`). */
  eps: number;
  shrinking: boolean;
  /** −1 for no limit. */
  maxIter: number;
  cacheBytes: number;
}

/** One binary C-SVC: signed α per variable of `subset` and the offset ρ (f(x) = Σ α_t K(x_t, x) − ρ). */
export interface BinarySolution {
  alpha: Float64Array;
  rho: number;
  iterations: number;
  timedOut: boolean;
}

/**
 * Solves the C-SVC dual for the training rows `subset` with labels `y` (±1).
 *
 * @example
 * const sol = trainBinary(kr, Int32Array.from([0, 1, 2, 3]), Int8Array.from([1, 1, -1, -1]), 1, 1, opt);
 */
export function trainBinary(kr: KernelRows, subset: Int32Array, y: Int8Array, Cp: number, Cn: number, opt: SolverOptions): BinarySolution {
  const l = subset.length;
  const alpha = new Float64Array(l);
  const p = new Float64Array(l).fill(-1);
  const C = new Float64Array(l);
  for (let i = 0; i < l; i++) C[i] = y[i] > 0 ? Cp : Cn;
  const Q = new SvcQ(kr, subset, y, opt.cacheBytes);
  const res = solveSmo({ Q, p, y, alpha, C, eps: opt.eps, shrinking: opt.shrinking, maxIter: opt.maxIter });
  for (let i = 0; i < l; i++) alpha[i] *= y[i];
  return { alpha, rho: res.rho, iterations: res.iterations, timedOut: res.timedOut };
}

/** Decision values of a binary solution for the rows `targets` of `rows` (into `out`, same order). */
function binaryDecisions(rows: FeatureRows, subset: Int32Array, sol: BinarySolution, spec: KernelSpec, targets: Int32Array, out: Float64Array): void {
  const sv: number[] = [];
  for (let t = 0; t < subset.length; t++) if (sol.alpha[t] !== 0) sv.push(t);
  const svRows = Int32Array.from(sv, (t) => subset[t]);
  const k = new Float64Array(svRows.length);
  for (let m = 0; m < targets.length; m++) {
    const r = targets[m];
    rows.dotsOfRow(r, svRows, 0, svRows.length, k);
    applyKernel(spec, k, 0, svRows.length, rows.sqNorms[r], rows.sqNorms, svRows);
    let s = 0;
    for (let q = 0; q < sv.length; q++) s += sol.alpha[sv[q]] * k[q];
    out[m] = s - sol.rho;
  }
}

/**
 * Platt sigmoid `[A, B]` for one binary problem: decision values from 5-fold cross-validation over a
 * random permutation drawn from `rng` (libsvm's `svm_binary_svc_probability`; folds that lack one
 * class predict ±1, as there).
 *
 * @example
 * const [A, B] = binaryProbability(kr, subset, ySigned, C, C, opt, new Rng(0));
 */
export function binaryProbability(kr: KernelRows, subset: Int32Array, y: Int8Array, Cp: number, Cn: number, opt: SolverOptions, rng: Rng): [number, number] {
  const l = subset.length, nrFold = 5;
  const perm = new Int32Array(l);
  for (let i = 0; i < l; i++) perm[i] = i;
  for (let i = 0; i < l; i++) {
    const j = i + rng.int(l - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const dec = new Float64Array(l);
  for (let f = 0; f < nrFold; f++) {
    const begin = Math.floor((f * l) / nrFold), end = Math.floor(((f + 1) * l) / nrFold);
    const subRows = new Int32Array(l - (end - begin));
    const subY = new Int8Array(subRows.length);
    let k = 0, pos = 0, neg = 0;
    for (let j = 0; j < l; j++) {
      if (j >= begin && j < end) continue;
      subRows[k] = subset[perm[j]];
      subY[k] = y[perm[j]];
      if (subY[k] > 0) pos++;
      else neg++;
      k++;
    }
    const held = Int32Array.from({ length: end - begin }, (_, m) => subset[perm[begin + m]]);
    const out = new Float64Array(held.length);
    if (pos === 0 && neg === 0) out.fill(0);
    else if (neg === 0) out.fill(1);
    else if (pos === 0) out.fill(-1);
    else binaryDecisions(kr.rows, subRows, trainBinary(kr, subRows, subY, Cp, Cn, opt), opt.spec, held, out);
    for (let m = 0; m < held.length; m++) dec[perm[begin + m]] = out[m];
  }
  return sigmoidTrain(dec, y);
}

/** A trained one-vs-one C-SVC in libsvm's layout. */
export interface SvcSolution {
  /** Training rows that are support vectors, grouped by class (class order), ascending within a class. */
  support: Int32Array;
  /** Support vectors per class. */
  nSupport: Int32Array;
  /** `(k − 1) × nSV` row-major; libsvm's `sv_coef` (see `svm_train`). */
  svCoef: Float64Array;
  /** One ρ per pair (i < j), in pair order. */
  rho: Float64Array;
  /** Platt parameters per pair (empty without probabilities). */
  probA: Float64Array;
  probB: Float64Array;
  /** SMO iterations per pair. */
  nIter: Int32Array;
  timedOut: boolean;
}

/**
 * Trains k(k−1)/2 pairwise C-SVCs; `weightedC[c]` is C times the weight of class index c.
 *
 * @example
 * const sol = trainSvc(kr, yIdx, 3, Float64Array.from([1, 1, 1]), opt, null);
 */
export function trainSvc(kr: KernelRows, yIdx: Int32Array, k: number, weightedC: Float64Array, opt: SolverOptions, rng: Rng | null): SvcSolution {
  const l = yIdx.length;
  const count = new Int32Array(k), start = new Int32Array(k);
  for (let i = 0; i < l; i++) count[yIdx[i]]++;
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + count[c - 1];
  const perm = new Int32Array(l);
  const fill = start.slice();
  for (let i = 0; i < l; i++) perm[fill[yIdx[i]]++] = i;

  const pairs = (k * (k - 1)) / 2;
  const nonzero = new Uint8Array(l);
  const sols: BinarySolution[] = [];
  const probA = new Float64Array(rng ? pairs : 0), probB = new Float64Array(rng ? pairs : 0);
  const nIter = new Int32Array(pairs);
  let timedOut = false;
  for (let i = 0, p = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++, p++) {
      const ci = count[i], cj = count[j];
      const subset = new Int32Array(ci + cj);
      const y = new Int8Array(ci + cj);
      subset.set(perm.subarray(start[i], start[i] + ci), 0);
      subset.set(perm.subarray(start[j], start[j] + cj), ci);
      y.fill(1, 0, ci);
      y.fill(-1, ci);
      if (rng) [probA[p], probB[p]] = binaryProbability(kr, subset, y, weightedC[i], weightedC[j], opt, rng);
      const sol = trainBinary(kr, subset, y, weightedC[i], weightedC[j], opt);
      sols.push(sol);
      nIter[p] = sol.iterations;
      timedOut ||= sol.timedOut;
      for (let t = 0; t < ci; t++) if (sol.alpha[t] !== 0) nonzero[start[i] + t] = 1;
      for (let t = 0; t < cj; t++) if (sol.alpha[ci + t] !== 0) nonzero[start[j] + t] = 1;
    }
  }
  const nSupport = new Int32Array(k);
  for (let c = 0; c < k; c++) for (let t = 0; t < count[c]; t++) nSupport[c] += nonzero[start[c] + t];
  const support: number[] = [];
  for (let t = 0; t < l; t++) if (nonzero[t]) support.push(perm[t]);
  const nSV = support.length;
  const nzStart = new Int32Array(k);
  for (let c = 1; c < k; c++) nzStart[c] = nzStart[c - 1] + nSupport[c - 1];
  const svCoef = new Float64Array((k - 1) * nSV);
  const rho = new Float64Array(pairs);
  for (let i = 0, p = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++, p++) {
      // Pair (i, j): coefficients of class i's SVs go to row j − 1, of class j's SVs to row i.
      const sol = sols[p], ci = count[i], cj = count[j];
      rho[p] = sol.rho;
      let q = nzStart[i];
      for (let t = 0; t < ci; t++) if (nonzero[start[i] + t]) svCoef[(j - 1) * nSV + q++] = sol.alpha[t];
      q = nzStart[j];
      for (let t = 0; t < cj; t++) if (nonzero[start[j] + t]) svCoef[i * nSV + q++] = sol.alpha[ci + t];
    }
  }
  return { support: Int32Array.from(support), nSupport, svCoef, rho, probA, probB, nIter, timedOut };
}

/** A trained ε-SVR: f(x) = Σ coef_s K(x_s, x) − ρ. */
export interface SvrSolution {
  support: Int32Array;
  coef: Float64Array;
  rho: number;
  iterations: number;
  timedOut: boolean;
}

/**
 * ε-SVR on all training rows with targets `y` (libsvm's `solve_epsilon_svr`).
 *
 * @example
 * const sol = trainSvr(kr, y, 1, 0.1, opt); // sol.coef · K(sv, x) − sol.rho
 */
export function trainSvr(kr: KernelRows, y: Float64Array, C: number, epsilon: number, opt: SolverOptions): SvrSolution {
  const l = kr.rows.rows;
  const alpha2 = new Float64Array(2 * l);
  const linear = new Float64Array(2 * l);
  const y2 = new Int8Array(2 * l);
  const Cs = new Float64Array(2 * l).fill(C);
  for (let i = 0; i < l; i++) {
    linear[i] = epsilon - y[i];
    y2[i] = 1;
    linear[i + l] = epsilon + y[i];
    y2[i + l] = -1;
  }
  const Q = new SvrQ(kr, opt.cacheBytes);
  const res = solveSmo({ Q, p: linear, y: y2, alpha: alpha2, C: Cs, eps: opt.eps, shrinking: opt.shrinking, maxIter: opt.maxIter });
  const support: number[] = [], coef: number[] = [];
  for (let i = 0; i < l; i++) {
    const a = alpha2[i] - alpha2[i + l];
    if (a !== 0) {
      support.push(i);
      coef.push(a);
    }
  }
  return { support: Int32Array.from(support), coef: Float64Array.from(coef), rho: res.rho, iterations: res.iterations, timedOut: res.timedOut };
}
