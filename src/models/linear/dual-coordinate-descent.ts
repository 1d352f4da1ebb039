/**
 * Dual coordinate descent for L2-regularised linear SVMs (hinge and squared hinge), with random
 * permutation and shrinking.
 *
 * Source: Hsieh, Chang, Lin, Keerthi & Sundararajan, "A Dual Coordinate Descent Method for Large-scale
 * Linear SVM", ICML 2008 (Algorithm 3); reference implementation liblinear `solve_l2r_l1l2_svc` in
 * `linear.cpp` (as bundled with scikit-learn), whose stopping rule, shrinking thresholds and
 * bias handling (an extra feature of value `bias`, penalised like the others) are followed here.
 */
import type { Rng } from '../../core/rng.js';
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

/** Solves min_w ½‖w‖² + Σ C_i·ξ(w; x_i, y_i) through its dual, liblinear-style. */
export function solveDualCd(p: DualCdProblem): DualCdResult {
  const { X, y, cost, loss, tol, maxIter, rng } = p;
  const n = X.rows, d = X.cols;
  const hasBias = p.bias > 0;
  const bias = hasBias ? p.bias : 0;
  const w = new Float64Array(d + (hasBias ? 1 : 0));
  const alpha = new Float64Array(n);
  const QD = new Float64Array(n);
  const diag = new Float64Array(n);
  const upper = new Float64Array(n);
  const index = new Int32Array(n);
  const squared = loss === 'squared_hinge';
  const csr = X.dense === null, ip = X.indptr, idx = X.indices, val = X.values;
  for (let i = 0; i < n; i++) {
    // Squared hinge: the dual gains a diagonal 1/(2C_i) and no upper bound; hinge: box [0, C_i].
    diag[i] = squared ? 0.5 / cost[i] : 0;
    upper[i] = squared ? Infinity : cost[i];
    QD[i] = diag[i] + bias * bias + rowSquaredNorm(X, i);
    index[i] = i;
  }

  let iter = 0;
  let activeSize = n;
  let PGmaxOld = Infinity, PGminOld = -Infinity;
  let converged = false;
  while (iter < maxIter) {
    let PGmaxNew = -Infinity, PGminNew = Infinity;
    shuffleActive(index, activeSize, rng);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const yi = y[i];
      let wx = hasBias ? w[d] * bias : 0;
      // Row access is inlined for CSR (the common one-hot case) — this loop is the whole fit.
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
  return { w, iterations: iter, converged };
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
