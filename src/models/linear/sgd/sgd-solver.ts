/**
 * Plain stochastic gradient descent for a linear model with a convex loss and an L2 / L1 / elastic-net
 * penalty, one sample at a time.
 *
 * Sources: Bottou, "Stochastic Gradient Descent Tricks" (2012) — the 'optimal' schedule
 * η_t = 1/(α(t₀ + t)) with t₀ from a typical weight, and the scaled weight vector w = s·v that makes
 * the L2 shrink O(1); Tsuruoka, Tsujii & Ananiadou, "Stochastic Gradient Descent Training for
 * L1-regularized Log-linear Models with Cumulative Penalty", ACL 2009 (the L1 step). Reference
 * implementation scikit-learn 1.2 `sklearn/linear_model/_sgd_fast.pyx` (`_plain_sgd`, `WeightVector`),
 * followed for the schedules, the order of the updates, averaging, the dloss clip and the stopping rule
 * (stop after `nIterNoChange` epochs whose summed loss fails to improve on the best by tol·n).
 * The visiting order comes from trainyard's `Rng`, so runs are not bit-identical to sklearn's.
 */
import { DataError } from '../../../core/errors.js';
import type { Rng } from '../../../core/rng.js';
import { Matrix } from '../../../core/matrix.js';
import { type RowStore, rowStore } from '../solvers/row-store.js';
import { type LossCode, lossDerivative, lossValue } from './sgd-losses.js';

/** Learning-rate schedules (scikit-learn's names). */
export type LearningRate = 'optimal' | 'constant' | 'invscaling' | 'adaptive';
/** Penalties (scikit-learn's names). */
export type SgdPenalty = 'l2' | 'l1' | 'elasticnet' | 'none';

