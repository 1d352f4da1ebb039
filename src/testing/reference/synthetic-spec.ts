/**
 * The synthetic data set the MLP quality test and its scikit-learn reference
 * (fixtures/neural/sklearn_reference.py) share: 2,000 × 20, the first 1,500 rows train, the rest test.
 */
import type { MakeClassificationOptions } from './synthetic-classification.js';

/** Generator options of the shared synthetic set. */
export const SYNTHETIC_SPEC: MakeClassificationOptions = {
  rows: 2000,
  features: 20,
  informative: 8,
  redundant: 4,
  classes: 2,
  clustersPerClass: 3,
  classSep: 1,
  flipY: 0.02,
  seed: 42,
};

/** Rows used for training; the remaining rows are the held-out test part. */
export const SYNTHETIC_TRAIN_ROWS = 1500;
