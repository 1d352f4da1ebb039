import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../core/matrix.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.js';
import { syntheticSet, type SklearnTree } from '../../testing/reference/tree-reference-fixtures.js';
import type { TreeModelFitted } from './tree-model-base.js';
import { thrown } from '../../testing/thrown.js';

function assertSameTree(ours: TreeModelFitted, ref: SklearnTree, what: string): void {
  assert.deepEqual(Array.from(ours.left), ref.left, `${what}: left children`);
  assert.deepEqual(Array.from(ours.right), ref.right, `${what}: right children`);
  assert.deepEqual(Array.from(ours.feature), ref.feature, `${what}: features`);
  assert.deepEqual(Array.from(ours.threshold), ref.threshold, `${what}: thresholds`);
  for (let i = 0; i < ref.value.length; i++) {
    assert.ok(Math.abs(ours.value[i] - ref.value[i]) <= 1e-9 * Math.max(1, Math.abs(ref.value[i])), `${what}: value[${i}] ${ours.value[i]} vs ${ref.value[i]}`);
  }
  for (let j = 0; j < ref.importances.length; j++) {
    assert.ok(Math.abs(ours.importances[j] - ref.importances[j]) < 1e-9, `${what}: importance ${j} ${ours.importances[j]} vs ${ref.importances[j]}`);
  }
  assert.equal(ours.depth, ref.depth, `${what}: depth`);
}

const cls = syntheticSet('classification');
for (const [name, c] of Object.entries(cls.cases)) {
  test(`DecisionTreeClassifier ${name} equals scikit-learn's tree node for node`, () => {
    const p = c.params as { max_depth?: number; criterion?: 'entropy'; min_samples_leaf?: number; min_impurity_decrease?: number };
    const tree = new DecisionTreeClassifier({
      maxDepth: p.max_depth ?? null,
      criterion: p.criterion ?? 'gini',
      minSamplesLeaf: p.min_samples_leaf ?? 1,
      minImpurityDecrease: p.min_impurity_decrease ?? 0,
    }).fit(cls.Xtrain, cls.ytrain);
    assertSameTree(tree.trees as TreeModelFitted, c.tree, name);
    assert.deepEqual(Array.from(tree.predict(cls.Xtest)), c.predict);
    const proba = tree.predictProba(cls.Xtest).data;
    for (let i = 0; i < proba.length; i++) assert.ok(Math.abs(proba[i] - c.proba![i]) < 1e-12, `proba[${i}]`);
  });
}

const reg = syntheticSet('regression');
for (const [name, c] of Object.entries(reg.cases)) {
  test(`DecisionTreeRegressor ${name} equals scikit-learn's tree node for node`, () => {
    const p = c.params as { max_depth?: number; min_samples_leaf?: number };
    const tree = new DecisionTreeRegressor({ maxDepth: p.max_depth ?? null, minSamplesLeaf: p.min_samples_leaf ?? 1 }).fit(reg.Xtrain, reg.ytrain);
    assertSameTree(tree.trees as TreeModelFitted, c.tree, name);
    const pred = tree.predict(reg.Xtest);
    for (let i = 0; i < pred.length; i++) assert.ok(Math.abs(pred[i] - c.predict[i]) <= 1e-9 * Math.abs(c.predict[i]) + 1e-9, `predict[${i}]`);
  });
}

test('a tiny tree splits at the midpoint between neighbouring values, as sklearn', () => {
  const X = Matrix.fromRows([[1], [2], [3], [10], [11], [12]]);
  const tree = new DecisionTreeClassifier().fit(X, [0, 0, 0, 1, 1, 1]);
  const t = tree.trees;
  assert.deepEqual(Array.from(t.left), [1, -1, -1]);
  assert.deepEqual(Array.from(t.right), [2, -1, -1]);
  assert.equal(t.threshold[0], 6.5);
  assert.deepEqual(Array.from(tree.predict(Matrix.fromRows([[6.5], [6.6]]))), [0, 1]);
  assert.deepEqual(Array.from(tree.featureImportances), [1]);
});

test('maxDepth, minSamplesSplit and minImpurityDecrease stop growth', () => {
  const { Xtrain, ytrain } = cls;
  const full = new DecisionTreeClassifier().fit(Xtrain, ytrain);
  assert.ok(full.depth > 3);
  assert.equal(new DecisionTreeClassifier({ maxDepth: 2 }).fit(Xtrain, ytrain).depth, 2);
  assert.ok(new DecisionTreeClassifier({ minSamplesSplit: 50 }).fit(Xtrain, ytrain).nodeCount < full.nodeCount);
  assert.equal(new DecisionTreeClassifier({ minImpurityDecrease: 10 }).fit(Xtrain, ytrain).nodeCount, 1);
});

