/**
 * The real data sets of the model quality tests and benchmarks (trees, neighbours, naive Bayes),
 * prepared as their scikit-learn generators (`fixtures/tree/generate.py`, `fixtures/neighbors/generate.py`,
 * `fixtures/bayes/generate.py`) prepare them: the split is trainyard's `trainTestSplit` (seed 0; its test
 * indices are stored in the fixtures and the generators use them), preprocessing is `buildPreprocessor`
 * fitted on the training rows (median impute + standard scale numerics, one-hot categoricals — a
 * scikit-learn ColumnTransformer alike). Test and benchmark support only; not exported from the package.
 */
import type { Frame } from '../../core/frame.js';
import type { Matrix } from '../../core/matrix.js';
import { loadFrame } from '../../data/load-frame.js';
import { buildPreprocessor, resolveColumnRoles, type PreprocessSpec } from '../../preprocess/from-spec.js';
import { toMatrix } from '../../preprocess/to-matrix.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../paths.js';

/** A prepared train/test split and what a Python generator needs to rebuild it. */
export interface ReferenceSplit {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
  featureNames: string[];
  /** Test row numbers into `rows` (or the file's rows when `rows` is null). */
  test: Int32Array;
  /** File rows used (all when null). */
  rows: Int32Array | null;
  /** Columns the preprocessor treated as numeric. */
  numeric: string[];
  /** Columns the preprocessor one-hot encoded. */
  categorical: string[];
}

/**
 * A copy of a numeric column's values.
 *
 * @example
 * const y = numericColumn(frame, 'Revenue');
 */
export function numericColumn(frame: Frame, name: string): Float64Array {
  const c = frame.column(name);
  if (c.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c.values.slice();
}

/**
 * Splits 80/20 (seed 0, stratified by y when asked) and preprocesses, fitting on the training rows.
 *
 * @example
 * const d = prepareSplit(frame.drop(['price']), y, { drop: ['date'] }, false, null);
 */
export function prepareSplit(features: Frame, y: Float64Array, spec: PreprocessSpec, stratify: boolean, rows: Int32Array | null): ReferenceSplit {
  const { train, test } = trainTestSplit(features.nRows, { stratify: stratify ? y : undefined, seed: 0 });
  const trainFrame = features.take(train);
  const roles = resolveColumnRoles(spec, trainFrame);
  const pre = buildPreprocessor(spec, trainFrame);
  const tr = toMatrix(pre.fitTransform(trainFrame));
  const Xtest = toMatrix(pre.transform(features.take(test))).X;
  const pick = (idx: Int32Array): Float64Array => Float64Array.from(idx, (i) => y[i]);
  return { Xtrain: tr.X, ytrain: pick(train), Xtest, ytest: pick(test), featureNames: tr.featureNames, test, rows, numeric: roles.numeric, categorical: roles.categorical };
}

/**
 * Online shoppers (12,330 sessions): target Revenue, stratified 80/20, anchors.md's categorical columns one-hot.
 *
 * @example
 * const { Xtrain, ytrain, Xtest } = await shoppersSplit();
 */
export async function shoppersSplit(): Promise<ReferenceSplit> {
  const { frame } = await loadFrame({ source: datasetPath('online-shoppers', 'online_shoppers_intention.csv') });
  const y = numericColumn(frame, 'Revenue');
  const categorical = ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'];
  return prepareSplit(frame.drop(['Revenue']), y, { categorical: { columns: categorical } }, true, null);
}

/**
 * Palmer penguins: rows with a missing value (or sex '.') dropped; target species as its index in
 * sorted name order (scikit-learn's LabelEncoder order); stratified.
 *
 * @example
 * const d = await penguinsCompleteSplit(); // d.rows: the complete rows of the CSV
 */
export async function penguinsCompleteSplit(): Promise<ReferenceSplit> {
  const { frame } = await loadFrame({ source: datasetPath('penguins', 'penguins_size.csv') });
  const kept: number[] = [];
  for (let i = 0; i < frame.nRows; i++) {
    const complete = frame.columns.every((c) => (c.kind === 'numeric' ? Number.isFinite(c.values[i]) : c.codes[i] >= 0 && !['.', 'NA'].includes(c.dictionary[c.codes[i]])));
    if (complete) kept.push(i);
  }
  const rows = Int32Array.from(kept);
  const f = frame.take(rows);
  const species = f.column('species');
  if (species.kind !== 'dict') throw new Error('species is not categorical');
  const sorted = [...species.dictionary].sort();
  const y = Float64Array.from(species.codes, (c) => sorted.indexOf(species.dictionary[c]));
  return prepareSplit(f.drop(['species']), y, {}, true, rows);
}

/**
 * King County houses (21,613 sales, 4 without a price dropped; every `step`-th sale when `step` > 1):
 * target price, `id` and `date` left out, random 80/20.
 *
 * @example
 * const d = await kcHousePriceSplit(5); // 4,322 sales
 */
export async function kcHousePriceSplit(step = 1): Promise<ReferenceSplit> {
  const { frame } = await loadFrame({ source: datasetPath('kc-house', 'kc_house_data.csv') });
  const price = numericColumn(frame, 'price');
  const kept: number[] = [];
  for (let i = 0; i < frame.nRows; i += step) if (Number.isFinite(price[i])) kept.push(i);
  const rows = Int32Array.from(kept);
  const f = frame.take(rows);
  return prepareSplit(f.drop(['price']), numericColumn(f, 'price'), { drop: ['date'] }, false, rows);
}
