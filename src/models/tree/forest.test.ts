import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EstimatorState } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { DecisionTreeClassifier } from './decision-tree.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from './extra-trees.js';
import { growOneTree } from './grow-trees.js';
import { RandomForestClassifier, RandomForestRegressor } from './random-forest.js';
import { classificationData } from './tree-data.js';
import { resolveTreeConfig } from './tree-params.js';
import { thrown } from '../../testing/thrown.js';

/** y depends on features 0 and 1 only; features 2-5 are noise. */
function dataset(n: number, seed: number): { X: Matrix; y: Float64Array; yr: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, 6);
  const y = new Float64Array(n), yr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 6; j++) X.set(i, j, rng.normal());
    yr[i] = 3 * X.get(i, 0) - 2 * X.get(i, 1) + 0.3 * rng.normal();
    y[i] = yr[i] > 0 ? 1 : 0;
  }
  return { X, y, yr };
}

const { X, y, yr } = dataset(400, 1);


test('same seed, same forest; another seed, another forest', () => {
  const a = new RandomForestClassifier({ nEstimators: 10, seed: 3 }).fit(X, y);
  const b = new RandomForestClassifier({ nEstimators: 10, seed: 3 }).fit(X, y);
  const c = new RandomForestClassifier({ nEstimators: 10, seed: 4 }).fit(X, y);
  assert.deepEqual(a.trees, b.trees);
  assert.notDeepEqual(a.trees.threshold, c.trees.threshold);
});

test('tree t depends only on (data, params, t): grown alone it equals the forest\'s tree t', () => {
  const forest = new RandomForestClassifier({ nEstimators: 6, seed: 9 }).fit(X, y).trees;
  const { data } = classificationData('test', X, y);
  const cfg = resolveTreeConfig('test', { maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minImpurityDecrease: 0, maxFeatures: 'sqrt', seed: 9 }, 'gini', 'best', X.rows, X.cols);
  const spec = { nTrees: 6, bootstrap: true, nBootstrap: X.rows, seed: 9, rowWeights: null, balancedSubsample: false, oob: false };
  for (const t of [4, 1]) {
    const alone = growOneTree(data, cfg, spec, t).built.tree;
    const off = forest.nodeOffsets[t];
    assert.equal(alone.nodeCount, forest.nodeOffsets[t + 1] - off);
    assert.deepEqual(alone.threshold.subarray(0, alone.nodeCount), forest.threshold.subarray(off, off + alone.nodeCount));
    assert.deepEqual(alone.feature.subarray(0, alone.nodeCount), forest.feature.subarray(off, off + alone.nodeCount));
  }
});

test('a one-tree forest without bootstrap or feature sampling is the decision tree', () => {
  const rf = new RandomForestClassifier({ nEstimators: 1, bootstrap: false, maxFeatures: null, seed: 2 }).fit(X, y);
  const dt = new DecisionTreeClassifier({ seed: 2 }).fit(X, y);
  assert.deepEqual(rf.trees, dt.trees);
  assert.deepEqual(rf.predictProba(X), dt.predictProba(X));
});

test('probabilities are the mean of the trees\' leaf fractions; decisionFunction is P(1) − P(0)', () => {
  const rf = new ExtraTreesClassifier({ nEstimators: 7, maxDepth: 3 }).fit(X, y);
  const p = rf.predictProba(X), s = rf.decisionFunction(X);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(s.data[i] - (p.get(i, 1) - p.get(i, 0))) < 1e-15);
  // Every probability is a mean of 7 leaf fractions: check against one-tree forests grown alone.
  const pred = rf.predict(X);
  for (let i = 0; i < X.rows; i++) assert.equal(pred[i], p.get(i, 1) > p.get(i, 0) ? 1 : 0);
});

test('feature importances sum to 1 and find the informative features', () => {
  for (const m of [new RandomForestRegressor({ nEstimators: 20 }), new ExtraTreesRegressor({ nEstimators: 20 })]) {
    const imp = m.fit(X, yr).featureImportances;
    assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(imp[0] > imp[1] && imp[1] > 0.1, Array.from(imp).join(', '));
    for (let j = 2; j < 6; j++) assert.ok(imp[j] < 0.05, `noise feature ${j}: ${imp[j]}`);
  }
});

