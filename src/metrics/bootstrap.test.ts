import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../core/rng.js';
import { thrownCode } from '../testing/thrown.js';
import { bootstrapMeanCi } from './bootstrap.js';

/** n draws of a Bernoulli(p) "hit" per user: the kind of per-user score a ranking metric yields. */
function bernoulli(n: number, p: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (rng.random() < p ? 1 : 0));
}

test('bootstrap CI: brackets the mean, same seed same interval, other seed other interval', () => {
  const x = bernoulli(400, 0.3, 1);
  const a = bootstrapMeanCi(x, { seed: 7 });
  assert.deepEqual(bootstrapMeanCi(x, { seed: 7 }), a);
  assert.notDeepEqual(bootstrapMeanCi(x, { seed: 8 }), a);
  assert.ok(a.low < a.mean && a.mean < a.high, JSON.stringify(a));
  // Normal approximation: the 95% half-width is about 1.96·sqrt(p(1-p)/n) = 0.045 here.
  const sd = Math.sqrt((a.mean * (1 - a.mean)) / x.length);
  assert.ok(Math.abs((a.high - a.low) / 2 - 1.96 * sd) < 0.25 * 1.96 * sd, `half-width ${(a.high - a.low) / 2} vs ${1.96 * sd}`);
});

test('bootstrap CI narrows like 1/sqrt(n) and with a lower level', () => {
  const small = bootstrapMeanCi(bernoulli(100, 0.4, 2), { samples: 500 });
  const large = bootstrapMeanCi(bernoulli(1600, 0.4, 2), { samples: 500 });
  const ratio = (small.high - small.low) / (large.high - large.low);
  assert.ok(ratio > 3 && ratio < 5.5, `width ratio ${ratio}, expected about 4`);
  const x = bernoulli(300, 0.4, 3);
  const w95 = bootstrapMeanCi(x).high - bootstrapMeanCi(x).low;
  const w50 = bootstrapMeanCi(x, { level: 0.5 }).high - bootstrapMeanCi(x, { level: 0.5 }).low;
  assert.ok(w50 < w95 / 2, `${w50} vs ${w95}`);
});

test('bootstrap 95% CIs cover the true mean in about 95% of repeated samples', () => {
  let covered = 0;
  const trials = 100, p = 0.25;
  for (let t = 0; t < trials; t++) {
    const ci = bootstrapMeanCi(bernoulli(200, p, 100 + t), { samples: 400, seed: t });
    if (ci.low <= p && p <= ci.high) covered++;
  }
  // Binomial(100, 0.95) lies in [87, 100] with probability > 0.999.
  assert.ok(covered >= 87, `covered ${covered}/${trials}`);
});

test('bootstrap of a constant is that constant; bad options and input are refused', () => {
  assert.deepEqual(bootstrapMeanCi(new Float64Array(5).fill(0.5)), { mean: 0.5, low: 0.5, high: 0.5 });
  assert.equal(thrownCode(() => bootstrapMeanCi(new Float64Array(0))), 'E_DATA');
  assert.equal(thrownCode(() => bootstrapMeanCi(Float64Array.of(1, NaN))), 'E_DATA');
  assert.equal(thrownCode(() => bootstrapMeanCi(Float64Array.of(1), { level: 1 })), 'E_INVALID_PARAM');
  assert.equal(thrownCode(() => bootstrapMeanCi(Float64Array.of(1), { samples: 0 })), 'E_INVALID_PARAM');
});
