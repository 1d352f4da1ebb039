/**
 * Limited-memory BFGS with a strong-Wolfe line search.
 *
 * Sources: Nocedal & Wright, *Numerical Optimization* (2nd ed.) — Algorithm 7.4 (two-loop recursion),
 * Algorithm 7.5 (L-BFGS), Algorithms 3.5/3.6 (line search and `zoom` for the strong Wolfe conditions)
 * with the safeguarded cubic interpolation of §3.5. Stopping rules follow SciPy's L-BFGS-B (used by
 * scikit-learn's `lbfgs` solver): `max|g| <= gtol`, or a relative objective decrease `<= ftol`.
 *
 * The optimiser is written as a generator that *yields the point it wants evaluated* and receives the
 * objective value back, so the same code drives an in-process fit (`minimizeLbfgs`) and a data-parallel
 * fit whose loss and gradient are summed over workers (`minimizeLbfgsAsync`). All buffers are allocated
 * once up front: an iteration allocates nothing.
 */
import { LbfgsMemory } from './lbfgs-memory.js';

/** Computes the objective at `x`, writes its gradient into `grad` and returns the objective. */
export type LossGradient = (x: Float64Array, grad: Float64Array) => number;
/** Asynchronous form of {@link LossGradient}, e.g. a gradient summed over remote partitions. */
export type AsyncLossGradient = (x: Float64Array, grad: Float64Array) => Promise<number>;

/** Options of {@link minimizeLbfgs}; defaults are SciPy's L-BFGS-B defaults. */
export interface LbfgsOptions {
  /** Maximum number of iterations (accepted steps). Default 100. */
  maxIter?: number;
  /** Stop when the largest absolute gradient component is at most this. Default 1e-5. */
  gtol?: number;
  /** Stop when `(f_prev - f) / max(|f_prev|, |f|, 1) <= ftol`. Default 2.22e-9 (SciPy's `factr=1e7`). */
  ftol?: number;
  /** Number of correction pairs kept. Default 10. */
  memory?: number;
  /** Maximum objective evaluations per line search. Default 50. */
  maxLineSearch?: number;
  /** Called after each accepted step with the iteration number (from 1) and the objective. */
  onIteration?: (iteration: number, f: number) => void;
}

/** Why the optimiser stopped. */
export type LbfgsStop = 'gtol' | 'ftol' | 'maxIter' | 'lineSearch';

/** Outcome of an L-BFGS run; `x` is the final point (a buffer owned by the caller afterwards). */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** Largest absolute gradient component at `x`. */
  gradMax: number;
  iterations: number;
  evaluations: number;
  stop: LbfgsStop;
  converged: boolean;
}

/** What the generator asks for: evaluate at `x`, write the gradient into `grad`, send the value back. */
export interface LbfgsRequest {
  readonly x: Float64Array;
  readonly grad: Float64Array;
}

const C1 = 1e-4; // sufficient decrease (Armijo)
const C2 = 0.9; // curvature; 0.9 is the usual choice for quasi-Newton methods (N&W p. 142)

/**
 * The L-BFGS iteration as a generator. Each `yield` hands out a request; the driver computes the
 * objective at `request.x`, fills `request.grad` and resumes the generator with the objective value.
 */
