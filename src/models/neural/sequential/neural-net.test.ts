import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EstimatorState } from '../../../core/estimator.js';
import { Matrix } from '../../../core/matrix.js';
import { decodeModel, encodeModel } from '../../../core/model-file.js';
import type { StateValue } from '../../../core/estimator.js';
import { EarlyStopping } from '../callbacks/early-stopping-callback.js';
import type { TrainLogs } from '../callbacks/train-logs.js';
import { fitSequential, fitSequentialAsync } from './fit-sequential.js';
import { Dense } from '../layers/dense.js';
import { NeuralNetClassifier, type NeuralNetClassifierParams } from './neural-net-classifier.js';
import { NeuralNetRegressor } from './neural-net-regressor.js';
import { r2 } from '../mlp-regressor.js';
import { AdamOptimizer } from '../optimizers/adam.js';
import { Sequential } from './sequential.js';
import { makeClassification } from '../../../testing/reference/synthetic-classification.js';
import { thrown } from '../../../testing/thrown.js';

const binary = makeClassification({ rows: 400, features: 8, informative: 4, redundant: 1, seed: 3 });
const multi = makeClassification({ rows: 300, features: 6, informative: 3, redundant: 1, classes: 3, clustersPerClass: 1, seed: 4 });
const deep: Partial<NeuralNetClassifierParams> = {
  layers: [{ type: 'dense', units: 16, activation: 'relu', kernelInitializer: 'he_normal' }, { type: 'batchnorm' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 8, activation: 'gelu' }],
  optimizer: { type: 'adamw', learningRate: 0.01, weightDecay: 0.01 },
  epochs: 15,
};

function accuracy(pred: Float64Array, y: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
  return hit / pred.length;
}


test('neural_net learns binary and multiclass tasks; onEpochEnd sees every epoch with its rate', () => {
  const logs: TrainLogs[] = [];
  const clf = new NeuralNetClassifier({ ...deep, schedule: { type: 'cosine', decayEpochs: 15 } }).fit(binary.X, binary.y, { onEpochEnd: (l) => logs.push(l as TrainLogs) });
  assert.equal(logs.length, 15);
  assert.deepEqual(logs.map((l) => l.epoch), Array.from({ length: 15 }, (_, i) => i + 1));
  assert.equal(logs[0].learningRate, 0.01);
  assert.ok(logs[14].learningRate < 0.001, 'cosine schedule lowered the rate');
  assert.deepEqual(Array.from(clf.lossCurve), logs.map((l) => l.loss));
  assert.ok(logs[14].loss < logs[0].loss);
  assert.ok(accuracy(clf.predict(binary.X), binary.y) > 0.85);
  const m = new NeuralNetClassifier({ ...deep, optimizer: { type: 'rmsprop', learningRate: 0.005 } }).fit(multi.X, multi.y);
  assert.ok(accuracy(m.predict(multi.X), multi.y) > 0.8);
  const proba = m.predictProba(multi.X);
  for (let i = 0; i < proba.rows; i++) assert.ok(Math.abs(proba.get(i, 0) + proba.get(i, 1) + proba.get(i, 2) - 1) < 1e-12);
});

