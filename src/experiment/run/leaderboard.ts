/** Aggregates fold scores into a ranked leaderboard (mean ± population std, as scikit-learn's cv_results_). */
import type { LeaderboardRow } from '../../report/report-data.js';
import type { CandidateConfig, CvTaskResult, FoldTaskBase } from './fold-task.js';

/** How many leaderboard rows a run's result (and `trainyard run`'s summary) carries; the report has them all. */
export const LEADERBOARD_TOP = 10;

export interface Leaderboard {
  metricKey: string;
  rows: LeaderboardRow[];
  /** The configuration of each row, in rank order. */
  configs: CandidateConfig[];
}

/** Ranks `configs` by their tasks' mean score; rows carry the params the tasks ran with. */
export function buildLeaderboard(configs: CandidateConfig[], tasks: readonly Pick<FoldTaskBase, 'id' | 'candidate' | 'config' | 'params'>[], results: CvTaskResult[], metricKey: string, direction: 'max' | 'min'): Leaderboard {
  const byId = new Map(results.map((r) => [r.taskId, r]));
  const rows = configs.map((cfg) => {
    const ownTasks = tasks.filter((t) => t.candidate === cfg.candidate && t.config === cfg.config);
    const own = ownTasks.map((t) => byId.get(t.id)!);
    const foldScores = own.map((r) => r.score);
    const mean = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
    const std = Math.sqrt(foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / foldScores.length);
    return { rank: 0, model: cfg.model, params: ownTasks[0].params, foldScores, mean, std, fitSeconds: own.reduce((a, r) => a + r.fitSeconds, 0) };
  });
  const sign = direction === 'max' ? -1 : 1;
  // Stable sort: ties keep spec order, so the same spec always picks the same best.
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => sign * (a.r.mean - b.r.mean) || a.i - b.i);
  const ranked = order.map(({ r }, k) => ({ ...r, rank: k + 1 }));
  return { metricKey, rows: ranked, configs: order.map(({ i }) => configs[i]) };
}

/** The configuration selection picked, as both runs refit and record it. */
export interface SelectedCandidate {
  config: CandidateConfig;
  model: string;
  /** The params its tasks ran with (with successive halving: those of the full-budget round). */
  params: Record<string, unknown>;
  /** Its mean selection score; null when there was nothing to select from. */
  cvScore: number | null;
}

/**
 * The leaderboard's winner.
 *
 * @example
 * const best = bestOf(board); // refit best.model with best.params
 */
export function bestOf(board: Leaderboard): SelectedCandidate & { cvScore: number } {
  const row = board.rows[0];
  return { config: board.configs[0], model: row.model, params: row.params, cvScore: row.mean };
}