export function* lbfgsSteps(x0: Float64Array, options: LbfgsOptions = {}): Generator<LbfgsRequest, LbfgsResult, number> {
  const n = x0.length;
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = Math.max(1, options.memory ?? 10);
  const maxLs = options.maxLineSearch ?? 50;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xt = new Float64Array(n);
  let gt = new Float64Array(n);
  // Two request objects that swap roles with their buffers, so yielding allocates nothing.
  let req: LbfgsRequest = { x, grad: g };
  let reqTrial: LbfgsRequest = { x: xt, grad: gt };
  const d = new Float64Array(n);
  const memory = new LbfgsMemory(n, m);

  let evaluations = 1;
  let f: number = yield req;
  let gradMax = maxAbs(g);
  let iterations = 0;
  let stop: LbfgsStop = 'maxIter';
  if (gradMax <= gtol) return done('gtol');

  while (iterations < maxIter) {
    // Two-loop recursion: d = -H g.
    memory.direction(g, d);
    let dphi0 = dot(g, d);
    if (!(dphi0 < 0)) {
      // Not a descent direction (numerical trouble): forget the curvature pairs, use steepest descent.
      memory.reset();
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dphi0 = dot(g, d);
      if (!(dphi0 < 0)) return done('lineSearch');
    }
    // First step: scale to unit length as SciPy does; afterwards the quasi-Newton step 1 is natural.
    const alpha0 = memory.stored === 0 ? Math.min(1, 1 / Math.sqrt(dot(d, d))) : 1;

    // ---- strong Wolfe line search (N&W Algorithm 3.5 with zoom, Algorithm 3.6) ----
    const phi0 = f;
    let aPrev = 0;
    let phiPrev = phi0;
    let dphiPrev = dphi0;
    let a = alpha0;
    let accepted = false;
    let phiA = NaN;
    let lo = 0, phiLo = 0, dphiLo = 0, hi = 0, phiHi = 0, dphiHi = 0;
    let zooming = false;
    let lsEvals = 0;
    while (lsEvals < maxLs) {
      if (zooming) a = interpolate(lo, phiLo, dphiLo, hi, phiHi, dphiHi);
      for (let i = 0; i < n; i++) xt[i] = x[i] + a * d[i];
      phiA = yield reqTrial;
      evaluations++;
      lsEvals++;
      const dphiA = dot(gt, d);
      const armijoFails = !(phiA <= phi0 + C1 * a * dphi0); // also true for NaN
      if (!zooming) {
        if (armijoFails || (lsEvals > 1 && phiA >= phiPrev)) {
          zooming = true;
          lo = aPrev; phiLo = phiPrev; dphiLo = dphiPrev;
          hi = a; phiHi = phiA; dphiHi = dphiA;
          if (!Number.isFinite(phiA)) { phiHi = phiLo; dphiHi = Math.abs(dphiLo); }
          continue;
        }
        if (Math.abs(dphiA) <= -C2 * dphi0) { accepted = true; break; }
        if (dphiA >= 0) {
          zooming = true;
          lo = a; phiLo = phiA; dphiLo = dphiA;
          hi = aPrev; phiHi = phiPrev; dphiHi = dphiPrev;
          continue;
        }
        aPrev = a; phiPrev = phiA; dphiPrev = dphiA;
        a = Math.min(a * 4, 1e10); // extrapolate
      } else {
        if (armijoFails || phiA >= phiLo) {
          hi = a; phiHi = Number.isFinite(phiA) ? phiA : phiLo; dphiHi = Number.isFinite(dphiA) ? dphiA : Math.abs(dphiLo);
        } else {
          if (Math.abs(dphiA) <= -C2 * dphi0) { accepted = true; break; }
          if (dphiA * (hi - lo) >= 0) { hi = lo; phiHi = phiLo; dphiHi = dphiLo; }
          lo = a; phiLo = phiA; dphiLo = dphiA;
        }
        if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
      }
    }
    if (!accepted) {
      // Fall back to the best sufficient-decrease point found (the zoom's `lo`), if it moved at all.
      if (zooming && lo > 0 && phiLo < phi0) {
        a = lo;
        for (let i = 0; i < n; i++) xt[i] = x[i] + a * d[i];
        phiA = yield reqTrial;
        evaluations++;
      } else {
        return done('lineSearch');
      }
    }

    // ---- accept the step; store the correction pair s = x_new - x, y = g_new - g ----
    memory.update(x, xt, g, gt);
    const fPrev = f;
    const tx = x; x = xt; xt = tx;
    const tg = g; g = gt; gt = tg;
    const tr = req; req = reqTrial; reqTrial = tr;
    f = phiA;
    iterations++;
    options.onIteration?.(iterations, f);
    gradMax = maxAbs(g);
    if (gradMax <= gtol) return done('gtol');
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) return done('ftol');
  }
  return done(stop);

  function done(reason: LbfgsStop): LbfgsResult {
    stop = reason;
    return { x, f, gradMax, iterations, evaluations, stop, converged: reason === 'gtol' || reason === 'ftol' };
  }
}

/** Minimises `fg` from `x0` (not modified) with L-BFGS. */
export function minimizeLbfgs(fg: LossGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const it = lbfgsSteps(x0, options);
  let step = it.next();
  while (!step.done) step = it.next(fg(step.value.x, step.value.grad));
  return step.value;
}

/** Like {@link minimizeLbfgs} for an objective evaluated asynchronously (e.g. across workers). */
export async function minimizeLbfgsAsync(fg: AsyncLossGradient, x0: Float64Array, options: LbfgsOptions = {}): Promise<LbfgsResult> {
  const it = lbfgsSteps(x0, options);
  let step = it.next();
  while (!step.done) step = it.next(await fg(step.value.x, step.value.grad));
  return step.value;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside the safeguarded interval. */
function interpolate(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b), hi = Math.max(a, b), width = hi - lo;
  // N&W eq. 3.59
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - da * db;
  let t = NaN;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }
  // Keep away from the ends so the bracket shrinks geometrically; bisect when the cubic is unusable.
  if (!Number.isFinite(t) || t < lo + 0.1 * width || t > hi - 0.1 * width) t = lo + 0.5 * width;
  return t;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || v !== v) m = v; // NaN propagates so a broken gradient never looks converged
  }
  return m;
}
