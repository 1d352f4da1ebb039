import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import type { EpochLogs, EstimatorState } from '../../core/estimator.js';
import { MLPClassifier, type MLPClassifierFitted } from './mlp-classifier.js';
import type { MLPClassifierParams } from './mlp-params.js';
import { makeClassification } from '../../testing/reference/synthetic-classification.js';

const binary = makeClassification({ rows: 300, features: 6, informative: 3, redundant: 1, seed: 3 });
const multi = makeClassification({ rows: 300, features: 6, informative: 3, redundant: 1, classes: 3, clustersPerClass: 1, seed: 4 });
const small: Partial<MLPClassifierParams> = { hidden: [8], epochs: 30, learningRate: 0.01 };

function weightsOf(clf: MLPClassifier): Float64Array[] {
  return (clf.toState().fitted as unknown as MLPClassifierFitted).weights;
}

test('fit returns this; labels may be arbitrary numbers; classes are sorted', () => {
  const y = binary.y.map((v) => (v === 1 ? -2.5 : 7));
  const clf = new MLPClassifier(small);
  assert.equal(clf.fit(binary.X, y), clf);
  assert.deepEqual(Array.from(clf.classes), [-2.5, 7]);
  const pred = clf.predict(binary.X);
  assert.ok(pred.every((p) => p === -2.5 || p === 7));
  const proba = clf.predictProba(binary.X);
  assert.equal(proba.cols, 2);
  const logit = clf.decisionFunction(binary.X);
  assert.equal(logit.cols, 1);
  for (let i = 0; i < 20; i++) {
    assert.ok(Math.abs(proba.get(i, 1) - 1 / (1 + Math.exp(-logit.get(i, 0)))) < 1e-15);
    assert.equal(pred[i], proba.get(i, 1) > 0.5 ? 7 : -2.5);
  }
});

test('multiclass: softmax probabilities sum to 1 and decisionFunction is n×k', () => {
  const clf = new MLPClassifier({ ...small, optimizer: 'sgd', learningRate: 0.05 }).fit(multi.X, multi.y);
  const proba = clf.predictProba(multi.X);
  assert.equal(proba.cols, 3);
  assert.equal(clf.decisionFunction(multi.X).cols, 3);
  for (let i = 0; i < proba.rows; i++) assert.ok(Math.abs(proba.get(i, 0) + proba.get(i, 1) + proba.get(i, 2) - 1) < 1e-12);
  let hit = 0;
  const pred = clf.predict(multi.X);
  for (let i = 0; i < pred.length; i++) if (pred[i] === multi.y[i]) hit++;
  assert.ok(hit / pred.length > 0.6, `training accuracy ${hit / pred.length}`);
});

test('same seed gives bit-identical weights; another seed differs', () => {
  for (const optimizer of ['adam', 'sgd'] as const) {
    const a = weightsOf(new MLPClassifier({ ...small, optimizer, seed: 5 }).fit(binary.X, binary.y));
    const b = weightsOf(new MLPClassifier({ ...small, optimizer, seed: 5 }).fit(binary.X, binary.y));
    const c = weightsOf(new MLPClassifier({ ...small, optimizer, seed: 6 }).fit(binary.X, binary.y));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  }
});

test('onEpochEnd sees every epoch; the loss curve is recorded and stops by the loss rule', () => {
  const logs: EpochLogs[] = [];
  const clf = new MLPClassifier({ hidden: [8], epochs: 500, learningRate: 0.01, tol: 1e-2, patience: 3 });
  clf.fit(binary.X, binary.y, { onEpochEnd: (l) => logs.push({ ...l }) });
  const curve = clf.lossCurve;
  assert.ok(curve.length < 500, 'a large tol stops training early');
  assert.deepEqual(logs.map((l) => l.epoch), Array.from(curve, (_, i) => i + 1));
  assert.deepEqual(logs.map((l) => l.loss), Array.from(curve));
  assert.equal(logs[0].validationScore, undefined);
  assert.equal(clf.validationScores, null);
  assert.ok(curve[curve.length - 1] < curve[0], 'loss decreases');
  // sklearn's rule: stop once more than `patience` epochs in a row did not beat best − tol.
  for (let t = curve.length - 4; t < curve.length; t++) assert.ok(curve[t] > Math.min(...curve.subarray(0, t)) - 1e-2, `epoch ${t + 1} did not improve`);
  assert.ok(curve.length >= 4);
});

test('early stopping validates every epoch and keeps the best epoch’s weights', () => {
  const seen: number[] = [];
  const clf = new MLPClassifier({ hidden: [16], epochs: 300, learningRate: 0.01, earlyStopping: true, patience: 5, validationFraction: 0.2 });
  clf.fit(binary.X, binary.y, { onEpochEnd: (l) => seen.push(l.validationScore as number) });
  const scores = clf.validationScores as Float64Array;
  assert.deepEqual(Array.from(scores), seen);
  assert.equal(scores.length, clf.lossCurve.length);
  assert.ok(scores.length < 300);
  const best = Math.max(...scores);
  assert.equal(scores[clf.bestEpoch - 1], best);
  assert.equal(scores.indexOf(best), clf.bestEpoch - 1, 'bestEpoch is the first epoch reaching the best score');
  // The kept weights are the best epoch's: the stopping count ran past `patience` after it.
  assert.ok(scores.length - clf.bestEpoch > 5);
});