test('same seed → bit-identical model (dropout, batchnorm, shuffles); another seed differs', () => {
  const a = new NeuralNetClassifier({ ...deep, seed: 4 }).fit(binary.X, binary.y).predictProba(binary.X).data;
  const b = new NeuralNetClassifier({ ...deep, seed: 4 }).fit(binary.X, binary.y).predictProba(binary.X).data;
  const c = new NeuralNetClassifier({ ...deep, seed: 5 }).fit(binary.X, binary.y).predictProba(binary.X).data;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('save/load: every weight and BatchNorm statistic is a Float64Array and predictions survive the model file', () => {
  const clf = new NeuralNetClassifier(deep).fit(multi.X, multi.y);
  const state = clf.toState();
  const layers = (state.fitted.network as { layers: { config: { type: string }; weights: Float64Array[] }[] }).layers;
  assert.deepEqual(layers.map((l) => l.config.type), ['dense', 'batchnorm', 'dropout', 'dense', 'dense']);
  assert.equal(layers[1].weights.length, 4, 'gamma, beta, moving mean, moving variance');
  assert.ok(layers.every((l) => l.weights.every((w) => w instanceof Float64Array)));
  assert.notDeepEqual(Array.from(layers[1].weights[2]), new Array(16).fill(0), 'running mean was learned');
  const back = new NeuralNetClassifier().restoreState(decodeModel(encodeModel(state as unknown as StateValue)) as unknown as EstimatorState);
  assert.deepEqual(back.predictProba(multi.X).data, clf.predictProba(multi.X).data);
  assert.deepEqual(back.decisionFunction(multi.X).data, clf.decisionFunction(multi.X).data);
  const broken = structuredClone(state) as unknown as { fitted: { network: { layers: { weights: Float64Array[] }[] } } };
  broken.fitted.network.layers[1].weights.pop();
  assert.match(thrown(() => new NeuralNetClassifier().restoreState(broken as unknown as EstimatorState)), /^E_MODEL_FILE/);
});

test('binary with categorical cross-entropy: a 2-unit softmax whose decision is z₁ − z₀', () => {
  const clf = new NeuralNetClassifier({ epochs: 10, loss: 'categorical_crossentropy' }).fit(binary.X, binary.y);
  const s = clf.decisionFunction(binary.X);
  assert.equal(s.cols, 1);
  const pred = clf.predict(binary.X);
  const proba = clf.predictProba(binary.X);
  for (let i = 0; i < 50; i++) {
    assert.ok(Math.abs(proba.get(i, 1) - 1 / (1 + Math.exp(-s.data[i]))) < 1e-12);
    if (s.data[i] !== 0) assert.equal(pred[i], s.data[i] > 0 ? clf.classes[1] : clf.classes[0]);
  }
});

test("class weights: 'balanced' raises the minority class's recall", () => {
  const keep = Int32Array.from(binary.y.keys()).filter((i) => binary.y[i] === 0 || i % 6 === 0);
  const X = binary.X.takeRows(keep);
  const y = Float64Array.from(keep, (i) => binary.y[i]);
  const recall = (cw: NeuralNetClassifierParams['classWeight']): number => {
    const pred = new NeuralNetClassifier({ epochs: 10, classWeight: cw, layers: [{ type: 'dense', units: 8, activation: 'tanh' }] }).fit(X, y).predict(X);
    let tp = 0, pos = 0;
    for (let i = 0; i < y.length; i++) if (y[i] === 1) (pos++, pred[i] === 1 && tp++);
    return tp / pos;
  };
  assert.ok(recall('balanced') > recall(null) + 0.05, `${recall('balanced')} vs ${recall(null)}`);
  assert.match(thrown(() => new NeuralNetClassifier({ classWeight: { '7': 2 } }).fit(X, y)), /E_INVALID_PARAM.*classWeight/);
});

test('EarlyStopping with restoreBestWeights ends with the best epoch\'s weights', () => {
  const model = new Sequential([new Dense({ units: 32, activation: 'relu' }), new Dense({ units: 1, activation: 'sigmoid' })]).build(binary.X.cols, 0);
  const rows = Int32Array.from({ length: 40 }, (_, i) => i);
  const val = Int32Array.from({ length: 200 }, (_, i) => 200 + i);
  const X = binary.X.takeRows(rows);
  const T = Float64Array.from(rows, (i) => binary.y[i]);
  const { params, grads } = model.parameters();
  const stop = new EarlyStopping({ monitor: 'valLoss', patience: 3, restoreBestWeights: true });
  const snapshots: Float64Array[][][] = [];
  const history = fitSequential(model, X, T, {
    loss: { name: 'binary_crossentropy' },
    optimizer: new AdamOptimizer(params, grads, { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
    epochs: 200,
    batchSize: 8,
    validation: { X: binary.X.takeRows(val), target: Float64Array.from(val, (i) => binary.y[i]) },
    callbacks: [stop, { onEpochEnd: () => void snapshots.push(model.getWeights()) }],
  });
  assert.ok(history.length < 200, 'an overfitting run stops early');
  assert.equal(stop.stoppedEpoch, history.length);
  assert.equal(history.length - stop.bestEpoch, 3, 'stopped after patience epochs without improvement');
  const best = Math.min(...history.map((h) => h.valLoss!));
  assert.equal(history[stop.bestEpoch - 1].valLoss, best);
  assert.deepEqual(model.getWeights(), snapshots[stop.bestEpoch - 1]);
});

test('fitSequentialAsync awaits asynchronous callbacks before the next epoch', async () => {
  const model = new Sequential([new Dense({ units: 1 })]).build(2, 0);
  const { params, grads } = model.parameters();
  const X = new Matrix(4, 2, Float64Array.of(1, 0, 0, 1, 1, 1, 0, 0));
  const events: string[] = [];
  await fitSequentialAsync(model, X, Float64Array.of(1, 2, 3, 0), {
    loss: { name: 'mse' },
    optimizer: new AdamOptimizer(params, grads, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
    epochs: 3,
    batchSize: 2,
    callbacks: [{ onEpochEnd: async (l) => { events.push(`start ${l.epoch}`); await new Promise((r) => setTimeout(r, 5)); events.push(`end ${l.epoch}`); } }],
  });
  assert.deepEqual(events, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
});

test('neural_net_regressor fits a smooth function with huber loss, plateau schedule and early stopping', () => {
  const n = 400;
  const X = new Matrix(n, 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = ((i * 37) % 101) / 50 - 1, b = ((i * 53) % 97) / 48 - 1;
    X.set(i, 0, a), X.set(i, 1, b);
    y[i] = Math.sin(2 * a) + b * b;
  }
  const logs: TrainLogs[] = [];
  const reg = new NeuralNetRegressor({
    layers: [{ type: 'dense', units: 32, activation: 'tanh' }],
    loss: 'huber',
    optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true },
    schedule: { type: 'plateau', monitor: 'valLoss', patience: 3, factor: 0.5 },
    earlyStopping: { monitor: 'validationScore', patience: 8, restoreBestWeights: true },
    epochs: 150,
  }).fit(X, y, { onEpochEnd: (l) => logs.push(l as TrainLogs) });
  assert.ok(r2(reg.predict(X), y) > 0.95, `R² ${r2(reg.predict(X), y)}`);
  assert.ok(logs.every((l) => l.valLoss !== undefined && l.validationScore !== undefined));
  assert.ok(logs[logs.length - 1].learningRate < 0.05, 'the plateau schedule lowered the rate');
});

test('bad parameters and data are typed errors naming the field', () => {
  const { X, y } = binary;
  assert.match(thrown(() => new NeuralNetClassifier({ layers: [{ type: 'dense', units: 4, activaton: 'relu' } as never] }).fit(X, y)), /E_INVALID_PARAM.*layers\[0\]\.activaton/);
  assert.match(thrown(() => new NeuralNetClassifier({ layers: [{ type: 'dropout', rate: 1 }] }).fit(X, y)), /E_INVALID_PARAM.*layers\[0\]\.rate.*< 1/);
  assert.match(thrown(() => new NeuralNetClassifier({ optimizer: { type: 'adamw', weightDecay: -1 } }).fit(X, y)), /E_INVALID_PARAM.*optimizer\.weightDecay/);
  assert.match(thrown(() => new NeuralNetClassifier({ loss: 'binary_crossentropy' }).fit(multi.X, multi.y)), /E_INVALID_PARAM.*3 classes/);
  assert.match(thrown(() => new NeuralNetClassifier({ earlyStopping: { monitor: 'accuracy' as never } }).fit(X, y)), /E_INVALID_PARAM.*earlyStopping\.monitor/);
  assert.match(thrown(() => new NeuralNetClassifier().fit(X, new Float64Array(X.rows).fill(2))), /E_DATA.*single class/);
  const Xn = new Matrix(X.rows, X.cols, X.data.slice());
  Xn.set(5, 2, NaN);
  assert.match(thrown(() => new NeuralNetRegressor().fit(Xn, y, { featureNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] })), /E_DATA.*column 2 \('c'\)/);
  assert.match(thrown(() => new NeuralNetRegressor().fit(X, Float64Array.from(y, (v, i) => (i === 9 ? NaN : v)))), /E_DATA.*row 9/);
  assert.match(thrown(() => new NeuralNetRegressor({ optimizer: { type: 'sgd', learningRate: 10 } }).fit(X, y.map((v) => v * 1e3))), /E_DATA.*diverged/);
});
