/**
 * The numeric core of implicit-feedback ALS: one half-step (all users given the items, or all items
 * given the users) solved row by row with a few conjugate-gradient steps, and the objective.
 *
 * Hu, Koren & Volinsky (2008), "Collaborative Filtering for Implicit Feedback Datasets", ICDM:
 * minimise Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) over ALL user–item pairs, where
 * p_ui = 1 for an observed positive event and c_ui = 1 for every unobserved pair. Row u's normal
 * equations are (YᵀY + λI + Yᵀ(C_u − I)Y) x_u = Yᵀ C_u p_u; YᵀY is shared by every row, so it is
 * computed once per half-step and only the row's own events cost O(nnz · k) (their "YᵀY trick").
 *
 * Takács, Pilászy & Tikk (2011), "Applications of the conjugate gradient method for implicit
 * feedback collaborative filtering", RecSys: instead of a k³ solve per row, run a few CG steps
 * warm-started from the previous factors — the solver of the `implicit` library
 * (`implicit/cpu/_als.pyx`, `_least_squares_cg`), whose loop this follows. With enough steps CG
 * reaches the exact solution (the tests check it against numpy's solve).
 */
import type { CsrMatrix } from '../../../core/interactions.js';

/**
 * One side of the confidence-weighted matrix, in CSR form: row r's events are
 * `indices[indptr[r] .. indptr[r+1])`, each with its confidence c ≥ 1 and its preference p ∈ {0, 1}.
 */
export interface ConfidenceRows {
  readonly nRows: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly confidence: Float64Array;
  readonly preference: Uint8Array;
}

/**
 * Turns summed event values into HKV confidences: a positive value r gives p = 1 and c = 1 + α·r; a
 * negative one (an explicit dislike, as the `implicit` library reads it) gives p = 0 and c = 1 + α·|r|;
 * zero is the same as no event. With `binarize`, |r| is replaced by 1 (every event weighs the same).
 *
 * @example
 * const rows = toConfidenceRows(interactionsToCsr(data), 10, false);
 */
export function toConfidenceRows(csr: CsrMatrix, alpha: number, binarize: boolean): ConfidenceRows {
  const n = csr.values.length;
  const confidence = new Float64Array(n), preference = new Uint8Array(n);
  for (let e = 0; e < n; e++) {
    const r = csr.values[e];
    const magnitude = binarize ? (r === 0 ? 0 : 1) : Math.abs(r);
    confidence[e] = 1 + alpha * magnitude;
    preference[e] = r > 0 ? 1 : 0;
  }
  return { nRows: csr.nRows, indptr: csr.indptr, indices: csr.indices, confidence, preference };
}

/**
 * `out = FᵀF + λI` (k × k, row-major) for the n × k row-major factor matrix F.
 *
 * @example
 * const G = new Float64Array(k * k);
 * gramWithRidge(itemFactors, nItems, k, 0.01, G);
 */
export function gramWithRidge(F: Float64Array, n: number, k: number, lambda: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const fa = F[o + a];
      if (fa === 0) continue;
      const row = a * k;
      // Upper triangle only; mirrored below.
      for (let b = a; b < k; b++) out[row + b] += fa * F[o + b];
    }
  }
  for (let a = 0; a < k; a++) {
    out[a * k + a] += lambda;
    for (let b = a + 1; b < k; b++) out[b * k + a] = out[a * k + b];
  }
}

/**
 * One ALS half-step: for every row r of `rows`, moves `target[r]` towards the solution of its
 * normal equations with at most `cgSteps` conjugate-gradient steps, starting from its current value.
 * `fixed` (nCols × k) holds the other side's factors; `gram` must be `fixedᵀfixed + λI`.
 *
 * @example
 * gramWithRidge(Y, nItems, k, lambda, G);
 * cgHalfStep(userRows, Y, X, k, G, 3); // users given items
 */
