import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataError, IoError } from '../core/errors.js';
import { dictColumn, Frame, numericColumn, type DictColumn, type NumericColumn } from '../core/frame.js';
import { dropDuplicateRows } from './dedupe.js';
import { loadAndJoin } from './join.js';
import { loadFrame } from './load-frame.js';
import { writeCsv } from './write-csv.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-join-'));
writeFileSync(path.join(dir, 'sessions.csv'), 'session,user_id,pages\n1,u1,3\n2,u2,5\n3,u3,1\n4,u1,7\n');
writeFileSync(path.join(dir, 'users.csv'), 'user_id,country,pages\nu1,FR,10\nu2,DE,20\n');
writeFileSync(path.join(dir, 'visits.csv'), 'session,user_id,device\n1,u1,mobile\n4,u1,desktop\n');

test('inner join keeps matched rows, renames clashing columns, reports', async () => {
  const { frame, report } = await loadAndJoin({ source: 'sessions.csv', baseDir: dir }, [{ source: { source: 'users.csv' }, on: 'user_id' }]);
  assert.equal(frame.nRows, 3);
  assert.deepEqual(frame.names, ['session', 'user_id', 'pages', 'country', 'pages_users']);
  assert.deepEqual([...(frame.column('session') as NumericColumn).values], [1, 2, 4]);
  assert.deepEqual([0, 1, 2].map((i) => frame.cell('country', i)), ['FR', 'DE', 'FR']);
  assert.equal(report.rows, 3);
  assert.ok(report.notes.some((n) => /3 of 4 rows matched/.test(n)));
});

test('left join keeps every main row with missing values; composite keys', async () => {
  const { frame } = await loadAndJoin({ source: 'sessions.csv', baseDir: dir }, [
    { source: { source: 'users.csv' }, on: 'user_id', how: 'left' },
    { source: { source: 'visits.csv' }, on: ['session', 'user_id'], how: 'left' },
  ]);
  assert.equal(frame.nRows, 4);
  assert.equal(frame.cell('country', 2), '');
  assert.equal((frame.column('country') as DictColumn).codes[2], -1);
  assert.deepEqual([0, 1, 2, 3].map((i) => frame.cell('device', i)), ['mobile', '', '', 'desktop']);
});

test('join key errors: missing key column, no matching key', async () => {
  await assert.rejects(loadAndJoin({ source: 'sessions.csv', baseDir: dir }, [{ source: { source: 'users.csv' }, on: 'user' }]), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /join key 'user' is not a column of .*sessions\.csv; available columns: session, user_id, pages/);
    return true;
  });
  await assert.rejects(loadAndJoin({ source: 'sessions.csv', baseDir: dir }, [{ source: { source: 'users.csv' }, on: 'pages' }]), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /no key of .*sessions\.csv matches/);
    return true;
  });
});

test('dropDuplicateRows keeps first occurrences; NaN equals NaN', () => {
  const f = new Frame([
    numericColumn('a', Float64Array.of(1, 2, 1, NaN, NaN, 1)),
    dictColumn('b', ['x', 'y', 'x', 'z', 'z', 'y']),
  ]);
  const { frame, dropped } = dropDuplicateRows(f);
  assert.equal(dropped, 2);
  assert.deepEqual([...(frame.column('a') as NumericColumn).values].map(String), ['1', '2', 'NaN', '1']);
  assert.deepEqual([0, 1, 2, 3].map((i) => frame.cell('b', i)), ['x', 'y', 'z', 'y']);
  assert.equal(dropDuplicateRows(frame).dropped, 0);
});

test('writeCsv quotes when needed, writes atomically, and round-trips through loadFrame', async () => {
  const f = new Frame([
    numericColumn('score', Float64Array.of(0.25, NaN, -3)),
    numericColumn('buy', Float64Array.of(1, 0, 1), 'boolean'),
    numericColumn('at', Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2, 3), NaN), 'datetime'),
    dictColumn('label', ['a, b', 'say "hi"', null]),
  ]);
  const out = path.join(dir, 'pred.csv');
  await writeCsv(f, out);
  const text = readFileSync(out, 'utf8');
  assert.equal(text.split('\n')[1], '0.25,true,2024-01-01T00:00:00.000Z,"a, b"');
  assert.ok(!readdirSync(dir).some((n) => n.endsWith('.tmp')));
  const { frame } = await loadFrame({ source: out });
  assert.equal(frame.column('buy').type, 'boolean');
  assert.equal(frame.column('at').type, 'datetime');
  assert.deepEqual([...(frame.column('at') as NumericColumn).values].slice(0, 2), [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2, 3)]);
  assert.ok(Number.isNaN((frame.column('score') as NumericColumn).values[1]));
  assert.deepEqual([0, 1, 2].map((i) => frame.cell('label', i)), ['a, b', 'say "hi"', '']);
  await assert.rejects(writeCsv(f, path.join(dir, 'no-such-dir', 'x.csv')), IoError);
});
