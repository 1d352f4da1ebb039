/**
 * What the rating-prediction models (baseline, biased_mf, als, svdpp) share: the learned state of
 *   r̂_ui = μ + b_u + b_i + q_iᵀp_u
 * (the baseline is the case k = 0; SVD++ folds its implicit term into p_u after fitting), and the
 * prediction rules around it, as Surprise's `predict` applies them: a user or item unseen in training
 * (index -1, or an index without training ratings) contributes neither bias nor factors, so the
 * prediction falls back to μ + the bias that is known; `predictRatings` clips to the training rating
 * range (Surprise clips to the rating scale), while `scoreItems` leaves scores unclipped so that items
 * predicted above the top of the scale still order among themselves.
 */
import { DataError, ModelFileError, ShapeError } from '../../../core/errors.js';
import type { FitOptions, StateValue } from '../../../core/estimator.js';
import type { Interactions } from '../../../core/interactions.js';
import { checkNumber } from '../../../core/params.js';
import { Rng } from '../../../core/rng.js';
import { stateArray, stateNumber } from '../../../core/state-check.js';
import { checkInteractions } from '../interaction-checks.js';
import { normalArray } from './latent-factors.js';
import { Recommender } from '../recommender.js';

/** Learned state of a biased factor model: r̂_ui = μ + b_u + b_i + q_iᵀp_u. */
export interface BiasedFactorsFitted {
  nUsers: number;
  nItems: number;
  /** Latent dimension k (0 for the bias-only baseline). */
  factors: number;
  /** μ, the mean training rating. */
  globalMean: number;
  /** Smallest and largest training rating: `predictRatings` clips to this range. */
  ratingMin: number;
  ratingMax: number;
  /** b_u, length nUsers (0 for users without training ratings). */
  userBias: Float64Array;
  /** b_i, length nItems (0 for items without training ratings). */
  itemBias: Float64Array;
  /** p_u, nUsers × k row-major (zero rows for users without training ratings). */
  userFactors: Float64Array;
  /** q_i, nItems × k row-major (zero rows for items without training ratings). */
  itemFactors: Float64Array;
}

/** Training-set summaries every rating model needs. */
export interface RatingStats {
  globalMean: number;
  ratingMin: number;
  ratingMax: number;
  /** Ratings per user and per item. */
  userCounts: Int32Array;
  itemCounts: Int32Array;
}

/**
 * μ, the rating range and per-user/per-item counts of (already checked) interactions.
 *
 * @example
 * const { globalMean, userCounts } = ratingStats(train);
 */
export function ratingStats(data: Interactions): RatingStats {
  const { users, items, values } = data;
  const userCounts = new Int32Array(data.nUsers), itemCounts = new Int32Array(data.nItems);
  let sum = 0, lo = Infinity, hi = -Infinity;
  for (let e = 0; e < values.length; e++) {
    const v = values[e];
    sum += v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    userCounts[users[e]]++;
    itemCounts[items[e]]++;
  }
  return { globalMean: sum / values.length, ratingMin: lo, ratingMax: hi, userCounts, itemCounts };
}

/**
 * Event indices grouped by user (or item): `events[start[r] .. start[r+1])` are row r's events, the
 * other index ascending within a row and input order among repeats (two stable counting sorts).
 *
 * @example
 * const { start, events } = groupEvents(ratings, 'user'); // user u's events, items ascending
 */
export function groupEvents(data: Interactions, by: 'user' | 'item'): { start: Int32Array; events: Int32Array } {
  const [rows, nRows, cols, nCols] = by === 'user' ? [data.users, data.nUsers, data.items, data.nItems] : [data.items, data.nItems, data.users, data.nUsers];
  return countingSort(rows, nRows, countingSort(cols, nCols, null).events);
}

function countingSort(keys: Int32Array, nKeys: number, within: Int32Array | null): { start: Int32Array; events: Int32Array } {
  const n = keys.length;
  const start = new Int32Array(nKeys + 1);
  for (let e = 0; e < n; e++) start[keys[e] + 1]++;
  for (let r = 0; r < nKeys; r++) start[r + 1] += start[r];
  const next = start.slice(0, nKeys), events = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const e = within === null ? t : within[t];
    events[next[keys[e]]++] = e;
  }
  return { start, events };
}

