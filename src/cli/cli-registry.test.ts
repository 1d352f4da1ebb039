/** `trainyard runs …`, `trainyard models …` and `models:/` references in predict, against a real store. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../core/rng.js';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

const dir = tempDir();
const store = join(dir, 'store.db');
const csv = join(dir, 'visits.csv');
const rng = new Rng(3);
const lines = ['visits,minutes,bought'];
for (let i = 0; i < 300; i++) {
  const visits = rng.int(20);
  const minutes = Math.round(rng.random() * 600) / 10;
  lines.push(`${visits},${minutes},${visits / 8 + minutes / 30 + rng.normal() > 2.5 ? 'yes' : 'no'}`);
}
writeFileSync(csv, lines.join('\n') + '\n');

function run(C: number): string {
  const spec = writeSpec(dir, `name: visits\ndata: { source: ${csv}, target: bought }\nselect:\n  cv: 3\n  candidates: [{ model: logistic_regression, params: { C: ${C} } }]\n`);
  const r = runCli(['run', spec, '--store', store, '--out', join(dir, 'runs'), '--json', '--quiet', '--workers', '1']);
  assert.equal(r.status, 0, r.stderr);
  return r.json.runId as string;
}

const first = run(0.01);
const second = run(10);

test('runs ls lists newest first with the best model and a headline metric; sorts by a metric; filters', () => {
  const ls = runCli(['runs', 'ls', '--store', store, '--json']);
  assert.equal(ls.status, 0, ls.stderr);
  assert.deepEqual(ls.json.runs.map((r: { id: string }) => r.id), [second, first]);
  assert.equal(ls.json.total, 2);
  assert.equal(ls.json.runs[0].model, 'logistic_regression');
  const human = runCli(['runs', 'ls', '--store', store]);
  assert.match(human.stdout, new RegExp(`${second}\\s+visits\\s+finished\\s+logistic_regression\\s+cv\\.`));
  assert.match(human.stdout, /2 of 2 runs/);
  const byC = runCli(['runs', 'ls', '--store', store, '--sort', 'metric:test.accuracy', '--asc', '--limit', '1', '--json']);
  assert.equal(byC.json.runs.length, 1);
  assert.equal(byC.json.total, 2);
  const none = runCli(['runs', 'ls', '--store', store, '--status', 'failed', '--json']);
  assert.deepEqual(none.json, { runs: [], total: 0 });
});

test('runs show gives every hyper-parameter, metrics, artifacts and the registered version; compare marks differences', () => {
  const show = runCli(['runs', 'show', first, '--store', store, '--json']);
  assert.equal(show.status, 0, show.stderr);
  assert.equal(show.json.params['best.C'], 0.01);
  assert.ok('best.maxIter' in show.json.params, 'defaults are recorded too');
  assert.deepEqual(show.json.registered, [{ name: 'visits', version: 1, aliases: [] }]);
  assert.deepEqual(show.json.artifacts.map((a: { name: string }) => a.name).sort(), ['model.trainyard', 'report.html', 'report.json']);
  const human = runCli(['runs', 'show', first, '--store', store]);
  assert.match(human.stdout, /model visits version 1/);
  assert.match(human.stdout, /best\.C\s+0\.01/);

  const cmp = runCli(['runs', 'compare', first, second, '--store', store, '--json']);
  assert.equal(cmp.status, 0, cmp.stderr);
  assert.deepEqual(cmp.json.params['best.C'], [0.01, 10]);
  assert.ok(!('best.model' in cmp.json.params), 'only differing params are listed');
  assert.equal(cmp.json.metrics['test.accuracy'].length, 2);
  assert.match(runCli(['runs', 'compare', first, second, '--store', store]).stdout, /\*/);

  const missing = runCli(['runs', 'show', 'nope', '--store', store]);
  assert.equal(missing.status, 10);
  assert.match(missing.stderr, /E_NOT_FOUND: no run 'nope'/);
  assert.equal(runCli(['runs', 'compare', first, '--store', store]).status, 5);
});

test('models ls/show/alias; predict and its output through models:/NAME@ALIAS and models:/NAME/VERSION', () => {
  const ls = runCli(['models', 'ls', '--store', store, '--json']);
  assert.deepEqual(ls.json.models.map((m: { name: string; latestVersion: number }) => [m.name, m.latestVersion]), [['visits', 2]]);
  assert.equal(runCli(['models', 'alias', 'visits', 'champion', '1', '--store', store]).status, 0);
  const show = runCli(['models', 'show', 'visits', '--store', store, '--json']);
  assert.deepEqual(show.json.versions.map((v: { version: number; runId: string; aliases: string[] }) => [v.version, v.runId, v.aliases]), [[1, first, ['champion']], [2, second, []]]);
  assert.match(show.json.versions[0].dataSha256, /^[0-9a-f]{64}$/);
  assert.match(runCli(['models', 'show', 'visits', '--store', store]).stdout, /champion/);

  const input = join(dir, 'new.csv');
  writeFileSync(input, 'visits,minutes\n3,12.5\n19,50\n');
  const viaAlias = runCli(['predict', '--model', 'models:/visits@champion', '--store', store, '--input', input, '--output', join(dir, 'a.csv')]);
  assert.equal(viaAlias.status, 0, viaAlias.stderr);
  const viaVersion = runCli(['predict', '--model', 'models:/visits/1', '--store', store, '--input', input, '--output', join(dir, 'b.csv')]);
  assert.equal(viaVersion.status, 0, viaVersion.stderr);
  const viaFile = runCli(['predict', '--model', join(dir, 'runs', `visits-${first}`, 'model.trainyard'), '--input', input, '--output', join(dir, 'c.csv')]);
  assert.equal(viaFile.status, 0, viaFile.stderr);
  assert.equal(readFileSync(join(dir, 'a.csv'), 'utf8'), readFileSync(join(dir, 'c.csv'), 'utf8'));
  assert.equal(readFileSync(join(dir, 'b.csv'), 'utf8'), readFileSync(join(dir, 'c.csv'), 'utf8'));

  // Moving the alias changes what it serves.
  assert.equal(runCli(['models', 'alias', 'visits', 'champion', '2', '--store', store]).status, 0);
  assert.equal(runCli(['predict', '--model', 'models:/visits@champion', '--store', store, '--input', input, '--output', join(dir, 'd.csv')]).status, 0);
  const v2 = runCli(['predict', '--model', 'models:/visits/2', '--store', store, '--input', input, '--output', join(dir, 'e.csv')]);
  assert.equal(v2.status, 0);
  assert.equal(readFileSync(join(dir, 'd.csv'), 'utf8'), readFileSync(join(dir, 'e.csv'), 'utf8'));

  const noAlias = runCli(['predict', '--model', 'models:/visits@staging', '--store', store, '--input', input, '--output', join(dir, 'f.csv')]);
  assert.equal(noAlias.status, 10);
  assert.match(noAlias.stderr, /model 'visits' has no alias 'staging'/);
  const bad = runCli(['predict', '--model', 'models:/visits/../x', '--store', store, '--input', input, '--output', join(dir, 'f.csv')]);
  assert.equal(bad.status, 5);
  assert.match(bad.stderr, /models:\/NAME@ALIAS/);
  assert.equal(runCli(['models', 'alias', 'visits', 'champion', '7', '--store', store]).status, 10);
  assert.equal(runCli(['models', 'alias', 'visits', 'champion', '--delete', '--store', store]).status, 0);
  assert.equal(runCli(['models', 'alias', 'visits', 'champion', '--delete', '--store', store]).status, 10);
  assert.equal(runCli(['models', 'show', 'nope', '--store', store]).status, 10);
});
