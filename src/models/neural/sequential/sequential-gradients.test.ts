// Gradient checks: for every activation, layer and loss, the gradient `Sequential.trainStep` writes
// must equal central finite differences of the loss it returns, to 1e-6 relative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { ACTIVATION_NAMES, type ActivationName } from '../activations.js';
import { BatchNormalization } from '../layers/batch-normalization.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import type { Layer } from '../layers/layer.js';
import type { LossSpec } from '../losses.js';
import { Sequential } from './sequential.js';

const ROWS = 6;
const D = 4;

/** Targets valid for the loss: one-hot rows, 0/1 values, or reals. */
function targets(loss: LossSpec, k: number, rng: Rng): Float64Array {
  const t = new Float64Array(ROWS * k);
  for (let i = 0; i < ROWS; i++) {
    if (loss.name === 'categorical_crossentropy') t[i * k + rng.int(k)] = 1;
    else for (let j = 0; j < k; j++) t[i * k + j] = loss.name === 'binary_crossentropy' ? rng.int(2) : 2 * rng.normal();
  }
  return t;
}

/** Largest relative error between the analytic gradient and finite differences. */
function worstError(layers: Layer[], loss: LossSpec, weighted = false): number {
  const model = new Sequential(layers).build(D, 7);
  const rng = new Rng(11);
  const X = Float64Array.from({ length: ROWS * D }, () => rng.normal());
  const T = targets(loss, model.units, rng);
  const W = weighted ? Float64Array.from({ length: ROWS }, () => 0.5 + rng.random()) : null;
  // Dropout masks are replayed identically for every evaluation.
  const run = (): number => {
    for (const l of model.layers) if (l instanceof Dropout) l.reseed(99);
    return model.trainStep(X, T, W, ROWS, loss);
  };
  run();
  const { params, grads } = model.parameters();
  const analytic = grads.map((g) => g.slice());
  const h = 1e-5;
  let worst = 0;
  params.forEach((p, b) => {
    for (let i = 0; i < p.length; i++) {
      const v = p[i];
      p[i] = v + h;
      const up = run();
      p[i] = v - h;
      const down = run();
      p[i] = v;
      const numeric = (up - down) / (2 * h);
      const a = analytic[b][i];
      worst = Math.max(worst, Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-3));
    }
  });
  return worst;
}

const TOL = 1e-6;

for (const act of ACTIVATION_NAMES) {
  test(`gradient check: dense + ${act} (hidden) through a second dense layer, mse`, () => {
    const err = worstError([new Dense({ units: 5, activation: act as ActivationName, alpha: 0.1 }), new Dense({ units: 2 })], { name: 'mse' });
    assert.ok(err < TOL, `relative error ${err}`);
  });
}

const LOSS_CASES: [string, () => Layer, LossSpec][] = [
  ['softmax + categorical cross-entropy (fused)', () => new Dense({ units: 3, activation: 'softmax' }), { name: 'categorical_crossentropy' }],
  ['sigmoid + binary cross-entropy (fused)', () => new Dense({ units: 1, activation: 'sigmoid' }), { name: 'binary_crossentropy' }],
  ['sigmoid + categorical cross-entropy (unfused)', () => new Dense({ units: 3, activation: 'sigmoid' }), { name: 'categorical_crossentropy' }],
  ['softmax + binary cross-entropy on 3 outputs (unfused)', () => new Dense({ units: 3, activation: 'softmax' }), { name: 'binary_crossentropy' }],
  ['linear + mse', () => new Dense({ units: 2 }), { name: 'mse' }],
  ['linear + huber (δ = 0.7, both branches)', () => new Dense({ units: 2 }), { name: 'huber', delta: 0.7 }],
];
for (const [name, head, loss] of LOSS_CASES) {
  for (const weighted of [false, true]) {
    test(`gradient check: ${name}${weighted ? ', row weights' : ''}`, () => {
      const err = worstError([new Dense({ units: 5, activation: 'tanh' }), head()], loss, weighted);
      assert.ok(err < TOL, `relative error ${err}`);
    });
  }
}

test('gradient check: BatchNormalization (training mode) between dense layers', () => {
  const err = worstError([new Dense({ units: 5, activation: 'tanh' }), new BatchNormalization({ momentum: 0.9 }), new Dense({ units: 5, activation: 'gelu' }), new BatchNormalization(), new Dense({ units: 3, activation: 'softmax' })], {
    name: 'categorical_crossentropy',
  });
  assert.ok(err < TOL, `relative error ${err}`);
});

test('gradient check: Dropout after ReLU (masked input gradients) with a fixed mask', () => {
  const err = worstError([new Dense({ units: 8, activation: 'relu' }), new Dropout({ rate: 0.4 }), new Dense({ units: 6, activation: 'relu' }), new Dense({ units: 1, activation: 'sigmoid' })], {
    name: 'binary_crossentropy',
  });
  assert.ok(err < TOL, `relative error ${err}`);
});

test('gradient check: L2 kernel regularisation enters loss and gradient', () => {
  const layers = [new Dense({ units: 5, activation: 'leaky_relu', kernelInitializer: 'he_normal', l2: 0.3 }), new Dense({ units: 2, l2: 0.1 })];
  const err = worstError(layers, { name: 'huber', delta: 1 });
  assert.ok(err < TOL, `relative error ${err}`);
  const model = new Sequential([new Dense({ units: 2, kernelRegularizer: { l2: 0.5 } })]).build(3, 0);
  const dense = model.layers[0] as Dense;
  let sq = 0;
  for (const w of dense.kernel) sq += w * w;
  assert.ok(Math.abs(model.penalty() - 0.5 * sq) < 1e-15);
});
