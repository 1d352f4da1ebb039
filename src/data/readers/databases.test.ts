import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DataError, IoError } from '../../core/errors.js';
import type { DictColumn, NumericColumn } from '../../core/frame.js';
import { loadFrame } from '../load-frame.js';
import { requireService, tcpProbe } from '../../testing/test-services.js';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const probePg = () => tcpProbe('127.0.0.1', 5432);
const probeMysql = () => tcpProbe('127.0.0.1', 3306);
let seq = 0;
const uniqueTable = (): string => `ty_data_${process.pid}_${Date.now()}_${seq++}`;

test('SQLite: table name or SQL, types from values, missing file, bad SQL', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-sqlite-'));
  const dbPath = path.join(dir, 'shop.db');
  const db = new Database(dbPath);
  db.exec(`CREATE TABLE sessions (id INTEGER, pages REAL, month TEXT, bought BOOLEAN, at DATETIME);
           INSERT INTO sessions VALUES (1, 3.5, 'Feb', 1, '2024-01-02 03:04:05'), (2, NULL, 'Mar', 0, '2024-01-03'),
                                       (3, 7, 'Feb', 1, NULL);`);
  db.close();
  const { frame } = await loadFrame({ source: 'sqlite:shop.db', baseDir: dir, query: 'sessions' });
  assert.equal(frame.nRows, 3);
  assert.equal(frame.column('id').type, 'id');
  const pages = frame.column('pages') as NumericColumn;
  assert.ok(Number.isNaN(pages.values[1]));
  assert.equal((frame.column('month') as DictColumn).type, 'categorical');
  assert.equal(frame.column('bought').type, 'boolean');
  const at = frame.column('at') as NumericColumn;
  assert.equal(at.type, 'datetime');
  assert.equal(at.values[0], Date.UTC(2024, 0, 2, 3, 4, 5));
  const q = await loadFrame({ source: `sqlite:${dbPath}`, query: 'SELECT month, count(*) AS n FROM sessions GROUP BY month ORDER BY month' });
  assert.deepEqual([...(q.frame.column('n') as NumericColumn).values], [2, 1]);
  await assert.rejects(loadFrame({ source: 'sqlite:missing.db', baseDir: dir, query: 't' }), IoError);
  await assert.rejects(loadFrame({ source: `sqlite:${dbPath}`, query: 'SELEC oops' }), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /sqlite:.*shop\.db: query failed: .*syntax error/);
    return true;
  });
});

test('PostgreSQL: real table, numeric/bool/date/text types, NULLs, bad SQL', async (t) => {
  if (!(await requireService(t, 'PostgreSQL', probePg))) return;
  const table = uniqueTable();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (id bigint, amount numeric(10,2), visits int, member boolean, seen timestamptz, day date, plan text)`);
    await client.query(`INSERT INTO ${table} VALUES
      (10, 12.50, 3, true, '2024-01-02 03:04:05+00', '2024-01-02', 'basic'),
      (11, NULL, 4, false, NULL, '2024-02-01', 'pro'),
      (12, 7.25, NULL, NULL, '2024-01-02 05:04:05+02', NULL, NULL)`);
    const { frame, report } = await loadFrame({ source: PG_URL, table });
    assert.equal(report.rows, 3);
    assert.equal(frame.column('id').type, 'id');
    const amount = frame.column('amount') as NumericColumn;
    assert.equal(amount.type, 'numeric');
    assert.equal(amount.values[0], 12.5);
    assert.ok(Number.isNaN(amount.values[1]));
    assert.equal(frame.column('member').type, 'boolean');
    assert.deepEqual([...(frame.column('member') as NumericColumn).values].map(String), ['1', '0', 'NaN']);
    const seen = frame.column('seen') as NumericColumn;
    assert.equal(seen.type, 'datetime');
    assert.equal(seen.values[0], Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal(seen.values[2], Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal((frame.column('day') as NumericColumn).values[1], Date.UTC(2024, 1, 1));
    assert.equal((frame.column('plan') as DictColumn).codes[2], -1);
    const q = await loadFrame({ source: PG_URL, query: `SELECT plan, visits FROM ${table} WHERE visits > 3` });
    assert.equal(q.frame.nRows, 1);
    await assert.rejects(loadFrame({ source: PG_URL, query: `SELECT nope FROM ${table}` }), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /postgres:\/\/postgres@127\.0\.0\.1:5432\/test: query failed: column "nope" does not exist/);
      return true;
    });
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
});

test('MariaDB/MySQL: real table, decimal/tinyint(1)/datetime types, bad SQL', async (t) => {
  if (!(await requireService(t, 'MariaDB', probeMysql))) return;
  const table = uniqueTable();
  const conn = await mysql.createConnection({ uri: MYSQL_URL });
  try {
    await conn.query(`CREATE TABLE ${table} (user_id INT, price DECIMAL(10,2), member BOOLEAN, seen DATETIME, country VARCHAR(10))`);
    await conn.query(`INSERT INTO ${table} VALUES (1, 9.99, 1, '2024-01-02 03:04:05', 'FR'), (2, NULL, 0, NULL, 'DE'), (3, 5, NULL, '2024-03-01 00:00:00', NULL)`);
    const { frame } = await loadFrame({ source: MYSQL_URL, query: `SELECT * FROM ${table} ORDER BY user_id` });
    assert.equal(frame.nRows, 3);
    assert.equal(frame.column('user_id').type, 'id');
    const price = frame.column('price') as NumericColumn;
    assert.equal(price.values[0], 9.99);
    assert.ok(Number.isNaN(price.values[1]));
    assert.equal(frame.column('member').type, 'boolean');
    const seen = frame.column('seen') as NumericColumn;
    assert.equal(seen.type, 'datetime');
    assert.equal(seen.values[0], Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal((frame.column('country') as DictColumn).type, 'categorical');
    const byTable = await loadFrame({ source: MYSQL_URL, table });
    assert.equal(byTable.frame.nRows, 3);
    await assert.rejects(loadFrame({ source: MYSQL_URL, query: `SELECT nope FROM ${table}` }), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /mysql:\/\/root@127\.0\.0\.1:3306\/test: query failed: Unknown column 'nope'/);
      return true;
    });
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    await conn.end();
  }
});

test('unreachable databases fail fast with an IoError, not a hang', async () => {
  for (const source of ['postgres://postgres@127.0.0.1:1/test', 'mysql://root@127.0.0.1:1/test']) {
    const started = Date.now();
    await assert.rejects(loadFrame({ source, query: 'SELECT 1' }), (e: unknown) => {
      assert.ok(e instanceof IoError, String(e));
      assert.match(e.message, /cannot connect/);
      return true;
    });
    assert.ok(Date.now() - started < 6000, `${source} took ${Date.now() - started} ms`);
  }
});

test('a database source without query or table is a SpecError', async () => {
  await assert.rejects(loadFrame({ source: PG_URL }), (e: unknown) => (e as { code?: string }).code === 'E_SPEC');
});
