import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../testing/cli.js';

test('evaluate scores a binary predictions file with the run metric keys', () => {
  const dir = tempDir();
  const file = join(dir, 'p.csv');
  // truth, pred, score: 6 rows, 4 correct; hand-checked: precision 2/3, recall 2/3, AUC 8/9.
  writeFileSync(file, 'truth,pred,score\nyes,yes,0.9\nno,no,0.1\nyes,no,0.4\nno,yes,0.6\nyes,yes,0.8\nno,no,0.3\n');
  const r = runCli(['evaluate', '--input', file, '--truth', 'truth', '--pred', 'pred', '--score', 'score', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.accuracy, 4 / 6);
  assert.ok(Math.abs(r.json.precision - 2 / 3) < 1e-12);
  assert.ok(Math.abs(r.json.rocAuc - 8 / 9) < 1e-12);
  assert.deepEqual(r.json.confusionMatrix, [[2, 1], [1, 2]]);
});

test('evaluate infers regression and reports rmse, mae, r2', () => {
  const dir = tempDir();
  const file = join(dir, 'r.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `${i * 1.5},${i * 1.5 + (i % 2 ? 0.5 : -0.5)}`);
  writeFileSync(file, 'y,yhat\n' + rows.join('\n') + '\n');
  const r = runCli(['evaluate', '--input', file, '--truth', 'y', '--pred', 'yhat', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Math.abs(r.json.rmse - 0.5) < 1e-12);
  assert.ok(Math.abs(r.json.mae - 0.5) < 1e-12);
  assert.ok(r.json.r2 > 0.99);
});

test('evaluate with an unknown column fails naming it', () => {
  const dir = tempDir();
  const file = join(dir, 'p.csv');
  writeFileSync(file, 'truth,pred\n1,1\n0,1\n');
  const r = runCli(['evaluate', '--input', file, '--truth', 'truht', '--pred', 'pred']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /unknown column 'truht'/);
});
