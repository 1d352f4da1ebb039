/** What `trainyard run` prints at the end (without `--json`): the leaderboard's top, the best model, the test metrics, the outputs. */
import type { LeaderboardRow } from '../report/report-data.js';
import { formatMetric, formatSeconds } from '../report/format.js';
import { textTable } from './text-table.js';

/** A parameter setting as `C=1 penalty=l2`. */
export function settingText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/**
 * The leaderboard's top rows as a table: rank, model, setting, the selection score's mean ± std over
 * the folds, and the time spent fitting (all folds).
 *
 * @example
 * console.log(leaderboardText(r.leaderboard));
 */
export function leaderboardText(rows: LeaderboardRow[]): string {
  const body = rows.map((r) => [String(r.rank), r.model, settingText(r.params) || '(defaults)', `${formatMetric(r.mean)} ± ${formatMetric(r.std)}`, formatSeconds(r.fitSeconds)]);
  return textTable(['#', 'model', 'setting', 'cv score (mean ± std)', 'fit time'], body, { right: [0, 3, 4] });
}

/** The human summary of a finished run. */
export function runSummaryText(r: { runId: string; best: { model: string; params: Record<string, unknown>; cvScore: number | null }; test: Record<string, unknown>; leaderboard: LeaderboardRow[]; modelPath: string; reportPath: string }): string {
  const lines: string[] = [];
  if (r.leaderboard.length > 1) lines.push(leaderboardText(r.leaderboard), '');
  lines.push(`run ${r.runId}: best ${r.best.model} ${JSON.stringify(r.best.params)} (cv ${r.best.cvScore === null ? '—' : r.best.cvScore.toFixed(4)})`);
  for (const [k, v] of Object.entries(r.test)) if (typeof v === 'number') lines.push(`  test ${k.padEnd(17)} ${v.toFixed(4)}`);
  lines.push(`model  ${r.modelPath}`, `report ${r.reportPath}`);
  return lines.join('\n');
}
