/**
 * `RowPredictor` (the serving path) against `trainyard predict` (predictFile): for every model family,
 * the same rows as JSON objects and as CSV text give the numbers predictFile writes, to the last bit.
 * Then hostile input: missing columns, wrong types, too many rows, odd objects, bad CSV.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Rng } from '../../core/rng.js';
import { parseCsvText } from '../../data/index.js';
import { InlineExecutor } from '../executor.js';
import { runExperiment } from '../run.js';
import { validateSpec } from '../spec/spec.js';
import { loadBundle } from './model-bundle.js';
import { predictFile } from './predict-file.js';
import { RowPredictor } from './predict-rows.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-predict-rows-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const CITIES = ['Oslo', 'Rome', 'Lima'];

/** Training data: numeric (with gaps), boolean, date, categorical, a numeric-looking categorical; three targets. */
function writeTraining(target: 'y' | 'y3' | 'yreg'): string {
  const rng = new Rng(11);
  const lines = [`num,amount,flag,when,city,code,${target}`];
  for (let i = 0; i < 90; i++) {
    const num = rng.normal();
    const amount = rng.normal() * 10 + 50;
    const city = CITIES[rng.int(3)];
    const code = 1 + rng.int(3);
    const flag = rng.int(2) === 1;
    const score = num + (city === 'Oslo' ? 0.8 : 0) + (flag ? 0.5 : -0.5) + 0.3 * rng.normal();
    const y3 = score < -0.5 ? 'a' : score < 0.7 ? 'b' : 'c';
    const y = target === 'y' ? (score > 0 ? 'yes' : 'no') : target === 'y3' ? y3 : (score * 3 + code).toFixed(3);
    lines.push(`${i % 11 === 0 ? '' : num.toFixed(4)},${amount.toFixed(2)},${flag},2024-0${1 + rng.int(9)}-1${rng.int(10)},${city},${code},${y}`);
  }
  const file = path.join(dir, `train-${target}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** New rows (JSON values) and the same rows as CSV text: missing cells, an unseen city. */
function newRows(): { rows: Record<string, unknown>[]; csv: string } {
  const rng = new Rng(99);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 23; i++) {
    rows.push({
      num: i % 7 === 3 ? null : Math.round(rng.normal() * 1e4) / 1e4,
      amount: Math.round((rng.normal() * 10 + 50) * 100) / 100,
      flag: rng.int(2) === 1,
      when: `2024-0${1 + rng.int(9)}-2${rng.int(8)}`,
      city: i === 5 ? 'Paris' : i === 9 ? null : CITIES[rng.int(3)],
      code: 1 + rng.int(3),
      extra: 'ignored',
    });
  }
  const cols = ['num', 'amount', 'flag', 'when', 'city', 'code', 'extra'];
  const cell = (v: unknown) => (v === null ? '' : String(v));
  const csv = [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
  return { rows, csv };
}

const train = { y: writeTraining('y'), y3: writeTraining('y3'), yreg: writeTraining('yreg') };
const fresh = newRows();
const inputCsv = path.join(dir, 'new.csv');
writeFileSync(inputCsv, fresh.csv);

async function fit(model: string, target: 'y' | 'y3' | 'yreg', params: Record<string, unknown> = {}): Promise<string> {
  const r = await runExperiment(
    {
      spec: validateSpec({
        name: `rows-${model}-${target}`,
        data: { source: train[target], target, types: { code: 'categorical' } },
        select: { cv: 2, candidates: [{ model, params }] },
      }),
      baseDir: dir,
      file: 'spec.yaml',
    },
    { store: path.join(dir, 's.db'), outDir: path.join(dir, 'runs'), executor: new InlineExecutor() },
  );
  return r.modelPath;
}

const FAMILIES: [string, 'y' | 'y3' | 'yreg', Record<string, unknown>][] = [
  ['logistic_regression', 'y', {}],
  ['logistic_regression', 'y3', {}],
  ['linear_svm', 'y', {}],
  ['decision_tree', 'y3', { maxDepth: 4 }],
  ['random_forest', 'y', { nEstimators: 8 }],
  ['extra_trees', 'y3', { nEstimators: 8 }],
  ['gradient_boosting', 'y', { maxIter: 15 }],
  ['gradient_boosting', 'y3', { maxIter: 10 }],
  ['mlp', 'y', {}],
  ['knn', 'y', {}],
  ['naive_bayes', 'y3', {}],
  ['linear_regression', 'yreg', {}],
  ['ridge', 'yreg', {}],
  ['random_forest_regressor', 'yreg', { nEstimators: 8 }],
  ['gradient_boosting_regressor', 'yreg', { maxIter: 15 }],
  ['knn_regressor', 'yreg', {}],
  ['mlp_regressor', 'yreg', {}],
];

for (const [model, target, params] of FAMILIES) {
  test(`${model} (${target}): JSON rows and CSV text predict exactly what trainyard predict writes`, async () => {
    const modelPath = await fit(model, target, params);
    const out = path.join(dir, `pred-${model}-${target}.csv`);
    await predictFile({ model: modelPath, input: inputCsv, output: out });
    const written = parseCsvText(readFileSync(out, 'utf8'), out);
    const col = (name: string) => written.columns[written.header.indexOf(name)];
    const predictor = new RowPredictor(loadBundle(modelPath));
    for (const [how, got] of [
      ['json', predictor.predict(predictor.frameFromJson(fresh.rows))],
      ['csv', predictor.predict(predictor.frameFromCsv(fresh.csv))],
    ] as const) {
      assert.equal(got.predictions.length, fresh.rows.length);
      if (target === 'yreg') {
        assert.deepEqual(got.predictions, col('prediction').map(Number), how);
        assert.equal(got.classes, undefined);
      } else {
        assert.deepEqual(got.predictions, col('prediction'), how);
        assert.ok(got.classes && got.classes.length >= 2);
        const probaCols = written.header.filter((h) => h.startsWith('proba_'));
        if (probaCols.length === 0) assert.equal(got.probabilities, undefined, how);
        else {
          assert.deepEqual(probaCols, got.classes!.map((c) => `proba_${c}`));
          const expected = fresh.rows.map((_, i) => probaCols.map((p) => Number(col(p)[i])));
          assert.deepEqual(got.probabilities, expected, how);
        }
      }
    }
  });
}

test('hostile input: each refused with E_DATA / E_INVALID_PARAM naming the row and column', async () => {
  const predictor = new RowPredictor(loadBundle(await fit('logistic_regression', 'y')), { maxRows: 5 });
  const ok = { num: 1, amount: 50, flag: true, when: '2024-01-01', city: 'Oslo', code: 2 };
  const bad = (rows: unknown, code: string, re: RegExp, details?: Record<string, unknown>) =>
    assert.throws(() => predictor.predict(predictor.frameFromJson(rows)), (e: any) => {
      assert.equal(e.code, code, e.message);
      assert.match(e.message, re);
      for (const [k, v] of Object.entries(details ?? {})) assert.equal(e.details[k], v, k);
      return true;
    });
  bad({ rows: [] }, 'E_INVALID_PARAM', /must be an array/);
  bad([], 'E_INVALID_PARAM', /empty/);
  bad(Array(6).fill(ok), 'E_INVALID_PARAM', /at most 5 rows/);
  bad([ok, 3], 'E_DATA', /row 2 must be an object/, { row: 2 });
  bad([ok, [1]], 'E_DATA', /row 2 must be an object/);
  bad([ok, new Date()], 'E_DATA', /row 2 must be a plain object/);
  const { city: _, ...noCity } = ok;
  bad([ok, ok, noCity], 'E_DATA', /row 3 has no column 'city'/, { row: 3, column: 'city' });
  bad([{ ...ok, num: 'abc' }], 'E_DATA', /row 1, column 'num': expected a number/, { row: 1, column: 'num' });
  bad([ok, { ...ok, num: true }], 'E_DATA', /row 2, column 'num'/);
  bad([{ ...ok, flag: 2 }], 'E_DATA', /column 'flag': expected true\/false/);
  bad([{ ...ok, flag: 'maybe' }], 'E_DATA', /column 'flag'/);
  bad([{ ...ok, when: '2024-02-31' }], 'E_DATA', /column 'when': expected an ISO 8601 date/);
  bad([{ ...ok, city: { x: 1 } }], 'E_DATA', /row 1, column 'city': expected a string/);
  bad([{ ...ok, city: ['Oslo'] }], 'E_DATA', /column 'city'.*an array/);
  // A value the model cannot take after preprocessing (an infinity): the row and the column.
  bad([ok, { ...ok, amount: 'inf' }], 'E_DATA', /column 'amount', row 2/, { row: 2, column: 'amount' });
  // __proto__ and other extra keys are never read.
  const polluted = JSON.parse(`{"__proto__": {"polluted": 1}, "num": 1, "amount": 50, "flag": true, "when": "2024-01-01", "city": "Oslo", "code": 2}`);
  assert.equal(predictor.predict(predictor.frameFromJson([polluted])).predictions.length, 1);
  assert.equal(({} as any).polluted, undefined);
  // Strings read as CSV cells: 'NA' is missing; numbers as text parse; an unseen category is ignored (handleUnknown default).
  const r = predictor.predict(predictor.frameFromJson([{ ...ok, num: 'NA', amount: '50.0', city: 'Paris' }]));
  assert.equal(r.predictions.length, 1);
});

test('CSV text: ragged rows, unclosed quotes, a missing column, too many rows', async () => {
  const predictor = new RowPredictor(loadBundle(await fit('logistic_regression', 'y')), { maxRows: 2 });
  const head = 'num,amount,flag,when,city,code';
  const bad = (text: string, code: string, re: RegExp) =>
    assert.throws(() => predictor.frameFromCsv(text), (e: any) => (assert.equal(e.code, code, e.message), assert.match(e.message, re), true));
  bad(`${head}\n1,2,true,2024-01-01,Oslo\n`, 'E_DATA', /line 2 has 5 fields, expected 6/);
  bad(`${head}\n1,2,true,2024-01-01,"Oslo,1\n`, 'E_DATA', /never closed/);
  bad(`num,amount,flag,when,code\n1,2,true,2024-01-01,1\n`, 'E_DATA', /lacks column 'city'/);
  bad(`${head}\n${'1,2,true,2024-01-01,Oslo,1\n'.repeat(3)}`, 'E_INVALID_PARAM', /at most 2 rows/);
  bad(`${head}\n`, 'E_INVALID_PARAM', /no rows/);
  bad('', 'E_DATA', /no header/);
  bad(`${head},num\n`, 'E_DATA', /twice/);
  bad(`${head}\nx,2,true,2024-01-01,Oslo,1\n`, 'E_DATA', /row 1, column 'num'/);
  // Quoted fields with commas, quotes and CRLF line ends are fine; '02' in a numeric-looking category reads as '2'.
  const f = predictor.frameFromCsv(`${head}\r\n1,"2",true,2024-01-01,"Os""lo, x",02\r\n`);
  assert.equal(f.cell('city', 0), 'Os"lo, x');
  assert.equal(f.cell('code', 0), '2');
});
