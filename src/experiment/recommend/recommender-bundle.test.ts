import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Interactions } from '../../core/interactions.js';
import { readModelFile, writeModelFile } from '../../core/model-file.js';
import type { StateValue } from '../../core/estimator.js';
import { Popularity } from '../../models/recommend/popularity.js';
import { IdMap } from '../../preprocess/interactions/id-map.js';
import { thrown } from '../../testing/thrown.js';
import { loadRecommender, loadRecommenderBundle, makeRecommenderBundle, saveRecommenderBundle } from './recommender-bundle.js';

// 3 users × 5 items; user 'b' has no training event (in the id map only, as a held-out-only user).
const users = IdMap.fromValues(['a', 'b', 'c']);
const items = IdMap.fromValues([10, 20, 30, 40, 50]);
const train: Interactions = {
  nUsers: 3,
  nItems: 5,
  users: Int32Array.of(0, 0, 2, 2, 2, 0),
  items: Int32Array.of(0, 1, 0, 2, 3, 2),
  values: Float64Array.of(1, 1, 1, 1, 1, 1),
};
// Popularity: item 10 ×2, 30 ×2, 20 ×1, 40 ×1, 50 ×0.

function saved(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rec-bundle-'));
  const path = join(dir, 'model.trainyard');
  saveRecommenderBundle(path, makeRecommenderBundle(new Popularity().fit(train), train, users, items, 'run-1'));
  return path;
}

test('a known user gets the best unseen items, ids mapped back, best first', () => {
  const rec = loadRecommender(saved());
  assert.deepEqual(rec.shape, { nUsers: 3, nItems: 5 });
  const r = rec.recommend('a', { k: 2 });
  assert.equal(r.fallback, null);
  assert.equal(r.user, 'a');
  // a saw 10, 20, 30 → remaining 40 (1 event), 50 (0 events).
  assert.deepEqual(r.items, [{ item: '40', score: 1 }, { item: '50', score: 0 }]);
});

test('excludeSeen: false ranks the training items too', () => {
  const r = loadRecommender(saved()).recommend('a', { k: 3, excludeSeen: false });
  assert.deepEqual(r.items.map((x) => x.item), ['10', '30', '20']);
});

test('an unknown user, or one without training events, falls back to popularity', () => {
  const rec = loadRecommender(saved());
  for (const id of ['zz', 'b']) {
    const r = rec.recommend(id, { k: 3 });
    assert.equal(r.fallback, 'popularity', id);
    assert.deepEqual(r.items.map((x) => x.item), ['10', '30', '20']);
  }
});

test('k larger than the catalogue returns every item that is not excluded; k < 1 is refused', () => {
  const rec = loadRecommender(saved());
  assert.equal(rec.recommend('c', { k: 100 }).items.length, 2, 'c saw 3 of 5 items');
  assert.equal(rec.recommend('nobody', { k: 100 }).items.length, 5);
  assert.match(thrown(() => rec.recommend('a', { k: 0 })), /^E_INVALID_PARAM: recommend: k must be a whole number >= 1/);
});

test('numeric ids and their text are the same user', () => {
  const numUsers = IdMap.fromValues([196, 186, 22]);
  const dir = mkdtempSync(join(tmpdir(), 'rec-bundle-'));
  const path = join(dir, 'm.trainyard');
  saveRecommenderBundle(path, makeRecommenderBundle(new Popularity().fit(train), train, numUsers, items, 'r'));
  const rec = loadRecommender(path);
  assert.deepEqual(rec.recommend(196, { k: 2 }), rec.recommend('196', { k: 2 }));
  assert.equal(rec.recommend(196).fallback, null);
});

test('loading checks every part: wrong sizes, bad indices, a tabular bundle, garbage → E_MODEL_FILE', () => {
  const path = saved();
  const content = readModelFile(path) as { [k: string]: StateValue };
  const broken = (patch: Record<string, StateValue>): string => {
    const p = join(mkdtempSync(join(tmpdir(), 'rec-bundle-')), 'bad.trainyard');
    writeModelFile(p, { ...content, ...patch });
    return thrown(() => loadRecommenderBundle(p));
  };
  assert.match(broken({ popularity: new Float64Array(4) }), /^E_MODEL_FILE: .*bad\.trainyard: .*'popularity' has 4 values, expected 5/);
  assert.match(broken({ seen: { indptr: Int32Array.of(0, 3, 3, 6), indices: Int32Array.of(0, 1, 9, 0, 2, 3) } }), /^E_MODEL_FILE: .*seen\.indices\[2\] = 9 is outside 0\.\.4/);
  assert.match(broken({ users: { ids: ['a', 'b'] } }), /^E_MODEL_FILE: .*field 'seen\.indptr' has 4 values, expected 3/);
  assert.match(broken({ model: { type: 'nope', params: {}, fitted: {} } }), /^E_MODEL_FILE: .*unknown recommender 'nope'/);
  assert.match(broken({ kind: 'trainyard-bundle' }), /^E_MODEL_FILE: .*holds a tabular model/);
  const junk = join(mkdtempSync(join(tmpdir(), 'rec-bundle-')), 'junk.trainyard');
  writeFileSync(junk, 'not a model');
  assert.match(thrown(() => loadRecommender(junk)), /^E_MODEL_FILE: /);
});
