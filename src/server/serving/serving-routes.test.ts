/**
 * The serving routes on a real server (port 0, a real SQLite store, models registered by real runs):
 * parity with `trainyard predict` / `recommend`, bad input → 4xx naming row and column, scopes, an alias
 * moved under load (no failed request, every answer wholly from one version), per-model metrics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvText } from '../../data/index.js';
import { InlineExecutor } from '../../experiment/executor.js';
import { writeSyntheticInteractions } from '../../experiment/recommend/interactions.test-helpers.js';
import { loadRecommender } from '../../experiment/recommend/recommender-bundle.js';
import { runExperiment } from '../../experiment/run.js';
import { validateRecommendSpec } from '../../experiment/spec/recommend-spec.js';
import { validateSpec } from '../../experiment/spec/spec.js';
import { predictFile } from '../../experiment/tabular/predict-file.js';
import { openStore } from '../../tracking/store.js';
import { startTestServer, storeAvailable, type StoreKind, type TestServer } from '../server.test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ty-serving-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const COLS = ['num', 'flag', 'city'];
function trainCsv(): string {
  const lines = ['num,flag,city,y'];
  for (let i = 0; i < 80; i++) {
    const num = ((i * 37) % 29) / 7 - 2;
    const city = ['Oslo', 'Rome', 'Lima'][i % 3];
    const flag = i % 4 < 2;
    lines.push(`${i % 13 === 0 ? '' : num.toFixed(3)},${flag},${city},${num + (city === 'Oslo' ? 1 : 0) + (flag ? 0.4 : 0) > 0.3 ? 'buy' : 'skip'}`);
  }
  const file = join(dir, 'train.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
const TRAIN = trainCsv();
const ROWS = Array.from({ length: 30 }, (_, i) => ({ num: i % 9 === 4 ? null : ((i * 17) % 31) / 8 - 2, flag: i % 3 === 0, city: ['Oslo', 'Rome', 'Lima', 'Paris'][i % 4] }));
const CSV = [COLS.join(','), ...ROWS.map((r) => COLS.map((c) => (r[c as keyof typeof r] === null ? '' : String(r[c as keyof typeof r]))).join(','))].join('\n') + '\n';

/** Runs a tabular spec named `name` into `store` (registering a version) and returns the model file. */
async function register(store: string, name: string, model: string, params: Record<string, unknown> = {}): Promise<string> {
  const r = await runExperiment(
    { spec: validateSpec({ name, data: { source: TRAIN, target: 'y' }, select: { cv: 2, candidates: [{ model, params }] } }), baseDir: dir, file: 'spec.yaml' },
    { store, outDir: join(dir, 'runs'), executor: new InlineExecutor() },
  );
  return r.modelPath;
}

/** What `trainyard predict` writes for ROWS with `modelPath`: predictions and probabilities. */
async function cliAnswer(modelPath: string): Promise<{ predictions: string[]; probabilities: number[][] | undefined }> {
  const input = join(dir, 'rows.csv');
  writeFileSync(input, CSV);
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  await predictFile({ model: modelPath, input, output: out });
  const w = parseCsvText(readFileSync(out, 'utf8'), out);
  const col = (n: string) => w.columns[w.header.indexOf(n)];
  const proba = w.header.filter((h) => h.startsWith('proba_'));
  return { predictions: col('prediction') as string[], probabilities: proba.length ? ROWS.map((_, i) => proba.map((p) => Number(col(p)[i]))) : undefined };
}

