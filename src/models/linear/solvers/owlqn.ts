/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN): L-BFGS for a smooth loss plus a weighted L1
 * penalty Σ_i λ_i·|x_i| (λ_i = 0 leaves a coordinate, e.g. an intercept, unpenalised).
 *
 * Source: Andrew & Gao, "Scalable Training of L1-Regularized Log-Linear Models", ICML 2007 —
 * the pseudo-gradient (their eq. 4), the two-loop direction computed from it and constrained to agree
 * in sign with its negative, the orthant chosen from the current signs (or −pseudo-gradient at zero),
 * a backtracking line search that projects each trial point onto that orthant, and curvature pairs
 * built from the smooth part's gradients only. Stopping rules as `lbfgs.ts`: the largest
 * pseudo-gradient component, or a tiny relative decrease of the objective.
 */
import type { LbfgsOptions, LbfgsResult, LossGradient } from './lbfgs.js';
import { LbfgsMemory } from './lbfgs-memory.js';

const C1 = 1e-4;

/**

 * Minimises fg(x) + Σ l1[i]·|x[i]| from `x0` (not modified). `f` in the result includes the penalty.

 *
 * @example
 * // L1-penalised least squares in 2-d, intercept-like second coordinate unpenalised:
 * const res = minimizeOwlqn(fg, new Float64Array(2), Float64Array.of(0.5, 0));
 */
export function minimizeOwlqn(fg: LossGradient, x0: Float64Array, l1: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = Math.max(1, options.memory ?? 10);
  const maxLs = options.maxLineSearch ?? 50;
  let x = Float64Array.from(x0), xt = new Float64Array(n);
  let g = new Float64Array(n), gt = new Float64Array(n);
  const pg = new Float64Array(n);
  const d = new Float64Array(n);
  const orthant = new Float64Array(n);
  const memory = new LbfgsMemory(n, m);

  let f = fg(x, g) + penalty(x, l1);
  let evaluations = 1;
  let iterations = 0;
  let gradMax = pseudoGradient(x, g, l1, pg);
  if (gradMax <= gtol) return result('gtol');
  while (iterations < maxIter) {
    // d = −H·pg by the two-loop recursion (Nocedal & Wright Algorithm 7.4).
    memory.direction(pg, d);
    // Keep only components that descend along −pg; choose the orthant to search in.
    let dd = 0;
    for (let i = 0; i < n; i++) {
      // (Unpenalised coordinates are smooth: neither constrained nor projected.)
      if (l1[i] > 0 && d[i] * pg[i] >= 0) d[i] = 0;
      dd += d[i] * d[i];
      orthant[i] = x[i] !== 0 ? Math.sign(x[i]) : -Math.sign(pg[i]);
    }
    if (dd === 0) return result('lineSearch');
    let step = memory.stored === 0 ? Math.min(1, 1 / Math.sqrt(dd)) : 1;
    let ft = NaN;
    let accepted = false;
    for (let ls = 0; ls < maxLs; ls++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        let v = x[i] + step * d[i];
        if (l1[i] > 0 && Math.sign(v) !== orthant[i]) v = 0; // project onto the orthant
        xt[i] = v;
        decrease += pg[i] * (v - x[i]);
      }
      ft = fg(xt, gt) + penalty(xt, l1);
      evaluations++;
      if (ft <= f + C1 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return result('lineSearch');
    // Curvature pair from the smooth part: s = x⁺ − x, y = ∇f(x⁺) − ∇f(x).
    memory.update(x, xt, g, gt);
    const fPrev = f;
    [x, xt] = [xt, x];
    [g, gt] = [gt, g];
    f = ft;
    iterations++;
    options.onIteration?.(iterations, f);
    gradMax = pseudoGradient(x, g, l1, pg);
    if (gradMax <= gtol) return result('gtol');
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) return result('ftol');
  }
  return result('maxIter');

  function result(stop: LbfgsResult['stop']): LbfgsResult {
    return { x, f, gradMax, iterations, evaluations, stop, converged: stop === 'gtol' || stop === 'ftol' };
  }
}

function penalty(x: Float64Array, l1: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l1[i] * Math.abs(x[i]);
  return s;
}

/**
 * Writes the pseudo-gradient of f + Σλ|x| into `pg` (the minimum-norm subgradient) and returns its
 * largest absolute component.
 */
function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array, pg: Float64Array): number {
  let mx = 0;
  for (let i = 0; i < x.length; i++) {
    const lam = l1[i];
    let v: number;
    if (x[i] > 0) v = g[i] + lam;
    else if (x[i] < 0) v = g[i] - lam;
    else if (g[i] + lam < 0) v = g[i] + lam;
    else if (g[i] - lam > 0) v = g[i] - lam;
    else v = 0;
    pg[i] = v;
    const a = Math.abs(v);
    if (a > mx || a !== a) mx = a;
  }
  return mx;
}
