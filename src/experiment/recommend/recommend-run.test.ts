/** `task: recommend` runs end to end through the library, on a small synthetic interactions file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../tracking/store.js';
import { InlineExecutor, LocalExecutor, type Executor } from '../executor.js';
import { writeSyntheticInteractions } from './interactions.test-helpers.js';
import { validateRecommendSpec } from '../spec/recommend-spec.js';
import { loadRecommender } from './recommender-bundle.js';
import { runExperiment } from '../run.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-recrun-'));
const csv = writeSyntheticInteractions(dir);

function run(over: Record<string, unknown>, executor: Executor = new InlineExecutor()) {
  const spec = validateRecommendSpec({ name: 'rec', task: 'recommend', data: { source: csv }, ...over }, 'rec.yaml');
  return runExperiment({ spec, baseDir: dir, file: 'rec.yaml' }, { store: join(dir, 's.db'), outDir: join(dir, 'runs'), executor });
}

const RANKING = {
  split: { method: 'per_user', test: 0.25, seed: 3 },
  select: { metric: 'ndcg@5', candidates: [{ model: 'popularity', params: { by: ['count', 'weight'] } }, { model: 'item_knn' }] },
  evaluate: { metrics: ['precision@5', 'recall@5', 'ndcg@5', 'map@5', 'coverage@5', 'mrr'], bootstrap: { samples: 200 } },
};

test('holdout: selects on an inner split, evaluates once on the test part, saves a servable model', async () => {
  const r = await run(RANKING);
  assert.deepEqual(Object.keys(r.test), ['precision@5', 'recall@5', 'ndcg@5', 'map@5', 'coverage@5', 'mrr']);
  for (const v of Object.values(r.test)) assert.ok(typeof v === 'number' && v >= 0 && v <= 1);
  assert.equal(typeof r.best.cvScore, 'number');
  const report = JSON.parse(readFileSync(join(r.reportPath, '..', 'report.json'), 'utf8'));
  assert.equal(report.task, 'recommend');
  assert.equal(report.selection.scheme, 'inner-holdout');
  assert.equal(report.selection.leaderboard.length, 3, 'popularity × 2 + item_knn');
  assert.equal(report.data.users, 60);
  // Bootstrap intervals bracket the per-user means they are about.
  for (const k of ['precision@5', 'ndcg@5', 'mrr']) {
    const ci = r.confidence[k];
    assert.ok(ci.low <= (r.test[k] as number) && (r.test[k] as number) <= ci.high, k);
  }
  assert.equal(r.confidence['coverage@5'], undefined, 'coverage is a catalogue figure, not a per-user mean');
  assert.equal(r.coldStart.testEvents, report.split.testEvents);
  assert.equal(typeof r.baselines.popularity['ndcg@5'], 'number');
  const html = readFileSync(r.reportPath, 'utf8');
  assert.match(html, /Cold start/);
  assert.match(html, /nDCG@5/);
  assert.doesNotMatch(html, /<script/);

  const rec = loadRecommender(r.modelPath);
  const top = rec.recommend('u0', { k: 5 });
  assert.equal(top.items.length, 5);
  assert.equal(top.fallback, null);
  const seen = new Set(readFileSync(csv, 'utf8').split('\n').filter((l) => l.startsWith('u0,')).map((l) => l.split(',')[1]));
  // Items u0 saw in the training part are excluded (the test part's may be recommended).
  const trained = top.items.filter((x) => seen.has(x.item));
  assert.ok(trained.length <= 3);

  const store = await openStore(join(dir, 's.db'));
  try {
    const stored = await store.getRun(r.runId);
    assert.equal(stored?.status, 'finished');
    const m = await store.getMetrics(r.runId, 'test.ndcg@5');
    assert.equal(m[0].value, r.test['ndcg@5']);
  } finally {
    await store.close();
  }
});

test('kfold: every fold is evaluated and test holds the fold means', async () => {
  const r = await run({
    split: { method: 'kfold', folds: 3, seed: 0 },
    select: { candidates: [{ model: 'biased_mf' }] },
    evaluate: { metrics: ['rmse', 'mae'] },
  });
  const report = JSON.parse(readFileSync(join(r.reportPath, '..', 'report.json'), 'utf8'));
  assert.equal(report.selection.metric, 'rmse', 'rmse by default when every candidate predicts ratings');
  assert.equal(report.foldTests.length, 3);
  for (const k of ['rmse', 'mae']) {
    const mean = report.foldTests.reduce((a: number, f: Record<string, number>) => a + f[k], 0) / 3;
    assert.ok(Math.abs(mean - (r.test[k] as number)) < 1e-12, k);
  }
  assert.equal(r.best.cvScore, r.test.rmse);
  assert.equal(r.coldStart.testEvents, r.data.events, 'the folds cover every event once');
  assert.ok((r.test.rmse as number) < (r.baselines.globalMean.rmse as number), 'beats predicting the mean');
});

test('movielens_folds reads u1.test … next to the source', async () => {
  const sub = mkdtempSync(join(tmpdir(), 'trainyard-mlfolds-'));
  const source = writeSyntheticInteractions(sub, {}, 'u.data');
  const [header, ...rows] = readFileSync(source, 'utf8').trim().split('\n');
  writeFileSync(join(sub, 'u1.test'), [header, ...rows.filter((_, i) => i % 2 === 0)].join('\n') + '\n');
  writeFileSync(join(sub, 'u2.test'), [header, ...rows.filter((_, i) => i % 2 === 1)].join('\n') + '\n');
  const spec = validateRecommendSpec({
    name: 'mlfolds', task: 'recommend', data: { source },
    split: { method: 'movielens_folds', folds: 2 },
    select: { candidates: [{ model: 'popularity' }] },
    evaluate: { metrics: ['precision@5'] },
  });
  const r = await runExperiment({ spec, baseDir: sub, file: 'mlfolds.yaml' }, { store: join(sub, 's.db'), outDir: join(sub, 'runs'), executor: new InlineExecutor() });
  const report = JSON.parse(readFileSync(join(r.reportPath, '..', 'report.json'), 'utf8'));
  assert.equal(report.foldTests.length, 2);
  assert.equal(report.split.testEvents, rows.length / 2);
});

test('same best and test with one thread or two worker threads', async () => {
  const a = await run(RANKING, new InlineExecutor());
  const b = await run(RANKING, new LocalExecutor({ workers: 2 }));
  assert.deepEqual(b.best, a.best);
  assert.deepEqual(b.test, a.test);
  assert.deepEqual(b.confidence, a.confidence);
});

test('--resume: tasks finished before the coordinator died are not recomputed; same figures', async () => {
  const fresh = await run(RANKING);
  const spec = validateRecommendSpec({ name: 'rec', task: 'recommend', data: { source: csv }, ...RANKING }, 'rec.yaml');
  const src = await openStore(join(dir, 's.db'));
  const finished = await src.getTaskResults(fresh.runId);
  await src.close();
  assert.equal(finished.length, 3);
  // A run that died after its first two tasks: begun, two results stored, never completed.
  const storePath = join(dir, 'resume.db');
  const store = await openStore(storePath);
  const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  await store.beginRun({ id: 'died-1', name: 'rec', startedAt: new Date().toISOString(), spec, specHash });
  await store.putTaskResults(finished.slice(0, 2).map((r) => ({ runId: 'died-1', taskId: r.taskId, attempt: 1, result: r.result })));
  await store.close();
  const stages: string[] = [];
  const resumed = await runExperiment({ spec, baseDir: dir, file: 'rec.yaml' }, {
    store: storePath, outDir: join(dir, 'runs'), executor: new InlineExecutor(), resume: 'died-1',
    observer: { stage: (name, detail) => stages.push(`${name} ${detail}`) },
  });
  assert.equal(resumed.runId, 'died-1');
  assert.ok(stages.some((s) => /^select 1 tasks \(2 finished before the resume\)/.test(s)), stages.join('\n'));
  assert.deepEqual(resumed.best, fresh.best);
  assert.deepEqual(resumed.test, fresh.test);
});
