// Reference tests against scikit-learn 1.2 (fixtures/neural/sklearn_reference.py): sklearn's trained
// weights loaded into trainyard must give the same probabilities, and the same loss gradient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import type { EstimatorState } from '../../core/estimator.js';
import { MLPClassifier } from './mlp-classifier.js';
import { MlpNetwork } from './mlp-network.js';
import type { HiddenActivation } from './activations.js';

interface Case {
  name: string;
  activation: 'relu' | 'tanh' | 'sigmoid';
  hidden: number[];
  alpha: number;
  classes: number[];
  nFeatures: number;
  layerSizes: number[];
  weights: number[][];
  biases: number[][];
  X: number[];
  rows: number;
  proba: number[];
  logits: number[];
  predict: number[];
  batchX: number[];
  batchY: number[];
  batchRows: number;
  loss: number;
  weightGrads: number[][];
  biasGrads: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/neural/sklearn-mlp.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Test-only: an MLPClassifier carrying sklearn's weights, built through the saved-state path. */
function fromSklearn(c: Case): MLPClassifier {
  const state: EstimatorState = {
    type: 'mlp',
    params: { hidden: c.hidden, activation: c.activation, alpha: c.alpha },
    fitted: {
      classes: Float64Array.from(c.classes),
      nFeatures: c.nFeatures,
      layerSizes: Int32Array.from(c.layerSizes),
      activation: c.activation,
      weights: c.weights.map((w) => Float64Array.from(w)),
      biases: c.biases.map((b) => Float64Array.from(b)),
      lossCurve: new Float64Array(0),
      validationScores: null,
      bestEpoch: 0,
    },
  };
  return new MLPClassifier().restoreState(state);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

for (const c of fixture.cases) {
  test(`${c.name}: predictProba, decisionFunction and predict match sklearn's forward pass`, () => {
    const clf = fromSklearn(c);
    const X = new Matrix(c.rows, c.nFeatures, Float64Array.from(c.X));
    assert.ok(maxAbsDiff(clf.predictProba(X).data, c.proba) < 1e-12, 'predict_proba');
    assert.ok(maxAbsDiff(clf.decisionFunction(X).data, c.logits) < 1e-12, 'logits');
    assert.deepEqual(Array.from(clf.predict(X)), c.predict);
    assert.deepEqual(Array.from(clf.classes), c.classes);
  });

  test(`${c.name}: loss and gradients match sklearn's _backprop to 1e-8`, () => {
    const k = c.classes.length;
    const net = new MlpNetwork({
      sizes: c.layerSizes,
      hiddenActivation: c.activation as HiddenActivation,
      outputActivation: k === 2 ? 'sigmoid' : 'softmax',
      weights: c.weights.map((w) => Float64Array.from(w)),
      biases: c.biases.map((b) => Float64Array.from(b)),
    });
    const y = Int32Array.from(c.batchY, (v) => c.classes.indexOf(v));
    const loss = net.backprop(Float64Array.from(c.batchX), y, c.batchRows, c.alpha);
    assert.ok(Math.abs(loss - c.loss) < 1e-8, `loss ${loss} vs ${c.loss}`);
    net.layers.forEach((layer, l) => {
      assert.ok(maxAbsDiff(layer.weightGrad, c.weightGrads[l]) < 1e-8, `weight gradient of layer ${l}`);
      assert.ok(maxAbsDiff(layer.biasGrad, c.biasGrads[l]) < 1e-8, `bias gradient of layer ${l}`);
    });
  });
}

test('gradients agree with central finite differences of the loss', () => {
  const c = fixture.cases.find((x) => x.name === 'multiclass-tanh') as Case;
  const mk = () =>
    new MlpNetwork({
      sizes: c.layerSizes,
      hiddenActivation: 'tanh',
      outputActivation: 'softmax',
      weights: c.weights.map((w) => Float64Array.from(w)),
      biases: c.biases.map((b) => Float64Array.from(b)),
    });
  const X = Float64Array.from(c.batchX);
  const y = Int32Array.from(c.batchY, (v) => c.classes.indexOf(v));
  const net = mk();
  net.backprop(X, y, c.batchRows, c.alpha);
  const probe = mk();
  const h = 1e-6;
  let worst = 0;
  probe.layers.forEach((layer, l) => {
    for (const [param, grad] of [[layer.weights, net.layers[l].weightGrad], [layer.bias, net.layers[l].biasGrad]] as const) {
      for (let i = 0; i < param.length; i++) {
        const v = param[i];
        param[i] = v + h;
        const up = probe.backprop(X, y, c.batchRows, c.alpha);
        param[i] = v - h;
        const down = probe.backprop(X, y, c.batchRows, c.alpha);
        param[i] = v;
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[i]));
      }
    }
  });
  assert.ok(worst < 1e-8, `largest gradient error ${worst}`);
});
