/**
 * Splits of user–item interactions into (train, test) event indices — the recommender counterpart of
 * `trainTestSplit`/`KFold`. All randomness comes from one `Rng` seeded by `seed`, so the same data and
 * seed give the same folds on any machine.
 *
 * 'per_user' and 'stratified_by_item' follow Microsoft Recommenders' `python_stratified_split`
 * (recommenders/datasets/python_splitters.py, `_do_stratification`, filter_by='user' / 'item'): events
 * are grouped by user (item); within a group of c events in random order, the event of rank i
 * (1-based) goes to train when i / c ≤ 1 − test, otherwise to test. So a group keeps
 * k = #{i : i/c ≤ 1 − test} = ⌊(1 − test)·c⌋ events for training (up to float rounding of i/c) and the
 * test side is rounded *up*: 5 events at test = 0.25 give 3 train / 2 test. The reference orders a
 * group by one uniform draw per event (numpy); we shuffle each group (groups in index order) with the
 * seeded Rng — the same rule on a different random stream, so figures match in distribution, not event
 * by event. One deliberate difference: by default a group with a single event stays in train (the
 * reference sends it to test, because 1/1 > 1 − test), since that event could never be predicted —
 * set `singletons: 'test'` for the reference's exact rule.
 */
import { DataError, InvalidParamError } from '../core/errors.js';
import type { Interactions } from '../core/interactions.js';
import { checkNumber, checkOneOf } from '../core/params.js';
import { Rng } from '../core/rng.js';
import { complement, sortedIndices } from './splitter.js';

export type InteractionSplitMethod = 'random' | 'per_user' | 'stratified_by_item' | 'leave_last' | 'kfold';

/** Options of {@link splitInteractions}. */
export interface InteractionSplitOptions {
  method: InteractionSplitMethod;
  /** Fraction of events held out, in (0, 1). Default 0.25. Not used by leave_last and kfold. */
  test?: number;
  /** Seed of the shuffles. Default 0. */
  seed?: number;
  /** kfold: number of folds, ≥ 2. Default 5. */
  folds?: number;
  /** leave_last: events per user held out. Default 1. */
  n?: number;
  /** per_user / stratified_by_item: where a group with one event goes. Default 'train' ('test' is the reference's rule). */
  singletons?: 'train' | 'test';
}

/** Event indices into the data, each part sorted ascending. */
export interface InteractionFold {
  train: Int32Array;
  test: Int32Array;
}

const OWNER = 'splitInteractions';
const METHODS: readonly InteractionSplitMethod[] = ['random', 'per_user', 'stratified_by_item', 'leave_last', 'kfold'];

/**
 * Splits interactions into one (train, test) fold, or `folds` folds for 'kfold'.
 *
 * - random: a seeded shuffle of all events; the first round(test × N) are the test part.
 * - per_user / stratified_by_item: per-user (per-item) stratified holdout, Microsoft Recommenders' rule (file header).
 * - leave_last: each user's `n` most recent events (by timestamp, ties by event order) are the test
 *   part; users with ≤ n events stay wholly in train. Needs timestamps.
 * - kfold: a seeded shuffle cut into `folds` contiguous parts (the first N mod folds parts one event
 *   larger, as scikit-learn's KFold); fold f tests part f and trains on the rest.
 *
 * @example
 * const [fold] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 42 });
 * const train = subsetInteractions(data, fold.train), test = subsetInteractions(data, fold.test);
 * splitInteractions(data, { method: 'kfold', folds: 5 }).length; // 5
 */
