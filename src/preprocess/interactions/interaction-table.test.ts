import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn } from '../../core/frame.js';
import { thrown } from '../../testing/thrown.js';
import { interactionsFromFrame, type InteractionTable } from './interaction-table.js';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);

/** Events as (user id, item id, value, time) read back through the id maps, in event order. */
function events(t: InteractionTable): [string, string, number, number | null][] {
  const x = t.interactions;
  return Array.from(x.users, (u, j) => [t.users.raw(u), t.items.raw(x.items[j]), x.values[j], x.timestamps ? x.timestamps[j] : null]);
}

test('explicit ratings: dense indices in sorted id order, values, timestamps and source rows', () => {
  const frame = new Frame(
    [
      numericColumn('user', f64(196, 22, 196, 1000)),
      dictColumn('item', ['b', 'a', 'c', 'a']),
      numericColumn('rating', f64(3, 4.5, 1, 5)),
      numericColumn('ts', f64(30, 10, 20, 40)),
    ],
    'ratings.csv',
  );
  const t = interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'ts' });
  assert.deepEqual(t.users.toArray(), ['22', '196', '1000']);
  assert.deepEqual(t.items.toArray(), ['a', 'b', 'c']);
  assert.equal(t.interactions.nUsers, 3);
  assert.equal(t.interactions.nItems, 3);
  assert.deepEqual(Array.from(t.interactions.users), [1, 0, 1, 2]);
  assert.deepEqual(Array.from(t.interactions.items), [1, 0, 2, 0]);
  assert.deepEqual(Array.from(t.interactions.values), [3, 4.5, 1, 5]);
  assert.deepEqual(Array.from(t.interactions.timestamps!), [30, 10, 20, 40]);
  assert.deepEqual(Array.from(t.sourceRows), [0, 1, 2, 3]);
  assert.deepEqual(t.report, { rows: 4, duplicates: 0, droppedByWindow: 0, droppedUsers: 0, droppedItems: 0, droppedEvents: 0 });
  // Shuffled rows give the same maps.
  const back = interactionsFromFrame(frame.take([3, 1, 0, 2]), { user: 'user', item: 'item' });
  assert.deepEqual(back.users.toArray(), t.users.toArray());
  assert.deepEqual(back.items.toArray(), t.items.toArray());
  assert.deepEqual(Array.from(back.interactions.values), [1, 1, 1, 1]); // no rating column: value 1
  assert.equal(back.interactions.timestamps, undefined);
});

// Pair (u1, a) at rows 0, 1, 3 with times 10, 5, 10; pair (u2, b) at rows 2, 4 with times 7, 1.
const dupFrame = new Frame([
  dictColumn('user', ['u1', 'u1', 'u2', 'u1', 'u2']),
  dictColumn('item', ['a', 'a', 'b', 'a', 'b']),
  numericColumn('rating', f64(1, 5, 2, 3, 4)),
  numericColumn('t', f64(10, 5, 7, 10, 1)),
]);
const dupCols = { user: 'user', item: 'item', rating: 'rating', timestamp: 't' };

test('dedupe: last / first by timestamp (ties by row order), sum / mean / max carry the latest event', () => {
  const run = (dedupe: 'last' | 'first' | 'sum' | 'mean' | 'max' | 'none') => interactionsFromFrame(dupFrame, dupCols, { dedupe });
  // last: (u1,a) → row 3 (t = 10 ties row 0; the later row wins), (u2,b) → row 2 (t = 7). Events sit at the kept rows.
  const last = run('last');
  assert.deepEqual(events(last), [['u2', 'b', 2, 7], ['u1', 'a', 3, 10]]);
  assert.deepEqual(Array.from(last.sourceRows), [2, 3]);
  assert.equal(last.report.duplicates, 3);
  assert.deepEqual(events(interactionsFromFrame(dupFrame, dupCols)), events(last)); // 'last' is the default
  assert.deepEqual(events(run('first')), [['u1', 'a', 5, 5], ['u2', 'b', 4, 1]]);
  assert.deepEqual(events(run('sum')), [['u2', 'b', 6, 7], ['u1', 'a', 9, 10]]);
  assert.deepEqual(events(run('mean')), [['u2', 'b', 3, 7], ['u1', 'a', 3, 10]]);
  assert.deepEqual(events(run('max')), [['u2', 'b', 4, 7], ['u1', 'a', 5, 10]]);
  const none = run('none');
  assert.equal(none.interactions.users.length, 5);
  assert.equal(none.report.duplicates, 0);
  // Without timestamps, row order decides: last = rows 3 and 4, first = rows 0 and 2.
  const noTime = { user: 'user', item: 'item', rating: 'rating' };
  assert.deepEqual(events(interactionsFromFrame(dupFrame, noTime, { dedupe: 'last' })), [['u1', 'a', 3, null], ['u2', 'b', 4, null]]);
  assert.deepEqual(events(interactionsFromFrame(dupFrame, noTime, { dedupe: 'first' })), [['u1', 'a', 1, null], ['u2', 'b', 2, null]]);
});

