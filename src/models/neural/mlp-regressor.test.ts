// MLPRegressor against scikit-learn 1.2 (fixtures/neural/sklearn_neural_reference.py): sklearn's trained
// weights must give sklearn's predictions, and `backpropSquared` must give sklearn's `_backprop` loss
// (squared loss / 2 + L2) and gradients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { EpochLogs, EstimatorState } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../../testing/paths.js';
import { MLPRegressor, r2 } from './mlp-regressor.js';
import { MlpNetwork } from './mlp-network.js';

const c = JSON.parse(readFileSync(fixturePath('neural', 'sklearn-neural.json'), 'utf8')).regressor as {
  hidden: number[]; alpha: number; nFeatures: number; layerSizes: number[]; weights: number[][]; biases: number[][];
  X: number[]; rows: number; predict: number[]; batchX: number[]; batchY: number[]; batchRows: number; loss: number; weightGrads: number[][]; biasGrads: number[][];
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

test("sklearn's trained MLPRegressor weights give sklearn's predictions (1e-12)", () => {
  const state: EstimatorState = {
    type: 'mlp_regressor',
    params: { hidden: c.hidden, activation: 'tanh', alpha: c.alpha },
    fitted: {
      nFeatures: c.nFeatures,
      layerSizes: Int32Array.from(c.layerSizes),
      activation: 'tanh',
      weights: c.weights.map((w) => Float64Array.from(w)),
      biases: c.biases.map((b) => Float64Array.from(b)),
      lossCurve: new Float64Array(0),
      validationScores: null,
      bestEpoch: 0,
    },
  };
  const reg = new MLPRegressor().restoreState(state);
  assert.ok(maxAbsDiff(reg.predict(new Matrix(c.rows, c.nFeatures, Float64Array.from(c.X))), c.predict) < 1e-12);
});

test("backpropSquared matches sklearn's _backprop loss and gradients (1e-10)", () => {
  const net = new MlpNetwork({
    sizes: c.layerSizes,
    hiddenActivation: 'tanh',
    outputActivation: 'identity',
    weights: c.weights.map((w) => Float64Array.from(w)),
    biases: c.biases.map((b) => Float64Array.from(b)),
  });
  const loss = net.backpropSquared(Float64Array.from(c.batchX), Float64Array.from(c.batchY), c.batchRows, c.alpha);
  assert.ok(Math.abs(loss - c.loss) < 1e-10, `loss ${loss} vs ${c.loss}`);
  net.layers.forEach((layer, l) => {
    assert.ok(maxAbsDiff(layer.weightGrad, c.weightGrads[l]) < 1e-10, `weight gradient ${l}`);
    assert.ok(maxAbsDiff(layer.biasGrad, c.biasGrads[l]) < 1e-10, `bias gradient ${l}`);
  });
});

test('MLPRegressor fits, reports epochs, is deterministic, and early-stops on validation R²', () => {
  const X = new Matrix(c.batchRows + 8, c.nFeatures, Float64Array.from(c.batchX.concat(c.X.slice(0, 8 * c.nFeatures))));
  const y = Float64Array.from(c.batchY.concat(c.predict.slice(0, 8)));
  const logs: EpochLogs[] = [];
  const a = new MLPRegressor({ hidden: [16], learningRate: 0.01, epochs: 300, seed: 3 }).fit(X, y, { onEpochEnd: (l) => logs.push(l) });
  assert.equal(logs.length, a.lossCurve.length);
  assert.ok(r2(a.predict(X), y) > 0.9);
  const b = new MLPRegressor({ hidden: [16], learningRate: 0.01, epochs: 300, seed: 3 }).fit(X, y);
  assert.deepEqual(a.predict(X), b.predict(X));
  const e = new MLPRegressor({ hidden: [16], learningRate: 0.01, earlyStopping: true, validationFraction: 0.25, patience: 5, seed: 3 }).fit(X, y);
  const f = e.toState().fitted as { validationScores: Float64Array; bestEpoch: number };
  assert.equal(f.validationScores.length, e.lossCurve.length);
  assert.equal(f.validationScores[f.bestEpoch - 1], Math.max(...f.validationScores), 'kept the best validation R² epoch');
});
