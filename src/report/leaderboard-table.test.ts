import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLeaderboard } from './leaderboard-table.js';
import type { LeaderboardRow } from './report-data.js';

const row = (rank: number, foldScores: number[]): LeaderboardRow => {
  const mean = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
  const std = Math.sqrt(foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / foldScores.length);
  return { rank, model: 'ease', params: {}, foldScores, mean, std, fitSeconds: 0.5 };
};

test('cross-validation rows show mean ± std and one dot per fold', () => {
  const html = renderLeaderboard([row(1, [0.5, 0.7]), row(2, [0.4, 0.4])], 'f1', 2);
  assert.match(html, /F1 \(mean ± std\)<\/th><th>2 folds<\/th>/);
  assert.match(html, /0\.600<span class="pm"> ± 0\.100<\/span>/);
});

test('a single validation split shows the score alone under the caller\'s label', () => {
  const html = renderLeaderboard([row(1, [0.492])], 'ndcg@10', 1, 'nDCG@10');
  assert.match(html, /nDCG@10<\/th><th>validation split<\/th>/);
  assert.doesNotMatch(html, /±|1 folds/);
});
