import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import pg from 'pg';
import { StoreError } from '../core/errors.js';
import { openStore } from './store.js';
import { sampleRun, storeSuite, type StoreSuiteOptions } from '../testing/store-suite.js';
import { storeServerSuite } from '../testing/store-server-suite.js';

/**
 * The server under test: TRAINYARD_TEST_POSTGRES_URL, else the local trust-auth server as `postgres` or `root`.
 * Under CI=true an unreachable server fails the tests instead of skipping them.
 */
const CANDIDATES = process.env.TRAINYARD_TEST_POSTGRES_URL
  ? [process.env.TRAINYARD_TEST_POSTGRES_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/postgres'];

async function probe(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let baseUrl = CANDIDATES[0];
const failures: string[] = [];
for (const url of CANDIDATES) {
  const problem = await probe(url);
  if (problem === null) {
    baseUrl = url;
    failures.length = 0;
    break;
  }
  failures.push(`${url}: ${problem}`);
}
const unreachable = failures.length > 0 ? `PostgreSQL not reachable (${failures.join('; ')}); set TRAINYARD_TEST_POSTGRES_URL` : null;
const skip = unreachable && process.env.CI !== 'true' ? unreachable : undefined;
if (skip) console.log(`# skipping PostgreSQL store tests: ${skip}`);

const admin = new pg.Pool({ connectionString: baseUrl, connectionTimeoutMillis: 3000, max: 2 });
admin.on('error', () => undefined);
after(() => admin.end());
let counter = 0;

function schemaUrl(schema: string): string {
  const u = new URL(baseUrl);
  u.searchParams.set('schema', schema);
  return u.toString();
}

function freshSchema(): string {
  return `trainyard_t${process.pid}_${counter++}_${randomBytes(3).toString('hex')}`;
}

test('the PostgreSQL server for the tests is reachable', { skip }, () => {
  assert.equal(unreachable, null);
});

const target: StoreSuiteOptions = {
  skip,
  async createTarget() {
    const schema = freshSchema();
    return {
      location: schemaUrl(schema),
      async setSchemaVersion(version: number) {
        await admin.query(`UPDATE "${schema}".trainyard_schema SET version = $1`, [version]);
      },
      async exec(statements: string[]) {
        for (const sql of statements) await admin.query(sql.replaceAll('{s}', `"${schema}".`));
      },
      async dispose() {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  },
};
storeSuite('PostgresStore', target);
storeServerSuite('PostgresStore (server and registry)', target);

test('stores in different schemas of one database do not see each other', { skip }, async () => {
  const [s1, s2] = [freshSchema(), freshSchema()];
  try {
    const a = await openStore(schemaUrl(s1));
    const b = await openStore(schemaUrl(s2));
    await a.completeRun(sampleRun('only-in-a'));
    assert.equal((await a.listRuns()).length, 1);
    assert.deepEqual(await b.listRuns(), []);
    assert.equal(await b.getRun('only-in-a'), null);
    await Promise.all([a.close(), b.close()]);
    const tables = await admin.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [s1]);
    assert.deepEqual(tables.rows.map((r: { table_name: string }) => r.table_name), ['artifacts', 'blob_parts', 'blobs', 'metrics', 'model_aliases', 'model_version_tags', 'model_versions', 'models', 'params', 'prediction_logs', 'run_tags', 'runs', 'task_results', 'tokens', 'trainyard_schema']);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${s1}" CASCADE; DROP SCHEMA IF EXISTS "${s2}" CASCADE`);
  }
});

test('a schema name that is not a plain identifier is refused', async () => {
  await assert.rejects(openStore('postgres://u@127.0.0.1:5432/db?schema=x;drop'), (err: unknown) => err instanceof StoreError && /schema 'x;drop'/.test(err.message));
});

function assertConnectionError(err: unknown, host: string): true {
  assert.ok(err instanceof StoreError, String(err));
  assert.equal(err.code, 'E_STORE');
  assert.match(err.message, new RegExp(`cannot connect to PostgreSQL at ${host.replaceAll('.', '\\.')}`));
  assert.match(err.message, /check that the server is running/);
  assert.doesNotMatch(err.message, /s3cret/);
  assert.doesNotMatch(JSON.stringify(err.details), /s3cret/);
  return true;
}

test('a refused connection becomes a StoreError naming the host, with the password redacted', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r())); // the port is now closed: connections are refused
  const t0 = Date.now();
  await assert.rejects(openStore(`postgres://trainer:s3cret@127.0.0.1:${port}/db`), (err) => assertConnectionError(err, `127.0.0.1:${port}/db`));
  assert.ok(Date.now() - t0 < 5000);
});

test('a server that never answers becomes a StoreError within connect_timeout', async () => {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s)); // accepts, then stays silent
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const t0 = Date.now();
    await assert.rejects(openStore(`postgresql://trainer:s3cret@127.0.0.1:${port}/db?connect_timeout=1`), (err) => assertConnectionError(err, `127.0.0.1:${port}/db`));
    const ms = Date.now() - t0;
    assert.ok(ms >= 900 && ms < 4000, `gave up after ${ms} ms`);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('a database that does not exist becomes a StoreError naming it', { skip }, async () => {
  const u = new URL(baseUrl);
  u.pathname = '/trainyard_no_such_db';
  await assert.rejects(openStore(u.toString()), (err: unknown) => err instanceof StoreError && /trainyard_no_such_db/.test(err.message) && /cannot connect/.test(err.message));
});
