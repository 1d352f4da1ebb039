/**
 * Data errors in the user's terms (issue 14, class 9): `evaluate`, `predict` and `run` name the file,
 * the column, the row as the user counts it (data rows from 1, the header not counted — as the CSV
 * loader's "row N" messages) and the value; never an internal function name (`rocAucScore`,
 * `evaluatePredictions`) or a 0-based row, and an `inf` is never called a missing value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

const dir = tempDir('trainyard-messages-');

function noInternals(stderr: string): void {
  assert.doesNotMatch(stderr, /rocAucScore|evaluatePredictions|logLossScore|brierScore|averagePrecision|Score:|at row 0\b/, 'no internal names or 0-based rows');
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

test('evaluate: a NaN, an empty or an inf score names file, score column, 1-based row and value', () => {
  const cases: [string, string, RegExp][] = [
    ['nan.csv', 'y,p,s\n1,1,0.9\n0,0,NaN\n1,0,0.4\n0,1,0.6\n', /nan\.csv: column 's', row 2: a missing value/],
    ['empty.csv', 'y,p,s\n1,1,0.9\n0,0,0.1\n1,0,\n0,1,0.6\n', /empty\.csv: column 's', row 3: a missing value/],
    ['inf.csv', 'y,p,s\n1,1,0.9\n0,0,0.2\n1,0,inf\n0,1,0.6\n', /inf\.csv: column 's', row 3: an infinite value \(inf\)/],
  ];
  for (const [name, text, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = runCli(['evaluate', '--input', file, '--truth', 'y', '--pred', 'p', '--score', 's']);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, message);
    noInternals(r.stderr);
  }
});

test('evaluate --task regression: an inf prediction names file, column, row and value', () => {
  const file = join(dir, 'reg.csv');
  writeFileSync(file, 'y,p\n1.5,1.2\n2.5,2.4\n3,-inf\n');
  const r = runCli(['evaluate', '--input', file, '--truth', 'y', '--pred', 'p', '--task', 'regression']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /reg\.csv: column 'p', row 3: an infinite value \(-inf\)/);
  noInternals(r.stderr);
});

test('evaluate: a non-numeric score names its row and value; --task binary with 3 classes names the columns, not evaluatePredictions', () => {
  const scores = join(dir, 'text-score.csv');
  writeFileSync(scores, 'y,p,s\n1,1,0.8\n0,0,abc\n');
  const r = runCli(['evaluate', '--input', scores, '--truth', 'y', '--pred', 'p', '--score', 's']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /text-score\.csv: column 's' must be numeric .*row 2, "abc"/);
  const three = join(dir, 'three.csv');
  writeFileSync(three, 'y,p\n1,2\n2,1\n3,3\n');
  const b = runCli(['evaluate', '--input', three, '--truth', 'y', '--pred', 'p', '--task', 'binary']);
  assert.equal(b.status, 3, b.stderr);
  assert.match(b.stderr, /three\.csv: --task binary, but columns 'y' and 'p' hold 3 classes .*--task multiclass/);
  noInternals(b.stderr);
  assert.doesNotMatch(b.stderr, /nClasses/);
});

test('run and predict: an inf (or empty) feature cell names file, column, the file row and the value', () => {
  const csv = join(dir, 'train.csv');
  // Data row 14 (line 15 of the file) holds the inf; the test split and folds renumber rows, the message must not.
  writeFileSync(csv, 'a,b,y\n' + Array.from({ length: 60 }, (_, i) => `${i === 13 ? 'inf' : i},${(i * 7) % 11},${i % 2}`).join('\n') + '\n');
  const spec = (source: string, preprocess: string): string =>
    writeSpec(dir, `name: msg\ndata: { source: ${source}, target: y }\nsplit: { test: 0.25, seed: 0 }\npreprocess: { numeric: { ${preprocess} } }\nselect:\n  cv: 2\n  candidates:\n    - { model: logistic_regression }\n`, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  for (const preprocess of ['impute: median, scale: standard', 'impute: none, scale: minmax', 'impute: mean, scale: robust']) {
    const r = runCli(['run', spec(csv, preprocess), '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1', '--quiet']);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /train\.csv: column 'a', row 14: an infinite value \(inf\)/, preprocess);
    assert.doesNotMatch(r.stderr, /missing value/);
    noInternals(r.stderr);
  }
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'a,b,y\n' + Array.from({ length: 60 }, (_, i) => `${i},${(i * 7) % 11},${i % 2}`).join('\n') + '\n');
  const run = runCli(['run', spec(good, 'impute: none'), '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
  assert.equal(run.status, 0, run.stderr);
  const input = join(dir, 'in.csv');
  for (const [text, message] of [
    ['a,b\n1,2\n3,4\n5,inf\n', /in\.csv: column 'b', row 3: an infinite value \(inf\)/],
    ['a,b\n1,2\n,4\n5,6\n', /in\.csv: column 'a', row 2: a missing value/],
  ] as const) {
    writeFileSync(input, text);
    const r = runCli(['predict', '--model', run.json.modelPath, '--input', input, '--output', join(dir, 'out.csv')]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, message);
    noInternals(r.stderr);
  }
});
