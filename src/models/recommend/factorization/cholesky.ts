/**
 * Small dense symmetric positive-definite solves, A x = b, by Cholesky factorisation A = LLᵀ and two
 * triangular substitutions (Golub & Van Loan, "Matrix Computations", 4th ed., algorithm 4.2.1) — the
 * k × k normal equations of explicit ALS, one per user and per item. Unblocked and in place: for the
 * k ≤ ~100 of recommender factors, the O(k³/3) factorisation is small next to building A.
 */
import { DataError, ShapeError } from '../../../core/errors.js';

/**
 * Solves A x = b for a symmetric positive-definite n × n row-major `A`, reading only its lower
 * triangle. Overwrites the lower triangle of `A` with L and `b` with x (no allocation, for per-row
 * use in hot loops). Throws `E_DATA` when a pivot is not positive (A is not positive definite).
 *
 * @example
 * const A = Float64Array.of(4, 2, 2, 3), b = Float64Array.of(2, 1);
 * choleskySolveInPlace(A, b, 2); // b is now [0.5, 0]
 */
export function choleskySolveInPlace(A: Float64Array, b: Float64Array, n: number): void {
  if (A.length < n * n || b.length < n) throw new ShapeError(`choleskySolveInPlace: need a ${n} × ${n} matrix and ${n} right-hand values, got ${A.length} and ${b.length}`);
  // Column by column (left-looking): L[j][j] = √(A[j][j] − Σ_k L[j][k]²), L[i][j] = (A[i][j] − Σ_k L[i][k]L[j][k]) / L[j][j].
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    let d = A[jo + j];
    for (let k = 0; k < j; k++) d -= A[jo + k] * A[jo + k];
    if (!(d > 0)) {
      throw new DataError(`choleskySolveInPlace: the matrix is not positive definite (pivot ${j} is ${d}); use a larger regularisation or check the input for non-finite values`, { row: j, value: d });
    }
    const ljj = Math.sqrt(d);
    A[jo + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const io = i * n;
      let s = A[io + j];
      for (let k = 0; k < j; k++) s -= A[io + k] * A[jo + k];
      A[io + j] = s / ljj;
    }
  }
  // L y = b (forward), then Lᵀ x = y (backward).
  for (let i = 0; i < n; i++) {
    const io = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= A[io + k] * b[k];
    b[i] = s / A[io + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= A[k * n + i] * b[k];
    b[i] = s / A[i * n + i];
  }
}

/**
 * The solution of A x = b (A and b left unchanged); see {@link choleskySolveInPlace}.
 *
 * @example
 * choleskySolve(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2); // Float64Array [0.5, 0]
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = A.slice(0, n * n), x = b.slice(0, n);
  choleskySolveInPlace(L, x, n);
  return x;
}
