import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainyardError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { accuracyScore } from '../../metrics/classification/classification.js';
import { rocAucScore } from '../../metrics/classification/ranking-auc.js';
import { binColumns, fitBinMapping, MISSING_BIN } from './binning.js';
import { HistGradientBoostingClassifier } from './hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from './hist-gradient-boosting-regressor.js';
import { thrownCode } from '../../testing/thrown.js';

/** Nonlinear binary (or k-class) task on d features; `nanRate` of the cells of feature 0 missing. */
function task(n: number, d: number, seed: number, k = 2): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    const s = X.data[i * d] * X.data[i * d + 1] + Math.sin(2 * X.data[i * d + 2]) + 0.5 * rng.normal();
    y[i] = k === 2 ? (s > 0 ? 1 : 0) : Math.min(k - 1, Math.max(0, Math.floor(s + k / 2)));
  }
  return { X, y };
}


test('binning: midpoints for few distinct values, quantiles for many, NaN in bin 255', () => {
  const X = Matrix.fromRows([[1, 0], [2, NaN], [2, 5], [4, 7]]);
  const m = fitBinMapping(X, 255, new Rng(0));
  assert.deepEqual(Array.from(m.thresholds[0]), [1.5, 3]);
  assert.deepEqual(Array.from(m.hasMissing), [0, 1]);
  const b = binColumns(X, m);
  assert.deepEqual(Array.from(b.subarray(0, 4)), [0, 1, 1, 2]);
  assert.deepEqual(Array.from(b.subarray(4, 8)), [0, MISSING_BIN, 1, 2]);
  // 1000 distinct values into 4 bins: numpy percentile(…, [25, 50, 75], method='midpoint').
  const many = new Matrix(1000, 1, Float64Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(Array.from(fitBinMapping(many, 4, new Rng(0)).thresholds[0]), [249.5, 499.5, 749.5]);
});

test('same seed gives bit-identical models on 1 and 2 threads (binary, multiclass, regression, sampling)', () => {
  const { X, y } = task(6000, 20, 3);
  const opts = { maxIter: 15, subsample: 0.8, colsampleBytree: 0.7, seed: 5 };
  const a = new HistGradientBoostingClassifier({ ...opts, nThreads: 1 }).fit(X, y);
  const b = new HistGradientBoostingClassifier({ ...opts, nThreads: 2 }).fit(X, y);
  assert.deepEqual(b.toState().fitted, a.toState().fitted);
  assert.deepEqual(b.predictProba(X).data, a.predictProba(X).data);
  const c = new HistGradientBoostingClassifier({ ...opts, seed: 6, nThreads: 2 }).fit(X, y);
  assert.notDeepEqual(c.decisionFunction(X).data, a.decisionFunction(X).data, 'another seed samples other rows');

  const m3 = task(6000, 20, 4, 3);
  const p1 = new HistGradientBoostingClassifier({ maxIter: 8, nThreads: 1 }).fit(m3.X, m3.y).decisionFunction(m3.X);
  const p2 = new HistGradientBoostingClassifier({ maxIter: 8, nThreads: 2 }).fit(m3.X, m3.y).decisionFunction(m3.X);
  assert.equal(p1.cols, 3);
  assert.deepEqual(p2.data, p1.data);

  const r1 = new HistGradientBoostingRegressor({ maxIter: 10, nThreads: 1 }).fit(X, X.column(0)).predict(X);
  const r2 = new HistGradientBoostingRegressor({ maxIter: 10, nThreads: 2 }).fit(X, X.column(0)).predict(X);
  assert.deepEqual(r2, r1);
});

test('missing values handled natively beat mean imputation on a NaN-heavy set', () => {
  // y = 1 when |x0| > 1; 40% of x0 is missing, and missing mostly means positive. Mean imputation
  // drops those rows among the confidently negative values near 0, where a bin mixes them with real
  // rows; native handling sends NaN its own way. (16 bins make the shared bin wide, as on coarse data.)
  const rng = new Rng(11);
  const n = 4000, d = 3;
  const X = new Matrix(n, d), Ximp = new Matrix(n, d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    y[i] = Math.abs(X.data[i * d]) > 1 ? 1 : 0;
    if (rng.random() < 0.4) {
      X.data[i * d] = NaN;
      y[i] = rng.random() < 0.9 ? 1 : 0;
    }
    if (rng.random() < 0.3) X.data[i * d + 1] = NaN;
  }
  const trainRows = Int32Array.from({ length: 3000 }, (_, i) => i), testRows = Int32Array.from({ length: 1000 }, (_, i) => 3000 + i);
  for (let j = 0; j < d; j++) {
    let s = 0, c = 0;
    for (const i of trainRows) if (!Number.isNaN(X.data[i * d + j])) (s += X.data[i * d + j]), c++;
    for (let i = 0; i < n; i++) Ximp.data[i * d + j] = Number.isNaN(X.data[i * d + j]) ? s / c : X.data[i * d + j];
  }
  const yTrain = Float64Array.from(trainRows, (i) => y[i]), yTest = Float64Array.from(testRows, (i) => y[i]);
  const fitScore = (M: Matrix): [number, number] => {
    const m = new HistGradientBoostingClassifier({ maxIter: 50, maxBins: 16 }).fit(M.takeRows(trainRows), yTrain);
    return [accuracyScore(yTest, m.predict(M.takeRows(testRows))), rocAucScore(yTest, m.decisionFunction(M.takeRows(testRows)).data)];
  };
  const [accNative, aucNative] = fitScore(X);
  const [accImputed, aucImputed] = fitScore(Ximp);
  assert.ok(accNative > accImputed + 0.02, `native ${accNative} vs imputed ${accImputed}`);
  assert.ok(aucNative > aucImputed + 0.01, `native AUC ${aucNative} vs imputed ${aucImputed}`);
  // A NaN in a feature that never had one in training still predicts (it follows the larger child).
  const clf = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(Ximp, y);
  const probe = Matrix.fromRows([[NaN, NaN, NaN]]);
  assert.ok(Number.isFinite(clf.decisionFunction(probe).data[0]));
});

test('early stopping stops on a plateau and reports losses per iteration', () => {
  const { X, y } = task(3000, 5, 7);
  const epochs: { epoch: number; loss: number; validationLoss?: number }[] = [];
  const m = new HistGradientBoostingClassifier({ maxIter: 400, learningRate: 0.5, earlyStopping: true }).fit(X, y, { onEpochEnd: (l) => epochs.push(l) });
  assert.ok(m.nIter < 400, `stopped after ${m.nIter} iterations`);
  assert.equal(epochs.length, m.nIter);
  assert.equal(m.validationLoss.length, m.nIter + 1);
  assert.equal(m.trainLoss.length, m.nIter);
  assert.ok(epochs.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.validationLoss!)));
  assert.ok(epochs[epochs.length - 1].loss < epochs[0].loss, 'training loss falls');
  const v = m.validationLoss;
  const best = Math.min(...v);
  // sklearn's rule: none of the last nIterNoChange scores beat the one before them by tol.
  assert.ok(Math.min(...v.subarray(v.length - 10)) >= v[v.length - 11] - 1e-7 && best <= v[0]);
  // 'auto' keeps it off below 10,000 rows.
  assert.equal(new HistGradientBoostingClassifier({ maxIter: 30 }).fit(X, y).nIter, 30);
});

