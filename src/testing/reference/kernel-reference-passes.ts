/**
 * Plain TypeScript twins of the WASM logistic passes, used as the correctness reference in tests and
 * as the "before" column of the kernel benchmark. Same maths as src/models/linear/logistic-loss.ts
 * (scikit-learn 1.2 `LinearModelLoss`, half-binomial and multinomial), dense rows, sequential sums.
 */

/**
 * Binary pass over dense rows X (n×d): writes the unpenalised gradient ([w…, b]) and returns the loss.
 *
 * @example
 * const loss = binaryPassJs(X, n, d, y01, sw, w, grad, true);
 */
export function binaryPassJs(
  X: Float64Array, n: number, d: number, y: Float64Array, sw: Float64Array, w: Float64Array, grad: Float64Array, fitIntercept: boolean,
): number {
  grad.fill(0);
  const b = fitIntercept ? w[d] : 0;
  let loss = 0, gb = 0;
  for (let i = 0; i < n; i++) {
    const s = sw[i];
    if (s === 0) continue;
    const off = i * d;
    let z = 0;
    for (let j = 0; j < d; j++) z += X[off + j] * w[j];
    z += b;
    const e = Math.exp(-Math.abs(z));
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    loss += s * ((z > 0 ? z : 0) + Math.log1p(e) - y[i] * z);
    const r = s * (p - y[i]);
    for (let j = 0; j < d; j++) grad[j] += r * X[off + j];
    gb += r;
  }
  if (fitIntercept) grad[d] = gb;
  return loss;
}

/**
 * Multinomial pass over dense rows (parameters [W (k×d), b (k)]); returns the loss, fills grad.
 *
 * @example
 * const loss = multinomialPassJs(X, n, d, k, yIdx, sw, w, grad, true);
 */
export function multinomialPassJs(
  X: Float64Array, n: number, d: number, k: number, y: Int32Array, sw: Float64Array, w: Float64Array, grad: Float64Array, fitIntercept: boolean,
): number {
  grad.fill(0);
  const z = new Float64Array(k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let zmax = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X[off + j] * w[c * d + j];
      z[c] = s + (fitIntercept ? w[k * d + c] : 0);
      zmax = Math.max(zmax, z[c]);
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - zmax);
    loss += sw[i] * (Math.log(sum) - (z[y[i]] - zmax));
    for (let c = 0; c < k; c++) {
      const r = sw[i] * (Math.exp(z[c] - zmax) / sum - (c === y[i] ? 1 : 0));
      for (let j = 0; j < d; j++) grad[c * d + j] += r * X[off + j];
      if (fitIntercept) grad[k * d + c] += r;
    }
  }
  return loss;
}
