/**
 * Real-data preparation for the linear models' quality tests, with the project's own loader,
 * preprocessing and split — the same steps `fixtures/linear/generate.py` mirrors in scikit-learn.
 */
import assert from 'node:assert/strict';
import type { Matrix } from '../../core/matrix.js';
import { loadFrame } from '../../data/index.js';
import { buildPreprocessor, toMatrix, type PreprocessSpec } from '../../preprocess/index.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../../testing/paths.js';
import { splitFixture } from '../../testing/reference/linear-fixtures.js';

/** Preprocessed train/test matrices and targets. */
export interface Prepared {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
}

async function prepare(file: string[], target: string, spec: PreprocessSpec, split: { stratify: boolean; fixture: number[] }, mapY: (v: number) => number, keepRow: (y: number) => boolean): Promise<Prepared> {
  let frame = (await loadFrame({ source: datasetPath(...file) })).frame;
  const yAll = (frame.column(target) as { values: Float64Array }).values;
  frame = frame.take(Int32Array.from(yAll.keys()).filter((i) => keepRow(yAll[i])));
  const y = Float64Array.from((frame.column(target) as { values: Float64Array }).values, mapY);
  const features = frame.drop([target]);
  const { train, test } = trainTestSplit(frame.nRows, { testFraction: 0.2, seed: 0, stratify: split.stratify ? y : undefined });
  // generate.py fitted scikit-learn on the rows in splits.json: they must be these rows.
  assert.deepEqual(Array.from(test), split.fixture, 'the split differs from fixtures/linear/splits.json; re-run dump-splits.mjs and generate.py');
  const pre = buildPreprocessor(spec, features);
  const Xtrain = toMatrix(pre.fitTransform(features.take(train))).X;
  const Xtest = toMatrix(pre.transform(features.take(test))).X;
  return { Xtrain, ytrain: Float64Array.from(train, (i) => y[i]), Xtest, ytest: Float64Array.from(test, (i) => y[i]) };
}

/** kc-house: log(price), rows without a price dropped, `id` dropped, `zipcode` one-hot, the rest median-imputed and standardised. */
export function kcHouse(): Promise<Prepared> {
  return prepare(['kc-house', 'kc_house_data.csv'], 'price', { drop: ['id'], categorical: { columns: ['zipcode'] } }, { stratify: false, fixture: splitFixture().kcHouse.test }, Math.log, Number.isFinite);
}

/** online-shoppers: `Revenue` (0/1), anchors.md's preprocessing, stratified split. */
export function shoppers(): Promise<Prepared> {
  return prepare(
    ['online-shoppers', 'online_shoppers_intention.csv'],
    'Revenue',
    { categorical: { columns: ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] } },
    { stratify: true, fixture: splitFixture().shoppers.test },
    (v) => v,
    () => true,
  );
}