test('trees respect maxLeafNodes, maxDepth and minSamplesLeaf; importances follow the signal', () => {
  const { X, y } = task(2000, 6, 9);
  const m = new HistGradientBoostingClassifier({ maxIter: 10, maxLeafNodes: 5, minSamplesLeaf: 50 }).fit(X, y);
  const t = m.toState().fitted.trees as unknown as { left: Int32Array; roots: Int32Array };
  const sizes = Array.from(t.roots, (r, i) => (i + 1 < t.roots.length ? t.roots[i + 1] : t.left.length) - r);
  assert.ok(sizes.every((s) => s <= 9), `nodes per tree ${sizes.join(',')} (5 leaves = 9 nodes)`);
  const deep = new HistGradientBoostingClassifier({ maxIter: 3, maxLeafNodes: null, maxDepth: 2 }).fit(X, y);
  const td = deep.toState().fitted.trees as unknown as { left: Int32Array; roots: Int32Array };
  assert.ok(td.left.length <= 3 * 7, 'depth 2: at most 7 nodes per tree');
  const imp = m.featureImportances;
  assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(imp[0] + imp[1] + imp[2] > 0.8, `signal features take most of the gain: ${Array.from(imp)}`);
});

test('the regressor fits a smooth function and starts from the mean', () => {
  const rng = new Rng(2);
  const n = 2000;
  const X = new Matrix(n, 2), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X.data[2 * i] = rng.random() * 4 - 2;
    X.data[2 * i + 1] = rng.random();
    y[i] = X.data[2 * i] ** 2 + 0.1 * rng.normal();
  }
  const r = new HistGradientBoostingRegressor({ maxIter: 200 }).fit(X, y);
  const p = r.predict(X);
  let se = 0;
  for (let i = 0; i < n; i++) se += (p[i] - y[i]) ** 2;
  assert.ok(se / n < 0.03, `training MSE ${se / n}`);
  const flat = new HistGradientBoostingRegressor({ maxIter: 1, learningRate: 1e-9 }).fit(X, y).predict(X.takeRows([0]))[0];
  assert.ok(Math.abs(flat - y.reduce((a, b) => a + b, 0) / n) < 1e-6);
});

