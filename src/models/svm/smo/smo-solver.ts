/**
 * SMO for the SVM dual, ported from libsvm's `Solver` (`svm.cpp`, Chang & Lin) as scikit-learn 1.2
 * bundles it:
 *
 *     min ½ αᵀQα + pᵀα   s.t.  yᵀα = Δ,  0 ≤ α_i ≤ C_i
 *
 * Working-set selection uses second-order information (Fan, Chen & Lin, "Working set selection using
 * second order information for training SVM", JMLR 6, 2005: WSS 3); shrinking drops variables stuck at
 * a bound every min(l, 1000) iterations and reconstructs the gradient before the final check. Loops,
 * comparisons (`>=` in the max searches) and the order of updates are kept as in libsvm so that the
 * iterates — and the support vectors — match scikit-learn's.
 */
import type { QMatrix } from './q-matrix.js';

const LOWER = 0;
const UPPER = 1;
const FREE = 2;
/** libsvm's TAU: stands in for a non-positive curvature along the working pair. */
const TAU = 1e-12;

/** What {@link solveSmo} returns (α is written into the caller's array). */
export interface SmoResult {
  rho: number;
  obj: number;
  iterations: number;
  /** True when `maxIter` stopped the solver before the tolerance was met. */
  timedOut: boolean;
}

export interface SmoProblem {
  Q: QMatrix;
  p: Float64Array;
  y: Int8Array;
  /** Initial feasible α; the solution is written back here. */
  alpha: Float64Array;
  C: Float64Array;
  eps: number;
  shrinking: boolean;
  /** −1 for no limit. */
  maxIter: number;
}

/**
 * Solves the dual problem with SMO; see the file comment.
 *
 * @example
 * const res = solveSmo({ Q, p: minusOnes, y, alpha, C, eps: 1e-3, shrinking: true, maxIter: -1 });
 * // alpha now holds the solution; f(x) = Σ y_i α_i K(x_i, x) − res.rho
 */
export function solveSmo(prob: SmoProblem): SmoResult {
  return new SmoSolver(prob).run(prob.alpha);
}

class SmoSolver {
  private readonly l: number;
  private activeSize: number;
  private readonly y: Int8Array;
  private readonly G: Float64Array;
  private readonly Gbar: Float64Array;
  private readonly status: Uint8Array;
  /** 0 for variables in I_up (may move up), −∞ otherwise; `lowMask` likewise for I_low. */
  private readonly upMask: Float64Array;
  private readonly lowMask: Float64Array;
  private readonly alpha: Float64Array;
  private readonly Q: QMatrix;
  private readonly QD: Float64Array;
  private readonly eps: number;
  private readonly C: Float64Array;
  private readonly p: Float64Array;
  private readonly activeSet: Int32Array;
  private unshrink = false;
  private readonly shrinking: boolean;
  private readonly maxIter: number;
  private outI = 0;
  private outJ = 0;

  constructor(prob: SmoProblem) {
    const l = prob.p.length;
    this.l = l;
    this.Q = prob.Q;
    this.QD = prob.Q.QD;
    this.p = prob.p.slice();
    this.y = prob.y.slice();
    this.alpha = prob.alpha.slice();
    this.C = prob.C.slice();
    this.eps = prob.eps;
    this.shrinking = prob.shrinking;
    this.maxIter = prob.maxIter;
    this.status = new Uint8Array(l);
    this.upMask = new Float64Array(l);
    this.lowMask = new Float64Array(l);
    for (let i = 0; i < l; i++) this.updateStatus(i);
    this.activeSet = new Int32Array(l);
    for (let i = 0; i < l; i++) this.activeSet[i] = i;
    this.activeSize = l;
    this.G = new Float64Array(l);
    this.Gbar = new Float64Array(l);
    for (let i = 0; i < l; i++) this.G[i] = this.p[i];
    for (let i = 0; i < l; i++) {
      if (this.status[i] === LOWER) continue;
      const Qi = this.Q.getQ(i, l);
      const ai = this.alpha[i];
      for (let j = 0; j < l; j++) this.G[j] += ai * Qi[j];
      if (this.status[i] === UPPER) for (let j = 0; j < l; j++) this.Gbar[j] += this.C[i] * Qi[j];
    }
  }