test('implicit events: eventWeights give the values; value source is rating, else weight, else event, else 1', () => {
  const frame = new Frame([
    dictColumn('visitor', ['v1', 'v1', 'v2', 'v1', 'v2']),
    dictColumn('product', ['p1', 'p1', 'p1', 'p2', 'p2']),
    dictColumn('type', ['view', 'cart', 'view', 'purchase', 'view']),
    numericColumn('qty', f64(1, 2, 1, 3, 1)),
  ]);
  const eventWeights = { view: 1, cart: 3, purchase: 5 };
  const cols = { user: 'visitor', item: 'product', event: 'type' };
  const summed = interactionsFromFrame(frame, cols, { eventWeights, dedupe: 'sum' });
  assert.deepEqual(events(summed), [['v1', 'p1', 4, null], ['v2', 'p1', 1, null], ['v1', 'p2', 5, null], ['v2', 'p2', 1, null]]);
  assert.deepEqual(Array.from(interactionsFromFrame(frame, { ...cols, weight: 'qty' }, { eventWeights, dedupe: 'none' }).interactions.values), [1, 2, 1, 3, 1]);
  assert.match(
    thrown(() => interactionsFromFrame(frame, cols, { eventWeights: { view: 1, cart: 3 }, source: 'events.csv' })),
    /^E_DATA: events\.csv: row 4 has event type 'purchase' in column 'type', which eventWeights does not list \(known: view, cart\); add it to eventWeights/,
  );
  assert.match(thrown(() => interactionsFromFrame(frame, cols)), /^E_INVALID_PARAM: .*columns\.event is the value source but eventWeights is missing/);
  assert.match(thrown(() => interactionsFromFrame(frame, { user: 'visitor', item: 'product' }, { eventWeights })), /^E_INVALID_PARAM: .*eventWeights needs an event type column/);
  assert.match(thrown(() => interactionsFromFrame(frame, cols, { eventWeights: { view: 'high' as never } })), /^E_INVALID_PARAM: .*'eventWeights\.view' must be a finite number/);
});

test('k-core filter is repeated until stable and reports what it removed', () => {
  // u4's only event goes first, which leaves i3 with one event, then u3 with one, then i1 stays at 2.
  const frame = new Frame([
    dictColumn('u', ['u1', 'u1', 'u2', 'u2', 'u3', 'u3', 'u4']),
    dictColumn('i', ['i1', 'i2', 'i1', 'i2', 'i3', 'i1', 'i3']),
  ]);
  const t = interactionsFromFrame(frame, { user: 'u', item: 'i' }, { minUserInteractions: 2, minItemInteractions: 2 });
  assert.deepEqual(events(t), [['u1', 'i1', 1, null], ['u1', 'i2', 1, null], ['u2', 'i1', 1, null], ['u2', 'i2', 1, null]]);
  assert.deepEqual(t.users.toArray(), ['u1', 'u2']);
  assert.deepEqual(t.items.toArray(), ['i1', 'i2']);
  assert.deepEqual(t.report, { rows: 7, duplicates: 0, droppedByWindow: 0, droppedUsers: 2, droppedItems: 1, droppedEvents: 3 });
  // Only the user threshold: u4 goes, nothing else.
  assert.equal(interactionsFromFrame(frame, { user: 'u', item: 'i' }, { minUserInteractions: 2 }).interactions.users.length, 6);
  assert.match(
    thrown(() => interactionsFromFrame(frame, { user: 'u', item: 'i' }, { minUserInteractions: 3, source: 'ev.csv' })),
    /^E_DATA: ev\.csv: minUserInteractions = 3 and minItemInteractions = 1 remove all 7 events .*lower them/,
  );
  assert.match(thrown(() => interactionsFromFrame(frame, { user: 'u', item: 'i' }, { minItemInteractions: 0 })), /^E_INVALID_PARAM: .*'minItemInteractions' must be an integer >= 1, got 0/);
});

