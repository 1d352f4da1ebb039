/**
 * Dual coordinate descent for L2-regularised support vector regression (epsilon-insensitive loss and
 * its square), with random permutation and shrinking.
 *
 * Source: Ho & Lin, "Large-scale Linear Support Vector Regression", JMLR 2012 (Algorithm 4); reference
 * implementation liblinear `solve_l2r_l1l2_svr` in `linear.cpp` (as bundled with scikit-learn 1.2),
 * followed for its Newton step, shrinking rules and stopping test (Σ violations ≤ eps × their value at
 * the first pass). The intercept is an extra feature of value `bias`, penalised like the others.
 *
 * Primal: min_w ½‖w‖² + C·Σ ξ(w; x_i, y_i), ξ = max(0, |y_i − w·x_i| − p) (or its square).
 */
import type { Rng } from '../../../core/rng.js';
import { shuffleActive } from './dual-coordinate-descent.js';
import { type RowStore, rowAxpy, rowDot, rowSquaredNorm } from './row-store.js';

/** Inputs of {@link solveSvrDualCd}. */
export interface SvrDualCdProblem {
  X: RowStore;
  y: Float64Array;
  C: number;
  /** Width p of the insensitive tube. */
  epsilon: number;
  loss: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  /** Value of the augmented bias feature, or <= 0 for none. */
  bias: number;
  tol: number;
  maxIter: number;
  rng: Rng;
}

/** Primal weights (`d` values, then the bias weight when used), passes made, convergence. */
export interface SvrDualCdResult {
  w: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Solves the SVR dual by coordinate descent; returns the primal weights.
 *
 * @example
 * const { w } = solveSvrDualCd({ X: rowStore(X), y, C: 1, epsilon: 0.1, loss: 'epsilon_insensitive', bias: 1, tol: 1e-4, maxIter: 1000, rng: new Rng(0) });
 */
export function solveSvrDualCd(pr: SvrDualCdProblem): SvrDualCdResult {
  const { X, y, C, loss, tol, maxIter, rng } = pr;
  const p = pr.epsilon;
  const n = X.rows, d = X.cols;
  const hasBias = pr.bias > 0;
  const bias = hasBias ? pr.bias : 0;
  const w = new Float64Array(d + (hasBias ? 1 : 0));
  const beta = new Float64Array(n);
  const QD = new Float64Array(n);
  const index = new Int32Array(n);
  const csr = X.dense === null, ip = X.indptr, idx = X.indices, val = X.values;
  // Squared loss: a diagonal 1/(2C) and no box; absolute loss: box [−C, C].
  const lambda = loss === 'squared_epsilon_insensitive' ? 0.5 / C : 0;
  const upper = loss === 'squared_epsilon_insensitive' ? Infinity : C;
  for (let i = 0; i < n; i++) {
    QD[i] = rowSquaredNorm(X, i) + bias * bias;
    index[i] = i;
  }
  let iter = 0;
  let activeSize = n;
  let GmaxOld = Infinity;
  let Gnorm1Init = -1;
  let converged = false;
  while (iter < maxIter) {
    let GmaxNew = 0, Gnorm1New = 0;
    shuffleActive(index, activeSize, rng);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const bi = beta[i];
      // Row access inlined for CSR (one-hot data), as in dual-coordinate-descent.ts: this loop is the fit.
      const start = csr ? ip[i] : 0, end = csr ? ip[i + 1] : 0;
      let wx = hasBias ? w[d] * bias : 0;
      if (csr) for (let k = start; k < end; k++) wx += val[k] * w[idx[k]];
      else wx += rowDot(X, i, w, 0);
      const G = -y[i] + lambda * bi + wx;
      const H = QD[i] + lambda;
      const Gp = G + p, Gn = G - p;
      let violation = 0;
      let shrink = false;
      if (bi === 0) {
        if (Gp < 0) violation = -Gp;
        else if (Gn > 0) violation = Gn;
        else if (Gp > GmaxOld && Gn < -GmaxOld) shrink = true;
      } else if (bi >= upper) {
        if (Gp > 0) violation = Gp;
        else if (Gp < -GmaxOld) shrink = true;
      } else if (bi <= -upper) {
        if (Gn < 0) violation = -Gn;
        else if (Gn > GmaxOld) shrink = true;
      } else if (bi > 0) violation = Math.abs(Gp);
      else violation = Math.abs(Gn);
      if (shrink) {
        // Inside the tube (or at a bound) with room to spare: unlikely to move; drop it for now.
        activeSize--;
        index[s] = index[activeSize];
        index[activeSize] = i;
        s--;
        continue;
      }
      if (violation > GmaxNew) GmaxNew = violation;
      Gnorm1New += violation;
      // Newton direction of the one-variable piecewise quadratic.
      let dlt: number;
      if (Gp < H * bi) dlt = -Gp / H;
      else if (Gn > H * bi) dlt = -Gn / H;
      else dlt = -bi;
      if (Math.abs(dlt) < 1e-12) continue;
      const nb = Math.min(Math.max(bi + dlt, -upper), upper);
      beta[i] = nb;
      dlt = nb - bi;
      if (dlt !== 0) {
        if (csr) for (let k = start; k < end; k++) w[idx[k]] += dlt * val[k];
        else rowAxpy(X, i, dlt, w, 0);
        if (hasBias) w[d] += dlt * bias;
      }
    }
    if (iter === 0) Gnorm1Init = Gnorm1New;
    iter++;
    if (Gnorm1New <= tol * Gnorm1Init) {
      if (activeSize === n) {
        converged = true;
        break;
      }
      activeSize = n;
      GmaxOld = Infinity;
      continue;
    }
    GmaxOld = GmaxNew;
  }
  return { w, iterations: iter, converged };
}
