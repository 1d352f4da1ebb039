/**
 * `trainyard/experiment`: the whole chain from a spec — load → split → select → refit → evaluate → save →
 * record — for tabular and recommender specs, and the saved bundles it leaves.
 *
 * @example
 * import { loadAnySpec, runExperiment } from 'trainyard/experiment';
 * const result = await runExperiment(loadAnySpec('examples/online-shoppers/spec.yaml'), { store: 'trainyard.db', outDir: 'runs' });
 */
export { loadSpec, loadAnySpec, validateSpec, type ExperimentSpec, type LoadedSpec } from './spec/spec.js';
export { validateRecommendSpec, isRecommendSpec, type RecommendSpec, type LoadedRecommendSpec } from './spec/recommend-spec.js';
export { runExperiment, type RunOptions, type RunResult, type RunObserver } from './run.js';
export { runRecommendExperiment, type RecommendRunResult } from './recommend/recommend-run.js';
export { loadBundle, saveBundle, predictWithBundle, type ModelBundle } from './tabular/model-bundle.js';
export { loadRecommender, LoadedRecommender, type Recommendation, type RecommendOptions } from './recommend/recommender-bundle.js';
export { evaluateFile } from './tabular/evaluate-file.js';
export { predictFile } from './tabular/predict-file.js';
export { InlineExecutor, LocalExecutor, type Executor, type TaskProgress } from './executor.js';
export { ClusterExecutor } from './cluster-executor.js';
export { startExperimentWorker, type ExperimentWorkerOptions } from './experiment-worker.js';
export { RowPredictor, DEFAULT_MAX_ROWS, type RowPredictions, type RowPredictorOptions } from './tabular/predict-rows.js';
export { recommendBatch, MAX_BATCH_USERS, MAX_K } from './recommend/recommend-batch.js';