test('time window keeps from <= t < to; bounds in seconds or ISO dates; datetime columns become seconds', () => {
  const frame = new Frame([
    numericColumn('u', f64(1, 1, 2, 2)),
    numericColumn('i', f64(1, 2, 1, 2)),
    numericColumn('t', f64(5, 10, 15, 20)),
  ]);
  const cols = { user: 'u', item: 'i', timestamp: 't' };
  const t = interactionsFromFrame(frame, cols, { timeWindow: { from: 10, to: 20 } });
  assert.deepEqual(Array.from(t.interactions.timestamps!), [10, 15]);
  assert.equal(t.report.droppedByWindow, 2);
  assert.equal(interactionsFromFrame(frame, cols, { timeWindow: { from: 11 } }).interactions.users.length, 2);
  assert.match(
    thrown(() => interactionsFromFrame(frame, cols, { timeWindow: { from: 100 }, source: 'ev.csv' })),
    /^E_DATA: ev\.csv: timeWindow \[100, Infinity\) keeps none of the 4 events \(timestamps span 5 to 20 seconds\); widen the window/,
  );
  assert.match(thrown(() => interactionsFromFrame(frame, { user: 'u', item: 'i' }, { timeWindow: { from: 1 } })), /^E_INVALID_PARAM: .*timeWindow needs a timestamp column/);
  assert.match(thrown(() => interactionsFromFrame(frame, cols, { timeWindow: { from: 20, to: 10 } })), /^E_INVALID_PARAM: .*timeWindow\.from \(20\) must be before timeWindow\.to \(10\)/);
  assert.match(thrown(() => interactionsFromFrame(frame, cols, { timeWindow: { from: 'last week' } })), /^E_INVALID_PARAM: .*timeWindow\.from must be seconds since 1970 or an ISO-8601 date/);

  const day = 86400;
  const dated = new Frame([
    numericColumn('u', f64(1, 1, 2)),
    numericColumn('i', f64(1, 2, 1)),
    numericColumn('when', f64(0, 2 * day * 1000, 4 * day * 1000), 'datetime'), // epoch milliseconds
  ]);
  const w = interactionsFromFrame(dated, { user: 'u', item: 'i', timestamp: 'when' }, { timeWindow: { from: '1970-01-02', to: '1970-01-04T00:00:00Z' } });
  assert.deepEqual(Array.from(w.interactions.timestamps!), [2 * day]);
  // Text timestamps (ISO-8601) are parsed too.
  const text = new Frame([numericColumn('u', f64(1, 2)), numericColumn('i', f64(1, 1)), dictColumn('when', ['1970-01-01T00:01:00Z', '1970-01-02'])]);
  assert.deepEqual(Array.from(interactionsFromFrame(text, { user: 'u', item: 'i', timestamp: 'when' }).interactions.timestamps!), [60, day]);
});

test('bad input: each error names source, row, column and value', () => {
  const base = (extra: Frame['columns'][number][]) =>
    new Frame([numericColumn('u', f64(1, 2, 3, 4)), dictColumn('i', ['a', 'b', 'c', 'd']), ...extra], 'ratings.csv');
  const cols = { user: 'u', item: 'i', rating: 'r' };
  assert.equal(
    thrown(() => interactionsFromFrame(base([dictColumn('r', ['4', '5', 'five', 'n/a'])]), cols)),
    "E_DATA: ratings.csv: rating column 'r' has 2 non-numeric or missing values (first: row 3, \"five\"); " +
      'ratings must be numbers — fix or drop those rows, or map the values to numbers before building interactions',
  );
  assert.match(thrown(() => interactionsFromFrame(base([numericColumn('r', f64(4, NaN, 3, 1))]), cols)), /rating column 'r' has 1 non-numeric or missing value \(first: row 2, an empty cell\)/);
  assert.match(
    thrown(() => interactionsFromFrame(base([dictColumn('w', ['1', '2', '3', 'lots'])]), { user: 'u', item: 'i', weight: 'w' })),
    /^E_DATA: ratings\.csv: weight column 'w' has 1 non-numeric or missing value \(first: row 4, "lots"\); weights must be numbers/,
  );
  // Text ratings that all parse are accepted.
  assert.deepEqual(Array.from(interactionsFromFrame(base([dictColumn('r', ['4', '5', ' 3.5', '1'])]), cols).interactions.values), [4, 5, 3.5, 1]);

  const missingUser = new Frame([numericColumn('u', f64(1, NaN)), dictColumn('i', ['a', 'b'])], 'ev.csv');
  assert.equal(
    thrown(() => interactionsFromFrame(missingUser, { user: 'u', item: 'i' })),
    "E_DATA: ev.csv: row 2 has no user id (column 'u' is empty there); drop rows without a user id or fill them",
  );
  const missingItem = new Frame([numericColumn('u', f64(1, 2)), dictColumn('i', ['a', null])], 'ev.csv');
  assert.match(thrown(() => interactionsFromFrame(missingItem, { user: 'u', item: 'i' })), /^E_DATA: ev\.csv: row 2 has no item id \(column 'i'/);
  const badTime = new Frame([numericColumn('u', f64(1, 2)), dictColumn('i', ['a', 'b']), dictColumn('t', ['2020-01-01', 'yesterday'])], 'ev.csv');
  assert.match(thrown(() => interactionsFromFrame(badTime, { user: 'u', item: 'i', timestamp: 't' })), /^E_DATA: ev\.csv: row 2 has timestamp "yesterday" in column 't'; timestamps must be seconds/);
  assert.match(thrown(() => interactionsFromFrame(base([]), { user: 'u', item: 'item' })), /^E_DATA: ratings\.csv: unknown column 'item'; available columns: u, i/);
  assert.match(thrown(() => interactionsFromFrame(base([]), { user: 'u', item: 'i' }, { dedupe: 'latest' as never })), /^E_INVALID_PARAM: .*'dedupe' must be one of "last", "first"/);
  assert.match(thrown(() => interactionsFromFrame(base([]), { user: '', item: 'i' })), /^E_INVALID_PARAM: .*columns\.user must name the user id column/);
  const empty = new Frame([numericColumn('u', f64()), numericColumn('i', f64())], 'empty.csv');
  assert.match(thrown(() => interactionsFromFrame(empty, { user: 'u', item: 'i' })), /^E_DATA: empty\.csv has no rows/);
});
