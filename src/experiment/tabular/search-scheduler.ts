/**
 * Search strategies as schedulers over the same task protocol: grid and random search run every
 * configuration × fold in one batch; successive halving (Jamieson & Talwalkar 2016; scikit-learn's
 * HalvingGridSearchCV) runs rounds — all configurations at a small budget of an iterative parameter
 * (epochs, boosting rounds, iterations), then the best 1/factor at factor× the budget, and so on.
 * Every round's tasks have their own ids, so a resumed run skips finished rounds and tasks.
 */
import { SpecError } from '../../core/errors.js';
import type { LeaderboardRow } from '../../report/report-data.js';
import type { CvTask } from './cv-task.js';
import { buildLeaderboard, type Leaderboard } from '../run/leaderboard.js';
import type { CvPlan } from './plan.js';
import type { ExperimentSpec } from '../spec/spec.js';
import type { CvTaskResult, CandidateConfig } from '../run/fold-task.js';

/** Runs a batch of a plan's tasks (skipping ones finished earlier) and returns their results in order. */
export type ExecuteBatch = (plan: CvPlan, tasks: CvTask[], label: string) => Promise<CvTaskResult[]>;

export async function runSearch(plan: CvPlan, spec: ExperimentSpec, file: string, execute: ExecuteBatch): Promise<Leaderboard> {
  const search = spec.select.search;
  if (search.method !== 'halving') {
    const results = await execute(plan, plan.tasks, `${plan.configs.length} configurations × ${plan.folds} folds`);
    return buildLeaderboard(plan.configs, plan.tasks, results, plan.metricKey, plan.direction);
  }
  const { resource, minResource, maxResource, factor } = search;
  if (!resource || minResource === undefined || maxResource === undefined || minResource > maxResource) {
    throw new SpecError(`${file}: select.search: halving needs resource (e.g. epochs), minResource and maxResource (minResource <= maxResource)`, { file, path: 'select.search' });
  }
  let alive: CandidateConfig[] = plan.configs;
  let value = minResource;
  let eliminated: LeaderboardRow[] = [];
  let eliminatedConfigs: CandidateConfig[] = [];
  for (let round = 0; ; round++) {
    const budget = Math.round(value);
    const tasks = plan.makeTasks(alive, { index: round, param: resource, value: budget });
    const results = await execute(plan, tasks, `round ${round + 1}: ${alive.length} configurations × ${plan.folds} folds at ${resource} = ${budget}`);
    const board = buildLeaderboard(alive, tasks, results, plan.metricKey, plan.direction);
    if (alive.length === 1 || budget >= maxResource) {
      const rows = [...board.rows, ...eliminated].map((r, i) => ({ ...r, rank: i + 1 }));
      return { metricKey: plan.metricKey, rows, configs: [...board.configs, ...eliminatedConfigs] };
    }
    const keep = Math.max(1, Math.ceil(alive.length / factor));
    // Later rounds' losers rank above earlier rounds' losers, as in scikit-learn's halving search.
    // Prepended by concat, not `unshift(...many)`: spreading thousands of rows into a call can overflow the stack.
    eliminated = board.rows.slice(keep).concat(eliminated);
    eliminatedConfigs = board.configs.slice(keep).concat(eliminatedConfigs);
    alive = board.configs.slice(0, keep);
    value = Math.min(maxResource, value * factor);
  }
}