test('class weights change the tree; balanced equals explicit inverse-frequency weights', () => {
  const X = Matrix.fromRows(Array.from({ length: 40 }, (_, i) => [i % 7, (i * 13) % 11]));
  const y = Float64Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const plain = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y).predictProba(X).data;
  const balanced = new DecisionTreeClassifier({ maxDepth: 2, classWeight: 'balanced' }).fit(X, y).predictProba(X).data;
  const explicit = new DecisionTreeClassifier({ maxDepth: 2, classWeight: { 0: 40 / 64, 1: 40 / 16 } }).fit(X, y).predictProba(X).data;
  assert.notDeepEqual(balanced, plain);
  assert.deepEqual(explicit, balanced);
});

test('maxFeatures samples features with the seed; the same seed gives the same tree', () => {
  const a = new DecisionTreeClassifier({ maxFeatures: 2, seed: 5 }).fit(cls.Xtrain, cls.ytrain);
  const b = new DecisionTreeClassifier({ maxFeatures: 2, seed: 5 }).fit(cls.Xtrain, cls.ytrain);
  const c = new DecisionTreeClassifier({ maxFeatures: 2, seed: 6 }).fit(cls.Xtrain, cls.ytrain);
  assert.deepEqual(a.trees, b.trees);
  assert.notDeepEqual(a.trees.threshold, c.trees.threshold);
});

test('the random splitter draws thresholds inside each feature range', () => {
  const t = new DecisionTreeRegressor({ splitter: 'random', maxDepth: 3 }).fit(reg.Xtrain, reg.ytrain).trees;
  for (let i = 0; i < t.left.length; i++) {
    if (t.left[i] < 0) continue;
    const col = reg.Xtrain.column(t.feature[i]);
    assert.ok(t.threshold[i] >= Math.min(...col) && t.threshold[i] < Math.max(...col));
  }
});


test('bad parameters and data are typed errors that say what is wrong', () => {
  const X = cls.Xtrain, y = cls.ytrain;
  assert.match(thrown(() => new DecisionTreeClassifier({ maxDepth: 0 }).fit(X, y)), /E_INVALID_PARAM.*maxDepth/);
  assert.match(thrown(() => new DecisionTreeClassifier({ minSamplesSplit: 1.5 }).fit(X, y)), /E_INVALID_PARAM.*minSamplesSplit/);
  assert.match(thrown(() => new DecisionTreeClassifier({ minSamplesLeaf: 0 }).fit(X, y)), /E_INVALID_PARAM.*minSamplesLeaf/);
  assert.match(thrown(() => new DecisionTreeClassifier({ maxFeatures: 99 }).fit(X, y)), /E_INVALID_PARAM.*maxFeatures.*only 5/);
  assert.match(thrown(() => new DecisionTreeClassifier({ maxFeatures: 'half' as never }).fit(X, y)), /E_INVALID_PARAM.*maxFeatures/);
  assert.match(thrown(() => new DecisionTreeClassifier({ criterion: 'squared_error' as never }).fit(X, y)), /E_INVALID_PARAM.*criterion/);
  assert.match(thrown(() => new DecisionTreeClassifier({ minImpurityDecrease: -1 }).fit(X, y)), /E_INVALID_PARAM.*minImpurityDecrease/);
  assert.match(thrown(() => new DecisionTreeClassifier().fit(X, new Float64Array(X.rows).fill(2))), /E_DATA.*single class/);
  const Xn = new Matrix(X.rows, X.cols, X.data.slice());
  Xn.set(7, 2, NaN);
  const msg = thrown(() => new DecisionTreeRegressor().fit(Xn, y, { featureNames: ['a', 'b', 'c', 'd', 'e'] }));
  assert.match(msg, /E_DATA.*column 2 \('c'\).*row 7/);
  assert.match(thrown(() => new DecisionTreeRegressor().fit(X, Float64Array.from(y, (v, i) => (i === 3 ? NaN : v)))), /E_DATA.*target/);
  const fitted = new DecisionTreeRegressor().fit(X, y);
  assert.match(thrown(() => fitted.predict(new Matrix(2, 4))), /E_SHAPE.*4 features.*5/);
  assert.match(thrown(() => new DecisionTreeRegressor().predict(X)), /E_NOT_FITTED/);
});
