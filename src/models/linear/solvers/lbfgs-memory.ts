/**
 * The limited-memory inverse-Hessian approximation shared by L-BFGS (`lbfgs.ts`) and OWL-QN
 * (`owlqn.ts`): a ring of the last `m` correction pairs (s, y) with ρ = 1/(s·y) and the initial
 * scaling γ = s·y / y·y. Source: Nocedal & Wright, *Numerical Optimization* (2nd ed.) — Algorithm 7.4
 * (two-loop recursion) and eq. 7.20 (γ).
 */

/**
 * Correction pairs of an L-BFGS-type method over `n` variables.
 *
 * @example
 * const mem = new LbfgsMemory(n, 10);
 * mem.direction(g, d);        // d = −H·g
 * mem.update(x, xNew, g, gNew); // after an accepted step
 */
export class LbfgsMemory {
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  private readonly rho: Float64Array;
  private readonly alphaH: Float64Array;
  /** Number of valid pairs. */
  stored = 0;
  /** Slot the next pair is written to. */
  private head = 0;
  /** Initial Hessian scaling s·y / y·y (N&W eq. 7.20). */
  private gamma = 1;

  constructor(
    private readonly n: number,
    private readonly m: number,
  ) {
    this.S = new Float64Array(m * n);
    this.Y = new Float64Array(m * n);
    this.rho = new Float64Array(m);
    this.alphaH = new Float64Array(m);
  }

  /** Writes d = −H·g by the two-loop recursion. */
  direction(g: Float64Array, d: Float64Array): void {
    const { n, m, S, Y, rho, alphaH, stored, head } = this;
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = 0; k < stored; k++) {
      const slot = (head - 1 - k + m) % m;
      const off = slot * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += S[off + i] * d[i];
      a *= rho[slot];
      alphaH[slot] = a;
      for (let i = 0; i < n; i++) d[i] -= a * Y[off + i];
    }
    const gamma = this.gamma;
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = stored - 1; k >= 0; k--) {
      const slot = (head - 1 - k + m) % m;
      const off = slot * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += Y[off + i] * d[i];
      b *= rho[slot];
      const c = alphaH[slot] - b;
      for (let i = 0; i < n; i++) d[i] += c * S[off + i];
    }
  }

  /**
   * Stores the pair s = xNew − x, y = gNew − g; a pair without positive curvature is skipped, since
   * it would make H indefinite.
   */
  update(x: Float64Array, xNew: Float64Array, g: Float64Array, gNew: Float64Array): void {
    const { n, S, Y } = this;
    const off = this.head * n;
    let sy = 0, yy = 0;
    for (let i = 0; i < n; i++) {
      const s = xNew[i] - x[i];
      const yv = gNew[i] - g[i];
      S[off + i] = s;
      Y[off + i] = yv;
      sy += s * yv;
      yy += yv * yv;
    }
    if (sy > 2.220446049250313e-16 * yy) {
      this.rho[this.head] = 1 / sy;
      this.gamma = sy / yy;
      this.head = (this.head + 1) % this.m;
      if (this.stored < this.m) this.stored++;
    }
  }

  /** Forgets every pair (back to steepest descent). */
  reset(): void {
    this.stored = 0;
    this.gamma = 1;
  }
}
