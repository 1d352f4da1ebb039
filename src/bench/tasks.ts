/**
 * The benchmark's task list (issue #3): online shoppers, telco churn, kc-house, penguins, the 1M×40
 * synthetic set, and CSV loading. Real data is reached through `datasetPath` only, so the benchmark
 * runs wherever `shared/` sits beside the repository.
 */
import { datasetPath } from '../testing/paths.js';
import { classifierPairs, regressorPairs, syntheticPairs } from './model-pairs.js';
import type { BenchTask } from './task-types.js';

/** Split of every real data set: 80/20, stratified for classification, seed 0 (anchors.md). */
const SPLIT = { test: 0.2, stratify: true, seed: 0 };

/**
 * All tasks, in run order. `names` picks a subset (unknown names throw, listing the known ones).
 *
 * @example
 * benchTasks(['penguins']).map((t) => t.name); // ['penguins']
 */
export function benchTasks(names: string[] = []): BenchTask[] {
  const all: BenchTask[] = [
    {
      kind: 'tabular',
      name: 'shoppers',
      description: 'online shoppers, binary (Revenue)',
      source: datasetPath('online-shoppers', 'online_shoppers_intention.csv'),
      target: 'Revenue',
      task: 'classification',
      // The encoding of anchors.md: these integer codes are categories, not quantities.
      preprocess: {
        numeric: { impute: 'median', scale: 'standard' },
        categorical: { impute: 'most_frequent', encode: 'onehot', columns: ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] },
      },
      split: SPLIT,
      pairs: classifierPairs(),
    },
    {
      kind: 'tabular',
      name: 'telco',
      description: 'telco churn, binary (Churn)',
      source: datasetPath('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'),
      target: 'Churn',
      // TotalCharges is blank for 11 new customers: read as missing, then median-imputed.
      coerce: 'nan',
      task: 'classification',
      preprocess: { numeric: { impute: 'median', scale: 'standard' }, categorical: { impute: 'most_frequent', encode: 'onehot' }, drop: ['customerID'] },
      split: SPLIT,
      pairs: classifierPairs(),
    },
    {
      kind: 'tabular',
      name: 'kc-house',
      description: 'King County house sales, regression (price; date as epoch ms)',
      source: datasetPath('kc-house', 'kc_house_data.csv'),
      target: 'price',
      task: 'regression',
      preprocess: { numeric: { impute: 'median', scale: 'standard' }, drop: ['id'] },
      split: { ...SPLIT, stratify: false },
      pairs: regressorPairs(),
    },
    {
      kind: 'tabular',
      name: 'penguins',
      description: 'Palmer penguins, multiclass (species; NA values)',
      source: datasetPath('penguins', 'penguins_size.csv'),
      target: 'species',
      task: 'classification',
      preprocess: { numeric: { impute: 'median', scale: 'standard' }, categorical: { impute: 'most_frequent', encode: 'onehot' } },
      split: SPLIT,
      pairs: classifierPairs(),
    },
    {
      kind: 'synthetic',
      name: 'synthetic',
      description: 'make_classification 1M×40 (anchors.md), first 800k train, standard-scaled',
      rows: 1_000_000,
      cols: 40,
      trainRows: 800_000,
      memoryTarget: 2,
      pairs: syntheticPairs(),
    },
    { kind: 'csv', name: 'csv', description: 'CSV load 1M×40 numeric: loadFrame vs pandas read_csv(float32)', rows: 1_000_000, cols: 40 },
  ];
  if (names.length === 0) return all;
  const known = all.map((t) => t.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown benchmark task ${unknown.map((u) => `'${u}'`).join(', ')}; known tasks: ${known.join(', ')}`);
  return all.filter((t) => names.includes(t.name));
}
