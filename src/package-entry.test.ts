/**
 * The package's entry points: the root is the library and loads no database or queue driver; each
 * subpath export resolves and loads its drivers only when a source, store or cluster needs them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './testing/paths.js';

const DRIVERS = ['pg', 'mysql2', 'bullmq', 'ioredis', '@duckdb/node-api', '@duckdb/node-bindings', 'better-sqlite3'];

// A child process registers a module-load hook that reports every URL the loader loads (ESM and the
// CommonJS entry points it imports); CommonJS files required from there are listed from require.cache.
const dir = mkdtempSync(join(tmpdir(), 'trainyard-entry-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const probe = join(dir, 'probe.mjs');
writeFileSync(
  probe,
  `import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (u) => urls.push(u));
port1.unref();
register('data:text/javascript,' + encodeURIComponent("let port; export function initialize(d) { port = d.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }"), { data: { port: port2 }, transferList: [port2] });
const started = performance.now();
await import(process.argv[2]);
const ms = performance.now() - started;
await new Promise((r) => setTimeout(r, 50));
const cjs = Object.keys(createRequire(import.meta.url).cache).map((f) => 'file://' + f);
console.log(JSON.stringify({ ms, urls: [...new Set([...urls, ...cjs])] }));
`,
);

/** What importing `specifier` (from inside the package, so `trainyard/…` self-references resolve) loads. */
function loadedBy(specifier: string): { ms: number; urls: string[]; drivers: string[]; ownModules: number } {
  const r = spawnSync(process.execPath, [probe, specifier], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { ms, urls } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; urls: string[] };
  const drivers = DRIVERS.filter((d) => urls.some((u) => u.includes(`/node_modules/${d}/`)));
  const ownModules = urls.filter((u) => u.startsWith(pathToFileURL(join(repoRoot, 'dist')).href)).length;
  return { ms, urls, drivers, ownModules };
}

test('the package root loads no database or queue driver, nor the layers above the library', (t) => {
  const root = loadedBy(pathToFileURL(join(repoRoot, 'dist', 'index.js')).href);
  assert.deepEqual(root.drivers, []);
  const upper = root.urls.filter((u) => /\/dist\/(data|tracking|execution|report|experiment|cli)\//.test(u) && !u.includes('/dist/data/columns/'));
  assert.deepEqual(upper, [], 'the root imports only core, kernels, preprocess, models, metrics and selection');
  assert.ok(!root.urls.some((u) => /\/node_modules\/(yaml|zod|commander)\//.test(u)), 'no spec or CLI dependency');
  // The figure the README's Architecture section quotes.
  t.diagnostic(`package root: ${root.ownModules} trainyard modules in ${root.ms.toFixed(0)} ms`);
});

test('trainyard/data and trainyard/tracking load their drivers only when a source or store needs them', () => {
  // Resolved here, inside the package, where `trainyard/…` refers to this package's own exports.
  assert.deepEqual(loadedBy(import.meta.resolve('trainyard/data')).drivers, []);
  assert.deepEqual(loadedBy(import.meta.resolve('trainyard/tracking')).drivers, []);
});

test('every subpath export resolves to its entry', async () => {
  // Specifiers in variables: the compiler type-checks this file before dist/ (which `exports` names) exists.
  const load = (s: string): Promise<Record<string, unknown>> => import(s) as Promise<Record<string, unknown>>;
  const mods = {
    root: await load('trainyard'),
    data: await load('trainyard/data'),
    tracking: await load('trainyard/tracking'),
    cluster: await load('trainyard/cluster'),
    report: await load('trainyard/report'),
    experiment: await load('trainyard/experiment'),
    server: await load('trainyard/server'),
  };
  assert.equal(typeof mods.root.LogisticRegression, 'function');
  assert.equal(typeof mods.data.loadFrame, 'function');
  assert.equal(typeof mods.tracking.openStore, 'function');
  assert.equal(typeof mods.cluster.fitLogisticRegressionDataParallel, 'function');
  assert.equal(typeof mods.report.renderReportHtml, 'function');
  assert.equal(typeof mods.experiment.runExperiment, 'function');
  assert.equal(typeof mods.server.startServer, 'function');
  assert.equal(mods.root.loadFrame, undefined, 'loadFrame lives in trainyard/data');
});
