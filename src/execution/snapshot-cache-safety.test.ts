import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { tempDir, TRAINYARD_BIN } from '../testing/cli.js';
import { repoRoot } from '../testing/paths.js';
import { openStore } from '../tracking/store.js';
import { SnapshotCache, snapshotCacheDir } from './snapshot-cache.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Captures what `fn` writes to stderr. */
async function stderrOf(fn: () => Promise<void> | void): Promise<string> {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

test('the cache folder is per user: $TRAINYARD_CACHE_DIR, else $XDG_CACHE_HOME/trainyard/snapshots, else ~/.cache/trainyard/snapshots', () => {
  assert.equal(snapshotCacheDir({ TRAINYARD_CACHE_DIR: '/srv/ty-cache', XDG_CACHE_HOME: '/x' }), '/srv/ty-cache');
  assert.equal(snapshotCacheDir({ XDG_CACHE_HOME: '/x/cache' }), '/x/cache/trainyard/snapshots');
  assert.equal(snapshotCacheDir({ XDG_CACHE_HOME: 'relative' }), join(homedir(), '.cache', 'trainyard', 'snapshots'));
  assert.equal(snapshotCacheDir({}), join(homedir(), '.cache', 'trainyard', 'snapshots'));
});

test('a new cache folder is created with mode 0700; one others may write to, or owned by another user, is refused with E_IO naming it and the fix', () => {
  const base = tempDir('ty-cache-perm-');
  const fresh = join(base, 'a', 'snapshots');
  new SnapshotCache(fresh);
  assert.equal(statSync(fresh).mode & 0o777, 0o700);

  const open = join(base, 'world-writable');
  mkdirSync(open);
  chmodSync(open, 0o777);
  assert.throws(() => new SnapshotCache(open), (e: any) => {
    assert.equal(e.code, 'E_IO');
    assert.ok(e.message.includes(open), e.message);
    assert.match(e.message, /may be written by other users \(mode 0777\).*chmod 700 .*TRAINYARD_CACHE_DIR/);
    return true;
  });
  const group = join(base, 'group-writable');
  mkdirSync(group);
  chmodSync(group, 0o770);
  assert.throws(() => new SnapshotCache(group), { code: 'E_IO', message: /mode 0770/ });

  if (process.getuid?.() === 0) {
    // Tests run as root here: a folder handed to `nobody` stands for one created by another user.
    const foreign = join(base, 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    chownSync(foreign, 65534, 65534);
    assert.throws(() => new SnapshotCache(foreign), (e: any) => {
      assert.equal(e.code, 'E_IO');
      assert.ok(e.message.includes(foreign));
      assert.match(e.message, /belongs to another user \(uid 65534; you are uid 0\).*remove it, or set TRAINYARD_CACHE_DIR/);
      return true;
    });
  }
});

test('a corrupt entry is a miss: put() writes it again from the run\'s data, ensure() and read() fetch it again from the store; one warning names the file', async () => {
  const dir = tempDir('ty-cache-repair-');
  const store = await openStore(join(dir, 'store.db'));
  const bytes = Buffer.from('a data snapshot, long enough to be cut short'.repeat(100));
  const id = sha(bytes);
  await store.putBlob(id, bytes);
  const cacheDir = join(dir, 'cache');
  const file = join(cacheDir, `${id}.snapshot`);

  // Local runs: the coordinator puts the snapshot it holds.
  new SnapshotCache(cacheDir).put(id, bytes);
  truncateSync(file, 100);
  const warning = await stderrOf(() => new SnapshotCache(cacheDir).put(id, bytes));
  assert.deepEqual(readFileSync(file), bytes);
  assert.ok(warning.includes(file) && /corrupt/.test(warning), warning);

  // Cluster workers: a same-size edit (as tampering would leave it) is fetched again from the store.
  const edited = Buffer.from(bytes);
  edited[10] ^= 1;
  writeFileSync(file, edited);
  const cache = new SnapshotCache(cacheDir, store);
  const again = await stderrOf(() => cache.ensure(id));
  assert.deepEqual(readFileSync(file), bytes);
  assert.equal(again, '', 'warned once per file');

  writeFileSync(file, 'garbage');
  assert.deepEqual(await cache.read(id), bytes);
  assert.deepEqual(readdirSync(cacheDir), [`${id}.snapshot`], 'no temporary files left');
  await store.close();
});

function csv(dir: string): string {
  const file = join(dir, 'data.csv');
  const lines = ['a,b,c,y'];
  for (let i = 0; i < 400; i++) lines.push(`${(i * 7) % 13},${(i * 5) % 11},${(i * 3) % 17},${((i * 7) % 13) + ((i * 3) % 17) > 14 ? 1 : 0}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, `name: cache-repair
data: { source: ${file}, target: y }
select:
  cv: 3
  metric: f1
  candidates:
    - { model: logistic_regression, params: { C: [0.1, 1, 10] } }
`);
  return spec;
}

function run(spec: string, dir: string, cacheDir: string, tag: string): { status: number | null; stderr: string; json: any } {
  const r = spawnSync(process.execPath, [TRAINYARD_BIN, 'run', spec, '--store', join(dir, `${tag}.db`), '--out', join(dir, `runs-${tag}`), '--workers', '2', '--json', '--quiet'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FORCE_COLOR: '0', TRAINYARD_CACHE_DIR: cacheDir },
  });
  let json: any = null;
  try {
    json = JSON.parse(r.stdout.trim().split('\n').pop()!);
  } catch {
    json = null;
  }
  return { status: r.status, stderr: r.stderr, json };
}

test('CLI `run --workers 2`: TRAINYARD_CACHE_DIR is honoured, a corrupt entry is repaired with a warning and the same figures, an unsafe folder is E_IO (exit 4)', () => {
  const dir = tempDir('ty-cache-cli-');
  const spec = csv(dir);
  const cacheDir = join(dir, 'my-cache');
  const first = run(spec, dir, cacheDir, 'first');
  assert.equal(first.status, 0, first.stderr);
  const entries = readdirSync(cacheDir).filter((f) => f.endsWith('.snapshot'));
  assert.equal(entries.length, 1, 'the snapshot is cached in $TRAINYARD_CACHE_DIR');
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);

  const file = join(cacheDir, entries[0]);
  truncateSync(file, Math.floor(statSync(file).size / 2));
  const second = run(spec, dir, cacheDir, 'second');
  assert.equal(second.status, 0, second.stderr);
  assert.ok(second.stderr.includes(file) && /warning: .*corrupt/.test(second.stderr), second.stderr);
  assert.deepEqual(second.json.test, first.json.test);
  assert.deepEqual(second.json.best, first.json.best);

  chmodSync(cacheDir, 0o777);
  const refused = run(spec, dir, cacheDir, 'third');
  assert.equal(refused.status, 4, refused.stderr);
  assert.ok(refused.stderr.includes(`E_IO: the snapshot cache folder ${cacheDir} may be written by other users`), refused.stderr);
  assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
});
