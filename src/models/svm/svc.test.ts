import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainyardError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import { Rng } from '../../core/rng.js';
import { checkEstimatorConformance } from '../../testing/conformance/estimator-conformance.js';
import { estimatorFromState, getModel, type ModelEntry } from '../registry.js';
import { SVC } from './svc.js';
import { voteClasses } from './svm-scoring.js';
import { thrownCode } from '../../testing/thrown.js';

/** Two or more noisy Gaussian blobs in 3-D; labels are arbitrary numbers. */
function blobs(labels: number[], n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % labels.length;
    y[i] = labels[c];
    for (let j = 0; j < 3; j++) X.set(i, j, 1.3 * rng.normal() + (j === c % 3 ? 2 : 0));
  }
  return { X, y };
}


const bin = blobs([-1, 4], 150, 1);
const three = blobs([0, 1, 2], 180, 2);

test('predictProba needs probability: true (E_INVALID_PARAM naming it), after E_NOT_FITTED', () => {
  const m = new SVC();
  assert.equal(m.hasProbabilities, false);
  assert.equal(thrownCode(() => m.predictProba(bin.X)), 'E_NOT_FITTED');
  m.fit(bin.X, bin.y);
  assert.throws(() => m.predictProba(bin.X), (e: TrainyardError) => e.code === 'E_INVALID_PARAM' && /probability: true/.test(e.message));
  const p = new SVC({ probability: true }).fit(bin.X, bin.y);
  assert.equal(p.hasProbabilities, true);
  assert.equal(p.predictProba(bin.X).cols, 2);
});

test('binary probabilities follow the decision function (Platt sigmoid with A < 0)', () => {
  const m = new SVC({ probability: true, seed: 3 }).fit(bin.X, bin.y);
  const s = m.decisionFunction(bin.X).data, p = m.predictProba(bin.X);
  const order = Array.from(s.keys()).sort((a, b) => s[a] - s[b]);
  for (let k = 1; k < order.length; k++) assert.ok(p.get(order[k], 1) >= p.get(order[k - 1], 1) - 1e-12, 'P(class 1) must grow with the score');
});

