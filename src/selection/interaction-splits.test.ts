import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Interactions } from '../core/interactions.js';
import { loadFrame } from '../data/load-frame.js';
import { interactionsFromFrame } from '../preprocess/interactions/interaction-table.js';
import { datasetPath, fixturePath } from '../testing/paths.js';
import { thrown } from '../testing/thrown.js';
import { coldStartReport, foldsFromTestSets, splitInteractions, trainCount, type InteractionFold } from './interaction-splits.js';

/** User g has g + 1 events (g = 0..11) on items 0..g; item j thus has 12 − j events. */
function staircase(): Interactions {
  const users: number[] = [], items: number[] = [], ts: number[] = [];
  for (let g = 0; g < 12; g++) {
    for (let j = 0; j <= g; j++) {
      users.push(g);
      items.push(j);
      ts.push(1000 - users.length); // later events have earlier times, so event order ≠ time order
    }
  }
  const n = users.length;
  return { nUsers: 12, nItems: 12, users: Int32Array.from(users), items: Int32Array.from(items), values: new Float64Array(n).fill(1), timestamps: Float64Array.from(ts) };
}

function assertPartition(fold: InteractionFold, n: number): void {
  const seen = new Uint8Array(n);
  for (const part of [fold.train, fold.test]) {
    for (let j = 0; j < part.length; j++) {
      if (j > 0) assert.ok(part[j] > part[j - 1], 'each part is sorted ascending without repeats');
      assert.equal(seen[part[j]]++, 0, `event ${part[j]} is in both parts`);
    }
  }
  assert.equal(fold.train.length + fold.test.length, n, 'train and test cover every event');
}

function testCountsBy(keys: Int32Array, nKeys: number, fold: InteractionFold): number[] {
  const c = new Array<number>(nKeys).fill(0);
  for (const e of fold.test) c[keys[e]]++;
  return c;
}

// Microsoft Recommenders' rule at test = 0.25: of c events, rank i trains when i / c <= 0.75.
const MS_TEST_COUNTS = [0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]; // c = 1..12 (c = 1: singletons stay in train)

test('per_user: each user holds out exactly the reference count; singletons go to train unless asked', () => {
  const data = staircase();
  const [fold] = splitInteractions(data, { method: 'per_user', test: 0.25, seed: 7 });
  assertPartition(fold, data.users.length);
  assert.deepEqual(testCountsBy(data.users, 12, fold), MS_TEST_COUNTS);
  const [exact] = splitInteractions(data, { method: 'per_user', test: 0.25, seed: 7, singletons: 'test' });
  assert.deepEqual(testCountsBy(data.users, 12, exact), [1, ...MS_TEST_COUNTS.slice(1)]);
});

test('stratified_by_item: per-item counts follow the same rule (item j has 12 − j events)', () => {
  const data = staircase();
  const [fold] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 3 });
  assertPartition(fold, data.users.length);
  assert.deepEqual(testCountsBy(data.items, 12, fold), MS_TEST_COUNTS.slice().reverse());
  // test = 0.5: c = 2 → 1, c = 3 → 2 (1/3 trains, 2/3 does not), c = 4 → 2.
  const [half] = splitInteractions(data, { method: 'stratified_by_item', test: 0.5, seed: 3 });
  assert.deepEqual(testCountsBy(data.items, 12, half).reverse(), [0, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
});

test('trainCount is #{i in 1..c : i/c <= ratio} for awkward ratios', () => {
  for (const test of [0.1, 0.2, 0.25, 0.3, 1 / 3, 0.7, 0.9]) {
    const ratio = 1 - test;
    for (let c = 1; c <= 200; c++) {
      let k = 0;
      for (let i = 1; i <= c; i++) if (i / c <= ratio) k++;
      assert.equal(trainCount(c, ratio), k, `c = ${c}, ratio = ${ratio}`);
    }
  }
});

test('same seed → same split; another seed → another split; random takes round(test × N)', () => {
  const data = staircase(); // 78 events
  for (const method of ['random', 'per_user', 'stratified_by_item', 'kfold'] as const) {
    const a = splitInteractions(data, { method, seed: 11 });
    const b = splitInteractions(data, { method, seed: 11 });
    const c = splitInteractions(data, { method, seed: 12 });
    assert.deepEqual(a, b, `${method}: same seed`);
    assert.notDeepEqual(a, c, `${method}: another seed`);
  }
  const [r] = splitInteractions(data, { method: 'random', test: 0.25 });
  assert.equal(r.test.length, Math.round(78 * 0.25));
  assertPartition(r, 78);
});

