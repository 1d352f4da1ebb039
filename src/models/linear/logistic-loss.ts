/**
 * Penalised logistic losses with their gradients, computed in one fused pass over the rows.
 *
 * Objective (scikit-learn's `LinearModelLoss` as used by its `lbfgs` solver, sklearn 1.2):
 *   Σ_i s_i · loss(y_i, x_i·w + b) + l2/2 · ‖w‖²      (the intercept b is not penalised)
 * with the half-binomial loss `log(1 + e^z) − y·z` (y ∈ {0, 1}) or the multinomial loss
 * `logsumexp(z) − z_{y}` over k classes (full k-row parametrisation).
 *
 * Each returned function also serves the data-parallel fit: it only reads a partition of rows, so
 * per-worker values and gradients add up (the penalty is then added once by the coordinator; pass
 * `l2 = 0` on workers).
 *
 * The row loop runs on the WASM kernels (src/kernels/logistic-pass.ts: SIMD, rows resident in kernel
 * memory across iterations, chunked partial sums) when they are loaded; the TypeScript kernels below
 * are the fallback and the reference. The two differ only in summation order (~1e-15 relative).
 */
import { createLogisticPass } from '../../kernels/logistic-pass.js';
import { wasmKernels } from '../../kernels/wasm-module.js';
import type { LossGradient } from './solvers/lbfgs.js';
import { type RowStore, rowAxpy, rowDot } from './solvers/row-store.js';

/**
 * Whether the loss functions use the WASM pass; tests flip it to compare with the TypeScript path.
 *
 * @example
 * logisticBackend.wasm = false; // force the TypeScript kernels
 */
export const logisticBackend = { wasm: wasmKernels !== null };

/** Adds `l2/2·‖w[0..m)‖²` to `loss` and `l2·w` to the gradient (the intercept is not penalised). */
function addPenalty(loss: number, w: Float64Array, grad: Float64Array, m: number, l2: number): number {
  if (!(l2 > 0)) return loss;
  let ww = 0;
  for (let j = 0; j < m; j++) {
    ww += w[j] * w[j];
    grad[j] += l2 * w[j];
  }
  return loss + 0.5 * l2 * ww;
}

/** Numerically stable logistic sigmoid. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Binary logistic loss over parameters `[w_0 … w_{d-1}, b]` (b present when `fitIntercept`).
 * `y01[i]` is 1 for the positive class, 0 otherwise; `sw` holds per-row weights.
 */
export function binaryLogisticLoss(X: RowStore, y01: Float64Array, sw: Float64Array, l2: number, fitIntercept: boolean): LossGradient {
  if (logisticBackend.wasm) {
    const pass = createLogisticPass({ X, y: y01, sw, k: 1, fitIntercept });
    return (w, grad) => addPenalty(pass(w, grad), w, grad, X.cols, l2);
  }
  // The kernel is a top-level function rather than a closure made per fit, so V8's optimised code
  // and type feedback carry over from one fit to the next.
  return (w, grad) => binaryKernel(X, y01, sw, l2, fitIntercept, w, grad);
}

function binaryKernel(X: RowStore, y01: Float64Array, sw: Float64Array, l2: number, fitIntercept: boolean, w: Float64Array, grad: Float64Array): number {
  const n = X.rows, d = X.cols;
  grad.fill(0);
  const b = fitIntercept ? w[d] : 0;
  let loss = 0, gb = 0;
  for (let i = 0; i < n; i++) {
    const s = sw[i];
    if (s === 0) continue;
    const z = b + rowDot(X, i, w, 0);
    // One exp per row serves both softplus and sigmoid: e = exp(−|z|) never overflows.
    const e = Math.exp(-Math.abs(z));
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    loss += s * ((z > 0 ? z : 0) + Math.log1p(e) - y01[i] * z);
    const r = s * (p - y01[i]);
    if (r !== 0) rowAxpy(X, i, r, grad, 0);
    gb += r;
  }
  if (fitIntercept) grad[d] = gb;
  return addPenalty(loss, w, grad, d, l2);
}

/**
 * Multinomial (softmax) loss over parameters `[W (k × d, row-major), b (k)]` (b present when
 * `fitIntercept`). `yIdx[i]` is the class index of row i.
 */
export function multinomialLoss(X: RowStore, yIdx: Int32Array, k: number, sw: Float64Array, l2: number, fitIntercept: boolean): LossGradient {
  if (logisticBackend.wasm) {
    const pass = createLogisticPass({ X, y: yIdx, sw, k, fitIntercept });
    return (w, grad) => addPenalty(pass(w, grad), w, grad, k * X.cols, l2);
  }
  const z = new Float64Array(k); // per-row logits, reused: no allocation per evaluation
  return (w, grad) => multinomialKernel(X, yIdx, k, sw, l2, fitIntercept, z, w, grad);
}

function multinomialKernel(
  X: RowStore, yIdx: Int32Array, k: number, sw: Float64Array, l2: number, fitIntercept: boolean, z: Float64Array, w: Float64Array, grad: Float64Array,
): number {
  const n = X.rows, d = X.cols;
  const bOff = k * d;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let zmax = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = (fitIntercept ? w[bOff + c] : 0) + rowDot(X, i, w, c * d);
      z[c] = s;
      if (s > zmax) zmax = s;
    }
    const s = sw[i], yi = yIdx[i];
    const zy = z[yi] - zmax;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[c] - zmax);
      z[c] = e;
      sum += e;
    }
    loss += s * (Math.log(sum) - zy); // log-sum-exp − z_y, both shifted by zmax
    for (let c = 0; c < k; c++) {
      const r = s * (z[c] / sum - (c === yi ? 1 : 0));
      if (r === 0) continue;
      rowAxpy(X, i, r, grad, c * d);
      if (fitIntercept) grad[bOff + c] += r;
    }
  }
  return addPenalty(loss, w, grad, bOff, l2);
}
