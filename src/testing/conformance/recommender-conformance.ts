/**
 * The recommender conformance suite — the estimator checks of `conformance/estimator-conformance.ts` (scikit-learn's
 * `check_estimator` idea) applied to the recommender contract of `recommender.ts`: every registered
 * recommender goes through the same checks, so the experiment runner, the model file and the
 * serving path can treat all of them alike. Run it from a test with the node:test context to get one
 * sub-test per check.
 */
import assert from 'node:assert/strict';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import { Rng } from '../../core/rng.js';
import { runConformanceChecks, type ConformanceContext } from './conformance-checks.js';
import { expectCode } from '../thrown.js';
import type { Recommender } from '../../models/recommend/recommender.js';
import type { RecommenderEntry } from '../../models/recommend/registry.js';

export type { ConformanceContext };

type AnyRecommender = Recommender<any, any>;

/**
 * Synthetic explicit ratings for the checks: `nUsers` × `nItems` with a rank-2 taste structure plus
 * user and item offsets, rounded to 1..5 stars, each user rating about `density` of the items, with
 * timestamps. The last user and the last item have no events (a cold-start row and column that every
 * model must still score with finite numbers).
 *
 * @example
 * const data = syntheticRatings(60, 40, 0.3, 1);
 */
export function syntheticRatings(nUsers: number, nItems: number, density: number, seed: number): Interactions {
  const rng = new Rng(seed);
  const ut = Array.from({ length: nUsers }, () => [rng.normal(), rng.normal(), 0.5 * rng.normal()]);
  const it = Array.from({ length: nItems }, () => [rng.normal(), rng.normal(), 0.7 * rng.normal()]);
  const users: number[] = [], items: number[] = [], values: number[] = [], timestamps: number[] = [];
  for (let u = 0; u < nUsers - 1; u++) {
    for (let i = 0; i < nItems - 1; i++) {
      if (rng.random() >= density) continue;
      const r = 3.2 + ut[u][2] + it[i][2] + 0.6 * (ut[u][0] * it[i][0] + ut[u][1] * it[i][1]) + 0.3 * rng.normal();
      users.push(u);
      items.push(i);
      values.push(Math.min(5, Math.max(1, Math.round(r))));
      timestamps.push(1.6e9 + 86400 * rng.int(365));
    }
  }
  return {
    nUsers, nItems, users: Int32Array.from(users), items: Int32Array.from(items), values: Float64Array.from(values),
    timestamps: Float64Array.from(timestamps),
  };
}

/** Every user's scores, row-major nUsers × nItems (the buffer starts as NaN, so unwritten entries show). */
function allScores(m: AnyRecommender, nUsers: number, nItems: number): Float64Array {
  const out = new Float64Array(nUsers * nItems).fill(NaN);
  for (let u = 0; u < nUsers; u++) m.scoreItems(u, out.subarray(u * nItems, (u + 1) * nItems));
  return out;
}

/** Scores, and for rating models the predicted ratings of the training pairs: everything to compare bit for bit. */
function outputs(m: AnyRecommender, data: Interactions): Float64Array[] {
  const out = [allScores(m, data.nUsers, data.nItems)];
  if (m.predictRatings) out.push(m.predictRatings(data.users, data.items));
  return out;
}

/** `data` with event `e`'s field replaced. */
function withEvent(data: Interactions, e: number, field: 'users' | 'items' | 'values', value: number): Interactions {
  const copy = { ...data, users: data.users.slice(), items: data.items.slice(), values: data.values.slice() };
  copy[field][e] = value;
  return copy;
}

/**
 * Runs the contract checks for one registered recommender on `data` (e.g. {@link syntheticRatings}).
 * With `t` (node:test's context) each check is a sub-test; without it, the first failing check throws
 * an `AssertionError`.
 *
 * @example
 * test('recommenders', async (t) => { for (const e of listRecommenders()) await checkRecommenderConformance(e, data, t); });
 */
