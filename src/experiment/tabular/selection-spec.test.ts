/** Splitters and search strategies chosen in the spec (`select.cv`, `select.search`), end to end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../core/rng.js';
import { InlineExecutor } from '../executor.js';
import { loadBundle } from './model-bundle.js';
import { runExperiment } from '../run.js';
import { validateSpec } from '../spec/spec.js';
import { newRunId, openStore } from '../../tracking/store.js';
import { LogisticRegression } from '../../models/linear/logistic-regression.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-selection-'));
const csv = join(dir, 'events.csv');
const rng = new Rng(5);
const lines = ['day,user_id,visits,duration,bought'];
for (let i = 0; i < 400; i++) {
  const visits = rng.int(20);
  const duration = Math.round(rng.random() * 1000) / 10;
  lines.push(`${i},u${rng.int(40)},${visits},${duration},${visits / 10 + duration / 50 + rng.normal() > 2.5}`);
}
writeFileSync(csv, lines.join('\n') + '\n');

function run(select: Record<string, unknown>) {
  const spec = validateSpec({
    name: 'selection',
    data: { source: csv, target: 'bought' },
    preprocess: { drop: ['day'] },
    select: { metric: 'roc_auc', candidates: [{ model: 'logistic_regression', params: { C: { logUniform: [0.001, 100] } } }], ...select },
  });
  return runExperiment({ spec, baseDir: dir, file: 'selection.yaml' }, { store: join(dir, 's.db'), outDir: join(dir, 'runs'), executor: new InlineExecutor() });
}

function leaderboard(reportPath: string): { params: { C: number }; foldScores: number[] }[] {
  return JSON.parse(readFileSync(join(reportPath, '..', 'report.json'), 'utf8')).selection.leaderboard;
}

test('random search samples the requested number of settings from the distribution, reproducibly', async () => {
  const a = await run({ cv: 3, search: { method: 'random', iterations: 4, seed: 1 } });
  const b = await run({ cv: 3, search: { method: 'random', iterations: 4, seed: 1 } });
  const rows = leaderboard(a.reportPath);
  assert.equal(rows.length, 4);
  for (const r of rows) assert.ok(r.params.C >= 0.001 && r.params.C <= 100);
  assert.deepEqual(a.best, b.best);
});

test('group k-fold: the group column is used for folds and never as a feature', async () => {
  const r = await run({ cv: { method: 'group_kfold', folds: 4, groups: 'user_id' }, candidates: [{ model: 'logistic_regression' }] });
  assert.equal(leaderboard(r.reportPath)[0].foldScores.length, 4);
  const bundle = loadBundle(r.modelPath);
  assert.ok(!bundle.inputColumns.some((c) => c.name === 'user_id'));
});

test('repeated and time-series splitters produce their fold counts', async () => {
  const rep = await run({ cv: { method: 'repeated_kfold', folds: 3, repeats: 2 }, candidates: [{ model: 'logistic_regression' }] });
  assert.equal(leaderboard(rep.reportPath)[0].foldScores.length, 6);
  const ts = await run({ cv: { method: 'time_series', folds: 3 }, candidates: [{ model: 'logistic_regression' }] });
  assert.equal(leaderboard(ts.reportPath)[0].foldScores.length, 3);
});

test('successive halving: rounds at growing budgets keep the best third; the winner ran at the full budget', async () => {
  const r = await run({
    cv: 3,
    search: { method: 'halving', sample: true, iterations: 9, seed: 2, resource: 'maxIter', minResource: 2, maxResource: 18, factor: 3 },
  });
  const rows = leaderboard(r.reportPath) as unknown as { params: { C: number; maxIter: number }; rank: number }[];
  assert.equal(rows.length, 9, 'every sampled configuration is on the leaderboard');
  // 9 configurations at maxIter 2 → 3 at 6 → 1 at 18.
  assert.deepEqual(rows.map((x) => x.params.maxIter), [18, 6, 6, 2, 2, 2, 2, 2, 2]);
  assert.equal(r.best.params.maxIter, 18);
  const again = await run({ cv: 3, search: { method: 'halving', sample: true, iterations: 9, seed: 2, resource: 'maxIter', minResource: 2, maxResource: 18, factor: 3 } });
  assert.deepEqual(again.best, r.best);
});

test('a kernel SVM without probabilities is scored by its decision function', async () => {
  const r = await run({ cv: 3, candidates: [{ model: 'svm', params: { C: [1] } }] });
  assert.ok((r.test.rocAuc as number) > 0.7, `AUC ${r.test.rocAuc}`);
  assert.equal(r.test.logLoss, null, 'no log loss without probabilities');
});

test('nested CV re-runs the search inside each outer fold and reports outer scores', async () => {
  const r = await run({ cv: 3, nested: { folds: 4 }, candidates: [{ model: 'logistic_regression', params: { C: [0.01, 1] } }] });
  const nested = JSON.parse(readFileSync(join(r.reportPath, '..', 'report.json'), 'utf8')).selection.nested;
  assert.equal(nested.folds, 4);
  assert.equal(nested.scores.length, 4);
  assert.equal(nested.bestPerFold.length, 4);
  for (const s of nested.scores) assert.ok(s > 0.5 && s <= 1, `outer score ${s}`);
  assert.ok(Math.abs(nested.mean - nested.scores.reduce((a: number, b: number) => a + b, 0) / 4) < 1e-12);
});

test('the run records every hyper-parameter of the best model (defaults included), a caller-chosen id, and the data hash as lineage', async () => {
  const spec = validateSpec({ name: 'lineage', data: { source: csv, target: 'bought' }, preprocess: { drop: ['day'] }, select: { cv: 3, candidates: [{ model: 'logistic_regression', params: { C: [0.5] } }] } });
  const runId = newRunId();
  const r = await runExperiment({ spec, baseDir: dir, file: 'lineage.yaml' }, { store: join(dir, 's.db'), outDir: join(dir, 'runs'), executor: new InlineExecutor(), runId });
  assert.equal(r.runId, runId);
  const store = await openStore(join(dir, 's.db'));
  try {
    const run = await store.getRun(runId);
    const defaults = new LogisticRegression().getParams();
    assert.equal(run?.params['best.C'], 0.5, 'the searched value');
    assert.equal(run?.params['best.maxIter'], defaults.maxIter, 'a default the spec never named');
    assert.equal(run?.model, 'logistic_regression');
    const [version] = await store.getModelVersions('lineage');
    assert.equal(version.runId, runId);
    assert.equal(version.specHash, run?.specHash);
    assert.match(version.dataSha256 ?? '', /^[0-9a-f]{64}$/);
  } finally {
    await store.close();
  }
});
