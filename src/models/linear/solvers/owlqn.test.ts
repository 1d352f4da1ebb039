import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LossGradient } from './lbfgs.js';
import { minimizeOwlqn } from './owlqn.js';

// ½‖A x − b‖² with a coupled A: the L1 solution is a soft-thresholded least-squares fit.
const quad = (c: Float64Array): LossGradient => (x, g) => {
  let f = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] - c[i];
    f += 0.5 * r * r;
    g[i] = r;
  }
  return f;
};

test('separable problem: OWL-QN returns the soft-thresholded point, with exact zeros', () => {
  const res = minimizeOwlqn(quad(Float64Array.of(3, -0.2, -5, 0.9)), new Float64Array(4), Float64Array.of(1, 1, 1, 0), { gtol: 1e-10 });
  assert.equal(res.converged, true);
  const expected = [2, 0, -4, 0.9]; // last coordinate unpenalised
  res.x.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-8, `x[${i}] = ${v}`));
  assert.equal(res.x[1], 0);
  assert.ok(Math.abs(res.f - (0.5 * 1 + 0.5 * 0.04 + 0.5 + 2 + 4)) < 1e-8, `f = ${res.f}`);
});

test('zero penalty reduces to quasi-Newton on the smooth part', () => {
  const res = minimizeOwlqn(quad(Float64Array.of(1, 2)), new Float64Array(2), new Float64Array(2), { gtol: 1e-12 });
  assert.ok(Math.abs(res.x[0] - 1) < 1e-10 && Math.abs(res.x[1] - 2) < 1e-10);
});