export async function checkRecommenderConformance(entry: RecommenderEntry, data: Interactions, t?: ConformanceContext): Promise<void> {
  const { nUsers, nItems } = data;
  const hasSeed = 'seed' in entry.defaults();
  const checks: [string, () => void][] = [
    ['fit returns this', () => {
      const m = entry.create();
      assert.equal(m.isFitted, false);
      assert.equal(m.fit(data), m);
      assert.equal(m.isFitted, true);
      assert.equal(m.type, entry.name, 'recommender type must equal its registry name (model files rely on it)');
      assert.deepEqual(m.shape, { nUsers, nItems });
      assert.ok(m.feedback === 'rating' || m.feedback === 'ranking', `feedback is ${String(m.feedback)}`);
      if (m.feedback === 'rating') assert.equal(typeof m.predictRatings, 'function', 'a rating model must implement predictRatings');
    }],
    ['use before fit throws E_NOT_FITTED', () => {
      const m = entry.create();
      expectCode(() => m.scoreItems(0, new Float64Array(nItems)), 'E_NOT_FITTED', 'scoreItems');
      expectCode(() => m.toState(), 'E_NOT_FITTED', 'toState');
      expectCode(() => m.shape, 'E_NOT_FITTED', 'shape');
      if (m.predictRatings) expectCode(() => m.predictRatings!(Int32Array.of(0), Int32Array.of(0)), 'E_NOT_FITTED', 'predictRatings');
    }],
    ['scoreItems writes nItems finite scores for every user', () => {
      const scores = allScores(entry.create().fit(data), nUsers, nItems);
      for (let x = 0; x < scores.length; x++) {
        assert.ok(Number.isFinite(scores[x]), `user ${Math.floor(x / nItems)} item ${x % nItems}: score ${scores[x]} (the last user and item have no training events)`);
      }
    }],
    ['clone is unfitted with equal params', () => {
      const m = entry.create().fit(data);
      const c = m.clone();
      assert.equal(c.isFitted, false);
      assert.deepEqual(c.getParams(), m.getParams());
      expectCode(() => c.scoreItems(0, new Float64Array(nItems)), 'E_NOT_FITTED', 'scoreItems on a clone');
    }],
    ['same seed gives identical scores', () => {
      const params = hasSeed ? { seed: 7 } : {};
      assert.deepEqual(outputs(entry.create(params).fit(data), data), outputs(entry.create(params).fit(data), data), 'two fits with the same parameters differ');
    }],
    ['refit is idempotent', () => {
      const m = entry.create().fit(data);
      const first = outputs(m, data);
      m.fit(data);
      assert.deepEqual(outputs(m, data), first, 'refitting the same recommender changed its outputs');
      assert.deepEqual(outputs(m.clone().fit(data), data), first, 'a fitted clone differs from the original');
    }],
    ['save/load round trip scores identically', () => {
      const m = entry.create().fit(data);
      const bytes = encodeModel(m.toState() as unknown as StateValue);
      const state = decodeModel(bytes) as unknown as EstimatorState;
      assert.equal(state.type, entry.name);
      const back = entry.create().restoreState(state);
      assert.equal(back.type, m.type);
      assert.deepEqual(back.getParams(), m.getParams());
      assert.deepEqual(back.shape, m.shape);
      assert.deepEqual(outputs(back, data), outputs(m, data));
    }],
    ['a model file without its learned state is E_MODEL_FILE', () => {
      const state = entry.create().fit(data).toState();
      expectCode(() => entry.create().restoreState({ ...state, fitted: {} }), 'E_MODEL_FILE', 'restoreState with empty fitted');
    }],
    ['unknown param names are rejected', () => {
      expectCode(() => entry.create({ notAParam: 1 }), 'E_INVALID_PARAM', 'create({ notAParam })');
      expectCode(() => entry.create().setParams({ notAParam: 1 }), 'E_INVALID_PARAM', 'setParams({ notAParam })');
      // Names a crafted JSON spec can carry that an `in` check would find on the prototype chain.
      for (const inherited of ['toString', '__proto__', 'constructor']) {
        expectCode(() => entry.create(JSON.parse(`{"${inherited}": 1}`)), 'E_INVALID_PARAM', `create({ ${inherited} })`);
      }
    }],
    ['out-of-range params are rejected at fit, not before', () => {
      assert.ok((entry.invalidParams ?? []).length > 0, 'the registry entry should list invalidParams');
      for (const bad of entry.invalidParams ?? []) {
        const m = entry.create(bad); // the constructor only stores parameters
        const err = expectCode(() => m.fit(data), 'E_INVALID_PARAM', `fit with ${JSON.stringify(bad)}`);
        const name = Object.keys(bad)[0];
        assert.ok(err.message.includes(name), `the error for ${JSON.stringify(bad)} should name '${name}': ${err.message}`);
      }
    }],
    ['bad interactions are E_DATA', () => {
      const e = Math.min(3, data.users.length - 1);
      for (const bad of [NaN, Infinity]) expectCode(() => entry.create().fit(withEvent(data, e, 'values', bad)), 'E_DATA', `fit with value ${bad}`);
      expectCode(() => entry.create().fit(withEvent(data, e, 'users', nUsers)), 'E_DATA', 'fit with user index nUsers');
      expectCode(() => entry.create().fit(withEvent(data, e, 'users', -1)), 'E_DATA', 'fit with user index -1');
      expectCode(() => entry.create().fit(withEvent(data, e, 'items', nItems)), 'E_DATA', 'fit with item index nItems');
      const empty: Interactions = { nUsers, nItems, users: new Int32Array(0), items: new Int32Array(0), values: new Float64Array(0) };
      expectCode(() => entry.create().fit(empty), 'E_DATA', 'fit with no interactions');
    }],
    ['getParams/setParams round trip', () => {
      const m = entry.create();
      const p = m.getParams();
      assert.deepEqual(p, entry.defaults());
      assert.deepEqual(entry.create().setParams(p).getParams(), p);
      (p as Record<string, unknown>)[Object.keys(p)[0]] = '__changed__';
      assert.notDeepEqual(m.getParams(), p, 'getParams must return a copy');
    }],
    ...(entry.create().feedback === 'rating' ? ratingChecks(entry, data) : []),
  ];
  await runConformanceChecks(entry.name, checks, t);
}

