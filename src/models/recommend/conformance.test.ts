import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRecommenderConformance, syntheticRatings } from '../../testing/conformance/recommender-conformance.js';
import { getRecommender, listRecommenders, type RecommenderEntry } from './registry.js';

// 60 users × 40 items, ~30% rated: every recommender fits it in milliseconds to a few hundred.
const data = syntheticRatings(60, 40, 0.3, 1);

test('the registry holds the rating and ranking recommenders', () => {
  const names = listRecommenders().map((e) => e.name);
  for (const n of ['popularity', 'baseline', 'biased_mf', 'als', 'svdpp']) assert.ok(names.includes(n), names.join(','));
  const rating = listRecommenders().filter((e) => e.create().feedback === 'rating').map((e) => e.name);
  for (const n of ['baseline', 'biased_mf', 'als', 'svdpp']) assert.ok(rating.includes(n), rating.join(','));
});

test('the synthetic ratings have a cold user and item and whole stars', () => {
  assert.equal(data.users.includes(59), false);
  assert.equal(data.items.includes(39), false);
  assert.ok(data.values.every((v) => Number.isInteger(v) && v >= 1 && v <= 5));
  assert.ok(data.users.length > 500, `${data.users.length} events`);
});

for (const entry of listRecommenders()) {
  test(`recommender conformance: ${entry.name}`, async (t) => {
    await checkRecommenderConformance(entry, data, t);
  });
}

test('conformance catches a recommender whose fit accepts NaN ratings', async () => {
  const real = getRecommender('baseline');
  const sloppy: RecommenderEntry = {
    ...real,
    create: (p = {}) => {
      const m = real.create(p);
      const fit = m.fit.bind(m);
      m.fit = (d) => fit({ ...d, values: d.values.map((v) => (Number.isNaN(v) ? 3 : v)) });
      return m;
    },
  };
  await assert.rejects(checkRecommenderConformance(sloppy, data), /bad interactions are E_DATA/);
});

test('conformance catches a recommender that is not deterministic', async () => {
  const real = getRecommender('biased_mf');
  let calls = 0;
  const drifting: RecommenderEntry = { ...real, create: (p = {}) => real.create({ ...p, seed: calls++ }) };
  await assert.rejects(checkRecommenderConformance(drifting, data), /same seed gives identical scores|refit is idempotent/);
});
