import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimizeLbfgs, minimizeLbfgsAsync, type LossGradient } from './lbfgs.js';

/** Extended Rosenbrock function (N&W test problem); minimum 0 at (1, …, 1). */
const rosenbrock: LossGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
};

test('minimizes the 10-d Rosenbrock function to its minimum', () => {
  const x0 = new Float64Array(10).fill(-1.2);
  const res = minimizeLbfgs(rosenbrock, x0, { maxIter: 1000, gtol: 1e-10, ftol: 0 });
  assert.equal(res.stop, 'gtol');
  assert.equal(res.converged, true);
  for (const v of res.x) assert.ok(Math.abs(v - 1) < 1e-8, `x = ${v}`);
  assert.ok(res.f < 1e-16);
  assert.equal(x0[0], -1.2, 'x0 is not modified');
});

test('solves a strictly convex quadratic in few iterations', () => {
  // f = ½ Σ a_i (x_i − i)², condition number 100.
  const n = 20;
  const quad: LossGradient = (x, g) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const a = 1 + (99 * i) / (n - 1), r = x[i] - i;
      f += 0.5 * a * r * r;
      g[i] = a * r;
    }
    return f;
  };
  const res = minimizeLbfgs(quad, new Float64Array(n), { gtol: 1e-9, ftol: 0, maxIter: 200 });
  assert.equal(res.stop, 'gtol');
  for (let i = 0; i < n; i++) assert.ok(Math.abs(res.x[i] - i) < 1e-8);
  assert.ok(res.iterations < 60, `${res.iterations} iterations`);
});

test('stops at maxIter and reports it', () => {
  const res = minimizeLbfgs(rosenbrock, new Float64Array(4).fill(-1.2), { maxIter: 3, gtol: 1e-12 });
  assert.equal(res.iterations, 3);
  assert.equal(res.stop, 'maxIter');
  assert.equal(res.converged, false);
});

test('the async driver follows exactly the same path', async () => {
  const x0 = new Float64Array(6).fill(-1.2);
  const sync = minimizeLbfgs(rosenbrock, x0, { maxIter: 500, gtol: 1e-9 });
  const seen: number[] = [];
  const async = await minimizeLbfgsAsync(async (x, g) => rosenbrock(x, g), x0, {
    maxIter: 500,
    gtol: 1e-9,
    onIteration: (_, f) => seen.push(f),
  });
  assert.deepEqual(Array.from(async.x), Array.from(sync.x));
  assert.equal(async.evaluations, sync.evaluations);
  assert.equal(seen.length, async.iterations);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] <= seen[i - 1], 'objective decreases every step');
});

test('a starting point at the optimum stops immediately', () => {
  const res = minimizeLbfgs(rosenbrock, new Float64Array(3).fill(1));
  assert.equal(res.iterations, 0);
  assert.equal(res.evaluations, 1);
  assert.equal(res.stop, 'gtol');
});