/** Checks for models that predict explicit ratings (feedback `rating`). */
function ratingChecks(entry: RecommenderEntry, data: Interactions): [string, () => void][] {
  const { nUsers, nItems } = data;
  return [
    ['predictRatings answers unseen users and items (-1) with finite ratings', () => {
      const m = entry.create().fit(data);
      const users = Int32Array.of(-1, 0, -1, nUsers - 1, 0), items = Int32Array.of(0, -1, -1, 0, nItems - 1);
      const pred = m.predictRatings!(users, items);
      assert.equal(pred.length, users.length);
      for (const v of pred) assert.ok(Number.isFinite(v), `prediction ${v}`);
      let lo = Infinity, hi = -Infinity;
      for (const v of data.values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      assert.ok(pred[2] >= lo && pred[2] <= hi, `an unseen user and item should get a rating in the training range [${lo}, ${hi}], got ${pred[2]}`);
    }],
    ['predictRatings refuses indices outside the fitted shape with E_DATA', () => {
      const m = entry.create().fit(data);
      expectCode(() => m.predictRatings!(Int32Array.of(nUsers), Int32Array.of(0)), 'E_DATA', 'user index nUsers');
      expectCode(() => m.predictRatings!(Int32Array.of(0), Int32Array.of(-2)), 'E_DATA', 'item index -2');
    }],
    ['fits the training ratings better than their mean', () => {
      const pred = entry.create().fit(data).predictRatings!(data.users, data.items);
      let mean = 0;
      for (const v of data.values) mean += v / data.values.length;
      let sse = 0, sst = 0;
      for (let e = 0; e < pred.length; e++) {
        sse += (data.values[e] - pred[e]) ** 2;
        sst += (data.values[e] - mean) ** 2;
      }
      assert.ok(sse < 0.8 * sst, `training MSE ${sse / pred.length} is not clearly below the variance ${sst / pred.length}`);
    }],
  ];
}