test('out-of-bag scores are reported when asked, and are close to held-out scores', () => {
  const test = dataset(400, 2);
  const rf = new RandomForestClassifier({ nEstimators: 40, oobScore: true }).fit(X, y);
  let hit = 0;
  const pred = rf.predict(test.X);
  for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) hit++;
  assert.ok(Math.abs((rf.oobScore as number) - hit / pred.length) < 0.05, `oob ${rf.oobScore} vs held-out ${hit / pred.length}`);
  const reg = new RandomForestRegressor({ nEstimators: 40, oobScore: true }).fit(X, yr);
  assert.ok((reg.oobScore as number) > 0.8 && (reg.oobScore as number) < 1);
  assert.equal(new RandomForestClassifier({ nEstimators: 2 }).fit(X, y).oobScore, null);
});

test('maxSamples draws smaller bootstrap samples (smaller trees)', () => {
  const full = new RandomForestRegressor({ nEstimators: 5 }).fit(X, yr).nodeCount;
  const small = new RandomForestRegressor({ nEstimators: 5, maxSamples: 0.2 }).fit(X, yr).nodeCount;
  assert.ok(small < full / 2, `${small} vs ${full}`);
  assert.ok(new RandomForestRegressor({ nEstimators: 5, maxSamples: 50 }).fit(X, yr).nodeCount < full / 2);
});

test('balanced_subsample class weights shift probabilities toward the rare class', () => {
  const yRare = Float64Array.from(yr, (v) => (v > 2.5 ? 1 : 0));
  const mean1 = (p: Matrix): number => {
    let s = 0;
    for (let i = 0; i < p.rows; i++) s += p.get(i, 1);
    return s / p.rows;
  };
  const plain = new RandomForestClassifier({ nEstimators: 20, minSamplesLeaf: 10 }).fit(X, yRare).predictProba(X);
  const balanced = new RandomForestClassifier({ nEstimators: 20, minSamplesLeaf: 10, classWeight: 'balanced_subsample' }).fit(X, yRare).predictProba(X);
  assert.ok(mean1(balanced) > mean1(plain) + 0.05, `${mean1(balanced)} vs ${mean1(plain)}`);
});

test('forest parameter errors name the parameter', () => {
  assert.match(thrown(() => new RandomForestClassifier({ oobScore: true, bootstrap: false }).fit(X, y)), /E_INVALID_PARAM.*oobScore.*bootstrap/);
  assert.match(thrown(() => new ExtraTreesClassifier({ maxSamples: 0.5 }).fit(X, y)), /E_INVALID_PARAM.*maxSamples/);
  assert.match(thrown(() => new RandomForestClassifier({ maxSamples: 401 }).fit(X, y)), /E_INVALID_PARAM.*maxSamples.*400/);
  assert.match(thrown(() => new RandomForestClassifier({ nEstimators: 0 }).fit(X, y)), /E_INVALID_PARAM.*nEstimators.*>= 1/);
  assert.match(thrown(() => new RandomForestClassifier({ classWeight: { 7: 1 } }).fit(X, y)), /E_INVALID_PARAM.*classWeight.*'7'/);
  const Xn = new Matrix(X.rows, X.cols, X.data.slice());
  Xn.set(10, 4, NaN);
  assert.match(thrown(() => new RandomForestRegressor({ nEstimators: 2 }).fit(Xn, yr, { featureNames: ['a', 'b', 'c', 'd', 'age', 'f'] })), /E_DATA.*'age'.*row 10/);
  const fitted = new RandomForestRegressor({ nEstimators: 2 }).fit(X, yr);
  assert.match(thrown(() => fitted.predict(Xn)), /E_DATA.*column 4/);
});

test('a tampered model file (a child pointing back up the tree) is refused with E_MODEL_FILE', () => {
  const rf = new RandomForestClassifier({ nEstimators: 2, maxDepth: 3 }).fit(X, y);
  const state = rf.toState();
  const left = (state.fitted.left as Int32Array).slice();
  left[1] = 0;
  const bad: EstimatorState = { ...state, fitted: { ...state.fitted, left } };
  assert.match(thrown(() => new RandomForestClassifier().restoreState(bad)), /E_MODEL_FILE.*tree 0 node 1/);
  const restored = new RandomForestClassifier().restoreState(state);
  assert.deepEqual(restored.predictProba(X), rf.predictProba(X));
});
