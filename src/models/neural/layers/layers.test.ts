import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { initKernel, initVariance, INITIALIZER_NAMES } from '../initializers.js';
import { BatchNormalization } from './batch-normalization.js';
import { Dropout } from './dropout.js';

function batch(rows: number, d: number, seed: number, shift = 3, scale = 2): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: rows * d }, () => shift + scale * rng.normal());
}

test('BatchNormalization in training normalises with batch statistics and moves the running ones', () => {
  const rows = 50, d = 3;
  const x = batch(rows, d, 1);
  const bn = new BatchNormalization({ momentum: 0.9, epsilon: 1e-3 });
  bn.build(d, new Rng(0));
  const out = bn.forward(x, rows, true);
  for (let j = 0; j < d; j++) {
    let m = 0, v = 0, bm = 0, bv = 0;
    for (let i = 0; i < rows; i++) bm += x[i * d + j] / rows;
    for (let i = 0; i < rows; i++) bv += (x[i * d + j] - bm) ** 2 / rows;
    for (let i = 0; i < rows; i++) m += out[i * d + j] / rows;
    for (let i = 0; i < rows; i++) v += (out[i * d + j] - m) ** 2 / rows;
    assert.ok(Math.abs(m) < 1e-12, `column ${j} mean ${m}`);
    assert.ok(Math.abs(v - bv / (bv + 1e-3)) < 1e-12, `column ${j} variance ${v}`);
    // moving = 0.9·initial + 0.1·batch (initial mean 0, variance 1; biased batch variance as Keras).
    assert.ok(Math.abs(bn.movingMean[j] - 0.1 * bm) < 1e-12);
    assert.ok(Math.abs(bn.movingVariance[j] - (0.9 + 0.1 * bv)) < 1e-12);
  }
});

test('BatchNormalization at inference uses the running statistics, γ and β, and leaves them alone', () => {
  const bn = new BatchNormalization({ epsilon: 0.01 });
  bn.build(2, new Rng(0));
  bn.setWeights([Float64Array.of(2, 0.5), Float64Array.of(1, -1), Float64Array.of(3, -2), Float64Array.of(4, 0.25)]);
  const x = Float64Array.of(5, 0, 3, -2);
  const out = Array.from(bn.forward(x, 2, false));
  const expect = [2 * (5 - 3) / Math.sqrt(4.01) + 1, 0.5 * (0 + 2) / Math.sqrt(0.26) - 1, 1, -1];
  out.forEach((v, i) => assert.ok(Math.abs(v - expect[i]) < 1e-12, `${v} vs ${expect[i]}`));
  assert.deepEqual(Array.from(bn.movingMean), [3, -2]);
  const state = bn.toState();
  assert.equal(state.weights.length, 4);
  assert.ok(state.weights.every((w) => w instanceof Float64Array));
});

test('Dropout: same seed same mask, inverted scaling, identity at inference', () => {
  const rows = 200, d = 10;
  const x = batch(rows, d, 2, 1, 0);
  const a = new Dropout({ rate: 0.3 });
  const b = new Dropout({ rate: 0.3 });
  const c = new Dropout({ rate: 0.3 });
  a.build(d, new Rng(5));
  b.build(d, new Rng(5));
  c.build(d, new Rng(6));
  const oa = a.forward(x, rows, true).slice();
  assert.deepEqual(oa, b.forward(x, rows, true).slice());
  assert.notDeepEqual(oa, c.forward(x, rows, true).slice());
  let dropped = 0;
  for (const v of oa) {
    if (v === 0) dropped++;
    else assert.ok(Math.abs(v - 1 / 0.7) < 1e-12, `kept units are scaled by 1/(1 − rate): ${v}`);
  }
  assert.ok(Math.abs(dropped / oa.length - 0.3) < 0.04, `dropped fraction ${dropped / oa.length}`);
  assert.equal(a.forward(x, rows, false), x, 'inference passes the input through');
  // The gradient goes through the same mask.
  const g = new Float64Array(rows * d).fill(1);
  const gi = a.backward(x, g, rows, true)!;
  for (let i = 0; i < oa.length; i++) assert.equal(gi[i] === 0, oa[i] === 0);
});

test('initialisers reach their target variance (Glorot, He, LeCun; uniform and truncated normal)', () => {
  const fanIn = 200, fanOut = 100;
  for (const kind of INITIALIZER_NAMES) {
    const w = new Float64Array(fanIn * fanOut);
    initKernel(kind, new Rng(3), fanIn, fanOut, w);
    let s = 0;
    for (const v of w) s += v * v;
    const target = initVariance(kind, fanIn, fanOut);
    if (kind === 'zeros') assert.equal(s, 0);
    else assert.ok(Math.abs(s / w.length / target - 1) < 0.03, `${kind}: variance ${s / w.length} vs ${target}`);
    if (kind.endsWith('normal')) {
      const bound = (2 * Math.sqrt(target)) / 0.87962566103423978;
      assert.ok(w.every((v) => Math.abs(v) <= bound + 1e-12), `${kind}: truncated at 2σ`);
    }
  }
});
