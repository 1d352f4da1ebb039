/**
 * The same data from a CSV file, an SQLite database, PostgreSQL and MariaDB — with a second source
 * joined on a key — gives the same run results. PostgreSQL and MariaDB are the real local services.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { Rng } from '../core/rng.js';
import { requireService, tcpProbe } from '../testing/test-services.js';
import { InlineExecutor } from './executor.js';
import { runExperiment, type RunResult } from './run.js';
import { validateSpec } from './spec/spec.js';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const dir = mkdtempSync(join(tmpdir(), 'trainyard-db-sources-'));
const suffix = `${process.pid}_${Date.now()}`;

interface Row { id: number; user_id: number; visits: number; duration: number; bought: boolean }
const rng = new Rng(11);
const users = Array.from({ length: 50 }, (_, i) => ({ user_id: i, plan: ['free', 'basic', 'pro'][i % 3] }));
const rows: Row[] = Array.from({ length: 600 }, (_, id) => {
  const user_id = rng.int(50);
  const visits = rng.int(20);
  const duration = Math.round(rng.random() * 1000) / 10;
  const score = visits / 10 + duration / 50 + (user_id % 3) - 2.5 + rng.normal();
  return { id, user_id, visits, duration, bought: score > 0 };
});

const csvEvents = join(dir, 'events.csv');
writeFileSync(csvEvents, 'id,user_id,visits,duration,bought\n' + rows.map((r) => `${r.id},${r.user_id},${r.visits},${r.duration},${r.bought}`).join('\n') + '\n');
const sqlitePath = join(dir, 'users.db');
{
  const db = new Database(sqlitePath);
  db.exec('CREATE TABLE users (user_id INTEGER, plan TEXT)');
  const ins = db.prepare('INSERT INTO users VALUES (?, ?)');
  for (const u of users) ins.run(u.user_id, u.plan);
  db.exec('CREATE TABLE events (id INTEGER, user_id INTEGER, visits INTEGER, duration REAL, bought BOOLEAN)');
  const ev = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  for (const r of rows) ev.run(r.id, r.user_id, r.visits, r.duration, r.bought ? 1 : 0);
  db.close();
}

function spec(source: Record<string, unknown>) {
  return validateSpec({
    name: 'db-sources',
    data: { ...source, target: 'bought', join: [{ source: `sqlite:${sqlitePath}`, table: 'users', on: 'user_id', how: 'left' }] },
    split: { test: 0.25, seed: 3 },
    preprocess: { categorical: { columns: ['plan'] }, drop: ['id', 'user_id'] },
    select: { cv: 3, metric: 'roc_auc', candidates: [{ model: 'logistic_regression', params: { C: [0.1, 1] } }] },
  });
}

async function run(source: Record<string, unknown>): Promise<RunResult> {
  return runExperiment({ spec: spec(source), baseDir: dir, file: 'db-sources' }, { store: join(dir, 'store.db'), outDir: join(dir, 'runs'), executor: new InlineExecutor() });
}

const fromCsv = run({ source: csvEvents });

function sameResults(a: RunResult, b: RunResult): void {
  assert.deepEqual(b.best, a.best);
  assert.deepEqual(b.test, a.test);
}

test('CSV + SQLite join: the run learns the planted signal', async () => {
  const r = await fromCsv;
  assert.ok((r.test.rocAuc as number) > 0.8, `AUC ${r.test.rocAuc}`);
});

test('SQLite source (query) gives the same results as the CSV', async () => {
  sameResults(await fromCsv, await run({ source: `sqlite:${sqlitePath}`, query: 'SELECT id, user_id, visits, duration, bought FROM events ORDER BY id' }));
});

test('PostgreSQL source gives the same results as the CSV', async (t) => {
  if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
  const table = `ty_exp_${suffix}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (id int, user_id int, visits int, duration double precision, bought boolean)`);
    await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`, [JSON.stringify(rows)]);
    sameResults(await fromCsv, await run({ source: PG_URL, query: `SELECT * FROM ${table} ORDER BY id` }));
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
});

test('MariaDB source gives the same results as the CSV', async (t) => {
  if (!(await requireService(t, 'MariaDB', () => tcpProbe('127.0.0.1', 3306)))) return;
  const table = `ty_exp_${suffix}`;
  const conn = await mysql.createConnection(MYSQL_URL);
  try {
    await conn.query(`CREATE TABLE ${table} (id int, user_id int, visits int, duration double, bought boolean)`);
    await conn.query(`INSERT INTO ${table} VALUES ?`, [rows.map((r) => [r.id, r.user_id, r.visits, r.duration, r.bought])]);
    sameResults(await fromCsv, await run({ source: MYSQL_URL, query: `SELECT * FROM ${table} ORDER BY id` }));
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    await conn.end();
  }
});
