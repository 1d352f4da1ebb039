/**
 * Bootstrap confidence intervals over users: the percentile bootstrap of Efron & Tibshirani, "An
 * Introduction to the Bootstrap" (1993), ch. 13. Users are the unit of resampling because a ranking
 * metric is a mean of per-user scores and users are the independent draws; the per-event view would
 * understate the spread of heavy users.
 */
import { DataError } from '../core/errors.js';
import { checkNumber } from '../core/params.js';
import { Rng } from '../core/rng.js';
import { checkFinite } from './validate.js';

/** Options of {@link bootstrapMeanCi}. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples. Default 1000. */
  samples?: number;
  /** Coverage of the interval, in (0, 1). Default 0.95. */
  level?: number;
  /** Seed of the resampling `Rng`; the same seed gives the same interval. Default 0. */
  seed?: number;
}

/**
 * Percentile bootstrap confidence interval of the mean of `perUser` (e.g. `rankingScoresAtK(...).ndcg`):
 * draws `samples` resamples of the users with replacement, takes each resample's mean, and returns the
 * (1 − level)/2 and (1 + level)/2 quantiles of those means (linear interpolation, numpy's default
 * `percentile`), with the plain mean of `perUser`.
 *
 * @example
 * const { mean, low, high } = bootstrapMeanCi(rankingScoresAtK(recs, truth, 10).ndcg, { seed: 1 });
 * console.log(`nDCG@10 ${mean.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`);
 */
export function bootstrapMeanCi(perUser: Float64Array, options: BootstrapOptions = {}): { mean: number; low: number; high: number } {
  const fn = 'bootstrapMeanCi';
  const samples = checkNumber(fn, 'samples', options.samples ?? 1000, { min: 1, integer: true });
  const level = checkNumber(fn, 'level', options.level ?? 0.95, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  const seed = checkNumber(fn, 'seed', options.seed ?? 0, { integer: true });
  const n = perUser.length;
  if (n === 0) throw new DataError(`${fn}: perUser is empty; a confidence interval needs at least one user`, { metric: fn });
  checkFinite(fn, 'perUser', perUser);
  let total = 0;
  for (let i = 0; i < n; i++) total += perUser[i];
  const rng = new Rng(seed);
  const means = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += perUser[rng.int(n)];
    means[b] = s / n;
  }
  means.sort();
  const alpha = (1 - level) / 2;
  return { mean: total / n, low: quantileSorted(means, alpha), high: quantileSorted(means, 1 - alpha) };
}

/** Quantile `q` of ascending `a`, interpolating linearly between order statistics (numpy's 'linear'). */
function quantileSorted(a: Float64Array, q: number): number {
  const pos = q * (a.length - 1);
  const lo = Math.floor(pos), hi = Math.min(lo + 1, a.length - 1);
  return a[lo] + (a[hi] - a[lo]) * (pos - lo);
}