export function splitInteractions(data: Interactions, options: InteractionSplitOptions): InteractionFold[] {
  const method = checkOneOf(OWNER, 'method', options.method, METHODS);
  const seed = checkNumber(OWNER, 'seed', options.seed ?? 0, { integer: true });
  const N = data.users.length;
  if (N === 0) throw new DataError(`${OWNER}: there are no interactions to split; check the source and the filters`);
  if (method === 'kfold') {
    const k = checkNumber(OWNER, 'folds', options.folds ?? 5, { integer: true, min: 2 });
    if (k > N) throw new DataError(`${OWNER}: ${k} folds need at least ${k} events, got ${N}; use fewer folds`, { folds: k, events: N });
    return kFold(N, k, seed);
  }
  let test: Int32Array;
  if (method === 'leave_last') {
    const n = checkNumber(OWNER, 'n', options.n ?? 1, { integer: true, min: 1 });
    test = leaveLast(data, n);
  } else {
    const fraction = checkNumber(OWNER, 'test', options.test ?? 0.25, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
    if (method === 'random') {
      test = sortedIndices(new Rng(seed).permutation(N).subarray(0, Math.round(N * fraction)));
    } else {
      const singletons = checkOneOf(OWNER, 'singletons', options.singletons ?? 'train', ['train', 'test'] as const);
      const keys = method === 'per_user' ? data.users : data.items;
      test = stratified(keys, method === 'per_user' ? data.nUsers : data.nItems, 1 - fraction, singletons, new Rng(seed));
    }
  }
  if (test.length === 0 || test.length === N) {
    const side = test.length === 0 ? 'test' : 'train';
    throw new DataError(`${OWNER}: the ${method} split of ${N} events leaves the ${side} part empty; use more data or change split.test / split.n`, {
      method,
      events: N,
    });
  }
  return [{ train: complement(N, test), test }];
}

/** Event indices grouped by key (counting sort): group g is `order[start[g] .. start[g+1])`, events ascending. */
function groupBy(keys: Int32Array, nKeys: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!(k >= 0 && k < nKeys)) throw new DataError(`${OWNER}: interaction ${i} has index ${k}, outside 0..${nKeys - 1}`, { row: i, value: k });
    start[k + 1]++;
  }
  for (let g = 0; g < nKeys; g++) start[g + 1] += start[g];
  const next = start.slice(0, nKeys);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[next[keys[i]]++] = i;
  return { order, start };
}

/** Test indices of the per-group stratified rule (see the file header). */
function stratified(keys: Int32Array, nKeys: number, trainRatio: number, singletons: 'train' | 'test', rng: Rng): Int32Array {
  const { order, start } = groupBy(keys, nKeys);
  const test: number[] = [];
  for (let g = 0; g < nKeys; g++) {
    const c = start[g + 1] - start[g];
    if (c === 0) continue;
    if (c === 1) {
      if (singletons === 'test') test.push(order[start[g]]);
      continue;
    }
    const group = order.subarray(start[g], start[g + 1]);
    rng.shuffle(group);
    const k = trainCount(c, trainRatio);
    for (let j = k; j < c; j++) test.push(group[j]);
  }
  return sortedIndices(test);
}

/** #{i ∈ 1..c : i / c ≤ ratio}, computed with the reference's float comparison. */
export function trainCount(c: number, ratio: number): number {
  let k = Math.min(c, Math.max(0, Math.floor(ratio * c)));
  while (k < c && (k + 1) / c <= ratio) k++;
  while (k > 0 && k / c > ratio) k--;
  return k;
}

/** Each user's n latest events, for users with more than n events. */
function leaveLast(data: Interactions, n: number): Int32Array {
  const ts = data.timestamps;
  if (!ts) {
    throw new DataError(`${OWNER}: leave_last holds out each user's most recent events and needs event times; give the data a timestamp column`, {
      method: 'leave_last',
    });
  }
  const { order, start } = groupBy(data.users, data.nUsers);
  const test: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    const c = start[u + 1] - start[u];
    if (c <= n) continue;
    // Events are ascending within the group, so the index breaks timestamp ties: later event = more recent.
    const group = Array.from(order.subarray(start[u], start[u + 1])).sort((a, b) => ts[a] - ts[b] || a - b);
    for (let j = c - n; j < c; j++) test.push(group[j]);
  }
  return sortedIndices(test);
}

function kFold(N: number, k: number, seed: number): InteractionFold[] {
  const perm = new Rng(seed).permutation(N);
  const folds: InteractionFold[] = [];
  const base = Math.floor(N / k), extra = N % k;
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    const test = sortedIndices(perm.subarray(at, at + size));
    at += size;
    folds.push({ train: complement(N, test), test });
  }
  return folds;
}