  private updateStatus(i: number): void {
    const a = this.alpha[i];
    const s = a >= this.C[i] ? UPPER : a <= 0 ? LOWER : FREE;
    this.status[i] = s;
    // I_up: y = +1 below C or y = −1 above 0; I_low: the reverse.
    const pos = this.y[i] === 1;
    this.upMask[i] = (pos ? s !== UPPER : s !== LOWER) ? 0 : -Infinity;
    this.lowMask[i] = (pos ? s !== LOWER : s !== UPPER) ? 0 : -Infinity;
  }

  run(alphaOut: Float64Array): SmoResult {
    const { l, G, alpha, y, QD, Q } = this;
    let iter = 0;
    let counter = Math.min(l, 1000) + 1;
    let timedOut = false;
    for (;;) {
      if (this.maxIter !== -1 && iter >= this.maxIter) {
        timedOut = true;
        break;
      }
      if (--counter === 0) {
        counter = Math.min(l, 1000);
        if (this.shrinking) this.doShrinking();
      }
      if (this.selectWorkingSet()) {
        this.reconstructGradient();
        this.activeSize = l;
        if (this.selectWorkingSet()) break;
        counter = 1; // shrink at the next iteration
      }
      ++iter;
      const i = this.outI, j = this.outJ;
      const active = this.activeSize;
      Q.getQ2(i, j, active);
      const Qi = Q.rowI, Qj = Q.rowJ;
      const Ci = this.C[i], Cj = this.C[j];
      const oldAi = alpha[i], oldAj = alpha[j];
      if (y[i] !== y[j]) {
        let quad = QD[i] + QD[j] + 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (-G[i] - G[j]) / quad;
        const diff = alpha[i] - alpha[j];
        alpha[i] += delta;
        alpha[j] += delta;
        if (diff > 0) {
          if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = diff;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = -diff;
        }
        if (diff > Ci - Cj) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = Ci - diff;
          }
        } else if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = Cj + diff;
        }
      } else {
        let quad = QD[i] + QD[j] - 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (G[i] - G[j]) / quad;
        const sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        if (sum > Ci) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = sum - Ci;
          }
        } else if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = sum;
        }
        if (sum > Cj) {
          if (alpha[j] > Cj) {
            alpha[j] = Cj;
            alpha[i] = sum - Cj;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = sum;
        }
      }
      const dAi = alpha[i] - oldAi, dAj = alpha[j] - oldAj;
      for (let k = 0; k < active; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;

      const ui = this.status[i] === UPPER, uj = this.status[j] === UPPER;
      this.updateStatus(i);
      this.updateStatus(j);
      if (ui !== (this.status[i] === UPPER)) this.addToGbar(i, ui ? -Ci : Ci);
      if (uj !== (this.status[j] === UPPER)) this.addToGbar(j, uj ? -Cj : Cj);
    }
    const rho = this.calculateRho();
    let v = 0;
    for (let i = 0; i < l; i++) v += alpha[i] * (G[i] + this.p[i]);
    for (let i = 0; i < l; i++) alphaOut[this.activeSet[i]] = alpha[i];
    return { rho, obj: v / 2, iterations: iter, timedOut };
  }

  private addToGbar(i: number, c: number): void {
    const Qi = this.Q.getQ(i, this.l), Gbar = this.Gbar;
    for (let k = 0; k < this.l; k++) Gbar[k] += c * Qi[k];
  }

  /**
   * WSS 3; returns true when already optimal (then `outI`/`outJ` are not set).
   *
   * libsvm's two branchy loops are rewritten with `−y_t G_t` / `y_t G_t` plus a 0/−∞ mask for
   * membership in I_up / I_low (`upMask`, `lowMask`), so each element costs one predictable branch.
   * The arithmetic is libsvm's up to exact sign flips (y = ±1), and ties resolve the same way
   * (`>=` keeps the last maximiser, `<=` the last minimiser), so the selected pair is identical.
   */
  private selectWorkingSet(): boolean {
    const { G, y, QD, upMask, lowMask } = this;
    const active = this.activeSize;
    let Gmax = -Infinity, Gmax2 = -Infinity;
    let GmaxIdx = -1, GminIdx = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < active; t++) {
      const v = upMask[t] - y[t] * G[t];
      if (v >= Gmax) {
        Gmax = v;
        GmaxIdx = t;
      }
    }
    if (GmaxIdx === -1 || Gmax === -Infinity) {
      // No candidate i: only Gmax2 matters, and with Gmax = −∞ the stopping test holds anyway.
      return true;
    }
    const i = GmaxIdx;
    const Qi = this.Q.getQ(i, active);
    const yi = y[i], QDi = QD[i];
    for (let j = 0; j < active; j++) {
      const yj = y[j];
      const yG = lowMask[j] + yj * G[j];
      if (yG >= Gmax2) Gmax2 = yG;
      const gradDiff = Gmax + yG;
      if (gradDiff > 0) {
        const quad = QDi + QD[j] - 2.0 * yi * yj * Qi[j];
        const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
        if (objDiff <= objDiffMin) {
          GminIdx = j;
          objDiffMin = objDiff;
        }
      }
    }
    if (Gmax + Gmax2 < this.eps || GminIdx === -1) return true;
    this.outI = GmaxIdx;
    this.outJ = GminIdx;
    return false;
  }

  private beShrunk(i: number, Gmax1: number, Gmax2: number): boolean {
    const s = this.status[i], g = this.G[i];
    if (s === UPPER) return this.y[i] === 1 ? -g > Gmax1 : -g > Gmax2;
    if (s === LOWER) return this.y[i] === 1 ? g > Gmax2 : g > Gmax1;
    return false;
  }

  private doShrinking(): void {
    const { G, y, status } = this;
    let Gmax1 = -Infinity, Gmax2 = -Infinity;
    for (let i = 0; i < this.activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.eps * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (!this.beShrunk(i, Gmax1, Gmax2)) continue;
      this.activeSize--;
      while (this.activeSize > i) {
        if (!this.beShrunk(this.activeSize, Gmax1, Gmax2)) {
          this.swapIndex(i, this.activeSize);
          break;
        }
        this.activeSize--;
      }
    }
  }

  private swapIndex(i: number, j: number): void {
    this.Q.swapIndex(i, j);
    swap(this.y, i, j);
    swap(this.G, i, j);
    swap(this.status, i, j);
    swap(this.upMask, i, j);
    swap(this.lowMask, i, j);
    swap(this.alpha, i, j);
    swap(this.p, i, j);
    swap(this.activeSet, i, j);
    swap(this.Gbar, i, j);
    swap(this.C, i, j);
  }

  /** Rebuilds G of the inactive variables from Gbar and the free variables. */
  private reconstructGradient(): void {
    const { l, G, Gbar, p, alpha, status } = this;
    const active = this.activeSize;
    if (active === l) return;
    for (let j = active; j < l; j++) G[j] = Gbar[j] + p[j];
    let nFree = 0;
    for (let j = 0; j < active; j++) if (status[j] === FREE) nFree++;
    if (nFree * l > 2 * active * (l - active)) {
      for (let i = active; i < l; i++) {
        const Qi = this.Q.getQ(i, active);
        let g = G[i];
        for (let j = 0; j < active; j++) if (status[j] === FREE) g += alpha[j] * Qi[j];
        G[i] = g;
      }
    } else {
      for (let i = 0; i < active; i++) {
        if (status[i] !== FREE) continue;
        const Qi = this.Q.getQ(i, l);
        const ai = alpha[i];
        for (let j = active; j < l; j++) G[j] += ai * Qi[j];
      }
    }
  }

  private calculateRho(): number {
    const { G, y, status } = this;
    let nFree = 0, ub = Infinity, lb = -Infinity, sumFree = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const yG = y[i] * G[i];
      if (status[i] === UPPER) {
        if (y[i] === -1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else if (status[i] === LOWER) {
        if (y[i] === 1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else {
        ++nFree;
        sumFree += yG;
      }
    }
    return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  }
}

function swap(a: Int8Array | Uint8Array | Int32Array | Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