async function setAlias(ts: TestServer, name: string, alias: string, version: number): Promise<void> {
  const res = await ts.req(`/api/v1/models/${name}/aliases/${alias}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }) });
  assert.equal(res.status, 200, await res.text());
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), as: 'predict' as const });

async function withServer(t: import('node:test').TestContext, kind: StoreKind, fn: (ts: TestServer) => Promise<void>, options = {}): Promise<void> {
  if (!(await storeAvailable(t, kind))) return;
  const ts = await startTestServer(kind, { serving: { maxRows: 100, bodyLimit: 64 * 1024, aliasTtlMs: 30 }, ...options });
  try {
    await fn(ts);
  } finally {
    await ts.close();
  }
}

test('predict over HTTP: JSON and CSV bodies, by alias and by version, equal trainyard predict to the last bit', async (t) => {
  await withServer(t, 'sqlite', async (ts) => {
    for (const [model, params] of [['logistic_regression', {}], ['gradient_boosting', { maxIter: 20 }]] as const) {
      const name = `shop-${model.replace(/_/g, '-')}`;
      const path = await register(ts.storeLocation, name, model, params);
      await setAlias(ts, name, 'champion', 1);
      const want = await cliAnswer(path);
      for (const [url, init] of [
        [`/api/v1/models/${name}@champion/predict`, json({ rows: ROWS })],
        [`/api/v1/models/${name}/versions/1/predict`, json({ rows: ROWS })],
        [`/api/v1/models/${name}@champion/predict`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV, as: 'predict' as const }],
      ] as const) {
        const res = await ts.req(url, init);
        const body: any = await res.json();
        assert.equal(res.status, 200, JSON.stringify(body));
        assert.deepEqual(body.model, { name, version: 1 });
        assert.deepEqual(body.predictions, want.predictions);
        assert.deepEqual(body.probabilities, want.probabilities);
        assert.deepEqual(body.classes, ['buy', 'skip']);
      }
    }
  });
});

test('bad input is a 4xx naming the row and the column, never a 500', async (t) => {
  await withServer(t, 'sqlite', async (ts) => {
    await register(ts.storeLocation, 'shop', 'logistic_regression');
    await setAlias(ts, 'shop', 'champion', 1);
    const url = '/api/v1/models/shop@champion/predict';
    const expect = async (path: string, init: RequestInit & { as?: any }, status: number, code: string, details: Record<string, unknown> = {}) => {
      const res = await ts.req(path, init);
      const body: any = await res.json();
      assert.equal(res.status, status, `${path} ${String(init.body).slice(0, 80)}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, code, JSON.stringify(body));
      for (const [k, v] of Object.entries(details)) assert.deepEqual(body.error.details[k], v, `${k}: ${JSON.stringify(body)}`);
      return body;
    };
    const ok = { num: 1, flag: true, city: 'Oslo' };
    await expect(url, json({ rows: [ok, { num: 1, flag: true }] }), 400, 'E_DATA', { row: 2, column: 'city' });
    await expect(url, json({ rows: [ok, ok, { ...ok, num: 'many' }] }), 400, 'E_DATA', { row: 3, column: 'num' });
    await expect(url, json({ rows: [{ ...ok, flag: 'perhaps' }] }), 400, 'E_DATA', { row: 1, column: 'flag' });
    await expect(url, json({ rows: [{ ...ok, city: { name: 'Oslo' } }] }), 400, 'E_DATA', { row: 1, column: 'city' });
    await expect(url, json({ rows: Array(101).fill(ok) }), 400, 'E_INVALID_PARAM');
    await expect(url, json({ rows: [] }), 400, 'E_INVALID_PARAM');
    await expect(url, json({ rows: [ok], extra: 1 }), 400, 'E_INVALID_PARAM');
    await expect(url, json({ rows: [1, 2] }), 400, 'E_INVALID_PARAM');
    await expect(url, json({ rows: Array(100).fill({ ...ok, city: 'x'.repeat(1000) }) }), 413, 'E_PAYLOAD_TOO_LARGE');
    await expect(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rows": [', as: 'predict' }, 400, 'E_INVALID_PARAM');
    await expect(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rows": [{"__proto__": {"x": 1}}]}', as: 'predict' }, 400, 'E_INVALID_PARAM');
    await expect(url, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'num,flag,city\n1,true\n', as: 'predict' }, 400, 'E_DATA', { line: 2 });
    await expect(url, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'num,flag\n1,true\n', as: 'predict' }, 400, 'E_DATA', { column: 'city' });
    await expect(url, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'num,flag,city\n1,"true,Oslo\n', as: 'predict' }, 400, 'E_DATA');
    await expect(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello', as: 'predict' }, 415, 'E_UNSUPPORTED_MEDIA_TYPE');
    // Traversal and odd references: refused before any lookup.
    for (const bad of ['..%2F..%2Fetc@x', 'shop@..%2Fx', 'shop', 'shop@', '@champion', 'shop@champion@x', 'shop@1bad', '%00@x', 'shop%40champion%2F..']) {
      await expect(`/api/v1/models/${bad}/predict`, json({ rows: [ok] }), 400, 'E_INVALID_PARAM');
    }
    for (const n of ['0', '-1', 'abc', '1.5', '99999999999']) await expect(`/api/v1/models/shop/versions/${n}/predict`, json({ rows: [ok] }), 400, 'E_INVALID_PARAM');
    await expect('/api/v1/models/..%2Fshop/versions/1/predict', json({ rows: [ok] }), 400, 'E_INVALID_PARAM');
    await expect('/api/v1/models/shop/versions/7/predict', json({ rows: [ok] }), 404, 'E_NOT_FOUND');
    await expect('/api/v1/models/nope@champion/predict', json({ rows: [ok] }), 404, 'E_NOT_FOUND');
    await expect('/api/v1/models/shop@staging/predict', json({ rows: [ok] }), 404, 'E_NOT_FOUND');
    await expect('/api/v1/models/shop@champion/recommend?user=1', { as: 'predict' }, 400, 'E_INVALID_PARAM');
    // Still serving after all that.
    assert.equal((await ts.req(url, json({ rows: [ok] }))).status, 200);
  });
});