test('save/load round trip through the model file gives identical predictions', () => {
  const clf = new MLPClassifier({ ...small, earlyStopping: true }).fit(multi.X, multi.y);
  const bytes = encodeModel(clf.toState() as unknown as Parameters<typeof encodeModel>[0]);
  const state = decodeModel(bytes) as unknown as EstimatorState;
  const loaded = new MLPClassifier().restoreState(state);
  assert.deepEqual(loaded.getParams(), clf.getParams());
  assert.deepEqual(loaded.predictProba(multi.X).data, clf.predictProba(multi.X).data);
  assert.deepEqual(loaded.decisionFunction(multi.X).data, clf.decisionFunction(multi.X).data);
  assert.deepEqual(loaded.lossCurve, clf.lossCurve);
  assert.deepEqual(loaded.validationScores, clf.validationScores);
});

test('restoreState rejects tampered state with E_MODEL_FILE', () => {
  const state = new MLPClassifier(small).fit(binary.X, binary.y).toState();
  const fitted = { ...state.fitted, weights: [new Float64Array(3)] };
  assert.throws(() => new MLPClassifier().restoreState({ ...state, fitted }), { code: 'E_MODEL_FILE' });
  const noClasses = { ...state.fitted };
  delete (noClasses as Record<string, unknown>).classes;
  assert.throws(() => new MLPClassifier().restoreState({ ...state, fitted: noClasses }), { code: 'E_MODEL_FILE', message: /classes/ });
});

test('clone is unfitted with the same params; predict before fit is E_NOT_FITTED', () => {
  const clf = new MLPClassifier(small).fit(binary.X, binary.y);
  const c = clf.clone();
  assert.equal(c.isFitted, false);
  assert.deepEqual(c.getParams(), clf.getParams());
  assert.throws(() => c.predict(binary.X), { code: 'E_NOT_FITTED' });
  assert.throws(() => c.predictProba(binary.X), { code: 'E_NOT_FITTED' });
  assert.throws(() => c.classes, { code: 'E_NOT_FITTED' });
});

test('NaN in X names the feature column (and its name) and says what to do', () => {
  const X = new Matrix(binary.X.rows, binary.X.cols, binary.X.data.slice());
  X.set(7, 2, NaN);
  X.set(9, 2, NaN);
  assert.throws(() => new MLPClassifier(small).fit(X, binary.y), { code: 'E_DATA', message: /feature column 2 has 2 missing \(NaN\) values \(first: row 7.*impute/ });
  const names = ['a', 'b', 'BounceRates', 'd', 'e', 'f'];
  assert.throws(() => new MLPClassifier(small).fit(X, binary.y, { featureNames: names }), { code: 'E_DATA', message: /column 2 \('BounceRates'\)/ });
  const fitted = new MLPClassifier(small).fit(binary.X, binary.y);
  assert.throws(() => fitted.predict(X), { code: 'E_DATA', message: /column 2/ });
});

test('a single class is E_DATA; shape mismatches are E_SHAPE', () => {
  assert.throws(() => new MLPClassifier(small).fit(binary.X, new Float64Array(binary.X.rows).fill(1)), { code: 'E_DATA', message: /single class/ });
  assert.throws(() => new MLPClassifier(small).fit(binary.X, binary.y.subarray(1)), { code: 'E_SHAPE' });
  assert.throws(() => new MLPClassifier(small).fit(binary.X, binary.y, { featureNames: ['a'] }), { code: 'E_SHAPE' });
  const clf = new MLPClassifier(small).fit(binary.X, binary.y);
  assert.throws(() => clf.predict(new Matrix(2, 5)), { code: 'E_SHAPE', message: /5 features but the model was fitted on 6/ });
});

test('invalid params are E_INVALID_PARAM naming the param and its range', () => {
  const bad: [Partial<MLPClassifierParams>, RegExp][] = [
    [{ hidden: [10, 0] }, /'hidden' must be a list of positive integers.*\[10,0\]/],
    [{ hidden: [2.5] }, /'hidden'/],
    [{ learningRate: 0 }, /'learningRate' must be a number > 0, got 0/],
    [{ learningRate: -1 }, /'learningRate'/],
    [{ optimizer: 'rmsprop' as never }, /'optimizer' must be one of "adam", "sgd", got "rmsprop"/],
    [{ activation: 'gelu' as never }, /'activation' must be one of "relu", "tanh", "sigmoid"/],
    [{ validationFraction: 1 }, /'validationFraction' must be a number > 0 and < 1, got 1/],
    [{ validationFraction: 0 }, /'validationFraction'/],
    [{ batchSize: 0 }, /'batchSize'/],
    [{ epochs: 1.5 }, /'epochs' must be an integer >= 1/],
    [{ momentum: 2 }, /'momentum'/],
    [{ beta2: 1 }, /'beta2'/],
  ];
  for (const [params, message] of bad) {
    const clf = new MLPClassifier(params); // the constructor only stores params
    assert.throws(() => clf.fit(binary.X, binary.y), { code: 'E_INVALID_PARAM', message }, JSON.stringify(params));
  }
  assert.throws(() => new MLPClassifier({ hiddenLayers: [3] } as never), { code: 'E_INVALID_PARAM', message: /unknown parameter 'hiddenLayers'/ });
});

test('early stopping refuses a class too small for its validation split', () => {
  const y = binary.y.slice();
  y.fill(0);
  y[0] = 1;
  assert.throws(() => new MLPClassifier({ ...small, earlyStopping: true }).fit(binary.X, y), { code: 'E_DATA', message: /earlyStopping: false/ });
});
