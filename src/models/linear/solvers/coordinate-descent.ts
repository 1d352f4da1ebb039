/**
 * Cyclic (or random) coordinate descent for the elastic net with the duality-gap stopping rule.
 *
 * Source: Friedman, Hastie & Tibshirani, "Regularization Paths for Generalized Linear Models via
 * Coordinate Descent", J. Stat. Softw. 2010; reference implementation scikit-learn 1.2
 * `sklearn/linear_model/_cd_fast.pyx` (`enet_coordinate_descent`), followed step for step: the same
 * soft-thresholding update, the residual kept up to date, the gap checked only when the largest
 * coordinate change is small relative to the largest weight, and `tol` scaled by ‖y‖².
 *
 * Minimises ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖²  (callers pass l1 = n·alpha·l1Ratio, l2 = n·alpha·(1 − l1Ratio)).
 */
import type { Rng } from '../../../core/rng.js';

/** Inputs of {@link enetCoordinateDescent}. */
export interface EnetProblem {
  /** X column-major (column j at `j * n`), already centred when an intercept is fitted. */
  Xcol: Float64Array;
  n: number;
  d: number;
  y: Float64Array;
  l1: number;
  l2: number;
  maxIter: number;
  /** Relative tolerance; the gap is compared with tol·‖y‖². */
  tol: number;
  /** Visit coordinates in random order (sklearn's selection='random') with this generator. */
  rng?: Rng;
}

/** Weights, the last duality gap, passes made and whether the gap test passed. */
export interface EnetResult {
  w: Float64Array;
  gap: number;
  nIter: number;
  converged: boolean;
}

/**
 * Coordinate descent on X (column-major) from w = 0; sklearn's default path.
 *
 * @example
 * const { w, gap } = enetCoordinateDescent({ Xcol: centredColumns(X.data, n, d, xMean), n, d, y: yc, l1: n * alpha, l2: 0, maxIter: 1000, tol: 1e-4 });
 */
export function enetCoordinateDescent(p: EnetProblem): EnetResult {
  const { Xcol: X, n, d, y, l1, l2, maxIter, rng } = p;
  const w = new Float64Array(d);
  const R = Float64Array.from(y); // residual y − Xw (w = 0)
  const normCols = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    const off = j * n;
    for (let i = 0; i < n; i++) s += X[off + i] * X[off + i];
    normCols[j] = s;
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const tol = p.tol * yy;
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    let wMax = 0, dwMax = 0;
    for (let f = 0; f < d; f++) {
      const j = rng ? rng.int(d) : f;
      if (normCols[j] === 0) continue;
      const off = j * n;
      const wj = w[j];
      // tmp = X_jᵀ(R + w_j X_j): the correlation with the residual that excludes coordinate j.
      let tmp = 0;
      if (wj !== 0) for (let i = 0; i < n; i++) tmp += X[off + i] * (R[i] += wj * X[off + i]);
      else for (let i = 0; i < n; i++) tmp += X[off + i] * R[i];
      const a = Math.abs(tmp) - l1;
      const nw = a > 0 ? (Math.sign(tmp) * a) / (normCols[j] + l2) : 0;
      w[j] = nw;
      if (nw !== 0) for (let i = 0; i < n; i++) R[i] -= nw * X[off + i];
      const dw = Math.abs(nw - wj);
      if (dw > dwMax) dwMax = dw;
      if (Math.abs(nw) > wMax) wMax = Math.abs(nw);
    }
    nIter = iter + 1;
    if (wMax === 0 || dwMax / wMax < p.tol || iter === maxIter - 1) {
      gap = dualityGap(X, n, d, y, R, w, l1, l2);
      if (gap < tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, gap, nIter, converged };
}

/** The elastic-net duality gap at w with residual R (sklearn's `enet_coordinate_descent`, same formula). */
function dualityGap(X: Float64Array, n: number, d: number, y: Float64Array, R: Float64Array, w: Float64Array, l1: number, l2: number): number {
  let dualNorm = 0, wNorm2 = 0, l1Norm = 0;
  for (let j = 0; j < d; j++) {
    const off = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += X[off + i] * R[i];
    const xta = Math.abs(s - l2 * w[j]);
    if (xta > dualNorm) dualNorm = xta;
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let rNorm2 = 0, ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  let cst: number, gap: number;
  if (dualNorm > l1) {
    cst = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * cst * cst);
  } else {
    cst = 1;
    gap = rNorm2;
  }
  return gap + l1 * l1Norm - cst * ry + 0.5 * l2 * (1 + cst * cst) * wNorm2;
}

/**

 * X (row-major n × d) minus `xMean`, transposed to column-major for the coordinate sweeps.

 *
 * @example
 * const Xcol = centredColumns(X.data, X.rows, X.cols, xMean); // column j at Xcol.subarray(j * n, (j + 1) * n)
 */
export function centredColumns(x: Float64Array, n: number, d: number, xMean: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let j = 0; j < d; j++) out[j * n + i] = x[off + j] - xMean[j];
  }
  return out;
}

