/**
 * `trainyard run`'s one entry: a `task: recommend` spec goes to the recommender run
 * (recommend/recommend-run.ts), any other spec to the tabular run (tabular/tabular-run.ts). It sits
 * above both so that neither run imports the other.
 */
import { runRecommendExperiment, type RecommendRunResult } from './recommend/recommend-run.js';
import type { RunOptions } from './run/run-options.js';
import { isRecommendSpec, type LoadedRecommendSpec } from './spec/recommend-spec.js';
import type { LoadedSpec } from './spec/spec.js';
import { runTabularExperiment, type RunResult } from './tabular/tabular-run.js';

export type { RunObserver, RunOptions, RunTaskProgress } from './run/run-options.js';
export type { RunResult } from './tabular/tabular-run.js';
export type { RecommendRunResult } from './recommend/recommend-run.js';

/**
 * Runs a spec of either kind end to end: load, select, refit, evaluate, save the model and the
 * report, record the run.
 *
 * @example
 * const r = await runExperiment(loadAnySpec('examples/online-shoppers/spec.yaml'), { store: 'trainyard.db' });
 * r.test;
 */
export function runExperiment(loaded: LoadedRecommendSpec, options?: RunOptions): Promise<RecommendRunResult>;
export function runExperiment(loaded: LoadedSpec, options?: RunOptions): Promise<RunResult>;
export function runExperiment(loaded: LoadedSpec | LoadedRecommendSpec, options?: RunOptions): Promise<RunResult | RecommendRunResult>;
export function runExperiment(loaded: LoadedSpec | LoadedRecommendSpec, options: RunOptions = {}): Promise<RunResult | RecommendRunResult> {
  return isRecommendSpec(loaded) ? runRecommendExperiment(loaded, options) : runTabularExperiment(loaded, options);
}
