/**
 * The MovieLens files as GroupLens ships them, read through the ordinary data layer (no conversion
 * step): u.data (tab, headerless), u.item (pipe, headerless, latin-1), u.user (pipe, headerless) and
 * latest-small's ratings.csv (header).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DictColumn, NumericColumn } from '../../core/frame.js';
import { loadFrame } from '../../data/load-frame.js';
import { datasetPath } from '../../testing/paths.js';
import { interactionsFromFrame } from './interaction-table.js';

const GENRES = ['unknown', 'Action', 'Adventure', 'Animation', 'Childrens', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy', 'Film_Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci_Fi', 'Thriller', 'War', 'Western'];

test('MovieLens 100K u.data as the recommend spec names it (columns only): 100,000 ratings, 943 users, 1,682 items', async () => {
  const { frame } = await loadFrame({ source: datasetPath('movielens-100k', 'u.data'), columns: ['user', 'item', 'rating', 'timestamp'] });
  assert.equal(frame.nRows, 100000);
  const t = interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'timestamp' });
  const x = t.interactions;
  assert.equal(x.users.length, 100000);
  assert.equal(x.nUsers, 943);
  assert.equal(x.nItems, 1682);
  assert.deepEqual(t.report, { rows: 100000, duplicates: 0, droppedByWindow: 0, droppedUsers: 0, droppedItems: 0, droppedEvents: 0 });
  // First line: 196	242	3	881250949; ids 1..943 / 1..1682 map to id − 1.
  assert.equal(t.users.index(196), 195);
  assert.equal(t.users.index('196'), 195);
  assert.equal(t.items.raw(241), '242');
  assert.deepEqual([x.users[0], x.items[0], x.values[0], x.timestamps![0]], [195, 241, 3, 881250949]);
  const histogram = [0, 0, 0, 0, 0];
  for (const v of x.values) histogram[v - 1]++;
  assert.deepEqual(histogram, [6110, 11370, 27145, 34174, 21201]);
});

test('MovieLens 100K u.item: 1,682 movies, latin-1 titles decoded', async () => {
  const columns = ['movie_id', 'title', 'release_date', 'video_release_date', 'imdb_url', ...GENRES];
  const { frame, report } = await loadFrame({ source: datasetPath('movielens-100k', 'u.item'), columns, delimiter: '|', header: false });
  assert.equal(frame.nRows, 1682);
  assert.equal(frame.columns.length, 24);
  assert.ok(report.notes.some((n) => /read as latin-1/.test(n)), report.notes.join('; '));
  const id = frame.column('movie_id') as NumericColumn;
  const title = frame.column('title') as DictColumn;
  const titleOf = (movie: number): string => title.dictionary[title.codes[id.values.indexOf(movie)]];
  assert.equal(titleOf(1), 'Toy Story (1995)');
  assert.equal(titleOf(543), 'Misérables, Les (1995)');
  assert.equal(titleOf(1633), 'Á köldum klaka (Cold Fever) (1994)');
  assert.equal((frame.column('Drama') as NumericColumn).values.reduce((a, b) => a + b, 0), 725);
});

test('MovieLens 100K u.user: 943 users; the zip column holds Canadian codes, so it is read as categorical', async () => {
  const spec = { source: datasetPath('movielens-100k', 'u.user'), columns: ['user', 'age', 'gender', 'occupation', 'zip'], delimiter: '|', header: false };
  // 18 of 943 zips are not numbers: the loader refuses to guess and says what to do.
  await assert.rejects(loadFrame(spec), { code: 'E_DATA', message: /column 'zip' has 18 non-numeric values \(first: row 74, 'T8H1N'\); set `coerce: 'nan'`/ });
  const { frame } = await loadFrame({ ...spec, types: { zip: 'categorical' } });
  assert.equal(frame.nRows, 943);
  assert.equal(frame.cell('zip', 73), 'T8H1N');
  assert.equal(frame.cell('occupation', 0), 'technician');
  assert.deepEqual((frame.column('gender') as DictColumn).dictionary.slice().sort(), ['F', 'M']);
});

test('MovieLens latest-small ratings.csv: 100,836 GroupLens ratings of 610 users on 9,724 movies (+ one stray row in the shared copy)', async () => {
  const { frame } = await loadFrame({ source: datasetPath('movielens-latest-small', 'ratings.csv') });
  const cols = { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp' };
  // The shared copy ends with a line that is not in the GroupLens release — "999,999999,5.0,1493846415",
  // without a final newline: user 999 and movie 999999 appear nowhere else. It is data, so it loads.
  assert.equal(frame.nRows, 100837);
  const last = frame.nRows - 1;
  assert.deepEqual([frame.cell('userId', last), frame.cell('movieId', last), frame.cell('rating', last)], ['999', '999999', '5']);
  const all = interactionsFromFrame(frame, cols);
  assert.deepEqual([all.interactions.nUsers, all.interactions.nItems], [611, 9725]);
  const grouplens = interactionsFromFrame(frame.take(Int32Array.from({ length: last }, (_, i) => i)), cols);
  assert.equal(grouplens.interactions.users.length, 100836);
  assert.equal(grouplens.interactions.nUsers, 610);
  assert.equal(grouplens.interactions.nItems, 9724);
  assert.equal(grouplens.report.duplicates, 0);
  // Half-star ratings survive as numbers.
  assert.ok(grouplens.interactions.values.includes(3.5));
  assert.equal(grouplens.users.raw(0), '1');
  assert.equal(grouplens.items.raw(grouplens.items.size - 1), '193609');
});