test('same seed → bit-identical probabilities; another seed → different Platt fits', () => {
  const a = new SVC({ probability: true, seed: 5 }).fit(three.X, three.y).predictProba(three.X).data;
  const b = new SVC({ probability: true, seed: 5 }).fit(three.X, three.y).predictProba(three.X).data;
  const c = new SVC({ probability: true, seed: 6 }).fit(three.X, three.y).predictProba(three.X).data;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('multiclass: ovr decision argmax agrees with the ovo vote; ovo shape is k(k−1)/2', () => {
  const m = new SVC().fit(three.X, three.y);
  const pred = m.predict(three.X), s = m.decisionFunction(three.X);
  assert.deepEqual([s.rows, s.cols], [three.X.rows, 3]);
  for (let i = 0; i < pred.length; i++) {
    let best = 0;
    for (let c = 1; c < 3; c++) if (s.get(i, c) > s.get(i, best)) best = c;
    assert.equal(m.classes[best], pred[i]);
  }
  assert.equal(m.setParams({ decisionFunctionShape: 'ovo' }).decisionFunction(three.X).cols, 3);
  assert.equal(new SVC({ decisionFunctionShape: 'ovo' }).fit(blobs([0, 1, 2, 3], 80, 4).X, blobs([0, 1, 2, 3], 80, 4).y).decisionFunction(three.X).cols, 6);
});

test('voting ties go to the lowest class index, as libsvm', () => {
  // Pairs (0,1), (0,2), (1,2); a positive value votes for the pair's first class.
  const dec = Matrix.fromRows([
    [1, -1, 1], // 0, 2, 1 → one vote each → class 0
    [-1, -1, -1], // 1, 2, 2 → class 2
    [-1, 1, 1], // 1, 0, 1 → class 1
    [0, 0, 0], // exactly 0 votes for the second class: 1, 2, 2 → class 2
  ]);
  assert.deepEqual(Array.from(voteClasses(dec, 3)), [0, 2, 1, 2]);
});

test('classWeight scales C per class and unknown labels are rejected', () => {
  const plain = new SVC({ C: 0.5 }).fit(bin.X, bin.y);
  const weighted = new SVC({ C: 0.5, classWeight: { '4': 5 } }).fit(bin.X, bin.y);
  const pos = (m: SVC) => m.predict(bin.X).filter((v) => v === 4).length;
  assert.ok(pos(weighted) > pos(plain), `weighting class 4 should predict it more often (${pos(weighted)} vs ${pos(plain)})`);
  assert.equal(thrownCode(() => new SVC({ classWeight: { '5': 2 } }).fit(bin.X, bin.y)), 'E_INVALID_PARAM');
});

test('bad input: single class, NaN naming the column, wrong feature count, bad params', () => {
  assert.equal(thrownCode(() => new SVC().fit(bin.X, new Float64Array(bin.X.rows).fill(1))), 'E_DATA');
  const Xn = new Matrix(bin.X.rows, 3, bin.X.data.slice());
  Xn.set(7, 1, NaN);
  assert.throws(() => new SVC().fit(Xn, bin.y, { featureNames: ['a', 'bmi', 'c'] }), (e: TrainyardError) => e.code === 'E_DATA' && /'bmi'/.test(e.message) && /row 7/.test(e.message));
  const m = new SVC().fit(bin.X, bin.y);
  assert.throws(() => m.predict(new Matrix(2, 4)), (e: TrainyardError) => e.code === 'E_SHAPE' && /4 features/.test(e.message) && /3/.test(e.message));
  for (const [bad, name] of [[{ gamma: 'big' }, 'gamma'], [{ maxIter: 0 }, 'maxIter'], [{ degree: -1 }, 'degree'], [{ kernel: 'precomputed' }, 'kernel'], [{ cacheSize: -1 }, 'cacheSize']] as const) {
    assert.throws(() => new SVC(bad as never).fit(bin.X, bin.y), (e: TrainyardError) => e.code === 'E_INVALID_PARAM' && e.message.includes(name));
  }
});

test('maxIter stops SMO early and reports fitStatus 1', () => {
  const m = new SVC({ maxIter: 3 }).fit(three.X, three.y);
  assert.equal(m.fitStatus, 1);
  assert.ok(Array.from(m.nIter).every((n) => n <= 3));
  assert.equal(new SVC().fit(three.X, three.y).fitStatus, 0);
});

test('a zero-variance feature and gamma scale: still fits (gamma from the other columns)', () => {
  const X = new Matrix(bin.X.rows, 4);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < 3; j++) X.set(i, j, bin.X.get(i, j));
  const m = new SVC().fit(X, bin.y);
  assert.ok(m.gamma > 0 && Number.isFinite(m.gamma));
  assert.deepEqual(m.predict(X), new SVC().fit(bin.X, bin.y).predict(bin.X));
});

test('save/load keeps the fitted kernel even if params change later', () => {
  const m = new SVC({ kernel: 'poly', degree: 2, probability: true }).fit(three.X, three.y);
  const back = estimatorFromState(decodeModel(encodeModel(m.toState() as unknown as StateValue)) as unknown as EstimatorState) as SVC;
  assert.deepEqual(back.predictProba(three.X).data, m.predictProba(three.X).data);
  back.setParams({ kernel: 'rbf', degree: 5 });
  assert.deepEqual(back.decisionFunction(three.X).data, m.decisionFunction(three.X).data);
  const state = m.toState();
  const broken = { ...state, fitted: { ...state.fitted, svCoef: new Float64Array(3) } };
  assert.equal(thrownCode(() => new SVC().restoreState(broken)), 'E_MODEL_FILE');
});

test('conformance suite with probability: true (predictProba checked too)', async (t) => {
  const real = getModel('svm');
  const entry: ModelEntry = {
    ...real,
    create: (p = {}) => real.create({ probability: true, ...p }),
    defaults: () => ({ ...real.defaults(), probability: true }),
  };
  await checkEstimatorConformance(entry, bin, t);
  await checkEstimatorConformance(entry, three, t);
});
