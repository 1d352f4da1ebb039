/**
 * The two specs of the recommender issue, exactly as written (examples/movielens/), run with
 * `trainyard run SPEC --json` from the project root on MovieLens 100K. Quality targets are the model
 * tests' business; here: the JSON shape, the metric keys as written, and sane values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath, repoRoot } from '../testing/paths.js';
import { runCli, tempDir } from '../testing/cli.js';

const dir = tempDir();

function runSpec(name: string) {
  assert.ok(existsSync(datasetPath('movielens-100k', 'u.data')), 'MovieLens 100K in ../shared/datasets');
  // Relative spec path and data path, as a user types them in the project root.
  const r = runCli(['run', `examples/movielens/${name}.yaml`, '--store', join(dir, 'store.db'), '--out', join(dir, 'runs'), '--json', '--quiet'], repoRoot);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(Object.keys(r.json).slice(0, 5), ['runId', 'best', 'test', 'modelPath', 'reportPath']);
  assert.deepEqual(Object.keys(r.json.best), ['model', 'params', 'cvScore']);
  return r.json;
}

test('movielens-100k-ranking: stratified_by_item 75/25, four candidates, top-10 metrics', () => {
  const j = runSpec('ranking');
  assert.deepEqual(Object.keys(j.test), ['precision@10', 'recall@10', 'ndcg@10', 'map@10', 'coverage@10']);
  assert.ok(['bpr', 'als_implicit', 'item_knn', 'popularity'].includes(j.best.model));
  assert.ok(j.test['ndcg@10'] > 0.3, `ndcg@10 ${j.test['ndcg@10']}`);
  assert.ok(j.test['precision@10'] > 0.2, `precision@10 ${j.test['precision@10']}`);
  assert.ok(j.test['ndcg@10'] > j.baselines.popularity['ndcg@10'], 'beats popularity');
  assert.equal(j.coldStart.coldItems, 0, 'stratified by item: every item has training events');
  assert.equal(j.data.events, 100000);
  const report = JSON.parse(readFileSync(join(j.reportPath, '..', 'report.json'), 'utf8'));
  assert.equal(report.selection.leaderboard.length, 5, 'bpr × 2 factors + als_implicit + item_knn + popularity');
  const rec = runCli(['recommend', '--model', j.modelPath, '--user', '196', '--k', '10', '--json']);
  assert.equal(rec.status, 0, rec.stderr);
  assert.equal(rec.json.items.length, 10);
  assert.equal(rec.json.fallback, null);
});

test('movielens-100k-rating: 5-fold biased MF, test = fold means of rmse and mae', () => {
  const j = runSpec('rating');
  assert.deepEqual(Object.keys(j.test), ['rmse', 'mae']);
  assert.deepEqual(j.best, { model: 'biased_mf', params: { factors: 100, epochs: 20 }, cvScore: j.test.rmse });
  assert.ok(j.test.rmse < 0.95, `rmse ${j.test.rmse}`);
  assert.ok(j.test.mae < j.test.rmse);
  assert.equal(j.coldStart.testEvents, 100000, 'five folds cover every rating once');
});