/**
 * Zeroes the factor rows of users/items without training ratings: their random initial values were
 * never trained, and zero makes their prediction the μ + known-bias fallback.
 *
 * @example
 * zeroUntrainedRows(userFactors, stats.userCounts, k);
 */
export function zeroUntrainedRows(factors: Float64Array, counts: Int32Array, k: number): void {
  for (let r = 0; r < counts.length; r++) if (counts[r] === 0) factors.fill(0, r * k, (r + 1) * k);
}

/**
 * Writes μ + b_u + b_i + q_iᵀp_u for every item into `out` (unclipped). Throws `E_DATA` for a user
 * index outside 0..nUsers-1.
 *
 * @example
 * scoreAllItems(model.fitted, 0, new Float64Array(nItems));
 */
export function scoreAllItems(f: BiasedFactorsFitted, owner: string, user: number, out: Float64Array): void {
  const { nUsers, nItems, factors: k, globalMean, userBias, itemBias, userFactors, itemFactors } = f;
  if (!(Number.isInteger(user) && user >= 0 && user < nUsers)) {
    throw new DataError(`${owner}: user index ${user} is outside 0..${nUsers - 1}; unknown users get the popularity fallback at serving time`, { estimator: owner, value: user });
  }
  if (out.length < nItems) throw new ShapeError(`${owner}: the score buffer holds ${out.length} values, need nItems = ${nItems}`, { estimator: owner });
  const base = globalMean + userBias[user], uo = user * k;
  for (let i = 0; i < nItems; i++) {
    const io = i * k;
    let s = base + itemBias[i];
    for (let a = 0; a < k; a++) s += userFactors[uo + a] * itemFactors[io + a];
    out[i] = s;
  }
}

/**
 * Predicted ratings for (user, item) pairs, clipped to the training rating range; -1 marks a user or
 * item unseen in training (it contributes no bias and no factors). Other indices outside the fitted
 * shape are `E_DATA`; arrays of different lengths are `E_SHAPE`.
 *
 * @example
 * predictPairs(fitted, 'BiasedMF', Int32Array.of(0, -1), Int32Array.of(3, 3)); // second: μ + b_3
 */
export function predictPairs(f: BiasedFactorsFitted, owner: string, users: Int32Array, items: Int32Array): Float64Array {
  const { nUsers, nItems, factors: k, globalMean, ratingMin, ratingMax, userBias, itemBias, userFactors, itemFactors } = f;
  if (users.length !== items.length) throw new ShapeError(`${owner}: predictRatings got ${users.length} users but ${items.length} items`, { estimator: owner });
  const out = new Float64Array(users.length);
  for (let e = 0; e < users.length; e++) {
    const u = users[e], i = items[e];
    if (!(u >= -1 && u < nUsers)) throw new DataError(`${owner}: pair ${e} has user index ${u}, outside 0..${nUsers - 1} (use -1 for a user unseen in training)`, { estimator: owner, row: e, value: u });
    if (!(i >= -1 && i < nItems)) throw new DataError(`${owner}: pair ${e} has item index ${i}, outside 0..${nItems - 1} (use -1 for an item unseen in training)`, { estimator: owner, row: e, value: i });
    let s = globalMean;
    if (u >= 0) s += userBias[u];
    if (i >= 0) s += itemBias[i];
    if (u >= 0 && i >= 0) {
      const uo = u * k, io = i * k;
      for (let a = 0; a < k; a++) s += userFactors[uo + a] * itemFactors[io + a];
    }
    out[e] = s < ratingMin ? ratingMin : s > ratingMax ? ratingMax : s;
  }
  return out;
}

/**
 * Schema check of saved {@link BiasedFactorsFitted} state (`E_MODEL_FILE` on a missing field, a
 * wrong type or a wrong length).
 *
 * @example
 * protected checkFitted(fitted) { return checkBiasedFactors(fitted); }
 */
