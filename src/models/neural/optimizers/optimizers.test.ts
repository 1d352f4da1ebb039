// Update rules against steps computed by hand (SGD, momentum, Nesterov, Adam, RMSprop) and against a
// numpy implementation of AdamW (Loshchilov & Hutter's Algorithm 2, PyTorch's form) in the fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../testing/paths.js';
import { AdamOptimizer } from './adam.js';
import { AdamWOptimizer } from './adamw.js';
import { RmspropOptimizer } from './rmsprop.js';
import { SgdOptimizer } from './sgd.js';

const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('SGD: plain, momentum and Nesterov steps match the hand-computed rule', () => {
  const g = Float64Array.of(0.5, -2);
  // Plain: θ ← θ − η·g.
  const w0 = Float64Array.of(1, 1);
  new SgdOptimizer([w0], [g], { learningRate: 0.1, momentum: 0, nesterov: false }).step();
  close(w0[0], 0.95, 'plain'), close(w0[1], 1.2, 'plain');
  // Momentum μ = 0.9, two steps with the same gradient: v1 = −0.05, v2 = 0.9·v1 − 0.05 = −0.095.
  const w1 = Float64Array.of(1, 1);
  const m = new SgdOptimizer([w1], [g], { learningRate: 0.1, momentum: 0.9, nesterov: false });
  m.step();
  m.step();
  close(w1[0], 1 - 0.05 - 0.095, 'momentum');
  // Nesterov: Δ = μ·v − η·g → step 1: 0.9·(−0.05) − 0.05 = −0.095; step 2: 0.9·(−0.095) − 0.05 = −0.1355.
  const w2 = Float64Array.of(1, 1);
  const n = new SgdOptimizer([w2], [g], { learningRate: 0.1, momentum: 0.9, nesterov: true });
  n.step();
  close(w2[0], 1 - 0.095, 'nesterov step 1');
  n.step();
  close(w2[0], 1 - 0.095 - 0.1355, 'nesterov step 2');
});

test('Adam: two steps match m̂/(sqrt(v̂)) with sklearn\'s folded bias correction', () => {
  const w = Float64Array.of(0.3);
  const g = Float64Array.of(0.2);
  const opt = new AdamOptimizer([w], [g], { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  opt.step();
  // t = 1: m = 0.02, v = 0.00004; lr_t = 0.01·sqrt(0.001)/0.1; step = lr_t·m/(sqrt(v)+ε).
  const lr1 = (0.01 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
  close(w[0], 0.3 - (lr1 * 0.02) / (Math.sqrt(0.00004) + 1e-8), 'adam step 1');
  const after1 = w[0];
  g[0] = -0.1;
  opt.step();
  const m2 = 0.9 * 0.02 + 0.1 * -0.1;
  const v2 = 0.999 * 0.00004 + 0.001 * 0.01;
  const lr2 = (0.01 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
  close(w[0], after1 - (lr2 * m2) / (Math.sqrt(v2) + 1e-8), 'adam step 2');
});

test('RMSprop: v ← ρv + (1−ρ)g²; θ ← θ − η·g/(sqrt(v)+ε)', () => {
  const w = Float64Array.of(1);
  const g = Float64Array.of(2);
  const opt = new RmspropOptimizer([w], [g], { learningRate: 0.01, rho: 0.9, epsilon: 1e-7 });
  opt.step();
  const v1 = 0.1 * 4;
  close(w[0], 1 - (0.01 * 2) / (Math.sqrt(v1) + 1e-7), 'step 1');
  const w1 = w[0];
  opt.step();
  const v2 = 0.9 * v1 + 0.1 * 4;
  close(w[0], w1 - (0.01 * 2) / (Math.sqrt(v2) + 1e-7), 'step 2');
});

test('AdamW: three steps match the numpy reference of Loshchilov & Hutter (PyTorch form)', () => {
  const ref = JSON.parse(readFileSync(fixturePath('neural', 'sklearn-neural.json'), 'utf8')).adamw as {
    theta0: number[]; grads: number[][]; learningRate: number; weightDecay: number; beta1: number; beta2: number; epsilon: number; thetas: number[][];
  };
  const theta = Float64Array.from(ref.theta0);
  const g = new Float64Array(theta.length);
  const opt = new AdamWOptimizer([theta], [g], { learningRate: ref.learningRate, weightDecay: ref.weightDecay, beta1: ref.beta1, beta2: ref.beta2, epsilon: ref.epsilon });
  ref.grads.forEach((grad, t) => {
    g.set(grad);
    opt.step();
    for (let i = 0; i < theta.length; i++) close(theta[i], ref.thetas[t][i], `step ${t + 1}, θ[${i}]`);
  });
});

test('AdamW: the decay is decoupled (a zero gradient still shrinks weights) and the mask exempts buffers', () => {
  const w = Float64Array.of(2);
  const b = Float64Array.of(2);
  const zero = [new Float64Array(1), new Float64Array(1)];
  const opt = new AdamWOptimizer([w, b], zero, { learningRate: 0.1, weightDecay: 0.5, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, [true, false]);
  opt.step();
  close(w[0], 2 * (1 - 0.1 * 0.5), 'decayed');
  assert.equal(b[0], 2, 'exempt buffer untouched');
  // Plain Adam with an L2 term in the gradient would move by ~lr regardless of the weight's size.
});

test('learningRate is read at each step, so a schedule can change it', () => {
  const w = Float64Array.of(0);
  const g = Float64Array.of(1);
  const opt = new SgdOptimizer([w], [g], { learningRate: 0.1, momentum: 0, nesterov: false });
  opt.step();
  opt.learningRate = 0.01;
  opt.step();
  close(w[0], -0.11, 'two rates');
});
