/** `data.thousands`/`data.decimal` reach the run and are saved with the model, so `predict` reads new rows the same way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../core/rng.js';
import { InlineExecutor } from './executor.js';
import { runExperiment } from './run.js';
import { validateSpec } from './spec/spec.js';
import { loadBundle } from './tabular/model-bundle.js';
import { predictFile } from './tabular/predict-file.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-numfmt-'));
const money = (x: number) => `"${x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}"`;

test("a spec with data.thousands: ',' trains on \"7,123.4\" as a number and predict reads new files with it", async () => {
  const rng = new Rng(2);
  const lines = ['amount,b,y'];
  for (let i = 0; i < 120; i++) {
    const amount = Math.round(rng.random() * 20000) / 10;
    lines.push(`${money(amount)},${rng.normal().toFixed(3)},${amount > 1000 ? 'high' : 'low'}`);
  }
  const csv = join(dir, 'train.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const r = await runExperiment(
    {
      spec: validateSpec({ name: 'numfmt', data: { source: csv, target: 'y', thousands: ',' }, select: { cv: 2, candidates: [{ model: 'logistic_regression' }] } }),
      baseDir: dir,
      file: 'numfmt.yaml',
    },
    { store: join(dir, 's.db'), outDir: join(dir, 'runs'), executor: new InlineExecutor() },
  );
  assert.ok((r.test.accuracy as number) > 0.85, `accuracy ${r.test.accuracy}: amount was used as a number`);
  assert.deepEqual(loadBundle(r.modelPath).numberFormat, { thousands: ',' });
  assert.deepEqual(loadBundle(r.modelPath).inputColumns.find((c) => c.name === 'amount'), { name: 'amount', type: 'numeric' });
  const input = join(dir, 'new.csv');
  writeFileSync(input, 'amount,b\n"1,900.5",0.1\n"12.0",0.2\n');
  const out = join(dir, 'pred.csv');
  await predictFile({ model: r.modelPath, input, output: out });
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(rows.length, 3);
  assert.match(rows[1], /,high(,|$)/);
  assert.match(rows[2], /,low(,|$)/);
});