export function checkBiasedFactors(fitted: { [key: string]: StateValue }): BiasedFactorsFitted {
  const nUsers = stateNumber(fitted, 'nUsers'), nItems = stateNumber(fitted, 'nItems'), factors = stateNumber(fitted, 'factors');
  for (const [name, v] of [['nUsers', nUsers], ['nItems', nItems], ['factors', factors]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new ModelFileError(`model file: field '${name}' must be a non-negative integer, got ${v}`, { field: name });
  }
  return {
    nUsers,
    nItems,
    factors,
    globalMean: stateNumber(fitted, 'globalMean'),
    ratingMin: stateNumber(fitted, 'ratingMin'),
    ratingMax: stateNumber(fitted, 'ratingMax'),
    userBias: stateArray(fitted, 'userBias', Float64Array, nUsers),
    itemBias: stateArray(fitted, 'itemBias', Float64Array, nItems),
    userFactors: stateArray(fitted, 'userFactors', Float64Array, nUsers * factors),
    itemFactors: stateArray(fitted, 'itemFactors', Float64Array, nItems * factors),
  };
}

/** Hyper-parameters of the SGD factor models, biased MF and SVD++ (each documents its defaults). */
export interface SgdFactorParams {
  /** Latent dimension k. */
  factors: number;
  /** Passes over the training ratings. */
  epochs: number;
  /** SGD step size γ of the first epoch. */
  learningRate: number;
  /** Per-epoch multiplicative decay of γ (1 = constant). */
  learningRateDecay: number;
  /** L2 penalty λ on the factors (SVD++: on p, q and y). */
  regularization: number;
  /** L2 penalty λ_b on the biases. */
  biasRegularization: number;
  /** Standard deviation of the N(0, σ²) initial factors. */
  initStd: number;
  /** Seed of the initialisation and of the per-epoch user order. */
  seed: number;
}

/**
 * Validates {@link SgdFactorParams} at fit time (`E_INVALID_PARAM` naming the field).
 *
 * @example
 * const { factors, epochs, learningRate } = checkSgdFactorParams('BiasedMF', this.params);
 */
/** What {@link BiasedFactorsRecommender.startSgdFit} hands an SGD fit. */
export interface SgdFitStart {
  p: SgdFactorParams;
  stats: RatingStats;
  rng: Rng;
  /** User and item factors, row-major nUsers × k and nItems × k. */
  P: Float64Array;
  Q: Float64Array;
  bu: Float64Array;
  bi: Float64Array;
  /** Events grouped by user (see {@link groupEvents}). */
  start: Int32Array;
  events: Int32Array;
}

export function checkSgdFactorParams(owner: string, p: SgdFactorParams): SgdFactorParams {
  return {
    factors: checkNumber(owner, 'factors', p.factors, { min: 1, max: 1024, integer: true }),
    epochs: checkNumber(owner, 'epochs', p.epochs, { min: 0, integer: true }),
    learningRate: checkNumber(owner, 'learningRate', p.learningRate, { min: 0, exclusiveMin: true }),
    learningRateDecay: checkNumber(owner, 'learningRateDecay', p.learningRateDecay, { min: 0, max: 1, exclusiveMin: true }),
    regularization: checkNumber(owner, 'regularization', p.regularization, { min: 0 }),
    biasRegularization: checkNumber(owner, 'biasRegularization', p.biasRegularization, { min: 0 }),
    initStd: checkNumber(owner, 'initStd', p.initStd, { min: 0 }),
    seed: checkNumber(owner, 'seed', p.seed, { integer: true }),
  };
}

/**
 * The SGD epoch loop of biased MF and SVD++: every epoch visits the users in a fresh seeded random
 * order (`epoch(order, γ_e)` returns its sum of squared errors), then decays the step size
 * geometrically (γ_e = γ·decay^e) and reports the epoch's mean squared error to `onEpochEnd`.
 *
 * @example
 * sgdEpochs(rng, nUsers, values.length, params, options, (order, lr) => sgdEpoch(order, ..., lr));
 */
export function sgdEpochs(
  rng: Rng, nUsers: number, nRatings: number, p: Pick<SgdFactorParams, 'epochs' | 'learningRate' | 'learningRateDecay'>,
  options: FitOptions, epoch: (userOrder: Int32Array, lr: number) => number,
): void {
  const userOrder = new Int32Array(nUsers);
  for (let u = 0; u < nUsers; u++) userOrder[u] = u;
  let lr = p.learningRate;
  for (let e = 0; e < p.epochs; e++) {
    rng.shuffle(userOrder);
    const sse = epoch(userOrder, lr);
    lr *= p.learningRateDecay;
    if (options.onEpochEnd) options.onEpochEnd({ epoch: e + 1, loss: sse / nRatings });
  }
}

/**
 * Base of the rating models whose learned state is {@link BiasedFactorsFitted}: the input checks
 * and training statistics every `fit` starts with, the storing of the result, and the prediction
 * rules (`scoreAllItems`, `predictPairs`) and state check they all answer with.
 *
 * @example
 * class MyRatingModel extends BiasedFactorsRecommender<MyParams> {
 *   readonly type = 'my_model';
 *   protected readonly owner = 'MyRatingModel';
 *   fit(data: Interactions): this { const stats = this.checkedStats(data); ...; this.storeFitted(data, stats, k, bu, bi, P, Q); return this; }
 * }
 */
export abstract class BiasedFactorsRecommender<P extends object> extends Recommender<P, BiasedFactorsFitted> {
  readonly feedback = 'rating';
  /** Class name used in error messages. */
  protected abstract readonly owner: string;

  /** Writes μ + b_u + b_i + q_iᵀp_u for every item (unclipped). */
  scoreItems(user: number, out: Float64Array): void {
    scoreAllItems(this.requireFitted(), this.owner, user, out);
  }

  /** Predicted ratings clipped to the training range; -1 for an unseen user or item falls back to μ + the known bias. */
  override predictRatings(users: Int32Array, items: Int32Array): Float64Array {
    return predictPairs(this.requireFitted(), this.owner, users, items);
  }

  get shape(): { nUsers: number; nItems: number } {
    const f = this.requireFitted();
    return { nUsers: f.nUsers, nItems: f.nItems };
  }

  /** Checks `data` (`E_DATA`) and returns its {@link RatingStats}: the start of every rating fit. */
  protected checkedStats(data: Interactions): RatingStats {
    checkInteractions(this.owner, data);
    return ratingStats(data);
  }

  /**
   * The start every SGD fit shares (biased MF, SVD++): checked params and data, the seeded Rng with
   * the user then item factors drawn from it (a model drawing more, like SVD++'s y_j, draws after),
   * zero biases, and the events grouped by user.
   */
  protected startSgdFit(data: Interactions, params: SgdFactorParams): SgdFitStart {
    const p = checkSgdFactorParams(this.owner, params);
    const stats = this.checkedStats(data);
    const rng = new Rng(p.seed);
    const P = normalArray(rng, data.nUsers * p.factors, p.initStd), Q = normalArray(rng, data.nItems * p.factors, p.initStd);
    return { p, stats, rng, P, Q, bu: new Float64Array(data.nUsers), bi: new Float64Array(data.nItems), ...groupEvents(data, 'user') };
  }

  /** Zeroes the factor rows of users/items without training ratings and stores the learned state. */
  protected storeFitted(data: Interactions, stats: RatingStats, k: number, userBias: Float64Array, itemBias: Float64Array, userFactors: Float64Array, itemFactors: Float64Array): void {
    zeroUntrainedRows(userFactors, stats.userCounts, k);
    zeroUntrainedRows(itemFactors, stats.itemCounts, k);
    this.fitted = {
      nUsers: data.nUsers, nItems: data.nItems, factors: k, globalMean: stats.globalMean, ratingMin: stats.ratingMin, ratingMax: stats.ratingMax,
      userBias, itemBias, userFactors, itemFactors,
    };
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): BiasedFactorsFitted {
    return checkBiasedFactors(fitted);
  }
}