export function cgHalfStep(rows: ConfidenceRows, fixed: Float64Array, target: Float64Array, k: number, gram: Float64Array, cgSteps: number): void {
  const { nRows, indptr, indices, confidence, preference } = rows;
  const res = new Float64Array(k), dir = new Float64Array(k), Ap = new Float64Array(k);
  for (let u = 0; u < nRows; u++) {
    const xo = u * k;
    const start = indptr[u], end = indptr[u + 1];
    if (start === end) {
      // No events: the normal equations read (YᵀY + λI)x = 0, solved by x = 0 exactly (CG would
      // only approach it). A user or item unseen in training then scores 0 everywhere.
      target.fill(0, xo, xo + k);
      continue;
    }
    // Residual r = b − A x = −(YᵀY + λI)x + Σ_i [c p − (c − 1) y·x] y.
    for (let a = 0; a < k; a++) res[a] = -dotAt(gram, a * k, target, xo, k);
    for (let e = start; e < end; e++) {
      const yo = indices[e] * k, c = confidence[e];
      const w = c * preference[e] - (c - 1) * dotAt(fixed, yo, target, xo, k);
      axpyAt(w, fixed, yo, res, k);
    }
    let rsOld = 0;
    for (let a = 0; a < k; a++) {
      dir[a] = res[a];
      rsOld += res[a] * res[a];
    }
    // Already converged: the `implicit` library's threshold.
    if (rsOld < 1e-20) continue;
    for (let step = 0; step < cgSteps; step++) {
      // Ap = (YᵀY + λI) p + Σ_i (c − 1)(y·p) y
      for (let a = 0; a < k; a++) Ap[a] = dotAt(gram, a * k, dir, 0, k);
      for (let e = start; e < end; e++) {
        const yo = indices[e] * k, c1 = confidence[e] - 1;
        if (c1 === 0) continue;
        axpyAt(c1 * dotAt(fixed, yo, dir, 0, k), fixed, yo, Ap, k);
      }
      let pAp = 0;
      for (let a = 0; a < k; a++) pAp += dir[a] * Ap[a];
      const stepSize = rsOld / pAp;
      let rsNew = 0;
      for (let a = 0; a < k; a++) {
        target[xo + a] += stepSize * dir[a];
        res[a] -= stepSize * Ap[a];
        rsNew += res[a] * res[a];
      }
      if (rsNew < 1e-20) break;
      const beta = rsNew / rsOld;
      for (let a = 0; a < k; a++) dir[a] = res[a] + beta * dir[a];
      rsOld = rsNew;
    }
  }
}

/**
 * The HKV objective Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(‖X‖² + ‖Y‖²) over all nUsers × nItems pairs,
 * computed without visiting the unobserved pairs: Σ_u x_uᵀ(YᵀY)x_u covers every pair as if c = 1,
 * p = 0, and each event then corrects its own term.
 *
 * @example
 * const loss = implicitAlsLoss(userRows, X, Y, nItems, k, 0.01);
 */
export function implicitAlsLoss(rows: ConfidenceRows, X: Float64Array, Y: Float64Array, nItems: number, k: number, lambda: number): number {
  const gram = new Float64Array(k * k);
  gramWithRidge(Y, nItems, k, 0, gram);
  const { nRows, indptr, indices, confidence, preference } = rows;
  let loss = 0;
  for (let u = 0; u < nRows; u++) {
    const xo = u * k;
    for (let a = 0; a < k; a++) {
      let s = 0;
      const g = a * k;
      for (let b = 0; b < k; b++) s += gram[g + b] * X[xo + b];
      loss += X[xo + a] * s;
    }
    for (let e = indptr[u]; e < indptr[u + 1]; e++) {
      const yo = indices[e] * k;
      let s = 0;
      for (let a = 0; a < k; a++) s += X[xo + a] * Y[yo + a];
      const d = preference[e] - s;
      loss += confidence[e] * d * d - s * s;
    }
  }
  let norm = 0;
  for (let i = 0; i < X.length; i++) norm += X[i] * X[i];
  for (let i = 0; i < Y.length; i++) norm += Y[i] * Y[i];
  return loss + lambda * norm;
}

/** Σ_a A[ao + a]·B[bo + a] over k terms, four independent sums (V8 does not vectorise; this halves the add-latency chain). */
function dotAt(A: Float64Array, ao: number, B: Float64Array, bo: number, k: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, a = 0;
  for (; a + 4 <= k; a += 4) {
    s0 += A[ao + a] * B[bo + a];
    s1 += A[ao + a + 1] * B[bo + a + 1];
    s2 += A[ao + a + 2] * B[bo + a + 2];
    s3 += A[ao + a + 3] * B[bo + a + 3];
  }
  for (; a < k; a++) s0 += A[ao + a] * B[bo + a];
  return s0 + s1 + (s2 + s3);
}

/** out[0 .. k) += w · A[ao .. ao + k). */
function axpyAt(w: number, A: Float64Array, ao: number, out: Float64Array, k: number): void {
  let a = 0;
  for (; a + 4 <= k; a += 4) {
    out[a] += w * A[ao + a];
    out[a + 1] += w * A[ao + a + 1];
    out[a + 2] += w * A[ao + a + 2];
    out[a + 3] += w * A[ao + a + 3];
  }
  for (; a < k; a++) out[a] += w * A[ao + a];
}
