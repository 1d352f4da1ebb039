/**
 * trainyard as a library: `import { LogisticRegression, loadFrame, evaluatePredictions } from 'trainyard'`.
 * Layers from the bottom up; the CLI is the only part not exported.
 */
export * from './core/errors.js';
export { Rng } from './core/rng.js';
export { Matrix, takeValues } from './core/matrix.js';
export { Frame, numericColumn, dictColumn, type Column, type ColumnType, type NumericColumn, type DictColumn } from './core/frame.js';
export { Estimator, isClassifier, type Classifier, type EstimatorState, type FitOptions, type EpochLogs, type StateValue } from './core/estimator.js';
export { encodeModel, decodeModel, readModelFile, writeModelFile, MODEL_FORMAT_VERSION } from './core/model-file.js';
export { loadFrame, loadAndJoin, joinFrames, dropDuplicateRows, writeCsv, inferColumnType, type SourceSpec, type LoadReport, type JoinSpec } from './data/index.js';
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
export { openStore, newRunId, type Store, type CompletedRun, type MetricPoint } from './tracking/store.js';
export { renderReportHtml } from './report/render-html.js';
export type { ReportData, LeaderboardRow, Curve, LearningCurve } from './report/report-data.js';
export { loadSpec, loadAnySpec, validateSpec, type ExperimentSpec, type LoadedSpec } from './experiment/spec.js';
export { validateRecommendSpec, isRecommendSpec, type RecommendSpec, type LoadedRecommendSpec } from './experiment/recommend-spec.js';
export { runRecommendExperiment, type RecommendRunResult } from './experiment/recommend-run.js';
export { loadRecommender, LoadedRecommender, type Recommendation, type RecommendOptions } from './experiment/recommender-bundle.js';
export { runExperiment, type RunOptions, type RunResult, type RunObserver } from './experiment/run-experiment.js';
export { InlineExecutor, LocalExecutor, type Executor } from './experiment/executor.js';
export { loadBundle, saveBundle, predictWithBundle, type ModelBundle } from './experiment/model-bundle.js';
export { ClusterExecutor, type ClusterExecutorOptions } from './experiment/cluster-executor.js';
// The experiment-bound worker keeps the name the package has always exported.
export { startExperimentWorker as startClusterWorker, type ExperimentWorkerOptions as ClusterWorkerOptions } from './experiment/experiment-worker.js';
export {
  fitLogisticRegressionDataParallel,
  fitRidgeDataParallel,
  fitMlpDataParallel,
  fitMlpRegressorDataParallel,
  fitGradientBoostingDataParallel,
  fitGradientBoostingRegressorDataParallel,
  type DataParallelOptions,
  type DataParallelBoostingStats,
} from './execution/data-parallel/data-parallel-fits.js';
export { evaluateFile } from './experiment/evaluate-file.js';
export { predictFile } from './experiment/predict-file.js';
export { TRAINYARD_VERSION } from './version.js';
