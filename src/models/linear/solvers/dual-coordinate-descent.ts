/**
 * Dual coordinate descent for L2-regularised linear SVMs (hinge and squared hinge), with random
 * permutation and shrinking.
 *
 * Source: Hsieh, Chang, Lin, Keerthi & Sundararajan, "A Dual Coordinate Descent Method for Large-scale
 * Linear SVM", ICML 2008 (Algorithm 3); reference implementation liblinear `solve_l2r_l1l2_svc` in
 * `linear.cpp` (as bundled with scikit-learn), whose stopping rule, shrinking thresholds and
 * bias handling (an extra feature of value `bias`, penalised like the others) are followed here.
 */
import type { Rng } from '../../../core/rng.js';
import { allocF64, allocI32, freeArray } from '../../../kernels/kernel-memory.js';
import { wasmKernels } from '../../../kernels/wasm-module.js';
import { type RowStore, rowAxpy, rowDot, rowSquaredNorm } from './row-store.js';

/** Inputs of {@link solveDualCd}. */
export interface DualCdProblem {
  X: RowStore;
  /** +1 / −1 per row. */
  y: Int8Array;
  /** Per-row cost C_i (class-weighted C). */
  cost: Float64Array;
  loss: 'hinge' | 'squared_hinge';
  /** Value of the augmented bias feature, or a value <= 0 for no bias. */
  bias: number;
  /** Stop when the projected-gradient spread is at most `tol`. */
  tol: number;
  maxIter: number;
  rng: Rng;
}

