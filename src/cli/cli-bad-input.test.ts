/**
 * Every bad input named in the foundation issue: a clear error naming the place and what to do,
 * a non-zero exit, and nothing half-written (no model folder, no finished run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../testing/paths.js';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

const SHOPPERS = join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv');

function spec(source: string, extra: { target?: string; candidates?: string; preprocess?: string; data?: string } = {}): string {
  return `name: bad
data: { source: ${source}, target: ${extra.target ?? 'y'}${extra.data ?? ''} }
split: { test: 0.25, seed: 0 }
${extra.preprocess ?? ''}
select:
  cv: 2
  candidates:
${extra.candidates ?? '    - { model: logistic_regression }'}
`;
}

/** Runs a spec that must fail; checks exit status, message and that nothing was left behind. */
function expectFailure(yaml: string, code: number, message: RegExp, setup?: (dir: string) => void): void {
  const dir = tempDir();
  setup?.(dir);
  const specPath = writeSpec(dir, yaml.replaceAll('$DIR', dir));
  const store = join(dir, 'store.db');
  const r = runCli(['run', specPath, '--store', store, '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(r.status, code, `exit status (stderr: ${r.stderr})`);
  assert.match(r.stderr, message);
  assert.equal(r.json?.error?.message !== undefined, true, 'JSON error line');
  const runsDir = join(dir, 'runs');
  assert.ok(!existsSync(runsDir) || readdirSync(runsDir).length === 0, 'no model or report left behind');
  if (existsSync(store)) {
    const db = new Database(store, { readonly: true });
    const finished = db.prepare("SELECT count(*) AS n FROM runs WHERE status = 'finished'").get() as { n: number };
    db.close();
    assert.equal(finished.n, 0, 'no finished run recorded');
  }
}

test('missing data file → E_IO naming the path', () => {
  expectFailure(spec('$DIR/nope.csv'), 4, /nope\.csv/);
});

test('unknown target column → E_DATA listing the available columns', () => {
  expectFailure(spec(SHOPPERS, { target: 'Revenu' }), 3, /unknown column 'Revenu'.*available columns: .*Revenue/);
});

test('target with one class → E_DATA saying a classifier needs two classes', () => {
  expectFailure(spec('$DIR/one.csv', { target: 'y' }), 3, /only the class '1'.*at least two classes/, (dir) =>
    writeFileSync(join(dir, 'one.csv'), 'a,b,y\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 3},1`).join('\n') + '\n'),
  );
});

test('all-NaN feature column → dropped like a constant column, with a note in the report (issue 14: no longer E_DATA)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'nan.csv'), 'a,empty,y\n' + Array.from({ length: 40 }, (_, i) => `${i},,${i % 2}`).join('\n') + '\n');
  const specPath = writeSpec(dir, spec('$DIR/nan.csv', { preprocess: 'preprocess: { numeric: { impute: median } }' }).replaceAll('$DIR', dir));
  const r = runCli(['run', specPath, '--store', join(dir, 'store.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(r.status, 0, `exit status (stderr: ${r.stderr})`);
  const [runDir] = readdirSync(join(dir, 'runs'));
  const report = JSON.parse(readFileSync(join(dir, 'runs', runDir, 'report.json'), 'utf8')) as { data: { cleaning: string[] } };
  assert.ok(
    report.data.cleaning.some((n) => n.startsWith("column 'empty' has no values in the training rows; it was dropped like a constant column")),
    JSON.stringify(report.data.cleaning),
  );
});

test('non-numeric values in a numeric column → E_DATA with row and value, suggesting coerce', () => {
  expectFailure(spec('$DIR/coerce.csv'), 3, /column 'amount' has 1 non-numeric value.*row 7.*coerce/, (dir) => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i === 6 ? 'n/a' : (i * 1.5).toFixed(1)},${i % 2}`);
    writeFileSync(join(dir, 'coerce.csv'), 'amount,y\n' + rows.join('\n') + '\n');
  });
});

test('ragged CSV rows → E_DATA naming the line', () => {
  expectFailure(spec('$DIR/ragged.csv'), 3, /ragged\.csv.*line/i, (dir) =>
    writeFileSync(join(dir, 'ragged.csv'), 'a,b,y\n1,2,0\n3,4,1\n5,6,0,9\n7,8,1\n'),
  );
});

test('empty file → E_DATA naming the file', () => {
  expectFailure(spec('$DIR/empty.csv'), 3, /empty\.csv/, (dir) => writeFileSync(join(dir, 'empty.csv'), ''));
});

test('unknown model → E_SPEC with the key path and the known models', () => {
  expectFailure(spec(SHOPPERS, { target: 'Revenue', candidates: '    - { model: forest }' }), 2, /select\.candidates\[0\]\.model: unknown model 'forest'; known models: .*logistic_regression/);
});

test('unknown parameter → E_SPEC with the key path and the valid parameters', () => {
  expectFailure(spec(SHOPPERS, { target: 'Revenue', candidates: '    - { model: logistic_regression, params: { Cee: [1] } }' }), 2, /select\.candidates\[0\]\.params\.Cee: .*unknown parameter 'Cee'/);
});

test('unknown spec key → E_SPEC naming it', () => {
  expectFailure(spec(SHOPPERS, { target: 'Revenue' }).replace('split:', 'splt: {}\nsplit:'), 2, /splt/);
});

test('bad YAML → E_SPEC with line and column', () => {
  expectFailure('name: x\ndata: { source: [unclosed\n', 2, /invalid YAML at line \d+, column \d+/);
});

test('tampered model file → E_MODEL_FILE checksum mismatch; truncated file too', () => {
  const dir = tempDir();
  const specPath = writeSpec(dir, spec(SHOPPERS, { target: 'Revenue' }));
  const run = runCli(['run', specPath, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(run.status, 0, run.stderr);
  const tampered = join(dir, 'tampered.trainyard');
  copyFileSync(run.json.modelPath, tampered);
  const bytes = readFileSync(tampered);
  bytes[bytes.length - 3] ^= 0xff;
  writeFileSync(tampered, bytes);
  const out = join(dir, 'pred.csv');
  const r = runCli(['predict', '--model', tampered, '--input', SHOPPERS, '--output', out]);
  assert.equal(r.status, 8);
  assert.match(r.stderr, /checksum mismatch/);
  assert.ok(!existsSync(out), 'no output written');
  writeFileSync(tampered, readFileSync(run.json.modelPath).subarray(0, 100));
  const t = runCli(['predict', '--model', tampered, '--input', SHOPPERS, '--output', out]);
  assert.equal(t.status, 8);
});

test('predict input missing a trained column → E_DATA naming it', () => {
  const dir = tempDir();
  const specPath = writeSpec(dir, spec(SHOPPERS, { target: 'Revenue' }));
  const run = runCli(['run', specPath, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.equal(run.status, 0, run.stderr);
  const input = join(dir, 'in.csv');
  writeFileSync(input, 'Administrative;Month\n1;Feb\n');
  const r = runCli(['predict', '--model', run.json.modelPath, '--input', input, '--output', join(dir, 'o.csv')]);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /missing columns .*'ExitRates'/);
});
