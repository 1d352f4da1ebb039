/**
 * Data for the SVM quality tests (online-shoppers and a kc-house subsample), prepared exactly as
 * `fixtures/svm/generate.py` prepares it for scikit-learn: same rows (fixtures/svm/splits.json, written
 * by dump-splits.mjs), median impute + standard scale of numerics, one-hot of the categoricals.
 */
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { loadFrame } from '../../data/load-frame.js';
import { buildPreprocessor } from '../../preprocess/from-spec.js';
import { toMatrix } from '../../preprocess/to-matrix.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../../testing/paths.js';

/** A held-out split ready for a model. */
export interface SplitData {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
  test: Int32Array;
}

export const SHOPPERS_CATEGORICAL = ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'];
export const KC_SAMPLE_ROWS = 4000;

/** The kc-house subsample: 4,000 of the rows with a price, drawn by a seeded permutation, in file order. */
export function kcSampleRows(price: Float64Array): Int32Array {
  const priced = Int32Array.from(price.keys()).filter((i) => Number.isFinite(price[i]));
  const pick = new Rng(7).permutation(priced.length).subarray(0, KC_SAMPLE_ROWS);
  return Int32Array.from(pick, (k) => priced[k]).sort();
}

/** Online shoppers, 80/20 split stratified by Revenue (seed 0), preprocessed as anchors.md describes. */
export async function shoppersSplit(): Promise<SplitData> {
  const { frame } = await loadFrame({ source: datasetPath('online-shoppers', 'online_shoppers_intention.csv') });
  const y = Float64Array.from((frame.column('Revenue') as { values: Float64Array }).values);
  const features = frame.drop(['Revenue']);
  const { train, test } = trainTestSplit(frame.nRows, { testFraction: 0.2, stratify: y, seed: 0 });
  const prep = buildPreprocessor({ numeric: { impute: 'median', scale: 'standard' }, categorical: { encode: 'onehot', columns: SHOPPERS_CATEGORICAL } }, features);
  prep.fit(features.take(train));
  return {
    Xtrain: toMatrix(prep.transform(features.take(train))).X,
    ytrain: Float64Array.from(train, (i) => y[i]),
    Xtest: toMatrix(prep.transform(features.take(test))).X,
    ytest: Float64Array.from(test, (i) => y[i]),
    test,
  };
}

/** kc-house subsample, target log(price), numeric columns median-imputed and standard-scaled. */
export async function kcHouseSplit(): Promise<SplitData> {
  const { frame } = await loadFrame({ source: datasetPath('kc-house', 'kc_house_data.csv') });
  const sample = frame.take(kcSampleRows((frame.column('price') as { values: Float64Array }).values));
  const price = (sample.column('price') as { values: Float64Array }).values;
  const y = Float64Array.from(price, (v) => Math.log(v));
  const features = sample.drop(['id', 'date', 'zipcode', 'price']);
  const { train, test } = trainTestSplit(sample.nRows, { testFraction: 0.2, seed: 0 });
  const prep = buildPreprocessor({ numeric: { impute: 'median', scale: 'standard' } }, features);
  prep.fit(features.take(train));
  return {
    Xtrain: toMatrix(prep.transform(features.take(train))).X,
    ytrain: Float64Array.from(train, (i) => y[i]),
    Xtest: toMatrix(prep.transform(features.take(test))).X,
    ytest: Float64Array.from(test, (i) => y[i]),
    test,
  };
}
