/**
 * Dense least-squares kernels on the normal equations: the (centred) Gram matrix XᵀX and Xᵀy in one
 * pass over the rows, a Cholesky solve for full-rank systems, and a minimum-norm solve through a
 * symmetric eigen-decomposition (cyclic Jacobi) for rank-deficient ones.
 *
 * Sources: Golub & Van Loan, *Matrix Computations* (4th ed.) — Algorithm 4.2.1 (Cholesky) and §8.5
 * (cyclic Jacobi). scikit-learn's `LinearRegression` calls LAPACK `gelsd` (SVD, minimum-norm solution);
 * pinv(XᵀX)·Xᵀy is the same minimum-norm solution, since pinv(XᵀX)·Xᵀ = pinv(X). Working on XᵀX squares
 * the condition number, so singular values below ~1e-6 of the largest are treated as zero (gelsd
 * resolves down to machine precision); well-conditioned problems match to ~1e-12.
 */

/**
 * XᵀX (d × d, full symmetric) and Xᵀy of the rows of X minus `xMean` (and y minus `yMean`).
 *
 * Mostly-zero columns (one-hot indicators) are kept uncentred and only their non-zeros are visited,
 * each against the whole row; the centring is applied afterwards as a rank-1 correction
 * −n·x̄_a·x̄_b, which is harmless for such columns (values in a small range around their mean).
 * The other columns are centred exactly, a block of rows at a time into a column-major buffer, and
 * each 2 × 2 tile of their Gram block accumulates in registers (4 multiply-adds per 4 loads, no stores).
 *
 * @example
 * const { gram, xty } = centredGram(X.data, X.rows, X.cols, y, xMean, yMean);
 */
export function centredGram(
  x: Float64Array, n: number, d: number, y: Float64Array, xMean: Float64Array, yMean: number,
): { gram: Float64Array; xty: Float64Array } {
  const zeros = new Int32Array(d);
  for (let k = 0; k < x.length; k++) if (x[k] === 0) zeros[k % d]++;
  const sparse: number[] = [], dense: number[] = [];
  for (let j = 0; j < d; j++) (zeros[j] * 2 > n ? sparse : dense).push(j);
  const shift = new Float64Array(d);
  for (const j of dense) shift[j] = xMean[j];
  const full = new Float64Array(d * d); // rows of sparse columns (complete), upper dense × dense tiles
  const xty = new Float64Array(d);
  const isSparse = new Uint8Array(d);
  for (const j of sparse) isSparse[j] = 1;
  let ySum = 0;
  // Sparse columns: each non-zero x_ia adds x_ia·(x_i − shift) to row a.
  if (sparse.length) {
    const sp = Int32Array.from(sparse);
    for (let i = 0; i < n; i++) {
      const off = i * d;
      for (let t = 0; t < sp.length; t++) {
        const a = sp[t], v = x[off + a];
        if (v === 0) continue;
        const row = a * d;
        for (let b = 0; b < d; b++) full[row + b] += v * (x[off + b] - shift[b]);
        xty[a] += v * (y[i] - yMean);
      }
    }
  }
  for (let i = 0; i < n; i++) ySum += y[i] - yMean;
  denseTiles(x, n, d, y, yMean, Int32Array.from(dense), shift, full, xty);
  const gram = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = isSparse[a] ? full[a * d + b] : isSparse[b] ? full[b * d + a] : full[a * d + b];
      const c = v - n * (xMean[a] - shift[a]) * (xMean[b] - shift[b]);
      gram[a * d + b] = c;
      gram[b * d + a] = c;
    }
  }
  for (const a of sparse) xty[a] -= xMean[a] * ySum;
  return { gram, xty };
}

