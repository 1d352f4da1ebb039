/**
 * A column that is almost entirely empty must not fail a run by chance: whether its few values land
 * in the rows a fit sees depends on the split. Preprocessing drops a column with no value in the
 * fitting rows (in each CV fold and at refit), the report says so, and the saved model drops it at
 * predict time too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Rng } from '../core/rng.js';
import { trainTestSplit } from '../selection/train-test-split.js';
import { InlineExecutor } from './executor.js';
import { runExperiment } from './run.js';
import { validateSpec } from './spec/spec.js';
import { predictFile } from './tabular/predict-file.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-sparse-'));
const N = 150;
const testRows = new Set(trainTestSplit(N, { testFraction: 0.2, seed: 0 }).test);
const trainRow = [...Array(N).keys()].find((i) => !testRows.has(i))!;

/** a, b numeric; `s` numeric and `c` categorical, both with values only in `sparseRows`. */
function writeData(name: string, sparseRows: number[]): string {
  const rng = new Rng(11);
  const lines = ['a,b,s,c,y'];
  for (let i = 0; i < N; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const k = sparseRows.indexOf(i);
    const s = k < 0 ? '' : String(k + 1.5);
    const c = k < 0 ? '' : k % 2 ? 'red' : 'blue';
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${s},${c},${a + 0.3 * b > 0 ? 'yes' : 'no'}`);
  }
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const run = (csv: string, name: string) =>
  runExperiment(
    {
      spec: validateSpec({ name, data: { source: csv, target: 'y' }, split: { stratify: false }, select: { cv: 3, candidates: [{ model: 'logistic_regression' }] } }),
      baseDir: dir,
      file: `${name}.yaml`,
    },
    { store: join(dir, `${name}.db`), outDir: join(dir, `${name}-runs`), executor: new InlineExecutor() },
  );

function cleaningNotes(reportHtml: string): string[] {
  return (JSON.parse(readFileSync(join(dirname(reportHtml), 'report.json'), 'utf8')) as { data: { cleaning: string[] } }).data.cleaning;
}

test('columns whose only values are in the held-out rows are dropped at refit, with a note, and at predict time', async () => {
  const csv = writeData('test-only.csv', [...testRows].slice(0, 3));
  const r = await run(csv, 'sparse-test-only');
  assert.ok((r.test.accuracy as number) > 0.8, `accuracy ${r.test.accuracy}`);
  const notes = cleaningNotes(r.reportPath);
  for (const col of ['s', 'c']) {
    assert.ok(
      notes.some((n) => n.includes(`column '${col}' has no values in the training rows`) && n.includes('dropped')),
      `note for '${col}' in ${JSON.stringify(notes)}`,
    );
  }
  // New rows that do have values in those columns: the saved pipeline drops them again.
  const out = join(dir, 'pred.csv');
  const p = await predictFile({ model: r.modelPath, input: writeData('new.csv', [0, 1, 2, 3]), output: out });
  assert.equal(p.rows, N);
});

test('a column whose one value is in the training rows survives the CV fold that holds that row out', async () => {
  const r = await run(writeData('one-train-row.csv', [trainRow]), 'sparse-one-row');
  assert.ok((r.test.accuracy as number) > 0.8, `accuracy ${r.test.accuracy}`);
  const notes = cleaningNotes(r.reportPath);
  for (const col of ['s', 'c']) {
    assert.ok(
      notes.some((n) => new RegExp(`^column '${col}' has no values in the training rows of CV fold \\d \\(of 3\\); that fold dropped it`).test(n)),
      `fold note for '${col}' in ${JSON.stringify(notes)}`,
    );
  }
});
