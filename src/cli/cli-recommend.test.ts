/**
 * `trainyard run` on a `task: recommend` spec and `trainyard recommend`, as a user runs them, on a
 * small synthetic interactions file — including every bad input the recommender issue names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeSyntheticInteractions } from '../experiment/recommend/interactions.test-helpers.js';
import { runCli, tempDir, writeSpec, type CliResult } from '../testing/cli.js';

function spec(source: string, extra: { data?: string; select?: string; evaluate?: string; split?: string } = {}): string {
  return `name: rec-cli
task: recommend
data: { source: ${source}${extra.data ?? ''} }
split: ${extra.split ?? '{ method: per_user, test: 0.25, seed: 1 }'}
select:
${extra.select ?? `  metric: ndcg@5
  candidates:
    - { model: popularity }
    - { model: item_knn }`}
evaluate:
${extra.evaluate ?? '  metrics: [precision@5, ndcg@5, map@5, coverage@5, hit_rate@5]'}
`;
}

function run(dir: string, yaml: string, extra: string[] = []): CliResult {
  const specPath = writeSpec(dir, yaml);
  return runCli(['run', specPath, '--store', join(dir, 'store.db'), '--out', join(dir, 'runs'), '--json', '--quiet', ...extra]);
}

const dir = tempDir();
const csv = writeSyntheticInteractions(dir);
const good = run(dir, spec(csv), ['--workers', '2']);

test('run prints the classification JSON shape with test keys as written in evaluate.metrics', () => {
  assert.equal(good.status, 0, good.stderr);
  const j = good.json;
  for (const key of ['runId', 'best', 'test', 'modelPath', 'reportPath']) assert.ok(key in j, key);
  assert.deepEqual(Object.keys(j.best), ['model', 'params', 'cvScore']);
  assert.deepEqual(Object.keys(j.test), ['precision@5', 'ndcg@5', 'map@5', 'coverage@5', 'hit_rate@5']);
  assert.ok(existsSync(j.modelPath) && existsSync(j.reportPath));
  assert.equal(typeof j.coldStart.coldUsers, 'number');
  const db = new Database(join(dir, 'store.db'), { readonly: true });
  const row = db.prepare('SELECT status FROM runs WHERE id = ?').get(j.runId) as { status: string };
  db.close();
  assert.equal(row.status, 'finished');
});

test('recommend: top-k for a known user, as JSON and as lines', () => {
  const r = runCli(['recommend', '--model', good.json.modelPath, '--user', 'u3', '--k', '4', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.user, 'u3');
  assert.equal(r.json.fallback, null);
  assert.equal(r.json.items.length, 4);
  const scores = r.json.items.map((x: { score: number }) => x.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
  assert.equal(r.stderr, '');
  const human = runCli(['recommend', '--model', good.json.modelPath, '--user', 'u3', '--k', '4']);
  assert.equal(human.status, 0);
  assert.equal(human.stdout.trim().split('\n').length, 4);
  assert.match(human.stdout, new RegExp(`^\\s+1\\s+${r.json.items[0].item}\\s`));
});

test('recommend: an unknown user gets the popular items, and is told so on stderr and in JSON', () => {
  const r = runCli(['recommend', '--model', good.json.modelPath, '--user', 'stranger', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.fallback, 'popularity');
  assert.equal(r.json.items.length, 10);
  assert.match(r.stderr, /user 'stranger' has no training events in this model; recommending the most popular items/);
});

test('recommend: k larger than the catalogue returns every item the user has not seen', () => {
  const r = runCli(['recommend', '--model', good.json.modelPath, '--user', 'u3', '--k', '1000', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const all = runCli(['recommend', '--model', good.json.modelPath, '--user', 'u3', '--k', '1000', '--no-exclude-seen', '--json']);
  assert.equal(all.json.items.length, 40, 'the whole catalogue');
  assert.ok(r.json.items.length < 40 && r.json.items.length >= 40 - 12);
  assert.equal(new Set(r.json.items.map((x: { item: string }) => x.item)).size, r.json.items.length);
  assert.match(r.stderr, /k = 1000 is more than the \d+ items available to this user; returning all of them/);
});

test('recommend: a file that is not a recommender → E_MODEL_FILE (exit 8)', () => {
  const bad = join(dir, 'bad.trainyard');
  writeFileSync(bad, 'garbage');
  const r = runCli(['recommend', '--model', bad, '--user', 'u1', '--json']);
  assert.equal(r.status, 8);
  assert.match(r.stderr, /E_MODEL_FILE/);
  assert.equal(r.json.error.code, 'E_MODEL_FILE');
});

test('--workers 1 and --workers 2 give the same best and test', () => {
  const one = run(dir, spec(csv), ['--workers', '1']);
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(good.json.best, one.json.best);
  assert.deepEqual(good.json.test, one.json.test);
  assert.deepEqual(good.json.confidence, one.json.confidence);
});

/** A run that must fail: exit status, message, JSON error line, nothing written, no finished run. */
function expectFailure(yaml: (d: string) => string, code: number, message: RegExp): void {
  const d = tempDir();
  const r = run(d, yaml(d));
  assert.equal(r.status, code, `exit status (stderr: ${r.stderr})`);
  assert.match(r.stderr, message);
  assert.ok(r.json?.error?.message, 'JSON error line');
  const runs = join(d, 'runs');
  assert.ok(!existsSync(runs) || readdirSync(runs).length === 0, 'no model or report left behind');
  if (existsSync(join(d, 'store.db'))) {
    const db = new Database(join(d, 'store.db'), { readonly: true });
    const n = db.prepare("SELECT count(*) AS n FROM runs WHERE status = 'finished'").get() as { n: number };
    db.close();
    assert.equal(n.n, 0);
  }
}

test('bad input: a non-numeric rating → E_DATA naming file, row, column and value (exit 3)', () => {
  expectFailure((d) => spec(writeSyntheticInteractions(d, { extraLines: ['u1,i3,five,1000999'] })), 3, /events\.csv: rating column 'rating' has 1 non-numeric .*row 721, "five"/);
});

test('bad input: filters that leave no user → E_DATA saying what to loosen (exit 3)', () => {
  expectFailure((d) => spec(writeSyntheticInteractions(d), { data: ', minUserInteractions: 50' }), 3, /minUserInteractions = 50 .*remove all/);
});

test('bad input: an unknown model → E_SPEC with the key path and the known models (exit 2)', () => {
  // Unknown metrics and parameters fail the same way (recommend-spec.test.ts).
  expectFailure((d) => spec(join(d, 'none.csv'), { select: '  candidates: [{ model: svdpp2 }]' }), 2, /select\.candidates\[0\]\.model: unknown model 'svdpp2' — did you mean 'svdpp'\?; known recommenders: .*item_knn/);
});

test('duplicate events are merged and reported (dedupe), not an error', () => {
  const d = tempDir();
  const source = writeSyntheticInteractions(d, { extraLines: ['u0,i0,5,1999999', 'u0,i0,4,1999998', 'u1,i1,3,1999999'] });
  const rows = readFileSync(source, 'utf8').trim().split('\n').slice(1);
  const pairs = new Set(rows.map((l) => l.split(',').slice(0, 2).join(',')));
  const r = run(d, spec(source, { data: ', dedupe: last' }));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.data.duplicates, rows.length - pairs.size);
  assert.equal(r.json.data.events, pairs.size);
  const report = JSON.parse(readFileSync(join(r.json.reportPath, '..', 'report.json'), 'utf8'));
  assert.ok(report.data.notes.some((n: string) => /duplicate \(user, item\) events merged/.test(n)));
});