/** Inputs of {@link enetCoordinateDescentGram}: the problem through XᵀX, Xᵀy and ‖y‖² only. */
export interface EnetGramProblem {
  /** XᵀX, d × d row-major (centred when an intercept is fitted). */
  gram: Float64Array;
  xty: Float64Array;
  /** ‖y‖² (centred likewise). */
  yy: number;
  d: number;
  l1: number;
  l2: number;
  maxIter: number;
  tol: number;
  rng?: Rng;
}

/**
 * The same coordinate descent on precomputed XᵀX (sklearn's `enet_coordinate_descent_gram`): each
 * coordinate step costs O(d) instead of O(n), so when n ≫ d the one-off O(n·d²) Gram product is
 * quickly repaid. Same iterates as {@link enetCoordinateDescent} up to rounding.
 *
 * @example
 * const { gram, xty } = centredGram(X.data, n, d, y, xMean, yMean);
 * const { w } = enetCoordinateDescentGram({ gram, xty, yy, d, l1: n * alpha, l2: 0, maxIter: 1000, tol: 1e-4 });
 */
export function enetCoordinateDescentGram(p: EnetGramProblem): EnetResult {
  const { gram: Q, xty: q, yy, d, l1, l2, maxIter, rng } = p;
  const w = new Float64Array(d);
  const H = new Float64Array(d); // Q·w
  const tol = p.tol * yy;
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    let wMax = 0, dwMax = 0;
    for (let f = 0; f < d; f++) {
      const j = rng ? rng.int(d) : f;
      const qjj = Q[j * d + j];
      if (qjj === 0) continue;
      const row = j * d;
      const wj = w[j];
      if (wj !== 0) for (let k = 0; k < d; k++) H[k] -= wj * Q[row + k];
      const tmp = q[j] - H[j];
      const a = Math.abs(tmp) - l1;
      const nw = a > 0 ? (Math.sign(tmp) * a) / (qjj + l2) : 0;
      w[j] = nw;
      if (nw !== 0) for (let k = 0; k < d; k++) H[k] += nw * Q[row + k];
      const dw = Math.abs(nw - wj);
      if (dw > dwMax) dwMax = dw;
      if (Math.abs(nw) > wMax) wMax = Math.abs(nw);
    }
    nIter = iter + 1;
    if (wMax === 0 || dwMax / wMax < p.tol || iter === maxIter - 1) {
      let qw = 0, wHw = 0, wNorm2 = 0, l1Norm = 0, dualNorm = 0;
      for (let k = 0; k < d; k++) {
        qw += w[k] * q[k];
        wHw += w[k] * H[k];
        wNorm2 += w[k] * w[k];
        l1Norm += Math.abs(w[k]);
        dualNorm = Math.max(dualNorm, Math.abs(q[k] - H[k] - l2 * w[k]));
      }
      const rNorm2 = yy + wHw - 2 * qw;
      const cst = dualNorm > l1 ? l1 / dualNorm : 1;
      gap = dualNorm > l1 ? 0.5 * (rNorm2 + rNorm2 * cst * cst) : rNorm2;
      gap += l1 * l1Norm - cst * yy + cst * qw + 0.5 * l2 * (1 + cst * cst) * wNorm2;
      if (gap < tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, gap, nIter, converged };
}
