/**
 * Test helpers: the kc-house and penguins splits used by the quality tests and by the scikit-learn
 * reference generator (fixtures/neural/dump-real-data.mjs writes these very matrices for Python, so
 * both sides train on identical rows and features). Data come in through the project's own path:
 * `loadFrame` → `buildPreprocessor` (median impute, standard scale, one-hot) → `toMatrix`, split by
 * `trainTestSplit` (seed 0, 20 % test; stratified by species for penguins).
 */
import { DataError } from '../../core/errors.js';
import type { Frame } from '../../core/frame.js';
import type { Matrix } from '../../core/matrix.js';
import { loadFrame } from '../../data/load-frame.js';
import { buildPreprocessor } from '../../preprocess/from-spec.js';
import { toMatrix } from '../../preprocess/to-matrix.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../../testing/paths.js';

/** A preprocessed hold-out split. */
export interface RealSplit {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
  featureNames: string[];
  test: Int32Array;
}

function prepare(features: Frame, y: Float64Array, stratify: boolean): RealSplit {
  const { train, test } = trainTestSplit(features.nRows, { testFraction: 0.2, seed: 0, stratify: stratify ? y : undefined });
  const trainFrame = features.take(train);
  const pre = buildPreprocessor({}, trainFrame);
  const fitted = toMatrix(pre.fitTransform(trainFrame));
  const Xtest = toMatrix(pre.transform(features.take(test))).X;
  return {
    Xtrain: fitted.X,
    ytrain: Float64Array.from(train, (i) => y[i]),
    Xtest,
    ytest: Float64Array.from(test, (i) => y[i]),
    featureNames: fitted.featureNames,
    test,
  };
}

/** kc-house: log(price) from every other column (the id column is dropped as an id), rows with a price. */
export async function kcHouseSplit(): Promise<RealSplit> {
  const { frame } = await loadFrame({ source: datasetPath('kc-house', 'kc_house_data.csv') });
  const price = frame.column('price');
  if (price.kind !== 'numeric') throw new DataError('kc-house: price is not numeric');
  // Four rows have no price: drop them, as one drops unlabeled rows before training.
  const keep = Int32Array.from(price.values.keys()).filter((i) => Number.isFinite(price.values[i]));
  const y = Float64Array.from(keep, (i) => Math.log(price.values[i]));
  return prepare(frame.drop(['price']).take(keep), y, false);
}

/** Penguins: species (codes 0-2 in sorted name order) from the other columns. */
export async function penguinsSplit(): Promise<RealSplit> {
  const { frame } = await loadFrame({ source: datasetPath('penguins', 'penguins_size.csv') });
  const species = frame.column('species');
  if (species.kind !== 'dict') throw new DataError('penguins: species is not categorical');
  const order = [...species.dictionary].sort();
  const y = Float64Array.from(species.codes, (c) => order.indexOf(species.dictionary[c]));
  return prepare(frame.drop(['species']), y, true);
}
