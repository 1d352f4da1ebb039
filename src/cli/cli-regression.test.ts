/** A regression spec end to end (kc-house prices): regression metric keys, report and model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath } from '../testing/paths.js';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

test('trainyard run on kc-house (regression): rmse/mae/r2, the best linear model, a report without class curves', () => {
  const dir = tempDir();
  const spec = writeSpec(
    dir,
    `name: house-prices
data: { source: ${datasetPath('kc-house', 'kc_house_data.csv')}, target: price }
split: { test: 0.2, seed: 0 }
preprocess:
  numeric: { impute: median, scale: standard }
  categorical: { columns: [zipcode] }
select:
  cv: 3
  metric: rmse
  candidates:
    - { model: ridge, params: { alpha: [0.1, 100] } }
    - { model: lasso, params: { alpha: 1000 } }
`,
  );
  const r = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  for (const k of ['rmse', 'mae', 'r2']) assert.equal(typeof r.json.test[k], 'number', k);
  assert.equal(r.json.test.accuracy, undefined);
  assert.ok(r.json.test.r2 > 0.75, `R² ${r.json.test.r2}`);
  assert.ok(['ridge', 'lasso'].includes(r.json.best.model));
  assert.ok(existsSync(r.json.modelPath));
  const html = readFileSync(r.json.reportPath, 'utf8');
  assert.match(html, /RMSE/);
});
