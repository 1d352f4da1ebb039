/** Aggregates fold scores into a ranked leaderboard (mean ± population std, as scikit-learn's cv_results_). */
import type { LeaderboardRow } from '../report/report-data.js';
import type { CvTaskResult } from './cv-task.js';
import type { CvPlan } from './plan.js';

export interface Leaderboard {
  metricKey: string;
  rows: LeaderboardRow[];
}

export function buildLeaderboard(plan: CvPlan, results: CvTaskResult[]): Leaderboard {
  const byId = new Map(results.map((r) => [r.taskId, r]));
  const rows = plan.configs.map((cfg) => {
    const own = plan.tasks.filter((t) => t.candidate === cfg.candidate && t.config === cfg.config).map((t) => byId.get(t.id)!);
    const foldScores = own.map((r) => r.score);
    const mean = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
    const std = Math.sqrt(foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / foldScores.length);
    return { rank: 0, model: cfg.model, params: cfg.params, foldScores, mean, std, fitSeconds: own.reduce((a, r) => a + r.fitSeconds, 0) };
  });
  const sign = plan.direction === 'max' ? -1 : 1;
  // Stable sort: ties keep spec order, so the same spec always picks the same best.
  const ranked = rows.map((r, i) => ({ r, i })).sort((a, b) => sign * (a.r.mean - b.r.mean) || a.i - b.i).map(({ r }) => r);
  ranked.forEach((r, i) => (r.rank = i + 1));
  return { metricKey: plan.metricKey, rows: ranked };
}