/** Primal weights (`d` values, plus the bias weight last when a bias is used) and iterations used. */
export interface DualCdResult {
  w: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * The per-row state of the dual, in kernel memory when the WASM kernels are loaded (plain arrays
 * otherwise), so that a sweep can run there without copying anything per epoch.
 */
interface DualState {
  d: number;
  bias: number;
  y: Float64Array;
  alpha: Float64Array;
  QD: Float64Array;
  diag: Float64Array;
  upper: Float64Array;
  index: Int32Array;
  w: Float64Array;
}

/**
 * One sweep over index[0 .. activeSize): updates alpha and w, writes [PGmaxNew, PGminNew] to `pg`,
 * returns the new active size.
 */
type Sweep = (activeSize: number, PGmaxOld: number, PGminOld: number, pg: Float64Array) => number;

/** Solves min_w ½‖w‖² + Σ C_i·ξ(w; x_i, y_i) through its dual, liblinear-style. */
export function solveDualCd(p: DualCdProblem): DualCdResult {
  const { X, cost, loss, tol, maxIter, rng } = p;
  const n = X.rows, d = X.cols;
  const hasBias = p.bias > 0;
  const bias = hasBias ? p.bias : 0;
  const squared = loss === 'squared_hinge';
  const st: DualState = {
    d,
    bias,
    y: allocF64(n),
    alpha: allocF64(n),
    QD: allocF64(n),
    diag: allocF64(n),
    upper: allocF64(n),
    index: allocI32(n),
    w: allocF64(d + (hasBias ? 1 : 0)),
  };
  for (let i = 0; i < n; i++) {
    st.y[i] = p.y[i];
    // Squared hinge: the dual gains a diagonal 1/(2C_i) and no upper bound; hinge: box [0, C_i].
    st.diag[i] = squared ? 0.5 / cost[i] : 0;
    st.upper[i] = squared ? Infinity : cost[i];
    st.QD[i] = st.diag[i] + bias * bias + rowSquaredNorm(X, i);
    st.index[i] = i;
  }
  const pg = allocF64(2);
  const kernel = X.dense === null && wasmKernels !== null ? kernelSweep(X, st) : null;
  const sweep = kernel?.sweep ?? typescriptSweep(X, st);

  let iter = 0;
  let activeSize = n;
  let PGmaxOld = Infinity, PGminOld = -Infinity;
  let converged = false;
  while (iter < maxIter) {
    shuffleActive(st.index, activeSize, rng);
    activeSize = sweep(activeSize, PGmaxOld, PGminOld, pg);
    const PGmaxNew = pg[0], PGminNew = pg[1];
    iter++;
    if (PGmaxNew - PGminNew <= tol) {
      if (activeSize === n) {
        converged = true;
        break;
      }
      // Converged on the shrunk set: re-check every variable before stopping (liblinear does the same).
      activeSize = n;
      PGmaxOld = Infinity;
      PGminOld = -Infinity;
      continue;
    }
    PGmaxOld = PGmaxNew <= 0 ? Infinity : PGmaxNew;
    PGminOld = PGminNew >= 0 ? -Infinity : PGminNew;
  }
  const w = Float64Array.from(st.w);
  kernel?.release();
  for (const a of [st.y, st.alpha, st.QD, st.diag, st.upper, st.index, st.w, pg]) freeArray(a);
  return { w, iterations: iter, converged };
}

/**
 * The sweep on the WASM kernels (asm/dual-cd.ts) for CSR rows, the one-hot case: a shoppers fold's fit
 * takes 0.45 s instead of the TypeScript loop's 0.9 s (liblinear: 0.34 s), with the same result bit for bit.
 */
function kernelSweep(X: RowStore, st: DualState): { sweep: Sweep; release: () => void } {
  const ex = wasmKernels!.exports;
  const indptr = allocI32(X.indptr.length);
  indptr.set(X.indptr);
  const indices = allocI32(Math.max(1, X.indices.length));
  indices.set(X.indices);
  const values = allocF64(Math.max(1, X.values.length));
  values.set(X.values);
  const at = (a: Float64Array | Int32Array): number => a.byteOffset;
  return {
    sweep: (activeSize, PGmaxOld, PGminOld, pg) =>
      ex.dualCdSweep(activeSize, st.d, at(indptr), at(indices), at(values), at(st.y), at(st.alpha), at(st.QD), at(st.diag), at(st.upper), at(st.index), at(st.w), st.bias, PGmaxOld, PGminOld, at(pg)),
    release: () => [indptr, indices, values].forEach(freeArray),
  };
}

/** The sweep in TypeScript (dense rows, or no WASM kernels). */
function typescriptSweep(X: RowStore, st: DualState): Sweep {
  const { d, bias, y, alpha, QD, diag, upper, index, w } = st;
  const hasBias = bias > 0;
  const csr = X.dense === null, ip = X.indptr, idx = X.indices, val = X.values;
  return (activeSize, PGmaxOld, PGminOld, pg) => {
    let PGmaxNew = -Infinity, PGminNew = Infinity;
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const yi = y[i];
      let wx = hasBias ? w[d] * bias : 0;
      // Row access is inlined for CSR — this loop is the whole fit.
      const start = csr ? ip[i] : 0, end = csr ? ip[i + 1] : 0;
      if (csr) for (let k = start; k < end; k++) wx += val[k] * w[idx[k]];
      else wx += rowDot(X, i, w, 0);
      const G = yi * wx - 1 + alpha[i] * diag[i];
      const C = upper[i];
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          // Shrink: at the lower bound with a gradient pushing further out — unlikely to move again.
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        } else if (G < 0) PG = G;
      } else if (alpha[i] === C) {
        if (G < PGminOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        } else if (G > 0) PG = G;
      } else PG = G;
      if (PG > PGmaxNew) PGmaxNew = PG;
      if (PG < PGminNew) PGminNew = PG;
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        const a = Math.min(Math.max(old - G / QD[i], 0), C);
        alpha[i] = a;
        const step = (a - old) * yi;
        if (csr) for (let k = start; k < end; k++) w[idx[k]] += step * val[k];
        else rowAxpy(X, i, step, w, 0);
        if (hasBias) w[d] += step * bias;
      }
    }
    pg[0] = PGmaxNew;
    pg[1] = PGminNew;
    return activeSize;
  };
}

/**
 * Shuffles the first `activeSize` entries of `index` (the visiting order of one dual CD sweep).
 * Plain modulo like liblinear's rand() % m: the tiny bias is irrelevant for a visiting order, and
 * skipping Rng.int's rejection step makes the shuffle ~2× cheaper.
 *
 * @example
 * shuffleActive(index, activeSize, rng);
 */
export function shuffleActive(index: Int32Array, activeSize: number, rng: Rng): void {
  for (let i = 0; i < activeSize; i++) {
    const j = i + (rng.nextUint32() % (activeSize - i));
    const t = index[i];
    index[i] = index[j];
    index[j] = t;
  }
}
