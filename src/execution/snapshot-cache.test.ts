import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../tracking/store.js';
import { SnapshotCache } from './snapshot-cache.js';

test('keeps the folder to its budget, dropping the snapshots used longest ago but never recently used ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-snapcache-'));
  const store = await openStore(join(dir, 'store.db'));
  const shas: string[] = [];
  for (const fill of [1, 2, 3]) {
    const bytes = Buffer.alloc(1000, fill);
    const sha = createHash('sha256').update(bytes).digest('hex');
    await store.putBlob(sha, bytes);
    shas.push(sha);
  }
  const cache = new SnapshotCache(dir, store, 2500);
  const file = (sha: string): string => join(dir, `${sha}.snapshot`);
  const age = (sha: string, hours: number): void => {
    const t = new Date(Date.now() - hours * 3600e3);
    utimesSync(file(sha), t, t);
  };
  await cache.ensure(shas[0]);
  await cache.ensure(shas[1]);
  age(shas[0], 2);
  age(shas[1], 1);
  assert.deepEqual(await cache.read(shas[0]), Buffer.alloc(1000, 1)); // a hit marks it used now
  await cache.ensure(shas[2]); // 3000 bytes > 2500: the least recently used (shas[1]) goes
  assert.deepEqual([existsSync(file(shas[0])), existsSync(file(shas[1])), existsSync(file(shas[2]))], [true, false, true]);

  // Over budget again, but everything was used minutes ago: nothing is removed under a running task.
  await cache.ensure(shas[1]);
  assert.ok([0, 1, 2].every((i) => existsSync(file(shas[i]))));
  await assert.rejects(cache.ensure('0'.repeat(64)), { code: 'E_STORE' });
  await store.close();
});

test('without a store, snapshots are put by their owner and a missing one is E_STORE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-snapcache-'));
  const cache = new SnapshotCache(join(dir, 'nested'));
  const sha = createHash('sha256').update('bytes').digest('hex');
  cache.put(sha, Buffer.from('bytes'));
  assert.deepEqual(await cache.read(sha), Buffer.from('bytes'));
  await assert.rejects(cache.ensure('b'.repeat(64)), { code: 'E_STORE' });
});

test('a temporary file left by a writer killed mid-write is removed once it is old', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-snapcache-'));
  const stale = join(dir, `${'c'.repeat(64)}.snapshot.tmp-123-abc`);
  const fresh = join(dir, `${'d'.repeat(64)}.snapshot.tmp-456-def`);
  writeFileSync(stale, 'half');
  writeFileSync(fresh, 'being written');
  const t = new Date(Date.now() - 3600e3);
  utimesSync(stale, t, t);
  const bytes = Buffer.from('bytes');
  new SnapshotCache(dir).put(createHash('sha256').update(bytes).digest('hex'), bytes);
  assert.deepEqual([existsSync(stale), existsSync(fresh)], [false, true]);
});
