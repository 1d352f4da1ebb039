/**
 * Probability outputs for SVMs, as libsvm computes them (`svm.cpp`):
 * - `sigmoidTrain`: Platt's sigmoid `P(y = +1 | f) = 1 / (1 + exp(A f + B))` fitted by Newton's method
 *   with backtracking line search on regularised targets — the improved algorithm of Lin, Lin & Weng,
 *   "A note on Platt's probabilistic outputs for support vector machines" (Machine Learning 68, 2007).
 * - `multiclassProbability`: pairwise coupling, method 2 of Wu, Lin & Weng, "Probability estimates
 *   for multi-class classification by pairwise coupling" (JMLR 5, 2004).
 * The decision values the sigmoid is fitted on come from 5-fold cross-validation inside `fit`
 * (`svm_binary_svc_probability`), see `svm-train.ts`.
 */

/** libsvm clips pairwise probabilities to [1e-7, 1 − 1e-7] before coupling. */
export const MIN_PROB = 1e-7;

/**
 * Fits Platt's sigmoid to decision values `dec` with labels `y` (±1). Returns `[A, B]`.
 *
 * @example
 * const [A, B] = sigmoidTrain(decisionValues, Int8Array.from(labels)); // labels ±1
 * const p = sigmoidPredict(0.7, A, B);
 */
export function sigmoidTrain(dec: Float64Array, y: Int8Array): [number, number] {
  const l = dec.length;
  let prior1 = 0, prior0 = 0;
  for (let i = 0; i < l; i++) if (y[i] > 0) prior1++;
  else prior0++;
  const maxIter = 100, minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  const t = new Float64Array(l);
  for (let i = 0; i < l; i++) t[i] = y[i] > 0 ? hiTarget : loTarget;
  let A = 0, B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(dec, t, A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i] * A + B;
      let p: number, q: number;
      if (fApB >= 0) {
        const e = Math.exp(-fApB);
        p = e / (1 + e);
        q = 1 / (1 + e);
      } else {
        const e = Math.exp(fApB);
        p = 1 / (1 + e);
        q = e / (1 + e);
      }
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const newA = A + step * dA, newB = B + step * dB;
      const newf = objective(dec, t, newA, newB);
      if (newf < fval + 0.0001 * step * gd) {
        A = newA;
        B = newB;
        fval = newf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break; // line search failed: keep the last point, as libsvm does
  }
  return [A, B];
}

/** Regularised cross-entropy of the sigmoid, written to avoid overflow in exp. */
function objective(dec: Float64Array, t: Float64Array, A: number, B: number): number {
  let f = 0;
  for (let i = 0; i < dec.length; i++) {
    const fApB = dec[i] * A + B;
    f += fApB >= 0 ? t[i] * fApB + Math.log(1 + Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
  }
  return f;
}

/**
 * `P(y = +1 | f)` for the fitted sigmoid (1 − p is used later, so avoid cancellation).
 *
 * @example
 * sigmoidPredict(1.2, -3, 0); // ≈ 0.97
 */
export function sigmoidPredict(f: number, A: number, B: number): number {
  const fApB = f * A + B;
  if (fApB >= 0) {
    const e = Math.exp(-fApB);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(fApB));
}

/**
 * Couples pairwise probabilities `r[i·k + j] ≈ P(class i | class i or j)` into class probabilities
 * `p` (length k), Wu–Lin–Weng method 2 (libsvm's `multiclass_probability`). `Q` (k·k) and `Qp` (k)
 * are scratch arrays, so predicting many rows allocates nothing.
 *
 * @example
 * multiclassProbability(3, pairwise, p, new Float64Array(9), new Float64Array(3)); // p sums to 1
 */
export function multiclassProbability(k: number, r: Float64Array, p: Float64Array, Q: Float64Array, Qp: Float64Array): void {
  const maxIter = Math.max(100, k), eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    p[t] = 1 / k;
    Q[t * k + t] = 0;
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = Q[j * k + t];
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = -r[j * k + t] * r[t * k + j];
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += Q[t * k + j] * p[j];
      Qp[t] = s;
      pQp += p[t] * s;
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
}