/** Inputs of {@link plainSgd}. */
export interface SgdProblem {
  /** Row-major n × d. */
  x: Float64Array;
  n: number;
  d: number;
  /** Targets: ±1 for classification losses, values for regression losses. */
  y: Float64Array;
  /** Per-row weights (sample × class weights), or null for all 1. */
  weight: Float64Array | null;
  loss: LossCode;
  /** Loss parameter (hinge threshold or epsilon). */
  lossParam: number;
  penalty: SgdPenalty;
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  /** Epochs. */
  maxIter: number;
  /** Improvement threshold per sample; null disables the stopping rule. */
  tol: number | null;
  nIterNoChange: number;
  learningRate: LearningRate;
  eta0: number;
  powerT: number;
  /** 0 = no averaging; k >= 1 = average the weights from step k on. */
  average: number;
  shuffle: boolean;
  rng: Rng;
  /** Called after each epoch with its mean loss. */
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** Final (or averaged) weights and intercept, and the epochs run. */
export interface SgdResult {
  w: Float64Array;
  intercept: number;
  nIter: number;
}

const MAX_DLOSS = 1e12;

/** Mutable scalars of a run, kept in a typed array so the epoch kernel never boxes doubles. */
const enum S {
  Scale, // w = scale · v
  Intercept,
  T, // step counter, from 1
  U, // L1 penalty each weight should have received so far
  AvgA, // averaged weights = (aw + avgA·v) / avgB (sklearn's lazy WeightVector average)
  AvgB,
  AvgIntercept,
  Eta,
  Size,
}

/** Everything an epoch reads: data, parameters and the weight buffers. */
interface EpochContext {
  x: Float64Array;
  n: number;
  d: number;
  y: Float64Array;
  weight: Float64Array | null;
  loss: LossCode;
  lossParam: number;
  alpha: number;
  l1Ratio: number;
  useL2: boolean;
  fitIntercept: boolean;
  /** 0 optimal, 1 constant or adaptive, 2 invscaling. */
  schedule: number;
  eta0: number;
  powerT: number;
  optimalInit: number;
  average: number;
  order: Int32Array;
  /** CSR copy of x when it is mostly zeros (one-hot data): only non-zeros are visited, same sums. */
  rows: RowStore;
  v: Float64Array;
  aw: Float64Array | null;
  /** L1 penalty already applied to each weight, or null without an L1 term. */
  q: Float64Array | null;
}

/**
 * Runs SGD epochs until the stopping rule or `maxIter`; returns the (averaged) weights.
 *
 * @example
 * const { w, intercept } = plainSgd({ x: X.data, n, d, y, weight: null, loss: lossCode('squared_error'), lossParam: 0.1, penalty: 'l2', alpha: 1e-4, l1Ratio: 0.15, fitIntercept: true, maxIter: 100, tol: 1e-3, nIterNoChange: 5, learningRate: 'invscaling', eta0: 0.01, powerT: 0.25, average: 0, shuffle: true, rng: new Rng(0) });
 */
export function plainSgd(p: SgdProblem): SgdResult {
  const { n, d, loss, lossParam, alpha, learningRate, rng } = p;
  const l1Ratio = p.penalty === 'l2' ? 0 : p.penalty === 'l1' ? 1 : p.l1Ratio;
  const useL1 = p.penalty === 'l1' || p.penalty === 'elasticnet';
  let optimalInit = 0;
  if (learningRate === 'optimal') {
    const typw = Math.sqrt(1 / Math.sqrt(alpha));
    const eta0Init = typw / Math.max(1, lossDerivative(loss, -typw, 1, lossParam));
    optimalInit = 1 / (eta0Init * alpha);
  }
  const ctx: EpochContext = {
    x: p.x, n, d, y: p.y, weight: p.weight, loss, lossParam, alpha, l1Ratio,
    useL2: p.penalty !== 'none',
    fitIntercept: p.fitIntercept,
    schedule: learningRate === 'optimal' ? 0 : learningRate === 'invscaling' ? 2 : 1,
    eta0: p.eta0, powerT: p.powerT, optimalInit, average: p.average,
    order: new Int32Array(n).map((_, i) => i),
    rows: rowStore(new Matrix(n, d, p.x)),
    v: new Float64Array(d),
    aw: p.average > 0 ? new Float64Array(d) : null,
    q: useL1 ? new Float64Array(d) : null,
  };
  const st = new Float64Array(S.Size);
  st[S.Scale] = 1;
  st[S.T] = 1;
  st[S.AvgB] = 1;
  st[S.Eta] = p.eta0;
  const { v, aw } = ctx;
  let bestLoss = Infinity;
  let noImprovement = 0;
  let epoch = 0;
  for (; epoch < p.maxIter; epoch++) {
    if (p.shuffle) rng.shuffle(ctx.order);
    const sumLoss = sgdEpoch(ctx, st);
    const intercept = st[S.Intercept], scale = st[S.Scale];
    if (!Number.isFinite(intercept) || !Number.isFinite(scale) || !v.every(Number.isFinite)) {
      throw new DataError(`SGD diverged (non-finite weights) in epoch ${epoch + 1}; standardise the features (a StandardScaler step) or lower the learning rate (eta0)`, {
        epoch: epoch + 1,
      });
    }
    p.onEpoch?.(epoch + 1, sumLoss / n);
    if (p.tol !== null) {
      if (sumLoss > bestLoss - p.tol * n) noImprovement++;
      else noImprovement = 0;
      if (sumLoss < bestLoss) bestLoss = sumLoss;
    }
    if (noImprovement >= p.nIterNoChange) {
      if (learningRate === 'adaptive' && st[S.Eta] > 1e-6) {
        st[S.Eta] /= 5;
        noImprovement = 0;
      } else {
        epoch++;
        break;
      }
    }
  }
  if (aw !== null) {
    for (let j = 0; j < d; j++) aw[j] = (aw[j] + st[S.AvgA] * v[j]) / st[S.AvgB];
    return { w: aw, intercept: st[S.AvgIntercept], nIter: epoch };
  }
  for (let j = 0; j < d; j++) v[j] *= st[S.Scale];
  return { w: v, intercept: st[S.Intercept], nIter: epoch };
}

/** One pass over the rows in `ctx.order`; updates the weights and `st`, returns the summed loss. */
function sgdEpoch(ctx: EpochContext, st: Float64Array): number {
  const { x, n, d, y, weight, loss, lossParam, alpha, l1Ratio, useL2, fitIntercept, schedule, eta0, powerT, optimalInit, average, order, v, aw, q } = ctx;
  const csr = ctx.rows.dense === null, ip = ctx.rows.indptr, idx = ctx.rows.indices, val = ctx.rows.values;
  let scale = st[S.Scale], intercept = st[S.Intercept], t = st[S.T], u = st[S.U];
  let avgA = st[S.AvgA], avgB = st[S.AvgB], avgIntercept = st[S.AvgIntercept], eta = st[S.Eta];
  let sumLoss = 0;
  for (let s = 0; s < n; s++) {
    const i = order[s];
    const off = i * d, start = csr ? ip[i] : 0, end = csr ? ip[i + 1] : 0;
    let dot = 0;
    if (csr) for (let k = start; k < end; k++) dot += v[idx[k]] * val[k];
    else for (let j = 0; j < d; j++) dot += v[j] * x[off + j];
    const pred = dot * scale + intercept;
    if (schedule === 0) eta = 1 / (alpha * (optimalInit + t - 1));
    // Math.pow costs ~10× a square root in V8; sklearn's default exponents take the fast path.
    else if (schedule === 2) eta = eta0 / (powerT === 0.25 ? Math.sqrt(Math.sqrt(t)) : powerT === 0.5 ? Math.sqrt(t) : Math.pow(t, powerT));
    const yi = y[i];
    sumLoss += lossValue(loss, pred, yi, lossParam);
    let dloss = lossDerivative(loss, pred, yi, lossParam);
    if (dloss < -MAX_DLOSS) dloss = -MAX_DLOSS;
    else if (dloss > MAX_DLOSS) dloss = MAX_DLOSS;
    let update = -eta * dloss;
    if (weight !== null) update *= weight[i];
    if (useL2) {
      // Shrink by rescaling (O(1)); never below zero when eta·alpha is large.
      scale *= Math.max(0, 1 - (1 - l1Ratio) * eta * alpha);
      if (scale < 1e-9) {
        // Fold the scale into v (and the lazy average into aw): sklearn's `reset_wscale`.
        if (aw !== null) {
          for (let j = 0; j < d; j++) aw[j] = (aw[j] + avgA * v[j]) / avgB;
          avgA = 0;
          avgB = 1;
        }
        for (let j = 0; j < d; j++) v[j] *= scale;
        scale = 1;
      }
    }
    if (update !== 0) {
      const a = update / scale;
      if (csr) for (let k = start; k < end; k++) v[idx[k]] += a * val[k];
      else for (let j = 0; j < d; j++) v[j] += a * x[off + j];
      if (fitIntercept) intercept += update;
    }
    if (aw !== null && average <= t) {
      const numIter = t - average + 1, mu = 1 / numIter;
      const c = (avgA * -update) / scale;
      if (c !== 0) {
        if (csr) for (let k = start; k < end; k++) aw[idx[k]] += c * val[k];
        else for (let j = 0; j < d; j++) aw[j] += c * x[off + j];
      }
      if (numIter > 1) avgB /= 1 - mu;
      avgA += mu * avgB * scale;
      avgIntercept += (intercept - avgIntercept) * mu;
    }
    if (q !== null) {
      u += l1Ratio * eta * alpha;
      // Cumulative L1 penalty, clipped at zero (Tsuruoka et al., sklearn's `l1penalty`). It visits every
      // weight, zeros of x included, as sklearn does for dense input, even when x is stored as CSR.
      for (let j = 0; j < d; j++) {
        const z = v[j];
        if (scale * z > 0) v[j] = Math.max(0, z - (u + q[j]) / scale);
        else if (scale * z < 0) v[j] = Math.min(0, z + (u - q[j]) / scale);
        q[j] += scale * (v[j] - z);
      }
    }
    t++;
  }
  st[S.Scale] = scale;
  st[S.Intercept] = intercept;
  st[S.T] = t;
  st[S.U] = u;
  st[S.AvgA] = avgA;
  st[S.AvgB] = avgB;
  st[S.AvgIntercept] = avgIntercept;
  st[S.Eta] = eta;
  return sumLoss;
}
