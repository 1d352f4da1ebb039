/**
 * A recommend spec on the cluster executor for real: two `trainyard worker` processes on the local
 * Redis and PostgreSQL run its candidate × fold tasks (interactions shipped as a content-addressed
 * snapshot through the store) and give the same `best` and `test` as one local thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { writeSyntheticInteractions } from '../../experiment/recommend/interactions.test-helpers.js';
import { assertSameAsLocalRun, runCli, storedRunResultCount, TEST_PG as PG, TEST_REDIS as REDIS, withTwoWorkers, writeSpec } from '../../testing/cli.js';

test('recommend spec on 2 cluster workers = local run; one stored result per task', async (t) => {
  await withTwoWorkers(t, async ({ dir, schema, store, queue, workers }) => {
    const specPath = writeSpec(dir, `name: rec-cluster
task: recommend
data: { source: ${writeSyntheticInteractions(dir)} }
split: { method: kfold, folds: 3, seed: 2 }
select:
  metric: ndcg@5
  candidates:
    - { model: popularity, params: { by: [count, weight] } }
    - { model: item_knn }
evaluate: { metrics: [ndcg@5, precision@5, coverage@5] }
`);
    const cluster = runCli(['run', specPath, '--cluster', REDIS, '--queue', queue, '--store', store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    assert.equal(cluster.status, 0, cluster.stderr + workers.map((w) => w.stderrText()).join('\n'));
    assertSameAsLocalRun(cluster, specPath, dir);
    assert.equal(await storedRunResultCount(schema, cluster.json.runId), 9, '3 configurations × 3 folds');
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      const runs = await client.query(`SELECT status FROM "${schema}".runs WHERE id = $1`, [cluster.json.runId]);
      assert.equal(runs.rows[0].status, 'finished');
    } finally {
      await client.end();
    }
  });
});