test('bad input: infinities name the column, one class, feature count, unbounded trees', () => {
  const { X, y } = task(200, 3, 1);
  const Xi = new Matrix(X.rows, X.cols, X.data.slice());
  Xi.set(5, 2, Infinity);
  try {
    new HistGradientBoostingClassifier().fit(Xi, y, { featureNames: ['a', 'b', 'c'] });
    assert.fail('expected E_DATA');
  } catch (e) {
    assert.ok(e instanceof TrainyardError && e.code === 'E_DATA' && /'c'/.test(e.message) && /row 5/.test(e.message), String(e));
  }
  assert.equal(thrownCode(() => new HistGradientBoostingClassifier().fit(X, new Float64Array(200).fill(1))), 'E_DATA');
  const m = new HistGradientBoostingRegressor({ maxIter: 2 }).fit(X, y);
  assert.equal(thrownCode(() => m.predict(new Matrix(2, 4))), 'E_SHAPE');
  assert.equal(thrownCode(() => new HistGradientBoostingClassifier({ maxLeafNodes: null, maxDepth: null }).fit(X, y)), 'E_INVALID_PARAM');
  assert.equal(thrownCode(() => new HistGradientBoostingClassifier({ maxBins: 300 }).fit(X, y)), 'E_INVALID_PARAM');
  assert.equal(thrownCode(() => new HistGradientBoostingRegressor().predict(X)), 'E_NOT_FITTED');
});

test('a saved ensemble whose trees link backwards, out of range or to an unknown feature is refused with E_MODEL_FILE', () => {
  const { X, y } = task(300, 3, 8);
  const m = new HistGradientBoostingClassifier({ maxIter: 3 }).fit(X, y);
  const tamper = (edit: (t: { left: Int32Array; feature: Int32Array; roots: Int32Array }) => void): string => {
    const state = structuredClone(m.toState());
    edit(state.fitted.trees as unknown as { left: Int32Array; feature: Int32Array; roots: Int32Array });
    return thrownCode(() => new HistGradientBoostingClassifier().restoreState(state));
  };
  assert.equal(tamper(() => undefined), 'no error');
  assert.equal(tamper((t) => (t.left[0] = 0)), 'E_MODEL_FILE'); // a loop onto itself
  assert.equal(tamper((t) => (t.feature[0] = 3)), 'E_MODEL_FILE');
  assert.equal(tamper((t) => (t.roots[1] = 1e6)), 'E_MODEL_FILE');
});

test('predictWithProba: the numbers of predict and predictProba from one pass over the trees (binary and multiclass)', () => {
  for (const k of [2, 3]) {
    const { X, y } = task(300, 5, 17, k);
    const m = new HistGradientBoostingClassifier({ maxIter: 20 }).fit(X, y);
    const both = m.predictWithProba(X);
    assert.deepEqual(both.yPred, m.predict(X));
    assert.deepEqual(both.proba.data, m.predictProba(X).data);
    assert.equal(both.proba.cols, k);
  }
});