test('leave_last: each user’s n latest events by time (ties by event order); short users stay in train', () => {
  const data = staircase(); // within a user, the first event is the latest
  const [fold] = splitInteractions(data, { method: 'leave_last', n: 2 });
  assertPartition(fold, data.users.length);
  const expected: number[] = [];
  let at = 0;
  for (let g = 0; g < 12; g++) {
    if (g + 1 > 2) expected.push(at, at + 1);
    at += g + 1;
  }
  assert.deepEqual(Array.from(fold.test), expected);
  // Equal times: the later event counts as more recent.
  const tied: Interactions = { ...data, timestamps: new Float64Array(data.users.length).fill(5) };
  const [t1] = splitInteractions(tied, { method: 'leave_last' });
  assert.deepEqual(testCountsBy(data.users, 12, t1), [0, ...new Array(11).fill(1)]);
  assert.equal(t1.test[0], 2); // user 1's events are 1 and 2
  const { timestamps: _drop, ...untimed } = data;
  assert.match(thrown(() => splitInteractions(untimed, { method: 'leave_last' })), /^E_DATA: splitInteractions: leave_last .* needs event times/);
});

test('kfold: scikit-learn fold sizes, tests partition the events, train is the complement', () => {
  const n = 103;
  const data: Interactions = { nUsers: 1, nItems: n, users: new Int32Array(n), items: Int32Array.from({ length: n }, (_, i) => i), values: new Float64Array(n).fill(1) };
  const folds = splitInteractions(data, { method: 'kfold', folds: 5, seed: 1 });
  assert.deepEqual(folds.map((f) => f.test.length), [21, 21, 21, 20, 20]);
  const count = new Uint8Array(n);
  for (const f of folds) {
    assertPartition(f, n);
    for (const e of f.test) count[e]++;
  }
  assert.ok(count.every((c) => c === 1));
});

test('bad options and degenerate splits', () => {
  const data = staircase();
  assert.match(thrown(() => splitInteractions(data, { method: 'by_time' as never })), /^E_INVALID_PARAM: splitInteractions: parameter 'method' must be one of "random"/);
  assert.match(thrown(() => splitInteractions(data, { method: 'random', test: 1 })), /^E_INVALID_PARAM: .*'test' must be a number > 0 and < 1, got 1/);
  assert.match(thrown(() => splitInteractions(data, { method: 'kfold', folds: 1 })), /'folds' must be an integer >= 2/);
  assert.match(thrown(() => splitInteractions(data, { method: 'kfold', folds: 100 })), /^E_DATA: .*100 folds need at least 100 events, got 78/);
  assert.match(thrown(() => splitInteractions(data, { method: 'leave_last', n: 0 })), /'n' must be an integer >= 1/);
  assert.match(thrown(() => splitInteractions(data, { method: 'leave_last', n: 12 })), /^E_DATA: .*leave_last split of 78 events leaves the test part empty/);
  const single: Interactions = { nUsers: 1, nItems: 1, users: Int32Array.of(0), items: Int32Array.of(0), values: Float64Array.of(1) };
  assert.match(thrown(() => splitInteractions(single, { method: 'per_user' })), /leaves the test part empty/);
});

test('foldsFromTestSets: pairs select events (all repeats of a pair), unknown pairs are errors', () => {
  const data: Interactions = { nUsers: 3, nItems: 3, users: Int32Array.of(0, 0, 1, 2, 0), items: Int32Array.of(0, 1, 1, 2, 0), values: new Float64Array(5).fill(1) };
  const [f] = foldsFromTestSets(data, [{ users: Int32Array.of(0, 2), items: Int32Array.of(0, 2) }]);
  assert.deepEqual(Array.from(f.test), [0, 3, 4]);
  assert.deepEqual(Array.from(f.train), [1, 2]);
  assert.equal(
    thrown(() => foldsFromTestSets(data, [{ users: Int32Array.of(0), items: Int32Array.of(0) }, { users: Int32Array.of(1, -1), items: Int32Array.of(1, 2) }])),
    'E_DATA: foldsFromTestSets: test set 2, entry 2: (user -1, item 2) is not an event of the data (-1 is an id the data does not know); ' +
      'test sets must come from the same events, after the same filters',
  );
  assert.match(thrown(() => foldsFromTestSets(data, [{ users: Int32Array.of(1), items: Int32Array.of(0) }])), /\(user 1, item 0\) is not an event/);
});

