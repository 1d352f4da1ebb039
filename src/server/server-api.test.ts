/**
 * The API's happy paths against a real server on a random port, over the SQLite store and a fresh
 * PostgreSQL schema: every route answers with api.md's shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildServer } from './server.js';
import { sampleRun } from '../testing/store-suite.js';
import { artifactId } from './run-views.js';
import { startTestServer, storeAvailable, type StoreKind } from './server.test-helpers.js';

async function seed(store: import('../tracking/store.js').Store): Promise<void> {
  const base = { artifact: 'model.tym', metrics: { rocAucScore: 0.8 }, dataSha256: 'd'.repeat(64) };
  await store.beginRun({ id: 'r1', name: 'churn', startedAt: '2026-11-27T03:15:00.000Z', spec: { name: 'churn' }, specHash: 'abc123' });
  await store.completeRun(sampleRun('r1', { model: { name: 'churn', ...base } }));
  await store.beginRun({ id: 'r2', name: 'churn', startedAt: '2026-11-28T03:15:00.000Z', spec: { name: 'churn' }, specHash: 'abc123' });
  await store.completeRun(sampleRun('r2', { startedAt: '2026-11-28T03:15:00.000Z', finishedAt: '2026-11-28T03:15:10.000Z', metrics: [{ key: 'rocAucScore', value: 0.9 }], model: { name: 'churn', ...base } }));
  await store.beginRun({ id: 'r3', name: 'other', startedAt: '2026-11-29T03:15:00.000Z', spec: { name: 'other' }, specHash: 'def' });
}

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  test(`API happy paths (${kind} store)`, async (t) => {
    if (!(await storeAvailable(t, kind))) return;
    const dash = mkdtempSync(join(tmpdir(), 'ty-dash-'));
    mkdirSync(join(dash, 'assets'));
    writeFileSync(join(dash, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
    writeFileSync(join(dash, 'assets', 'app.js'), 'console.log(1)');
    const s = await startTestServer(kind, { dashboardDir: dash });
    try {
      await seed(s.app.trainyardStore);
      // Response bodies are checked field by field: `any` keeps the assertions readable.
      const json = async (path: string, init?: Parameters<typeof s.req>[1], status = 200): Promise<any> => {
        const res = await s.req(path, init);
        const body: unknown = res.status === 204 ? null : await res.json();
        assert.equal(res.status, status, `${init?.method ?? 'GET'} ${path}: ${JSON.stringify(body)}`);
        return body;
      };

      await t.test('health needs no token', async () => {
        const body = await json('/api/v1/health', { as: null });
        assert.equal(body.status, 'ok');
      });

      await t.test('runs: list, filter, sort, page', async () => {
        const all = await json('/api/v1/runs', { as: 'read' });
        assert.equal(all.total, 3);
        assert.deepEqual(all.runs.map((r: { id: string }) => r.id), ['r3', 'r2', 'r1']);
        assert.equal(all.runs[1].durationSeconds, 10);
        assert.equal(all.runs[1].model, 'logreg');
        const byName = await json('/api/v1/runs?name=churn&sort=metric:rocAucScore&order=desc&limit=1&offset=0', { as: 'read' });
        assert.equal(byName.total, 2);
        assert.deepEqual(byName.runs.map((r: { id: string }) => r.id), ['r2']);
        const running = await json('/api/v1/runs?status=running', { as: 'read' });
        assert.deepEqual(running.runs.map((r: { id: string }) => r.id), ['r3']);
      });

      await t.test('runs: detail with params, report, artifacts, lineage', async () => {
        const r = await json('/api/v1/runs/r1', { as: 'read' });
        assert.equal(r.params['best.C'], 1);
        assert.deepEqual(r.report, { ok: true });
        assert.deepEqual(r.registered, [{ name: 'churn', version: 1, aliases: [] }]);
        assert.equal(r.artifacts.length, 2);
        assert.match(r.artifacts[0].id, /^[0-9a-f]{32}$/);
      });

      await t.test('runs: metric series and artifacts', async () => {
        const m = await json('/api/v1/runs/r1/metrics/loss', { as: 'read' });
        assert.deepEqual(m.points, [{ step: 0, value: 0.9 }, { step: 1, value: 0.5 }, { step: 2, value: 0.25 }]);
        const list = await json('/api/v1/runs/r1/artifacts', { as: 'read' });
        const model = list.artifacts.find((a: { name: string }) => a.name === 'model.tym');
        assert.equal(model.id, artifactId('model.tym'));
        const res = await s.req(`/api/v1/runs/r1/artifacts/${model.id}`, { as: 'read' });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="model.tym"/);
        assert.equal(Buffer.from(await res.arrayBuffer()).length, 256);
      });

      await t.test('runs: PATCH tags and note, DELETE', async () => {
        const r = await json('/api/v1/runs/r2', { as: 'run', method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tags: { team: 'growth' }, note: 'baseline' }) });
        assert.deepEqual(r.tags, { team: 'growth' });
        assert.equal(r.note, 'baseline');
        const tagged = await json('/api/v1/runs?tag=team:growth', { as: 'read' });
        assert.deepEqual(tagged.runs.map((x: { id: string }) => x.id), ['r2']);
        await json('/api/v1/runs/r2', { as: 'run', method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tags: { team: null }, note: null }) });
        const again = await json('/api/v1/runs/r2', { as: 'read' });
        assert.deepEqual(again.tags, {});
        await s.app.trainyardStore.beginRun({ id: 'gone', name: 'x', startedAt: new Date().toISOString(), spec: {}, specHash: 'h' });
        await s.app.trainyardStore.completeRun(sampleRun('gone', { name: 'x' }));
        await json('/api/v1/runs/gone', { as: 'admin', method: 'DELETE' }, 204);
        await json('/api/v1/runs/gone', { as: 'read' }, 404);
        await json('/api/v1/runs/r1', { as: 'admin', method: 'DELETE' }, 409); // a registered version points at it
      });

      await t.test('models: list, detail, aliases, version metadata', async () => {
        const list = await json('/api/v1/models', { as: 'predict' });
        assert.deepEqual(list.models.map((m: { name: string }) => m.name), ['churn']);
        assert.equal(list.models[0].latestVersion, 2);
        const set = await json('/api/v1/models/churn/aliases/champion', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1 }) });
        assert.deepEqual(set, { name: 'churn', alias: 'champion', version: 1 });
        await json('/api/v1/models/churn/aliases/champion', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 2 }) });
        const detail = await json('/api/v1/models/churn', { as: 'read' });
        assert.deepEqual(detail.aliases, { champion: 2 });
        assert.equal(detail.versions.length, 2);
        assert.equal(detail.versions[1].dataSha256, 'd'.repeat(64));
        assert.equal(detail.versions[1].specHash, 'abc123');
        const v = await json('/api/v1/models/churn/versions/2', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'best so far', tags: { stage: 'prod' } }) });
        assert.equal(v.description, 'best so far');
        assert.deepEqual(v.tags, { stage: 'prod' });
        await json('/api/v1/models/churn/aliases/champion', { method: 'DELETE' }, 204);
        await json('/api/v1/models/churn/aliases/champion', { method: 'DELETE' }, 404);
        await json('/api/v1/models/nope', { as: 'read' }, 404);
        await json('/api/v1/models/churn/aliases/x', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 9 }) }, 404);
      });

      await t.test('session: log in, who am I, log out', async () => {
        const res = await s.req('/api/v1/session', { as: null, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: s.tokens.read }) });
        assert.equal(res.status, 200);
        const cookie = res.headers.get('set-cookie') ?? '';
        assert.match(cookie, /^trainyard_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
        const sid = cookie.split(';')[0];
        const who = await json('/api/v1/session', { as: null, headers: { cookie: sid } });
        assert.deepEqual(who, { name: 't-read', scope: 'read' });
        await json('/api/v1/runs', { as: null, headers: { cookie: sid } });
        await json('/api/v1/session', { as: null, method: 'DELETE', headers: { cookie: sid, origin: s.origin } }, 204);
        await json('/api/v1/session', { as: null, headers: { cookie: sid } }, 401);
      });

      await t.test('cluster, metrics, openapi, validate', async () => {
        const c = await json('/api/v1/cluster', { as: 'read' });
        assert.equal(c.mode, 'local');
        assert.equal(c.localWorkers, 1);
        const m = await s.req('/api/v1/metrics', { as: 'read' });
        const text = await m.text();
        assert.match(m.headers.get('content-type') ?? '', /^text\/plain; version=0.0.4/);
        assert.match(text, /^http_requests_total\{method="GET",route="\/api\/v1\/runs",status="200"\} \d+$/m);
        assert.match(text, /^http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/runs",le="\+Inf"\} \d+$/m);
        assert.match(text, /^trainyard_runs\{status="finished"\} 2$/m);
        assert.match(text, /^trainyard_runs\{status="running"\} 1$/m);
        assert.match(text, /^trainyard_queue_depth 0$/m);
        assert.match(text, /^trainyard_workers_seen 1$/m);
        const doc = await json('/api/v1/openapi.json', { as: 'predict' });
        assert.equal(doc.openapi, '3.1.0');
        assert.ok(doc.paths['/api/v1/runs/{id}'].get);
        assert.ok(doc.paths['/api/v1/models/{name}/aliases/{alias}'].put.requestBody);
        const ok = await json('/api/v1/specs/validate', { as: 'run', method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'name: a\ntask: classification\ndata: { source: tiny.csv, target: y }\nselect: { candidates: [{ model: logistic_regression }] }\n' });
        assert.deepEqual(ok, { valid: true, task: 'classification' });
        const bad = await json('/api/v1/specs/validate', { as: 'run', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a', data: { source: 'tiny.csv', target: 'y' }, split: { test: 2 }, select: { candidates: [{ model: 'logistic_regression' }] } }) });
        assert.equal(bad.valid, false);
        assert.equal(bad.errors[0].path, 'split.test');
      });

      await t.test('dashboard: index and assets from the folder read at start', async () => {
        const index = await s.req('/', { as: null });
        assert.equal(index.status, 200);
        assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
        const js = await s.req('/assets/app.js', { as: null });
        assert.equal(await js.text(), 'console.log(1)');
        assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
        assert.equal((await s.req('/assets/nope.js', { as: null })).status, 404);
      });
    } finally {
      await s.close();
      rmSync(dash, { recursive: true, force: true });
    }
  });
}

test('without a built dashboard, / answers 503 saying so', async () => {
  const s = await startTestServer('sqlite', { dashboardDir: join(tmpdir(), 'ty-no-such-dashboard') });
  try {
    const res = await s.req('/', { as: null });
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /dashboard is not built/);
  } finally {
    await s.close();
  }
});

test('--cors-origin: that origin gets CORS headers and a preflight answer, others none', async () => {
  const s = await startTestServer('sqlite', { corsOrigin: 'https://dash.example.com' });
  try {
    const pre = await s.req('/api/v1/runs', { as: null, method: 'OPTIONS', headers: { origin: 'https://dash.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://dash.example.com');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const ok = await s.req('/api/v1/runs', { as: 'read', headers: { origin: 'https://dash.example.com' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://dash.example.com');
    const other = await s.req('/api/v1/runs', { as: 'read', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  } finally {
    await s.close();
  }
});

test('--insecure-no-auth on a loopback host: no token needed, and the log says so', async () => {
  const lines: string[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) });
  const dir = mkdtempSync(join(tmpdir(), 'ty-noauth-'));
  const app = await buildServer({ store: join(dir, 's.db'), host: '127.0.0.1', insecureNoAuth: true, logger: { level: 'warn', stream } });
  try {
    const res = await app.inject({ url: '/api/v1/runs' });
    assert.equal(res.statusCode, 200);
    assert.ok(lines.some((l) => /authentication is OFF \(--insecure-no-auth\)/.test(l)), lines.join(''));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