/** Dense × dense part of {@link centredGram}: `full[a][b]` (a ≤ b in column order) and `xty[a]`. */
function denseTiles(
  x: Float64Array, n: number, d: number, y: Float64Array, yMean: number, cols: Int32Array, shift: Float64Array, full: Float64Array, xty: Float64Array,
): void {
  const B = 128, m0 = cols.length;
  if (m0 === 0) return;
  const blk = new Float64Array(m0 * B);
  const yb = new Float64Array(B);
  for (let i0 = 0; i0 < n; i0 += B) {
    const m = Math.min(B, n - i0);
    for (let k = 0; k < m; k++) {
      const off = (i0 + k) * d;
      for (let c = 0; c < m0; c++) blk[c * B + k] = x[off + cols[c]] - shift[cols[c]];
      yb[k] = y[i0 + k] - yMean;
    }
    for (let c = 0; c < m0; c++) {
      let s = 0;
      const r = c * B;
      for (let k = 0; k < m; k++) s += blk[r + k] * yb[k];
      xty[cols[c]] += s;
    }
    for (let a = 0; a < m0; a += 2) {
      const hasA1 = a + 1 < m0;
      const ra0 = a * B, ra1 = hasA1 ? ra0 + B : ra0;
      for (let b = a; b < m0; b += 2) {
        const hasB1 = b + 1 < m0;
        const rb0 = b * B, rb1 = hasB1 ? rb0 + B : rb0;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        for (let k = 0; k < m; k++) {
          const xa0 = blk[ra0 + k], xa1 = blk[ra1 + k], xb0 = blk[rb0 + k], xb1 = blk[rb1 + k];
          s00 += xa0 * xb0;
          s01 += xa0 * xb1;
          s10 += xa1 * xb0;
          s11 += xa1 * xb1;
        }
        const A0 = cols[a] * d, A1 = hasA1 ? cols[a + 1] * d : 0, B0 = cols[b], B1 = hasB1 ? cols[b + 1] : 0;
        full[A0 + B0] += s00;
        if (hasB1) full[A0 + B1] += s01;
        if (hasA1) {
          if (b > a) full[A1 + B0] += s10;
          if (hasB1) full[A1 + B1] += s11;
        }
      }
    }
  }
}

/**
 * Solves A·w = b for symmetric positive definite A (d × d) by Cholesky. Returns null when a pivot falls
 * to `relTol` × the largest diagonal entry or below (numerically singular): the caller falls back to
 * {@link minNormSolve}. `A` is not modified.
 *
 * @example
 * const w = choleskySolve(gram, xty, d) ?? minNormSolve(gram, xty, d).w;
 */
export function choleskySolve(A: Float64Array, b: Float64Array, d: number, relTol = 1e-12): Float64Array | null {
  const L = Float64Array.from(A);
  let maxDiag = 0;
  for (let j = 0; j < d; j++) maxDiag = Math.max(maxDiag, A[j * d + j]);
  const floor = relTol * maxDiag;
  for (let j = 0; j < d; j++) {
    const rj = j * d;
    let s = L[rj + j];
    for (let k = 0; k < j; k++) s -= L[rj + k] * L[rj + k];
    if (!(s > floor)) return null;
    const ljj = Math.sqrt(s);
    L[rj + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      const ri = i * d;
      let t = L[ri + j];
      for (let k = 0; k < j; k++) t -= L[ri + k] * L[rj + k];
      L[ri + j] = t / ljj;
    }
  }
  const w = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let t = w[i];
    for (let k = 0; k < i; k++) t -= L[i * d + k] * w[k];
    w[i] = t / L[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = w[i];
    for (let k = i + 1; k < d; k++) t -= L[k * d + i] * w[k];
    w[i] = t / L[i * d + i];
  }
  return w;
}

/**
 * Eigen-decomposition of a symmetric d × d matrix by cyclic Jacobi rotations: returns the eigenvalues
 * and the eigenvectors as the columns of a row-major d × d matrix.
 *
 * @example
 * const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2); // values 1 and 3
 */
export function symmetricEigen(A: Float64Array, d: number, maxSweeps = 60): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let total = 0;
  for (let k = 0; k < a.length; k++) total += a[k] * a[k];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] * a[p * d + q];
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        // Rotation angle that annihilates a[p][q] (Golub & Van Loan Algorithm 8.5.1, sym.schur2).
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p], akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k], aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p], vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i];
  return { values, vectors: v };
}

/**
 * Minimum-norm solution of the normal equations G·w = b (G = XᵀX positive semi-definite):
 * w = Σ_k (v_kᵀb / λ_k)·v_k over eigenvalues λ_k above `relCut` × the largest. Also returns the rank.
 *
 * @example
 * const { w, rank } = minNormSolve(gram, xty, d);
 */
export function minNormSolve(G: Float64Array, b: Float64Array, d: number, relCut = 1e-12): { w: Float64Array; rank: number } {
  const { values, vectors } = symmetricEigen(G, d);
  let lmax = 0;
  for (const l of values) lmax = Math.max(lmax, l);
  const w = new Float64Array(d);
  let rank = 0;
  for (let k = 0; k < d; k++) {
    if (!(values[k] > relCut * lmax)) continue;
    rank++;
    let proj = 0;
    for (let i = 0; i < d; i++) proj += vectors[i * d + k] * b[i];
    proj /= values[k];
    for (let i = 0; i < d; i++) w[i] += proj * vectors[i * d + k];
  }
  return { w, rank };
}
