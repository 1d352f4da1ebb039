import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame } from '../core/frame.js';
import { ColumnTransformer } from './composite/column-transformer.js';
import { assertClose, frameRow, loadFixture, readDelimited, SHOPPERS_PATH } from './frame.test-helpers.js';
import { buildPreprocessor } from './from-spec.js';
import { OneHotEncoder } from './encoders/one-hot-encoder.js';
import { Pipeline } from './composite/pipeline.js';
import { SimpleImputer } from './impute/simple-imputer.js';
import { StandardScaler } from './scalers/standard-scaler.js';
import { toMatrix } from './to-matrix.js';

const fx = loadFixture('shoppers.json');
const NUMERIC = ['Administrative', 'Administrative_Duration', 'Informational', 'Informational_Duration', 'ProductRelated', 'ProductRelated_Duration', 'BounceRates', 'ExitRates', 'PageValues', 'SpecialDay'];
const CATEGORICAL = ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'];

const all = readDelimited(SHOPPERS_PATH, ';').drop(['Revenue']);
const range = (a: number, b: number): Int32Array => Int32Array.from({ length: b - a }, (_, i) => a + i);
const train = all.take(range(0, fx.nTrain));
const rest = all.take(range(fx.nTrain, all.nRows));

function columnSums(f: Frame): Map<string, number> {
  const { X, featureNames } = toMatrix(f);
  const sums = new Float64Array(X.cols);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) sums[j] += X.data[i * X.cols + j];
  return new Map(featureNames.map((n, j) => [n, sums[j]]));
}

/** Compares per feature name, so the order of branches/columns may differ from scikit-learn's. */
function assertMatchesSklearn(out: Frame, fitted: Frame, what: string): void {
  assert.deepEqual([...out.names].sort(), [...(fx.featureNames as string[])].sort(), `${what}: feature names`);
  const sums = columnSums(out);
  assertClose((fx.featureNames as string[]).map((n) => sums.get(n)!), fx.testColumnSums, 1e-9, `${what}: test column sums`);
  const trainSums = columnSums(fitted);
  assertClose((fx.featureNames as string[]).map((n) => trainSums.get(n)!), fx.trainColumnSums, 1e-9, `${what}: train column sums`);
  const pos = new Map(out.names.map((n, j) => [n, j]));
  for (const [row, expected] of Object.entries(fx.testRows as Record<string, number[]>)) {
    const r = frameRow(out, Number(row));
    assertClose((fx.featureNames as string[]).map((n) => r[pos.get(n)!]), expected, 1e-9, `${what}: test row ${row}`);
  }
}

test('ColumnTransformer (median impute + standard scale | one-hot) on online-shoppers matches scikit-learn', () => {
  assert.equal(rest.nRows, fx.nTest);
  const ct = new ColumnTransformer([
    ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new StandardScaler()]]), NUMERIC],
    ['cat', new OneHotEncoder(), CATEGORICAL],
  ]);
  const fittedOut = ct.fitTransform(train);
  const out = ct.transform(rest);
  assert.deepEqual(out.names, fx.featureNames, 'same order as scikit-learn when branches are listed alike');
  assertMatchesSklearn(out, fittedOut, 'ColumnTransformer');
  const enc = (ct.transformers[1][1] as OneHotEncoder);
  assert.deepEqual(enc.unknownCounts, fx.unknownCounts);
});

test('buildPreprocessor for the same spec gives the same features as scikit-learn', () => {
  const p = buildPreprocessor({ numeric: { impute: 'median', scale: 'standard' }, categorical: { columns: ['OperatingSystems', 'Browser', 'Region', 'TrafficType'] } }, train);
  const fittedOut = p.fitTransform(train);
  assertMatchesSklearn(p.transform(rest), fittedOut, 'buildPreprocessor');
  assert.deepEqual(p.notes, []);
});
