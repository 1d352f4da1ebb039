import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../testing/paths.js';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

const SHOPPERS = join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv');

/** A quick spec over the example data (two linear candidates), used for determinism and predict checks. */
function quickSpec(dir: string): string {
  return writeSpec(
    dir,
    `name: quick
data: { source: ${SHOPPERS}, target: Revenue }
split: { test: 0.2, stratify: true, seed: 0 }
preprocess:
  numeric: { impute: median, scale: standard }
  categorical: { impute: most_frequent, encode: onehot, columns: [Month, VisitorType, Weekend, OperatingSystems, Browser, Region, TrafficType] }
select:
  cv: 3
  metric: f1
  candidates:
    - { model: logistic_regression, params: { C: [0.1, 1] } }
    - { model: linear_svm, params: { C: 0.1 } }
evaluate: { metrics: [accuracy, f1, roc_auc] }
`,
  );
}

test('trainyard run on the shipped example: JSON line, model, report and a finished run in the store', () => {
  const dir = tempDir();
  const store = join(dir, 'store.db');
  const r = runCli(['run', 'examples/online-shoppers/spec.yaml', '--store', store, '--out', join(dir, 'runs'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = r.json;
  assert.match(out.runId, /\S+/);
  assert.ok(['logistic_regression', 'linear_svm', 'mlp'].includes(out.best.model));
  assert.equal(typeof out.best.cvScore, 'number');
  for (const k of ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'rocAuc', 'averagePrecision', 'logLoss', 'mcc']) {
    assert.ok(k in out.test, `test.${k} present`);
  }
  assert.equal(out.test.confusionMatrix.length, 2);
  assert.equal(out.test.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0), 2466);
  assert.ok(out.test.accuracy > 0.87, `accuracy ${out.test.accuracy}`);
  assert.ok(existsSync(out.modelPath));
  const html = readFileSync(out.reportPath, 'utf8');
  assert.match(html, /<svg/);
  const report = JSON.parse(readFileSync(join(out.reportPath, '..', 'report.json'), 'utf8'));
  assert.equal(report.selection.leaderboard.length, 6, '3 + 2 + 1 configurations');
  assert.deepEqual(report.test, out.test);
  const db = new Database(store, { readonly: true });
  const runs = db.prepare('SELECT id, status FROM runs').all() as { id: string; status: string }[];
  db.close();
  assert.deepEqual(runs, [{ id: out.runId, status: 'finished' }]);
});

test('the same spec run twice gives identical numbers, with 1 or 2 worker threads', () => {
  const dir = tempDir();
  const spec = quickSpec(dir);
  const a = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet', '--workers', '1']);
  const b = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet', '--workers', '2']);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
  assert.notEqual(a.json.runId, b.json.runId);
  assert.deepEqual(a.json.best, b.json.best);
  assert.deepEqual(a.json.test, b.json.test);
});

test('a model saved by run predicts identically after loading (predict → evaluate reproduces the test metrics)', () => {
  const dir = tempDir();
  const spec = quickSpec(dir);
  const run = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(run.status, 0, run.stderr);
  const out = join(dir, 'pred.csv');
  const p = runCli(['predict', '--model', run.json.modelPath, '--input', SHOPPERS, '--output', out, '--json']);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(p.json.rows, 12330);
  const header = readFileSync(out, 'utf8').split('\n')[0];
  assert.match(header, /prediction/);
  // Score the whole file: accuracy over all rows must be consistent with a working model.
  const e = runCli(['evaluate', '--input', out, '--truth', 'Revenue', '--pred', 'prediction', '--json']);
  assert.equal(e.status, 0, e.stderr);
  assert.ok(e.json.accuracy > 0.87, `accuracy ${e.json.accuracy}`);
});
