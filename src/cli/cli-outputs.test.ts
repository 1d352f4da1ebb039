/**
 * Outputs (issue 14, classes 4 and 11): a `--out`, `--store` or `--output` the user cannot write is
 * E_IO (exit 4) naming the path and what to do — never a stack trace, never a hang — and `predict
 * --output` never replaces what is not a regular file: a FIFO is written through, a symbolic link is
 * followed (the file it points to gets the CSV, the link stays), `-` streams the CSV to stdout.
 *
 * Tests run as root, so unwritable places are ones root cannot write either: a path under a regular
 * file, /proc (where Node's recursive mkdir used to loop forever) and /sys.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, runCliAsync, tempDir, TRAINYARD_BIN, writeSpec } from '../testing/cli.js';

const dir = tempDir('trainyard-outputs-');
const csv = join(dir, 'small.csv');
writeFileSync(csv, 'a,b,y\n' + Array.from({ length: 60 }, (_, i) => `${i},${(i * 7) % 11},${i % 2}`).join('\n') + '\n');
const spec = writeSpec(dir, `name: small
data: { source: ${csv}, target: y }
split: { test: 0.25, seed: 0 }
select:
  cv: 2
  candidates:
    - { model: logistic_regression }
`);
const input = join(dir, 'in.csv');
writeFileSync(input, 'a,b\n1,2\n3,4\n5,6\n');
/** A regular file, to put paths under. */
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'not a folder\n');
let model = '';

/** The CLI with a time limit (the old code hung under /proc): status null means it was killed. */
function cli(args: string[], cwd = dir, timeout = 30_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TRAINYARD_BIN, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertIoError(r: { status: number | null; stderr: string }, path: RegExp, fix: RegExp): void {
  assert.equal(r.status, 4, `exit status 4 (stderr: ${r.stderr})`);
  assert.match(r.stderr, /^trainyard: E_IO: /m);
  assert.match(r.stderr, path, 'names the path');
  assert.match(r.stderr, fix, 'says what to do');
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
}

before(() => {
  const r = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  model = r.json.modelPath;
});

for (const [label, out] of [
  ['a path under a regular file', join(aFile, 'runs')],
  ['a folder under /proc', '/proc/trainyard-test-out/runs'],
  ['a folder under /sys', '/sys/trainyard-test-out'],
] as const) {
  test(`run --out ${label} → E_IO naming the folder, before any run is begun`, () => {
    const store = join(dir, `store-${label.length}.db`);
    const r = cli(['run', spec, '--store', store, '--out', out, '--workers', '1', '--quiet']);
    assertIoError(r, new RegExp(out.split('/').slice(0, 3).join('/')), /--out/);
    if (existsSync(store)) {
      const db = new Database(store, { readonly: true });
      const runs = db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number };
      db.close();
      assert.equal(runs.n, 0, 'no run begun');
    }
  });
}

for (const [label, store] of [
  ['a path under a regular file', join(aFile, 'store.db')],
  ['a file in /proc', '/proc/trainyard-test.db'],
  ['a folder under /proc', '/proc/trainyard-test/x/store.db'],
] as const) {
  test(`run --store ${label} → E_IO naming the store path`, () => {
    const r = cli(['run', spec, '--store', store, '--out', join(dir, 'runs'), '--workers', '1', '--quiet']);
    assertIoError(r, /'\/(tmp|proc)\//, /--store/);
  });
}

test('predict --output under a regular file, in /proc, in /sys, or a folder → E_IO before any output', () => {
  for (const out of [join(aFile, 'p.csv'), '/proc/trainyard-test.csv', '/sys/trainyard-test.csv', dir]) {
    const r = cli(['predict', '--model', model, '--input', input, '--output', out]);
    assertIoError(r, new RegExp(`'${out.slice(0, 12)}`), /--output/);
  }
  assert.ok(lstatSync(dir).isDirectory());
});

test('predict --output FIFO: written through (the reader gets the CSV), the FIFO stays a FIFO', async () => {
  const fifo = join(dir, 'pred.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
  let got = '';
  reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
  const readerDone = new Promise<void>((resolve) => reader.on('exit', () => resolve()));
  try {
    const r = await runCliAsync(['predict', '--model', model, '--input', input, '--output', fifo], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO, not replaced by a regular file');
    await Promise.race([readerDone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    assert.match(got, /^a,b,prediction,proba_0,proba_1\n1,2,/);
    assert.equal(got.trim().split('\n').length, 4);
  } finally {
    reader.kill('SIGKILL');
  }
});

test('predict --output symlink to a regular file: the file it points to gets the CSV (mode kept), the link stays', () => {
  const real = join(dir, 'real.csv');
  const link = join(dir, 'link.csv');
  writeFileSync(real, 'old\n');
  chmodSync(real, 0o640);
  symlinkSync('real.csv', link);
  const r = cli(['predict', '--model', model, '--input', input, '--output', link]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(link), 'real.csv');
  assert.match(readFileSync(real, 'utf8'), /^a,b,prediction/);
  assert.equal(statSync(real).mode & 0o777, 0o640, 'permissions kept');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
});

test('predict --output - streams the CSV alone to stdout (summary on stderr, also with --json)', () => {
  for (const extra of [[], ['--json']]) {
    const r = cli(['predict', '--model', model, '--input', input, '--output', '-', ...extra]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'a,b,prediction,proba_0,proba_1');
    assert.equal(lines.length, 4, 'header + 3 rows, nothing else');
    assert.match(r.stderr, extra.length ? /"rows":3/ : /wrote 3 predictions to standard output/);
  }
  assert.ok(!existsSync(join(dir, '-')), "no file named '-'");
});
