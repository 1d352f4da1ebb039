/**
 * The cross-validation leaderboard, as in the HTML report: candidates in rank order, mean ± std of the
 * selection metric, each fold's score as a dot on one scale shared by all rows, the winner highlighted.
 */
import { useState } from 'preact/hooks';
import type { LeaderboardRow } from '../api-types';
import { formatMetric, formatSeconds, metricLabel, MISSING } from '../format';
import { Params } from './ui';

const VISIBLE = 15;

function FoldDots({ scores, mean, lo, hi }: { scores: number[]; mean: number; lo: number; hi: number }) {
  const w = 140;
  const x = (v: number): number => 6 + ((v - lo) / (hi - lo || 1)) * (w - 12);
  const title = scores.map((s) => formatMetric(s)).join(', ');
  return (
    <svg class="folds" viewBox={`0 0 ${w} 18`} width={w} height={18} role="img" aria-label={`fold scores ${title}`}>
      <title>{title}</title>
      <line class="axis" x1={6} x2={w - 6} y1={9} y2={9} />
      {Number.isFinite(mean) && <line class="mean" x1={x(mean)} x2={x(mean)} y1={2} y2={16} />}
      {scores.filter(Number.isFinite).map((s, i) => (
        <circle key={i} cx={x(s)} cy={9} r={3.4} />
      ))}
    </svg>
  );
}

export function Leaderboard({ rows, metric, folds }: { rows: LeaderboardRow[]; metric: string; folds: number }) {
  const [all, setAll] = useState(false);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const s of r.foldScores) {
      if (!Number.isFinite(s)) continue;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
  if (lo > hi) [lo, hi] = [0, 1];
  const shown = all ? rows : rows.slice(0, VISIBLE);
  return (
    <>
      <div class="scroll">
        <table class="table leaderboard">
          <thead>
            <tr>
              <th class="num">#</th>
              <th>Model</th>
              <th>Parameters</th>
              <th class="num">{metricLabel(metric)}{folds > 1 ? ' (mean ± std)' : ''}</th>
              <th>{folds > 1 ? `${folds} folds` : 'validation split'}</th>
              <th class="num">Fold scores</th>
              <th class="num">Fit time</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.rank}-${r.model}`} class={r.rank === 1 ? 'best' : ''}>
                <td class="num rank">{r.rank}</td>
                <td class="model">{r.model}</td>
                <td class="params">
                  <Params params={r.params} />
                </td>
                <td class="num score">
                  {formatMetric(r.mean)}
                  {folds > 1 && <span class="pm"> ± {Number.isFinite(r.std) ? formatMetric(r.std) : MISSING}</span>}
                </td>
                <td>
                  <FoldDots scores={r.foldScores} mean={r.mean} lo={lo} hi={hi} />
                </td>
                <td class="num fold-list">{r.foldScores.map((s) => formatMetric(s)).join(' · ')}</td>
                <td class="num">{formatSeconds(r.fitSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > VISIBLE && (
        <button type="button" class="btn btn-ghost btn-sm more" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show ${rows.length - VISIBLE} more candidates`}
        </button>
      )}
    </>
  );
}
