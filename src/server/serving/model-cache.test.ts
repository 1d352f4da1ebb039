/**
 * ModelCache with a scripted store: loads are shared, versions stay cached, the LRU drops by model-file
 * bytes, an alias is re-resolved after its TTL in the background (the old model answers meanwhile), a
 * failed refresh keeps the old model, a deleted alias is forgotten.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRecommenderBundle, saveRecommenderBundle } from '../../experiment/recommend/recommender-bundle.js';
import { Popularity } from '../../models/recommend/popularity.js';
import { IdMap } from '../../preprocess/interactions/id-map.js';
import type { ModelRef, ModelVersion, Store } from '../../tracking/store.js';
import { ModelCache } from './model-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'ty-model-cache-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
import { LoadedRecommender } from '../../experiment/recommend/recommender-bundle.js';

/** A recommender model file (the quickest model to build): popularity over `items` items, one user. */
function modelBytes(items: number): Buffer {
  const n = items;
  const train = { nUsers: 1, nItems: n, users: new Int32Array(n), items: Int32Array.from({ length: n }, (_, i) => i), values: new Float64Array(n).fill(1) };
  const bundle = makeRecommenderBundle(new Popularity().fit(train), train, IdMap.fromValues(['u1']), IdMap.fromValues(Array.from({ length: n }, (_, i) => `i${i}`)), `run-${n}`);
  const file = join(dir, `m${n}.trainyard`);
  saveRecommenderBundle(file, bundle);
  return readFileSync(file);
}

function fakeStore() {
  const versions = new Map<number, Buffer>();
  const aliases = new Map<string, number>();
  const calls = { resolve: 0, artifact: 0 };
  let failing = false;
  const store = {
    location: 'fake',
    async resolveModelVersion(name: string, ref: ModelRef): Promise<ModelVersion | null> {
      calls.resolve++;
      if (failing) throw new Error('store down');
      const v = 'alias' in ref ? aliases.get(ref.alias) : ref.version;
      if (v === undefined || !versions.has(v) || name !== 'm') return null;
      return { version: v, runId: `r${v}`, artifact: 'model.trainyard' } as ModelVersion;
    },
    async getArtifact(runId: string) {
      calls.artifact++;
      const bytes = versions.get(Number(runId.slice(1)));
      return bytes ? { contentType: 'application/octet-stream', bytes } : null;
    },
  } as unknown as Store;
  return { store, versions, aliases, calls, fail: (f: boolean) => (failing = f) };
}

test('versions load once, concurrent requests share the load, the LRU drops by bytes', async () => {
  const f = fakeStore();
  f.versions.set(1, modelBytes(10));
  f.versions.set(2, modelBytes(2000));
  const cache = new ModelCache({ store: f.store, maxBytes: f.versions.get(2)!.length + 10 });
  const [a, b] = await Promise.all([cache.byVersion('m', 1), cache.byVersion('m', 1)]);
  assert.equal(a, b);
  assert.equal(f.calls.artifact, 1);
  assert.equal(a.kind, 'recommender');
  assert.ok((a as { recommender: LoadedRecommender }).recommender instanceof LoadedRecommender);
  await cache.byVersion('m', 2); // does not fit next to version 1: version 1 is dropped
  assert.deepEqual(cache.stats.models, 1);
  await cache.byVersion('m', 1);
  assert.equal(f.calls.artifact, 3, 'version 1 loaded again after eviction');
  await assert.rejects(cache.byVersion('m', 9), { code: 'E_NOT_FOUND' });
  await assert.rejects(cache.byVersion('other', 1), { code: 'E_NOT_FOUND' });
});

test('aliases: TTL, background refresh serving the old model meanwhile, failures keep the old one, deletion', async () => {
  const f = fakeStore();
  f.versions.set(1, modelBytes(10));
  f.versions.set(2, modelBytes(20));
  f.aliases.set('prod', 1);
  let now = 0;
  const errors: unknown[] = [];
  const cache = new ModelCache({ store: f.store, aliasTtlMs: 1000, now: () => now, onRefreshError: (e) => errors.push(e) });
  assert.equal((await cache.byAlias('m', 'prod')).version, 1);
  f.aliases.set('prod', 2);
  now = 500;
  assert.equal((await cache.byAlias('m', 'prod')).version, 1, 'within the TTL: no store call');
  const resolves = f.calls.resolve;
  now = 1000;
  assert.equal((await cache.byAlias('m', 'prod')).version, 1, 'past the TTL: answered by the old model while the new one loads');
  await cache.refreshNow('m', 'prod');
  assert.ok(f.calls.resolve > resolves);
  assert.equal((await cache.byAlias('m', 'prod')).version, 2);
  // The store fails: the alias keeps its model.
  f.fail(true);
  now = 5000;
  await cache.refreshNow('m', 'prod');
  assert.equal(errors.length, 1);
  assert.equal((await cache.byAlias('m', 'prod')).version, 2);
  f.fail(false);
  // invalidate makes the next request re-resolve; a deleted alias is forgotten, then 404.
  f.aliases.delete('prod');
  cache.invalidate('m');
  await cache.byAlias('m', 'prod');
  await cache.refreshNow('m', 'prod');
  await assert.rejects(cache.byAlias('m', 'prod'), { code: 'E_NOT_FOUND' });
});
