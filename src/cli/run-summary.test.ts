import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldLabel } from './progress.js';
import { leaderboardText, runSummaryText, settingText } from './run-summary.js';

const row = (rank: number, model: string, params: Record<string, unknown>, mean: number) => ({ rank, model, params, foldScores: [mean], mean, std: 0.0123, fitSeconds: 0.25 });

test('a finished task reads as model, setting, fold of folds and the metric', () => {
  const t = { id: 'c0.1/f2', candidate: 0, config: 1, model: 'logistic_regression', params: { C: 1, penalty: 'l2' }, fold: 2, folds: 5, metric: 'f1' };
  assert.equal(foldLabel(t, 0.47), 'logistic_regression C=1 penalty=l2 · fold 3/5: f1 0.4700');
  assert.equal(foldLabel({ ...t, params: {}, metric: undefined }, 0.5), 'logistic_regression · fold 3/5: score 0.5000');
  assert.equal(settingText({ hidden: [64, 32] }), 'hidden=[64,32]');
});

test('the run summary starts with the leaderboard (rank, setting, mean ± std, fit time), then the best and the test metrics', () => {
  const rows = [row(1, 'decision_tree', { maxDepth: 3 }, 0.643), row(2, 'logistic_regression', {}, 0.5)];
  const table = leaderboardText(rows).split('\n');
  assert.match(table[0], /^#\s+model\s+setting\s+cv score \(mean ± std\)\s+fit time$/);
  assert.match(table[1], /^1\s+decision_tree\s+maxDepth=3\s+0\.643 ± 0\.012\s+250 ms$/);
  assert.match(table[2], /^2\s+logistic_regression\s+\(defaults\)\s+0\.500 ± 0\.012/);
  const text = runSummaryText({ runId: 'r1', best: { model: 'decision_tree', params: { maxDepth: 3 }, cvScore: 0.643 }, test: { f1: 0.6, confusionMatrix: [[1]] }, leaderboard: rows, modelPath: 'm', reportPath: 'h' });
  assert.match(text, /^#\s+model[\s\S]*\n\nrun r1: best decision_tree \{"maxDepth":3\} \(cv 0\.6430\)\n  test f1 +0\.6000\nmodel  m\nreport h$/);
  const single = runSummaryText({ runId: 'r2', best: { model: 'x', params: {}, cvScore: null }, test: {}, leaderboard: [rows[0]], modelPath: 'm', reportPath: 'h' });
  assert.ok(single.startsWith('run r2: best x {} (cv —)'), 'one candidate: no table');
});
