/**
 * How big a search may be, checked from the spec before any data is read or any list is built: a
 * candidate's grid at most {@link MAX_GRID_CONFIGURATIONS} settings, a run at most
 * {@link MAX_RUN_TASKS} tasks (configurations × folds, × (1 + outer folds) with nested CV). Both
 * limits are in the README's spec section; above them the spec fails with E_SPEC naming the
 * candidate and its size, and suggesting random search, which samples a space without expanding it.
 */
import { SpecError } from '../../core/errors.js';
import { expandGrid, formatGridSize, gridSize, MAX_GRID_CONFIGURATIONS } from '../../selection/param-grid.js';
import { sampleParams } from '../../selection/param-distributions.js';

export { MAX_GRID_CONFIGURATIONS };

/** The most (configuration, fold) tasks one run may hold. */
export const MAX_RUN_TASKS = 100_000;

/** A candidate as the spec gives it. */
export interface CandidateSpec {
  model: string;
  params?: Record<string, unknown>;
}

/** Random search (sampled settings) or grid search (every setting). */
export type SearchSampling = { sample: true; iterations: number; seed: number } | { sample: false };

/**
 * How many settings candidate `ci` tries; E_SPEC (naming `select.candidates[ci]`) when its grid is
 * over the limit. Counts only: nothing is expanded.
 */
export function candidateSize(file: string, ci: number, c: CandidateSpec, defaults: Record<string, unknown>, search: SearchSampling): number {
  if (search.sample) return search.iterations;
  const { size, dimensions } = gridSize(c.params ?? {}, defaults);
  if (size > MAX_GRID_CONFIGURATIONS) {
    const path = `select.candidates[${ci}]`;
    const dims = Object.entries(dimensions)
      .filter(([, n]) => n > 1)
      .map(([k, n]) => `${k}: ${n}`)
      .join(' × ');
    throw new SpecError(
      `${file}: ${path}.params: the grid of '${c.model}' has ${formatGridSize(size)} configurations (${dims}), more than the limit of ${MAX_GRID_CONFIGURATIONS.toLocaleString('en-US')} per candidate; ` +
        `sample it instead with select.search: { method: random, iterations: 100 } (lists are then drawn from, not expanded), or give fewer values per parameter`,
      { file, path: `${path}.params`, model: c.model, size, limit: MAX_GRID_CONFIGURATIONS },
    );
  }
  return size;
}

/** Candidate `ci`'s settings: sampled, or its grid expanded (after the size check). */
export function candidateSettings(file: string, ci: number, c: CandidateSpec, defaults: Record<string, unknown>, search: SearchSampling): Record<string, unknown>[] {
  candidateSize(file, ci, c, defaults, search);
  return search.sample ? sampleParams(c.params ?? {}, defaults, search.iterations, search.seed + ci) : expandGrid(c.params ?? {}, defaults);
}

/**
 * E_SPEC when `sizes` (settings per candidate) × `tasksPerConfig` is more than {@link MAX_RUN_TASKS};
 * `per` says what a configuration's tasks are (e.g. `5 folds`).
 */
export function checkRunTasks(file: string, sizes: readonly number[], tasksPerConfig: number, per: string): void {
  const configs = sizes.reduce((a, b) => a + b, 0);
  const tasks = configs * tasksPerConfig;
  if (tasks <= MAX_RUN_TASKS) return;
  let biggest = 0;
  for (let i = 1; i < sizes.length; i++) if (sizes[i] > sizes[biggest]) biggest = i;
  throw new SpecError(
    `${file}: select: this search is ${formatGridSize(configs)} configurations × ${per} = ${formatGridSize(tasks)} tasks, more than the limit of ${MAX_RUN_TASKS.toLocaleString('en-US')} per run ` +
      `(the largest is select.candidates[${biggest}], ${formatGridSize(sizes[biggest])} configurations); use select.search: { method: random, iterations: N } with fewer iterations, fewer values per parameter, or fewer folds`,
    { file, path: `select.candidates[${biggest}]`, configurations: configs, tasks, limit: MAX_RUN_TASKS },
  );
}
