/**
 * The published package, as a user gets it: `npm pack`, installed into an empty app. The tarball holds
 * the build, the example and the LICENSE but no tests, test support or fixtures; the shipped example
 * runs from the app's folder; and `npx trainyard` run inside node_modules/trainyard (which makes npm
 * treat the package folder as a project and run its `prepare` hook) leaves the install working.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from './testing/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'trainyard-pack-'));
const app = join(dir, 'app');
const installed = join(app, 'node_modules', 'trainyard');
let files: string[] = [];

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} in ${cwd} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

before(() => {
  // --ignore-scripts: packing must not rebuild (and so delete) the dist/ the running suite is using.
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  // Dependencies come from npm's cache (filled by the repository's own install). Install scripts are
  // skipped because better-sqlite3's would compile its addon from source for minutes (no prebuilt
  // binary can be downloaded here); the identical addon built for this repository is copied instead.
  run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, info.filename)], app);
  cpSync(join(repoRoot, 'node_modules', 'better-sqlite3', 'build'), join(app, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds the build, the example and the LICENSE, and no tests, test support or fixtures', () => {
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/trainyard.js', 'dist/index.js', 'dist/kernels/kernels.wasm', 'examples/online-shoppers/spec.yaml']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  const unwanted = files.filter((f) => /\.test\.|test-helpers|^dist\/(testing|bench)\/|^fixtures\/|^src\/|\.map$|^bench\//.test(f));
  assert.deepEqual(unwanted, []);
});

test('the shipped example runs from the app folder, and npx trainyard inside the package leaves it working', () => {
  const out = run('npx', ['--no-install', 'trainyard', 'run', 'node_modules/trainyard/examples/online-shoppers/spec.yaml', '--store', 'store.db', '--out', 'runs', '--json', '--quiet'], app);
  const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as { test: { f1: number; rocAuc: number }; modelPath: string };
  assert.equal(result.test.f1.toFixed(4), '0.6447');
  assert.equal(result.test.rocAuc.toFixed(4), '0.9204');
  assert.ok(existsSync(result.modelPath));

  const help = run('npx', ['--no-install', 'trainyard', '--help'], installed);
  assert.match(help.stdout, /Usage: trainyard/);
  // Whether npx runs the hook depends on npm's version and settings; run it as npm would, directly.
  run(process.execPath, ['scripts/prepare.mjs'], installed);
  assert.ok(existsSync(join(installed, 'dist', 'index.js')), 'dist/ survives npx and the prepare hook inside the package');
  assert.match(run('npx', ['--no-install', 'trainyard', '--help'], app).stdout, /Usage: trainyard/);
});
