/**
 * Fuzzing the `predict` input path (issue 14): a small model bundle is fitted here (numeric,
 * boolean, datetime and categorical inputs), then random data files — columns missing, extra,
 * reordered or duplicated, cells of the wrong kind, NaN/inf/huge numbers, unseen categories, empty
 * and ragged rows, odd bytes — go through `predictFile`. It succeeds (one prediction per row) or
 * throws a TrainyardError with a documented code (E_DATA, E_IO, E_SPEC); never another error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Rng } from '../../core/rng.js';
import { assertDocumentedError, FuzzTally, fuzzOptions } from '../../testing/fuzz.js';
import { InlineExecutor } from '../executor.js';
import { runExperiment } from '../run.js';
import { validateSpec } from '../spec/spec.js';
import { predictFile } from './predict-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-fuzz-predict-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const INPUTS = ['num', 'flag', 'when', 'city'];

/** Fits a logistic regression bundle on 120 rows of num, flag, when, city → y. */
async function fitBundle(): Promise<string> {
  const rng = new Rng(5);
  const lines = ['num,flag,when,city,y'];
  for (let i = 0; i < 120; i++) {
    const num = rng.normal();
    const city = ['Oslo', 'Rome', 'Lima'][rng.int(3)];
    lines.push(`${i % 9 === 0 ? '' : num.toFixed(3)},${rng.int(2) ? 'true' : 'false'},2024-01-${String(1 + rng.int(28)).padStart(2, '0')},${city},${num > 0 ? 'yes' : 'no'}`);
  }
  const csv = path.join(dir, 'train.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const r = await runExperiment(
    {
      spec: validateSpec({ name: 'fuzz-predict', data: { source: csv, target: 'y' }, select: { cv: 2, candidates: [{ model: 'logistic_regression' }] } }),
      baseDir: dir,
      file: 'fuzz.yaml',
    },
    { store: path.join(dir, 's.db'), outDir: path.join(dir, 'runs'), executor: new InlineExecutor() },
  );
  return r.modelPath;
}

const CELLS = ['', '0', '1', '-2.5', '1e308', '1e400', '-1e400', 'NaN', 'inf', '-inf', 'NA', 'true', 'false', 'yes', 'maybe', '2024-01-05', '2024-13-45', 'Oslo', 'Rome', 'Paris', '"7,123.4"', '"a,b"', '"x\ny"', '名前', '😀', ' ', '"'];
const cell = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CELLS) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }, { weight: 1, arbitrary: fc.double().map(String) });
const columnName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...INPUTS) }, { weight: 1, arbitrary: fc.constantFrom('y', 'prediction', 'proba_yes', 'extra', 'NUM', '', 'num_1') });

/** A cell that fits the column the model was trained with (numbers for num, booleans for flag …). */
const VALID: Record<string, string[]> = {
  num: ['', '0', '1', '-2.5', '3e2', 'NaN', 'NA', '1e308'],
  flag: ['true', 'false', 'yes', 'no', '', 'TRUE'],
  when: ['2024-01-05', '2023-12-31 10:00:00', '20240105T000000', ''],
  city: ['Oslo', 'Rome', 'Paris', '', '名前', '"Rome, IT"'],
};
const fitting = (name: string) => (VALID[name] ? fc.constantFrom(...VALID[name]) : cell);

const inputFile = fc
  .record({
    names: fc.oneof(
      { weight: 4, arbitrary: fc.shuffledSubarray(INPUTS, { minLength: INPUTS.length }) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...INPUTS, 'extra', 'y'], { minLength: 3 }) },
      { weight: 1, arbitrary: fc.array(columnName, { minLength: 1, maxLength: 7 }) },
    ),
    nRows: fc.nat({ max: 10 }),
    clean: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    seed: fc.nat(),
    ragged: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    latin1: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    ext: fc.constantFrom('.csv', '.csv', '.csv', '.tsv', '.json', '.parquet', ''),
  })
  .chain((c) =>
    fc
      .tuple(
        ...Array.from({ length: c.nRows }, () =>
          fc.tuple(...c.names.map((n) => (c.clean ? fitting(n) : fc.oneof({ weight: 3, arbitrary: fitting(n) }, { weight: 1, arbitrary: cell })))),
        ),
      )
      .chain((rows) => fc.array(fc.nat({ max: 3 }), { minLength: rows.length, maxLength: rows.length }).map((cut) => ({ c, rows, cut }))),
  )
  .map(({ c, rows, cut }) => {
    const body = c.ragged ? rows.map((r, i) => r.slice(0, Math.max(0, r.length - cut[i]))) : rows;
    const text = (c.bom ? '\uFEFF' : '') + [c.names.join(','), ...body.map((r) => r.join(','))].join(c.newline) + c.newline;
    return { text, bytes: Buffer.from(text, c.latin1 ? 'latin1' : 'utf8'), ext: c.ext };
  });

test('fuzz: random data files against a saved bundle → predictions or E_DATA/E_IO/E_SPEC (fast-check, 250 cases)', async (t) => {
  const model = await fitBundle();
  // A well-formed file predicts, one row out per row in.
  const good = path.join(dir, 'good.csv');
  writeFileSync(good, 'city,when,num,flag\nRome,2024-02-01,0.5,true\nParis,2024-02-02,,false\n');
  const ok = await predictFile({ model, input: good, output: path.join(dir, 'good-out.csv') });
  assert.equal(ok.rows, 2);

  const tally = new FuzzTally();
  let k = 0;
  await fc.assert(
    fc.asyncProperty(inputFile, async (c) => {
      const input = path.join(dir, `in${k}${c.ext}`);
      const output = path.join(dir, `out${k++}.csv`);
      writeFileSync(input, c.bytes);
      try {
        const r = await predictFile({ model, input, output });
        const lines = readFileSync(output, 'utf8').split('\n').filter((l) => l !== '');
        assert.ok(r.rows > 0 && lines.length >= 2, `a prediction file with a header and ${r.rows} rows`);
        tally.note('predicted');
      } catch (e) {
        assertDocumentedError(e, ['E_DATA', 'E_IO', 'E_SPEC'], c.text);
        tally.note((e as { code: string }).code);
        if (process.env.FUZZ_VERBOSE) console.error((e as Error).message.slice(0, 160));
      } finally {
        rmSync(input, { force: true });
        rmSync(output, { force: true });
      }
    }),
    fuzzOptions(250),
  );
  t.diagnostic(`predict input fuzz: ${tally}`);
  assert.ok(tally.total >= 20, `only ${tally.total} cases ran within the time budget`);
});
