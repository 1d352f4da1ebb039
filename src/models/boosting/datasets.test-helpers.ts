/**
 * The real data sets the boosting quality tests use, loaded and preprocessed with trainyard's own
 * pipeline (`loadFrame`, `buildPreprocessor`, `toMatrix`) and split with `trainTestSplit` — the
 * same split indices `fixtures/boosting/generate.py` reads (written by `dump-splits.mjs`).
 * Trees need no scaling; categorical columns are one-hot encoded; numeric missing values stay NaN.
 */
import { Matrix } from '../../core/matrix.js';
import { loadFrame } from '../../data/load-frame.js';
import { buildPreprocessor, type PreprocessSpec } from '../../preprocess/from-spec.js';
import { toMatrix } from '../../preprocess/to-matrix.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../../testing/paths.js';

/** A preprocessed hold-out split of one data set. */
export interface QualitySet {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  ytest: Float64Array;
  train: Int32Array;
  test: Int32Array;
  featureNames: string[];
}

interface SetConfig {
  path: string[];
  target: string;
  stratify: boolean;
  preprocess: PreprocessSpec;
}

/** The three quality sets: binary, regression, multiclass. */
export const QUALITY_SETS: Record<'shoppers' | 'kc_house' | 'penguins', SetConfig> = {
  shoppers: {
    path: ['online-shoppers', 'online_shoppers_intention.csv'],
    target: 'Revenue',
    stratify: true,
    preprocess: {
      numeric: { impute: 'none', scale: 'none' },
      categorical: { impute: 'most_frequent', encode: 'onehot', columns: ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] },
    },
  },
  kc_house: {
    path: ['kc-house', 'kc_house_data.csv'],
    target: 'price',
    stratify: false,
    preprocess: { numeric: { impute: 'none', scale: 'none' }, drop: ['id', 'date'] },
  },
  penguins: {
    path: ['penguins', 'penguins_size.csv'],
    target: 'species',
    stratify: true,
    preprocess: { numeric: { impute: 'none', scale: 'none' }, categorical: { impute: 'most_frequent', encode: 'onehot', columns: ['island', 'sex'] } },
  },
};

/** Loads, splits (80/20, seed 0) and preprocesses one quality set. */
export async function loadQualitySet(name: keyof typeof QUALITY_SETS): Promise<QualitySet> {
  const cfg = QUALITY_SETS[name];
  const loaded = (await loadFrame({ source: datasetPath(...cfg.path), coerce: 'nan' })).frame;
  // Rows without a target (4 prices in kc-house) are dropped before splitting, here and in generate.py.
  const t0 = loaded.column(cfg.target);
  const keep = Int32Array.from({ length: loaded.nRows }, (_, i) => i).filter((i) => (t0.kind === 'numeric' ? !Number.isNaN(t0.values[i]) : t0.codes[i] >= 0));
  const frame = keep.length === loaded.nRows ? loaded : loaded.take(keep);
  const t = frame.column(cfg.target);
  const y = t.kind === 'numeric' ? t.values.slice() : Float64Array.from(t.codes);
  const { train, test } = trainTestSplit(frame.nRows, { testFraction: 0.2, seed: 0, stratify: cfg.stratify ? y : undefined });
  const features = frame.drop([cfg.target]);
  const trainFrame = features.take(train);
  const pre = buildPreprocessor(cfg.preprocess, trainFrame);
  const fittedTrain = pre.fitTransform(trainFrame);
  const a = toMatrix(fittedTrain, { allowNaN: true });
  const b = toMatrix(pre.transform(features.take(test)), { allowNaN: true });
  const pick = (idx: Int32Array): Float64Array => Float64Array.from(idx, (i) => y[i]);
  return { Xtrain: a.X, ytrain: pick(train), Xtest: b.X, ytest: pick(test), train, test, featureNames: a.featureNames };
}