/**
 * Folds from given test sets, e.g. MovieLens 100K's u1.test … u5.test: an event is in fold k's test
 * part when its (user, item) pair is in `tests[k]` (all events of a repeated pair go together); the rest
 * of the data is fold k's train part. A test pair that is not in the data (including index -1, an id
 * the data does not know) is an `E_DATA` error.
 *
 * @example
 * const folds = foldsFromTestSets(data, [{ users: Int32Array.of(0, 1), items: Int32Array.of(2, 0) }]);
 * folds[0].test; // indices of the events (0, 2) and (1, 0)
 */
export function foldsFromTestSets(data: Interactions, tests: { users: Int32Array; items: Int32Array }[]): InteractionFold[] {
  const N = data.users.length;
  const { nUsers, nItems } = data;
  // Pair → first event; repeats of a pair are chained through `nextSame`.
  const firstOf = new Map<number, number>();
  const nextSame = new Int32Array(N).fill(-1);
  for (let e = N - 1; e >= 0; e--) {
    const key = data.users[e] * nItems + data.items[e];
    const head = firstOf.get(key);
    if (head !== undefined) nextSame[e] = head;
    firstOf.set(key, e);
  }
  return tests.map((t, k) => {
    if (t.users.length !== t.items.length) {
      throw new DataError(`foldsFromTestSets: test set ${k + 1} has ${t.users.length} users but ${t.items.length} items`, { fold: k + 1 });
    }
    const mark = new Uint8Array(N);
    let count = 0;
    for (let j = 0; j < t.users.length; j++) {
      const u = t.users[j], i = t.items[j];
      const e0 = u >= 0 && u < nUsers && i >= 0 && i < nItems ? firstOf.get(u * nItems + i) : undefined;
      if (e0 === undefined) {
        throw new DataError(
          `foldsFromTestSets: test set ${k + 1}, entry ${j + 1}: (user ${u}, item ${i}) is not an event of the data ` +
            '(-1 is an id the data does not know); test sets must come from the same events, after the same filters',
          { fold: k + 1, entry: j + 1, user: u, item: i },
        );
      }
      for (let e = e0; e >= 0; e = nextSame[e]) {
        if (!mark[e]) count++;
        mark[e] = 1;
      }
    }
    const test = new Int32Array(count);
    let at = 0;
    for (let e = 0; e < N; e++) if (mark[e]) test[at++] = e;
    return { train: complement(N, test), test };
  });
}

/**
 * How much of a fold's test part is cold: users / items with no training event, and the test events
 * that involve either. Reported, never an error — models answer cold users with their fallback.
 *
 * @example
 * coldStartReport(data, fold); // { testEvents: 25000, coldUsers: 0, coldItems: 12, coldEvents: 12 }
 */
export function coldStartReport(
  data: Interactions,
  fold: InteractionFold,
): { testEvents: number; coldUsers: number; coldItems: number; coldEvents: number } {
  const seenU = new Uint8Array(data.nUsers), seenI = new Uint8Array(data.nItems);
  for (let j = 0; j < fold.train.length; j++) {
    seenU[data.users[fold.train[j]]] = 1;
    seenI[data.items[fold.train[j]]] = 1;
  }
  // 2 marks a cold user/item already counted.
  let coldUsers = 0, coldItems = 0, coldEvents = 0;
  for (let j = 0; j < fold.test.length; j++) {
    const u = data.users[fold.test[j]], i = data.items[fold.test[j]];
    const cu = seenU[u] !== 1, ci = seenI[i] !== 1;
    if (cu && seenU[u] === 0) {
      seenU[u] = 2;
      coldUsers++;
    }
    if (ci && seenI[i] === 0) {
      seenI[i] = 2;
      coldItems++;
    }
    if (cu || ci) coldEvents++;
  }
  return { testEvents: fold.test.length, coldUsers, coldItems, coldEvents };
}
