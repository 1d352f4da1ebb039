import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IoError, StoreError } from '../core/errors.js';
import { openStore, newRunId } from './store.js';
import { sampleRun, storeSuite, type StoreSuiteOptions } from '../testing/store-suite.js';
import { storeServerSuite } from '../testing/store-server-suite.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

const target: StoreSuiteOptions = {
  async createTarget() {
    const dir = join(root, `t${counter++}`);
    const path = join(dir, 'store.db'); // the directory does not exist yet: openStore creates it
    return {
      location: `sqlite:${path}`,
      async setSchemaVersion(version: number) {
        const db = new Database(path);
        db.prepare('UPDATE trainyard_schema SET version = ?').run(version);
        db.close();
      },
      async exec(statements: string[]) {
        const db = new Database(path);
        for (const sql of statements) db.exec(sql.replaceAll('{s}', ''));
        db.close();
      },
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
storeSuite('SqliteStore', target);
storeServerSuite('SqliteStore (server and registry)', target);

test('openStore uses WAL mode and resolves plain paths, sqlite: paths and the default ./trainyard.db', async () => {
  const path = join(root, 'plain.db');
  const store = await openStore(path);
  assert.equal(store.location, path);
  await store.close();
  const db = new Database(path);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
  const cwd = process.cwd();
  const dir = join(root, 'cwd');
  await (await openStore(`sqlite:${dir}/a.db`)).close();
  process.chdir(dir);
  try {
    const def = await openStore();
    assert.equal(def.location, join(dir, 'trainyard.db'));
    await def.close();
    assert.ok(existsSync(join(dir, 'trainyard.db')));
  } finally {
    process.chdir(cwd);
  }
});

test('a file that is not an SQLite database is refused with a StoreError naming the path', async () => {
  const path = join(root, 'notes.db');
  writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
  await assert.rejects(openStore(path), (err: unknown) => {
    assert.ok(err instanceof StoreError);
    assert.match(err.message, new RegExp(`'${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not a trainyard store`));
    return true;
  });
  await assert.rejects(openStore('mysql://db/x'), /unsupported store location/);
});

test('an unwritable location is a file-system error (E_IO, exit 4) naming the path, not E_STORE', async () => {
  const file = join(root, 'a-file');
  writeFileSync(file, '');
  await assert.rejects(openStore(join(file, 'sub', 'store.db')), (err: unknown) => err instanceof IoError && err.message.includes(join(file, 'sub')) && /--store/.test(err.message));
});

/** Writes `n` runs (with metrics and an artifact) and races for the shared run's task results. */
const CHILD = `
const { openStore } = await import(process.argv[1]);
const [, , path, tag, n, shared] = process.argv;
const store = await openStore(path);
process.stdout.write('ready\\n');
await new Promise((r) => process.stdin.once('data', r));
let stored = 0;
for (let i = 0; i < Number(n); i++) {
  // A short pause now and then spreads each writer over time, so the two surely overlap.
  if (i % 10 === 9) await new Promise((r) => setTimeout(r, 2));
  const id = tag + '-' + i;
  const bytes = Buffer.alloc(4096, i % 251);
  await store.beginRun({ id, name: tag, startedAt: new Date().toISOString(), spec: { i }, specHash: 'h' });
  await store.completeRun({ id, name: tag, status: 'finished', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
    spec: { i }, specHash: 'h', params: { i }, metrics: [{ key: 'loss', value: i, step: 0 }, { key: 'score', value: i / n }],
    artifacts: [{ name: 'blob', contentType: 'application/octet-stream', bytes }] });
  if ((await store.putTaskResults([{ runId: shared, taskId: 'task-' + (i % 50), attempt: 1, result: tag }]))[0]) stored++;
}
await store.close();
process.stdout.write('stored ' + stored + '\\n');
`;

function startWriter(path: string, tag: string, n: number, shared: string) {
  const storeUrl = new URL('./store.js', import.meta.url).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, storeUrl, path, tag, String(n), shared], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('ready') && resolve());
    child.once('exit', () => reject(new Error(`writer ${tag} exited early: ${err}`)));
  });
  const done = new Promise<number>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(Number(/stored (\d+)/.exec(out)?.[1])) : reject(new Error(`writer ${tag} failed (${code}): ${err}`)))),
  );
  return { ready, done, go: () => child.stdin.end('go\n') };
}

test('two processes writing runs to the same SQLite file at once: nothing lost, no corruption', async () => {
  const path = join(root, 'shared', 'store.db');
  const store = await openStore(path);
  const shared = newRunId();
  await store.beginRun({ id: shared, name: 'shared', startedAt: new Date().toISOString(), spec: {}, specHash: 'h' });
  const n = 200;
  const a = startWriter(path, 'a', n, shared);
  const b = startWriter(path, 'b', n, shared);
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  const [storedA, storedB] = await Promise.all([a.done, b.done]);
  assert.equal(storedA + storedB, 50, 'each of the 50 task keys is stored by exactly one writer');
  assert.equal((await store.getTaskResults(shared)).length, 50);
  for (const tag of ['a', 'b']) {
    const runs = await store.listRuns({ name: tag });
    assert.equal(runs.length, n);
    assert.ok(runs.every((r) => r.status === 'finished'));
  }
  for (const i of [0, 77, n - 1]) {
    const [info] = await store.listArtifacts(`b-${i}`);
    assert.equal(info.sha256, createHash('sha256').update(Buffer.alloc(4096, i % 251)).digest('hex'));
    assert.deepEqual(await store.getMetrics(`a-${i}`), [{ key: 'loss', value: i, step: 0 }, { key: 'score', value: i / n }]);
  }
  await store.completeRun(sampleRun('after'));
  await store.close();
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  // The writers really raced: in insertion order, runs of the two processes interleave.
  const names = (db.prepare("SELECT name FROM runs WHERE name IN ('a', 'b') ORDER BY rowid").all() as { name: string }[]).map((r) => r.name);
  const switches = names.filter((name, i) => i > 0 && name !== names[i - 1]).length;
  console.log(`# writers switched ${switches} times`);
  assert.ok(switches >= 2, `writers switched ${switches} times`);
  db.close();
});
