/**
 * Held-out quality on real data against scikit-learn 1.2 on the very same rows and features
 * (fixtures/tree/sklearn-reference.json, averaged over sklearn's seeds): accuracy / ROC AUC / R² within 0.01.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Matrix } from '../../core/matrix.js';
import { rocAuc } from '../../testing/reference/linear-reference-fixtures.js';
import { fixturePath } from '../../testing/paths.js';
import { DecisionTreeClassifier } from './decision-tree.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from './extra-trees.js';
import { RandomForestClassifier, RandomForestRegressor } from './random-forest.js';
import { heldOut } from '../../testing/reference/tree-reference-fixtures.js';
import { kcHouseData, penguinsData, shoppersData, type TreeSplitData } from '../../testing/reference/tree-reference-data.js';

const splits = JSON.parse(readFileSync(fixturePath('tree', 'splits.json'), 'utf8')) as Record<string, { test: number[]; rows: number[] | null; step?: number }>;

interface Scored {
  fit(X: Matrix, y: ArrayLike<number>): unknown;
  predict(X: Matrix): Float64Array;
  predictProba?(X: Matrix): Matrix;
}

function accuracyOf(m: Scored, d: TreeSplitData): number {
  const p = m.predict(d.Xtest);
  let hit = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === d.ytest[i]) hit++;
  return hit / p.length;
}

function aucOf(m: Scored, d: TreeSplitData): number {
  const p = m.predictProba!(d.Xtest);
  return rocAuc(d.ytest, Float64Array.from({ length: p.rows }, (_, i) => p.data[2 * i + 1]), 1);
}

function r2Of(m: Scored, d: TreeSplitData): number {
  const p = m.predict(d.Xtest);
  let mean = 0, res = 0, tot = 0;
  for (const v of d.ytest) mean += v / d.ytest.length;
  for (let i = 0; i < p.length; i++) {
    res += (d.ytest[i] - p[i]) ** 2;
    tot += (d.ytest[i] - mean) ** 2;
  }
  return 1 - res / tot;
}

function close(ours: number, ref: number | undefined, tol: number, what: string): void {
  assert.ok(ref !== undefined, `${what}: no reference figure`);
  assert.ok(Math.abs(ours - ref) <= tol, `${what}: trainyard ${ours.toFixed(4)} vs scikit-learn ${ref.toFixed(4)}`);
}

const shoppers = shoppersData();

test('the stored split is the one trainyard makes (the sklearn figures are for these rows)', async () => {
  assert.deepEqual(Array.from((await shoppers).test), splits.shoppers.test);
  assert.deepEqual(Array.from((await penguinsData()).test), splits.penguins.test);
});

test('online-shoppers: random forest and Extra-Trees (200 trees) match scikit-learn accuracy and AUC within 0.01', async () => {
  const d = await shoppers, ref = heldOut('shoppers');
  const rf = new RandomForestClassifier({ nEstimators: 200, seed: 0 }).fit(d.Xtrain, d.ytrain);
  close(accuracyOf(rf, d), ref.random_forest.accuracy, 0.01, 'RF accuracy');
  close(aucOf(rf, d), ref.random_forest.rocAuc, 0.01, 'RF AUC');
  const et = new ExtraTreesClassifier({ nEstimators: 200, seed: 0 }).fit(d.Xtrain, d.ytrain);
  close(accuracyOf(et, d), ref.extra_trees.accuracy, 0.01, 'ET accuracy');
  close(aucOf(et, d), ref.extra_trees.rocAuc, 0.01, 'ET AUC');
});

test('online-shoppers: entropy forest with balanced_subsample weights and OOB score matches scikit-learn', async () => {
  const d = await shoppers, ref = heldOut('shoppers').random_forest_entropy_balanced as { accuracy: number; rocAuc: number; oobScore: number };
  const rf = new RandomForestClassifier({ nEstimators: 100, criterion: 'entropy', classWeight: 'balanced_subsample', minSamplesLeaf: 3, oobScore: true, seed: 0 }).fit(d.Xtrain, d.ytrain);
  close(accuracyOf(rf, d), ref.accuracy, 0.01, 'accuracy');
  close(aucOf(rf, d), ref.rocAuc, 0.01, 'AUC');
  close(rf.oobScore as number, ref.oobScore, 0.01, 'OOB accuracy');
});

test('online-shoppers: a depth-6 decision tree scores as scikit-learn\'s', async () => {
  const d = await shoppers, ref = heldOut('shoppers').decision_tree_depth6;
  const dt = new DecisionTreeClassifier({ maxDepth: 6 }).fit(d.Xtrain, d.ytrain);
  close(accuracyOf(dt, d), ref.accuracy, 0.005, 'accuracy');
  close(aucOf(dt, d), ref.rocAuc, 0.005, 'AUC');
});

test('penguins (3 classes): mean accuracy over seeds 0-4 within 0.01 of scikit-learn', async () => {
  const d = await penguinsData(), ref = heldOut('penguins');
  const makers: [string, (seed: number) => Scored][] = [
    ['decision_tree', (seed) => new DecisionTreeClassifier({ seed })],
    ['random_forest', (seed) => new RandomForestClassifier({ nEstimators: 100, seed })],
    ['extra_trees', (seed) => new ExtraTreesClassifier({ nEstimators: 100, seed })],
  ];
  for (const [name, make] of makers) {
    let sum = 0;
    for (let seed = 0; seed < 5; seed++) {
      const m = make(seed);
      m.fit(d.Xtrain, d.ytrain);
      sum += accuracyOf(m, d);
    }
    // 67 test rows: one row is 0.015, so compare means over five seeds.
    close(sum / 5, ref[name].accuracy, 0.01 + 1e-9, `${name} mean accuracy`);
  }
});

test('kc-house: forest regressors match scikit-learn R² (and OOB R²) within 0.01', async () => {
  const d = await kcHouseData(splits.kcHouse.step);
  assert.deepEqual(Array.from(d.test), splits.kcHouse.test);
  const ref = heldOut('kcHouse') as Record<string, { r2: number; oobScore?: number }>;
  const rf = new RandomForestRegressor({ nEstimators: 50, maxFeatures: 0.33, oobScore: true, seed: 0 }).fit(d.Xtrain, d.ytrain);
  close(r2Of(rf, d), ref.random_forest_regressor.r2, 0.01, 'RF R²');
  close(rf.oobScore as number, ref.random_forest_regressor_oob.oobScore, 0.01, 'RF OOB R²');
  const et = new ExtraTreesRegressor({ nEstimators: 50, maxFeatures: 0.5, seed: 0 }).fit(d.Xtrain, d.ytrain);
  close(r2Of(et, d), ref.extra_trees_regressor.r2, 0.01, 'ET R²');
});
