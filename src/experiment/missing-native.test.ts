/** `impute: none` hands NaN to models that handle it (gradient boosting) and is refused for the rest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../core/rng.js';
import { InlineExecutor } from './executor.js';
import { runExperiment } from './run.js';
import { validateSpec } from './spec/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-missing-'));
const csv = join(dir, 'm.csv');
const rng = new Rng(3);
const lines = ['a,b,y'];
for (let i = 0; i < 300; i++) {
  const a = rng.normal();
  const missing = rng.random() < 0.3;
  lines.push(`${missing ? '' : a.toFixed(4)},${rng.normal().toFixed(4)},${(missing ? 1 : a > 0 ? 1 : 0) === 1}`);
}
writeFileSync(csv, lines.join('\n') + '\n');

const run = (model: string) =>
  runExperiment(
    { spec: validateSpec({ name: 'missing', data: { source: csv, target: 'y' }, preprocess: { numeric: { impute: 'none' } }, select: { cv: 3, candidates: [{ model }] } }), baseDir: dir, file: 'missing.yaml' },
    { store: join(dir, 's.db'), outDir: join(dir, 'runs'), executor: new InlineExecutor() },
  );

test('gradient boosting learns from missingness itself when imputation is off', async () => {
  const r = await run('gradient_boosting');
  assert.ok((r.test.accuracy as number) > 0.9, `accuracy ${r.test.accuracy}`);
});

test('a model without native missing-value support refuses NaN, naming the column', async () => {
  await assert.rejects(run('logistic_regression'), { code: 'E_DATA', message: /'a'/ });
});