test('coldStartReport counts users / items without training events and the test events that touch them', () => {
  // Train: (0,0) (1,1); test: (0,1) warm, (2,1) cold user, (0,2) cold item, (2,2) both, (2,2) again.
  const data: Interactions = { nUsers: 3, nItems: 3, users: Int32Array.of(0, 1, 0, 2, 0, 2, 2), items: Int32Array.of(0, 1, 1, 1, 2, 2, 2), values: new Float64Array(7).fill(1) };
  const fold = { train: Int32Array.of(0, 1), test: Int32Array.of(2, 3, 4, 5, 6) };
  assert.deepEqual(coldStartReport(data, fold), { testEvents: 5, coldUsers: 1, coldItems: 1, coldEvents: 4 });
});

test('MovieLens 100K: u1..u5.test give five 20,000-event folds that partition u.data; split sizes equal Microsoft Recommenders', async () => {
  const cols = ['user', 'item', 'rating', 'timestamp'];
  const { frame } = await loadFrame({ source: datasetPath('movielens-100k', 'u.data'), columns: cols });
  const { interactions: data, users, items } = interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'timestamp' });
  const pairsOf = async (file: string) => {
    const f = (await loadFrame({ source: datasetPath('movielens-100k', file), columns: cols })).frame;
    const u = new Int32Array(f.nRows), it = new Int32Array(f.nRows);
    for (let r = 0; r < f.nRows; r++) {
      u[r] = users.index(f.cell('user', r));
      it[r] = items.index(f.cell('item', r));
    }
    return { users: u, items: it };
  };
  const tests = [];
  for (let k = 1; k <= 5; k++) tests.push(await pairsOf(`u${k}.test`));
  const folds = foldsFromTestSets(data, tests);
  const inTest = new Uint8Array(data.users.length);
  for (const f of folds) {
    assert.equal(f.test.length, 20000);
    assert.equal(f.train.length, 80000);
    for (const e of f.test) inTest[e]++;
  }
  assert.ok(inTest.every((c) => c === 1), 'every rating is in exactly one test fold');
  // Fold 1's train part is exactly u1.base.
  const base = await pairsOf('u1.base');
  const key = (u: number, i: number) => u * data.nItems + i;
  const trainKeys = new Set(Array.from(folds[0].train, (e) => key(data.users[e], data.items[e])));
  assert.equal(base.users.length, 80000);
  assert.ok(base.users.every((u, j) => trainKeys.has(key(u, base.items[j]))));

  // Per-group counts do not depend on the random draws, so the sizes must equal those of Microsoft
  // Recommenders' python_stratified_split on the same file (fixtures/interactions/generate.py).
  const ms = JSON.parse(readFileSync(fixturePath('interactions', 'ms-stratified-split.json'), 'utf8'));
  const [exact] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 42, singletons: 'test' });
  assert.deepEqual([exact.train.length, exact.test.length], [ms.stratified_by_item.train, ms.stratified_by_item.test]);
  // The reference sends each item rated once to test, cold; that is the only cold part of its split.
  assert.deepEqual(coldStartReport(data, exact), { testEvents: ms.stratified_by_item.test, coldUsers: 0, coldItems: ms.stratified_by_item.coldItems, coldEvents: ms.stratified_by_item.coldItems });
  // Our default keeps those 141 once-rated items in train: nothing cold, otherwise the same counts.
  const [strat] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 42 });
  assert.deepEqual(coldStartReport(data, strat), { testEvents: ms.stratified_by_item.test - ms.stratified_by_item.coldItems, coldUsers: 0, coldItems: 0, coldEvents: 0 });
  const [perUser] = splitInteractions(data, { method: 'per_user', test: 0.25, seed: 42 });
  assert.deepEqual([perUser.train.length, perUser.test.length], [ms.per_user.train, ms.per_user.test]);
});