test('scopes: predict and admin tokens may predict; read and run tokens get 403, no token 401', async (t) => {
  await withServer(t, 'sqlite', async (ts) => {
    await register(ts.storeLocation, 'shop', 'logistic_regression');
    await setAlias(ts, 'shop', 'champion', 1);
    const body = JSON.stringify({ rows: [{ num: 1, flag: true, city: 'Oslo' }] });
    const call = (as: any) => ts.req('/api/v1/models/shop@champion/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body, as });
    assert.equal((await call('predict')).status, 200);
    assert.equal((await call('admin')).status, 200);
    const read = await call('read');
    assert.equal(read.status, 403);
    assert.equal(((await read.json()) as any).error.code, 'E_FORBIDDEN');
    assert.equal((await call('run')).status, 403);
    assert.equal((await call(null)).status, 401);
    assert.equal((await ts.req('/api/v1/models/shop@champion/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body, token: 'ty_' + 'x'.repeat(43) })).status, 401);
    // The predict scope reads the registry but cannot move aliases.
    assert.equal((await ts.req('/api/v1/models/shop', { as: 'predict' })).status, 200);
    assert.equal((await ts.req('/api/v1/models/shop/aliases/champion', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"version":1}', as: 'predict' })).status, 403);
  });
});

test('moving an alias under load: no failed request, every answer wholly from the old or the new version', async (t) => {
  await withServer(t, 'sqlite', async (ts) => {
    const v1 = await register(ts.storeLocation, 'swap', 'logistic_regression', { C: 0.01 });
    const v2 = await register(ts.storeLocation, 'swap', 'gradient_boosting', { maxIter: 10 });
    const want = { 1: await cliAnswer(v1), 2: await cliAnswer(v2) };
    assert.notDeepEqual(want[1].probabilities, want[2].probabilities);
    await setAlias(ts, 'swap', 'live', 1);
    const seen = { 1: 0, 2: 0 };
    let failed = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const res = await ts.req('/api/v1/models/swap@live/predict', json({ rows: ROWS }));
        const body: any = await res.json();
        if (res.status !== 200) {
          failed++;
          continue;
        }
        const v = body.model.version as 1 | 2;
        assert.deepEqual(body.predictions, want[v].predictions, `answer of version ${v}`);
        assert.deepEqual(body.probabilities, want[v].probabilities, `answer of version ${v}`);
        seen[v]++;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 300));
    await setAlias(ts, 'swap', 'live', 2);
    // Another process moving it (straight in the store) is seen within the TTL.
    await new Promise((r) => setTimeout(r, 300));
    const other = await openStore(ts.storeLocation);
    await other.setModelAlias('swap', 'live', 1);
    await other.close();
    await new Promise((r) => setTimeout(r, 400));
    stop = true;
    await Promise.all(clients);
    assert.equal(failed, 0);
    assert.ok(seen[1] > 0 && seen[2] > 0, JSON.stringify(seen));
    const last: any = await (await ts.req('/api/v1/models/swap@live/predict', json({ rows: ROWS }))).json();
    assert.equal(last.model.version, 1);
  });
});

test('recommend: GET and batch POST give the lists of trainyard recommend, popularity fallback stated', async (t) => {
  await withServer(t, 'sqlite', async (ts) => {
    const csv = writeSyntheticInteractions(dir);
    const spec = validateRecommendSpec(
      { name: 'recs', task: 'recommend', data: { source: csv }, split: { method: 'per_user', test: 0.25, seed: 3 }, select: { metric: 'ndcg@5', candidates: [{ model: 'item_knn' }] } },
      'rec.yaml',
    );
    const r = await runExperiment({ spec, baseDir: dir, file: 'rec.yaml' }, { store: ts.storeLocation, outDir: join(dir, 'runs'), executor: new InlineExecutor() });
    await setAlias(ts, 'recs', 'prod', 1);
    const rec = loadRecommender(r.modelPath);
    const one = await (await ts.req('/api/v1/models/recs@prod/recommend?user=u3&k=5', { as: 'predict' })).json();
    assert.deepEqual(one, { model: { name: 'recs', version: 1 }, ...rec.recommend('u3', { k: 5 }) });
    const keep: any = await (await ts.req('/api/v1/models/recs/versions/1/recommend?user=u3&k=7&excludeSeen=false', { as: 'predict' })).json();
    assert.deepEqual(keep.items, rec.recommend('u3', { k: 7, excludeSeen: false }).items);
    const res = await ts.req('/api/v1/models/recs@prod/recommend', json({ users: ['u1', 'u2', 'stranger', 7], k: 3 }));
    const many: any = await res.json();
    assert.equal(res.status, 200, JSON.stringify(many));
    assert.equal(many.k, 3);
    assert.deepEqual(many.recommendations, ['u1', 'u2', 'stranger', 7].map((u) => rec.recommend(u, { k: 3 })));
    assert.equal(many.recommendations[2].fallback, 'popularity');
    assert.equal(many.recommendations[0].fallback, null);
    for (const [path, init] of [
      ['/api/v1/models/recs@prod/recommend?k=5', { as: 'predict' as const }],
      ['/api/v1/models/recs@prod/recommend?user=u1&k=0', { as: 'predict' as const }],
      ['/api/v1/models/recs@prod/recommend?user=u1&k=abc', { as: 'predict' as const }],
      ['/api/v1/models/recs@prod/recommend?user=u1&k=5000', { as: 'predict' as const }],
      ['/api/v1/models/recs@prod/recommend', json({ users: [] })],
      ['/api/v1/models/recs@prod/recommend', json({ users: [{}] })],
      ['/api/v1/models/recs@prod/recommend', json({ users: Array(1001).fill('u1') })],
      ['/api/v1/models/recs@prod/predict', json({ rows: [{ a: 1 }] })],
    ] as const) {
      const bad = await ts.req(path, init);
      assert.equal(bad.status, 400, `${path}: ${await bad.text()}`);
    }
    const metrics = await (await ts.req('/api/v1/metrics', { as: 'read' })).text();
    // Per model: the requests that reached a resolved model (the schema's refusals are in http_requests_total).
    assert.match(metrics, /trainyard_serving_requests_total\{model="recs",version="1",endpoint="recommend"\} 3/);
    assert.match(metrics, /trainyard_serving_rows_total\{model="recs",version="1",endpoint="recommend"\} 6/);
    assert.match(metrics, /trainyard_serving_errors_total\{model="recs",version="1",endpoint="predict",code="E_INVALID_PARAM"\} 1/);
    assert.match(metrics, /trainyard_serving_request_duration_seconds_count\{model="recs",version="1",endpoint="recommend"\} \d+/);
    assert.match(metrics, /trainyard_serving_models_loaded 1/);
  });
});

test('PostgreSQL store: predict by alias', async (t) => {
  await withServer(t, 'postgres', async (ts) => {
    const path = await register(ts.storeLocation, 'pgshop', 'logistic_regression');
    await setAlias(ts, 'pgshop', 'champion', 1);
    const res = await ts.req('/api/v1/models/pgshop@champion/predict', json({ rows: ROWS }));
    const body: any = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.predictions, (await cliAnswer(path)).predictions);
  });
});

test('--log-predictions: a sample of served requests is kept with its answer, readable per model; 0 keeps none', async (t) => {
  await withServer(
    t,
    'sqlite',
    async (ts) => {
      await register(ts.storeLocation, 'logged', 'logistic_regression');
      const answers: unknown[] = [];
      for (const rows of [ROWS.slice(0, 2), ROWS.slice(2, 5), ROWS.slice(5, 6)]) {
        const res = await ts.req('/api/v1/models/logged/versions/1/predict', json({ rows }));
        assert.equal(res.status, 200);
        answers.push(await res.json());
      }
      assert.equal((await ts.req('/api/v1/models/logged/versions/1/predict', json({ rows: [{ num: 'x' }] }))).status, 400, 'a refused request is not logged');
      await ts.app.serving.flushPredictionLog();
      const res = await ts.req('/api/v1/models/logged/predictions', { as: 'read' });
      const { logs } = (await res.json()) as { logs: { id: number; version: number; kind: string; request: { rows: unknown[] }; response: unknown }[] };
      assert.equal(res.status, 200);
      assert.deepEqual(logs.map((l) => [l.version, l.kind, l.request.rows.length]), [[1, 'predict', 1], [1, 'predict', 3], [1, 'predict', 2]], 'newest first');
      assert.deepEqual(logs.map((l) => l.response).reverse(), answers);
      const older = (await (await ts.req(`/api/v1/models/logged/predictions?before=${logs[0].id}&limit=1`, { as: 'read' })).json()) as { logs: { id: number }[] };
      assert.deepEqual(older.logs.map((l) => l.id), [logs[1].id]);
      assert.equal((await ts.req('/api/v1/models/logged/predictions', { as: 'predict' })).status, 403, 'reading logs needs scope read');
      assert.match(await (await ts.req('/api/v1/metrics', { as: 'read' })).text(), /^trainyard_prediction_logs_written 3$/m);
    },
    { serving: { logPredictions: 1 } },
  );
  await withServer(t, 'sqlite', async (ts) => {
    await register(ts.storeLocation, 'unlogged', 'logistic_regression');
    assert.equal((await ts.req('/api/v1/models/unlogged/versions/1/predict', json({ rows: ROWS.slice(0, 2) }))).status, 200);
    await ts.app.serving.flushPredictionLog();
    assert.deepEqual(await (await ts.req('/api/v1/models/unlogged/predictions', { as: 'read' })).json(), { logs: [] });
  });
});
