import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { binaryLogisticLoss, logisticBackend, multinomialLoss } from './logistic-loss.js';
import { rowStore } from './solvers/row-store.js';

const rng = new Rng(11);

function evaluate(make: () => (w: Float64Array, g: Float64Array) => number, w: Float64Array, wasm: boolean): { loss: number; grad: Float64Array } {
  const saved = logisticBackend.wasm;
  logisticBackend.wasm = wasm;
  try {
    const grad = new Float64Array(w.length);
    return { loss: make()(w, grad), grad };
  } finally {
    logisticBackend.wasm = saved;
  }
}

function assertClose(a: { loss: number; grad: Float64Array }, b: { loss: number; grad: Float64Array }): void {
  assert.ok(Math.abs(a.loss - b.loss) <= 1e-12 * Math.abs(b.loss), `loss ${a.loss} vs ${b.loss}`);
  for (let j = 0; j < b.grad.length; j++) assert.ok(Math.abs(a.grad[j] - b.grad[j]) <= 1e-11 * Math.max(1, Math.abs(b.grad[j])), `grad[${j}]`);
}

for (const zeros of [0.1, 0.8]) {
  test(`WASM and TypeScript losses agree (${zeros < 0.5 ? 'dense' : 'CSR'} rows, penalised)`, () => {
    const n = 5000, d = 13, k = 4;
    const X = new Matrix(n, d, Float64Array.from({ length: n * d }, () => (rng.random() < zeros ? 0 : rng.random() * 2 - 1)));
    const rows = rowStore(X);
    assert.equal(rows.dense === null, zeros > 0.5);
    const y01 = Float64Array.from({ length: n }, () => (rng.random() < 0.3 ? 1 : 0));
    const yIdx = Int32Array.from({ length: n }, () => rng.int(k));
    const sw = Float64Array.from({ length: n }, () => 0.5 + rng.random());
    const wb = Float64Array.from({ length: d + 1 }, () => rng.random() - 0.5);
    assertClose(evaluate(() => binaryLogisticLoss(rows, y01, sw, 0.7, true), wb, true), evaluate(() => binaryLogisticLoss(rows, y01, sw, 0.7, true), wb, false));
    const wm = Float64Array.from({ length: k * d + k }, () => rng.random() - 0.5);
    assertClose(evaluate(() => multinomialLoss(rows, yIdx, k, sw, 0.7, true), wm, true), evaluate(() => multinomialLoss(rows, yIdx, k, sw, 0.7, true), wm, false));
    const wn = wm.slice(0, k * d);
    assertClose(evaluate(() => multinomialLoss(rows, yIdx, k, sw, 0, false), wn, true), evaluate(() => multinomialLoss(rows, yIdx, k, sw, 0, false), wn, false));
  });
}
