/**
 * The rating models (baseline, biased_mf, als, svdpp) and the Cholesky solver: exact checks against
 * the numpy references of fixtures/recommend-rating/generate.py, the ALS stationarity conditions,
 * and the fallback and clipping rules of rating-factors.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { EpochLogs } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { fixturePath } from '../../testing/paths.js';
import { thrown, thrownCode } from '../../testing/thrown.js';
import { ExplicitALS } from './factorization/als-explicit.js';
import { BaselineOnly, type BaselineParams } from './baseline.js';
import { BiasedMF } from './factorization/biased-mf.js';
import { choleskySolve, choleskySolveInPlace } from './factorization/cholesky.js';
import { syntheticRatings } from '../../testing/conformance/recommender-conformance.js';
import type { BiasedFactorsFitted } from './factorization/rating-factors.js';
import { groupEvents } from './factorization/rating-factors.js';
import type { Recommender } from './recommender.js';
import { SVDpp } from './factorization/svdpp.js';

const ref = JSON.parse(readFileSync(fixturePath('recommend-rating', 'reference.json'), 'utf8'));
const events: Interactions = {
  nUsers: ref.events.nUsers, nItems: ref.events.nItems,
  users: Int32Array.from(ref.events.users), items: Int32Array.from(ref.events.items), values: Float64Array.from(ref.events.values),
};
const pairs = { users: Int32Array.from(ref.pairs.users as number[]), items: Int32Array.from(ref.pairs.items as number[]) };

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function fittedOf(m: Recommender<any, BiasedFactorsFitted>): BiasedFactorsFitted {
  return m.toState().fitted as unknown as BiasedFactorsFitted;
}

test('baseline matches the numpy reference (ALS and SGD) within 1e-9', () => {
  for (const c of ref.baseline as { params: Partial<BaselineParams>; userBias: number[]; itemBias: number[]; predictions: number[] }[]) {
    const m = new BaselineOnly(c.params).fit(events);
    const f = fittedOf(m);
    const what = JSON.stringify(c.params);
    assert.ok(Math.abs(f.globalMean - ref.globalMean) < 1e-12, `${what}: μ`);
    assertClose(f.userBias, c.userBias, 1e-9, `${what} userBias`);
    assertClose(f.itemBias, c.itemBias, 1e-9, `${what} itemBias`);
    assertClose(m.predictRatings(pairs.users, pairs.items), c.predictions, 1e-9, `${what} predictions`);
  }
});

test('baseline with one ALS epoch is Koren\'s decoupled estimate', () => {
  const m = new BaselineOnly({ epochs: 1, userRegularization: 10, itemRegularization: 25 }).fit(events);
  const f = fittedOf(m);
  // b_i = Σ (r − μ) / (25 + |R(i)|), then b_u = Σ (r − μ − b_i) / (10 + |R(u)|) (Koren 2010, §2.1).
  const mu = f.globalMean;
  const item = 2;
  let s = 0, n = 0;
  for (let e = 0; e < events.values.length; e++) if (events.items[e] === item) [s, n] = [s + events.values[e] - mu, n + 1];
  assert.ok(Math.abs(f.itemBias[item] - s / (25 + n)) < 1e-12);
});

test('the Cholesky solver matches numpy.linalg.solve and refuses a matrix that is not positive definite', () => {
  for (const c of ref.solves as { n: number; A: number[]; b: number[]; x: number[] }[]) {
    const A = Float64Array.from(c.A), b = Float64Array.from(c.b);
    assertClose(choleskySolve(A, b, c.n), c.x, 1e-10, `n = ${c.n}`);
    assert.deepEqual(Array.from(A), c.A, 'choleskySolve leaves A unchanged');
    choleskySolveInPlace(A, b, c.n);
    assertClose(b, c.x, 1e-10, `in place, n = ${c.n}`);
  }
  assert.match(thrown(() => choleskySolve(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2)), /E_DATA: .*not positive definite \(pivot 1/);
  assert.equal(thrownCode(() => choleskySolve(Float64Array.of(1, 0, 0), Float64Array.of(1, 1), 2)), 'E_SHAPE');
});

test('ALS ends on an exact item half-step: the gradient of its objective over item factors and biases is zero', () => {
  const data = syntheticRatings(30, 20, 0.4, 3);
  const byItem = groupEvents(data, 'item');
  for (const weighted of [true, false]) {
    const reg = weighted ? 0.1 : 2, regB = weighted ? 0.05 : 1;
    const m = new ExplicitALS({ factors: 4, iterations: 3, regularization: reg, biasRegularization: regB, weighted }).fit(data);
    const f = fittedOf(m);
    const k = f.factors;
    let worst = 0;
    for (let i = 0; i < data.nItems; i++) {
      const n = byItem.start[i + 1] - byItem.start[i];
      if (n === 0) continue;
      const g = new Float64Array(k + 1);
      for (let t = byItem.start[i]; t < byItem.start[i + 1]; t++) {
        const e = byItem.events[t], u = data.users[e];
        let pred = f.globalMean + f.userBias[u] + f.itemBias[i];
        for (let a = 0; a < k; a++) pred += f.userFactors[u * k + a] * f.itemFactors[i * k + a];
        const err = data.values[e] - pred;
        for (let a = 0; a < k; a++) g[a] += err * f.userFactors[u * k + a];
        g[k] += err;
      }
      const w = weighted ? n : 1;
      for (let a = 0; a < k; a++) g[a] -= reg * w * f.itemFactors[i * k + a];
      g[k] -= regB * w * f.itemBias[i];
      for (const v of g) worst = Math.max(worst, Math.abs(v));
    }
    assert.ok(worst < 1e-9, `weighted ${weighted}: largest gradient entry ${worst}`);
  }
});

test('ALS training error falls with every sweep', () => {
  const losses: number[] = [];
  new ExplicitALS({ factors: 5, iterations: 6 }).fit(syntheticRatings(40, 30, 0.4, 5), { onEpochEnd: (l: EpochLogs) => losses.push(l.loss) });
  assert.equal(losses.length, 6);
  for (let e = 1; e < losses.length; e++) assert.ok(losses[e] < losses[e - 1], losses.join(', '));
});

for (const [name, make] of [
  ['biased_mf', () => new BiasedMF({ factors: 8, epochs: 15, seed: 3 })],
  ['svdpp', () => new SVDpp({ factors: 8, epochs: 15, seed: 3 })],
  ['als', () => new ExplicitALS({ factors: 8, iterations: 5, seed: 3 })],
  ['baseline', () => new BaselineOnly()],
] as const) {
  test(`${name}: cold rows fall back to μ + the known bias, predictions are clipped scores`, () => {
    const data = syntheticRatings(40, 30, 0.35, 2); // user 39 and item 29 have no events
    const m = make().fit(data);
    const f = fittedOf(m);
    const { nItems } = data;
    const k = f.factors;
    for (let a = 0; a < k; a++) {
      assert.equal(f.userFactors[39 * k + a], 0, 'an untrained user row is zero');
      assert.equal(f.itemFactors[29 * k + a], 0, 'an untrained item row is zero');
    }
    assert.equal(f.userBias[39], 0);
    assert.equal(f.itemBias[29], 0);
    const clip = (v: number): number => Math.min(f.ratingMax, Math.max(f.ratingMin, v));
    const p = m.predictRatings!(Int32Array.of(-1, 39, 4, 4, -1), Int32Array.of(7, 7, -1, 29, -1));
    assert.equal(p[0], clip(f.globalMean + f.itemBias[7]));
    assert.equal(p[1], p[0], 'a user index without training events predicts like -1');
    assert.equal(p[2], clip(f.globalMean + f.userBias[4]));
    assert.equal(p[3], p[2], 'an item index without training events predicts like -1');
    assert.equal(p[4], clip(f.globalMean));
    const scores = new Float64Array(nItems);
    m.scoreItems(4, scores);
    const all = m.predictRatings!(new Int32Array(nItems).fill(4), Int32Array.from({ length: nItems }, (_, i) => i));
    for (let i = 0; i < nItems; i++) assert.equal(all[i], clip(scores[i]), `item ${i}`);
    assert.equal(thrownCode(() => m.predictRatings!(Int32Array.of(0, 1), Int32Array.of(0))), 'E_SHAPE');
    assert.match(thrown(() => m.scoreItems(40, scores)), /E_DATA: .*user index 40 is outside 0\.\.39/);
  });
}

for (const [name, make] of [
  ['biased_mf', (seed: number) => new BiasedMF({ factors: 8, epochs: 10, seed })],
  ['svdpp', (seed: number) => new SVDpp({ factors: 8, epochs: 10, seed })],
  ['als', (seed: number) => new ExplicitALS({ factors: 8, iterations: 4, seed })],
] as const) {
  test(`${name}: the seed drives the model, and the training error falls over the first epochs`, () => {
    const data = syntheticRatings(40, 30, 0.35, 4);
    const a = fittedOf(make(1).fit(data)), b = fittedOf(make(2).fit(data));
    assert.notDeepEqual(a.itemFactors, b.itemFactors);
    const losses: number[] = [];
    make(1).fit(data, { onEpochEnd: (l) => losses.push(l.loss) });
    assert.ok(losses.length >= 4);
    for (let e = 1; e < 4; e++) assert.ok(losses[e] < losses[e - 1], losses.join(', '));
  });
}

test('biased_mf with zero initial factors never leaves zero: it is a bias-only SGD model', () => {
  const data = syntheticRatings(30, 20, 0.4, 6);
  const f = fittedOf(new BiasedMF({ factors: 3, epochs: 5, initStd: 0 }).fit(data));
  assert.ok(f.userFactors.every((v) => v === 0) && f.itemFactors.every((v) => v === 0));
  assert.ok(f.userBias.some((v) => v !== 0) && f.itemBias.some((v) => v !== 0));
});

test('a model file with a wrong-length factor matrix is E_MODEL_FILE', () => {
  const state = new BiasedMF({ factors: 4, epochs: 1 }).fit(events).toState();
  const fitted = { ...state.fitted, itemFactors: new Float64Array(3) };
  assert.match(thrown(() => new BiasedMF().restoreState({ ...state, fitted })), /E_MODEL_FILE: .*'itemFactors' has 3 values, expected 48/);
});
