/**
 * trainyard as a library — `import { LogisticRegression, evaluatePredictions } from 'trainyard'`: the
 * library layers (core, preprocess, models, metrics, selection), which load no database or queue driver.
 * The layers above are subpath exports, each loading its drivers only when used:
 *
 * - `trainyard/data`: load files and databases into frames (`loadFrame`), join, de-duplicate, write CSV;
 * - `trainyard/tracking`: the run store (`openStore`), SQLite or PostgreSQL;
 * - `trainyard/cluster`: executors (local threads, BullMQ cluster), the worker, data-parallel fits;
 * - `trainyard/report`: the HTML reports;
 * - `trainyard/experiment`: specs, runs, saved model bundles, predict/evaluate files, recommenders.
 */
export * from './core/errors.js';
export { Rng } from './core/rng.js';
export { Matrix, takeValues } from './core/matrix.js';
export { Frame, numericColumn, dictColumn, type Column, type ColumnType, type NumericColumn, type DictColumn } from './core/frame.js';
export { Estimator, isClassifier, type Classifier, type EstimatorState, type FitOptions, type EpochLogs, type StateValue } from './core/estimator.js';
export { encodeModel, decodeModel, readModelFile, writeModelFile, MODEL_FORMAT_VERSION } from './core/model-file.js';
export * from './preprocess/index.js';
export * from './models/linear/index.js';
export {
  MLPClassifier,
  MLPRegressor,
  MLP_CLASSIFIER_DEFAULTS,
  NeuralNetClassifier,
  NeuralNetRegressor,
  Sequential,
  fitSequential,
  fitSequentialAsync,
  Dense,
  Dropout,
  BatchNormalization,
  SgdOptimizer,
  AdamOptimizer,
  AdamWOptimizer,
  RmspropOptimizer,
  StepDecay,
  ExponentialDecay,
  CosineDecay,
  ReduceOnPlateau,
  EarlyStopping,
  type MLPClassifierParams,
  type MLPRegressorParams,
  type NeuralNetClassifierParams,
  type NeuralNetRegressorParams,
  type LayerSpec,
} from './models/neural/index.js';
export { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor, ExtraTreesClassifier, ExtraTreesRegressor } from './models/tree/index.js';
export { HistGradientBoostingClassifier, HistGradientBoostingRegressor, type HistGradientBoostingParams } from './models/boosting/index.js';
export { SVC, SVR, type SVCParams, type SVRParams } from './models/svm/index.js';
export { KNeighborsClassifier, KNeighborsRegressor, type KNeighborsParams } from './models/neighbors/index.js';
export { GaussianNB, MultinomialNB, type GaussianNBParams, type MultinomialNBParams } from './models/bayes/index.js';
export * from './models/recommend/index.js';
export { getModel, listModels, registerModel, modelEntry, estimatorFromState, type ModelEntry } from './models/registry.js';
export * from './metrics/index.js';
export * from './selection/index.js';
export { TRAINYARD_VERSION } from './core/version.js';
