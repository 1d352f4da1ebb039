/**
 * The security cases of issue 15, against a real server: credentials and scopes, path traversal in
 * every id position, data confinement of submitted specs, body limits and malformed bodies, CSRF,
 * the login rate limit and `--insecure-no-auth`. Every case must be refused; the count is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleRun } from '../testing/store-suite.js';
import { artifactId } from './run-views.js';
import { buildServer } from './server.js';
import { PG_URL, startTestServer, storeAvailable, tinyCsv, tinySpec, type StoreKind, type TestServer } from './server.test-helpers.js';

/** A request whose path goes out byte for byte (fetch would normalise `..` and `%2e%2e`). */
function raw(s: TestServer, method: string, path: string, token: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const TRAVERSALS = ['..%2f..%2f..%2fetc%2fpasswd', '%2e%2e', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..', '..%5c..%5cwindows', 'x%00y', '%00', '%2fetc%2fpasswd', '%252e%252e%252fetc'];

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  test(`security cases are refused (${kind} store)`, async (t) => {
    if (!(await storeAvailable(t, kind))) return;
    const s = await startTestServer(kind, { allowDb: [PG_URL.replace(/^postgres:\/\/[^@]*@/, 'postgres://')], loginRateLimit: { max: 5, timeWindow: 60_000 } });
    let refused = 0;
    const cases: string[] = [];
    const expect = async (label: string, res: Response | { status: number; body: string }, statuses: number[], code?: string): Promise<void> => {
      const body = res instanceof Response ? await res.text() : res.body;
      assert.ok(statuses.includes(res.status), `${label}: expected ${statuses.join('/')}, got ${res.status} ${body.slice(0, 300)}`);
      assert.doesNotMatch(body, /root:x?:0:0/, `${label}: leaked /etc/passwd`);
      if (code) assert.equal(JSON.parse(body).error.code, code, label);
      refused++;
      cases.push(label);
    };
    try {
      const store = s.app.trainyardStore;
      await store.beginRun({ id: 'r1', name: 'churn', startedAt: '2026-11-27T03:15:00.000Z', spec: {}, specHash: 'abc123' });
      await store.completeRun(sampleRun('r1', { model: { name: 'churn', artifact: 'model.tym', metrics: {} } }));
      const json = { 'content-type': 'application/json' };
      const yaml = { 'content-type': 'application/yaml' };

      // Credentials and scopes.
      await expect('no token', await s.req('/api/v1/runs', { as: null }), [401], 'E_AUTH');
      await expect('malformed Authorization', await s.req('/api/v1/runs', { as: null, headers: { authorization: 'Basic abc' } }), [401], 'E_AUTH');
      await expect('unknown token', await s.req('/api/v1/runs', { token: `ty_${'A'.repeat(43)}` }), [401], 'E_AUTH');
      await expect('garbage token', await s.req('/api/v1/runs', { token: '../../etc/passwd' }), [401], 'E_AUTH');
      await expect('read token submits a run', await s.req('/api/v1/runs', { as: 'read', method: 'POST', headers: yaml, body: tinySpec() }), [403], 'E_FORBIDDEN');
      await expect('read token patches a run', await s.req('/api/v1/runs/r1', { as: 'read', method: 'PATCH', headers: json, body: '{"note":"x"}' }), [403], 'E_FORBIDDEN');
      await expect('read token cancels a run', await s.req('/api/v1/runs/r1/cancel', { as: 'read', method: 'POST' }), [403], 'E_FORBIDDEN');
      await expect('run token deletes a run', await s.req('/api/v1/runs/r1', { as: 'run', method: 'DELETE' }), [403], 'E_FORBIDDEN');
      await expect('run token moves an alias', await s.req('/api/v1/models/churn/aliases/champion', { as: 'run', method: 'PUT', headers: json, body: '{"version":1}' }), [403], 'E_FORBIDDEN');
      await expect('run token edits a version', await s.req('/api/v1/models/churn/versions/1', { as: 'run', method: 'PATCH', headers: json, body: '{"description":"x"}' }), [403], 'E_FORBIDDEN');
      await expect('predict token lists runs', await s.req('/api/v1/runs', { as: 'predict' }), [403], 'E_FORBIDDEN');
      await expect('predict token reads metrics', await s.req('/api/v1/metrics', { as: 'predict' }), [403], 'E_FORBIDDEN');
      await expect('predict token reads an artifact', await s.req(`/api/v1/runs/r1/artifacts/${artifactId('model.tym')}`, { as: 'predict' }), [403], 'E_FORBIDDEN');
      const login = await s.req('/api/v1/session', { as: null, method: 'POST', headers: json, body: JSON.stringify({ token: s.tokens.read }) });
      const readCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      await store.revokeToken('t-read');
      await expect('revoked token', await s.req('/api/v1/runs', { as: 'read' }), [401], 'E_AUTH');
      await expect("revoked token's session", await s.req('/api/v1/runs', { as: null, headers: { cookie: readCookie } }), [401], 'E_AUTH');
      await expect('forged session cookie', await s.req('/api/v1/runs', { as: null, headers: { cookie: 'trainyard_session=forged' } }), [401], 'E_AUTH');

      // Path traversal in every id position: refused by the parameter patterns (400) or not found (404).
      const art = artifactId('model.tym');
      const positions: [string, (x: string) => string][] = [
        ['run id', (x) => `/api/v1/runs/${x}`],
        ['run id (artifacts)', (x) => `/api/v1/runs/${x}/artifacts`],
        ['run id (events)', (x) => `/api/v1/runs/${x}/events`],
        ['artifact id', (x) => `/api/v1/runs/r1/artifacts/${x}`],
        ['metric key', (x) => `/api/v1/runs/r1/metrics/${x}`],
        ['model name', (x) => `/api/v1/models/${x}`],
        ['alias', (x) => `/api/v1/models/churn/aliases/${x}`],
        ['version', (x) => `/api/v1/models/churn/versions/${x}`],
        ['dashboard asset', (x) => `/assets/${x}`],
      ];
      for (const [where, path] of positions) {
        for (const x of TRAVERSALS) {
          const method = where === 'alias' ? 'DELETE' : where === 'version' ? 'PATCH' : 'GET';
          await expect(`traversal in ${where}: ${x}`, await raw(s, method, path(x), s.tokens.admin), [400, 404]);
        }
      }
      await expect('absolute path as artifact id', await raw(s, 'GET', `/api/v1/runs/r1/artifacts//etc/passwd`, s.tokens.admin), [400, 404]);
      assert.equal((await s.req(`/api/v1/runs/r1/artifacts/${art}`, { as: 'admin' })).status, 200, 'the real artifact is served');

      // Data confinement of submitted specs.
      const parent = dirname(s.dataRoot);
      symlinkSync(join(parent, 'outside.csv'), join(s.dataRoot, 'link.csv'));
      symlinkSync(parent, join(s.dataRoot, 'linkdir'));
      writeFileSync(join(s.dataRoot, 'ok.csv'), tinyCsv());
      const pgAllowed = PG_URL.replace(/\?.*$/, '');
      const submit = (source: string) => s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: tinySpec(source) });
      const forbidden: [string, string][] = [
        ['/etc/passwd', '/etc/passwd (absolute, outside)'],
        ['../outside.csv', 'relative ../ escape'],
        [join(parent, 'outside.csv'), 'absolute path outside the root'],
        ['link.csv', 'symlink leaving the root'],
        ['linkdir/outside.csv', 'symlinked folder leaving the root'],
        [`${s.dataRoot}/../outside.csv`, 'absolute path with .. inside'],
        ['tiny.csv\u0000.txt', 'NUL byte'],
        ['*.csv', 'glob'],
        ['sqlite:/etc/passwd', 'sqlite: outside the root'],
        ['sqlite:../store.db', 'sqlite: relative escape'],
        ['postgres://evil.example.com:5432/test', 'postgres host not allowed'],
        [pgAllowed.replace(':5432/', ':5433/'), 'postgres port not allowed'],
        [pgAllowed.replace(/\/[^/]*$/, '/postgres'), 'postgres database not allowed'],
        [`${pgAllowed}?host=evil.example.com`, 'postgres host override in the query string'],
        [`${pgAllowed}?sslrootcert=/etc/passwd`, 'postgres file parameter'],
        ['mysql://127.0.0.1:3306/test', 'mysql not allowed'],
        ['http://169.254.169.254/latest/meta-data', 'http URL'],
        ['file:///etc/passwd', 'file URL'],
      ];
      for (const [source, label] of forbidden) {
        const res = await submit(source);
        const body = (await res.clone().json()) as { error: { details: { rule?: string } } };
        await expect(`spec source: ${label}`, res, [403], 'E_FORBIDDEN');
        assert.ok(body.error.details.rule, `${label}: the rule is named`);
      }
      const joinSpec = `${tinySpec()}`.replace('target: y }', "target: y, join: [{ source: '../outside.csv', on: x1 }] }");
      await expect('spec join source outside', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: joinSpec }), [403], 'E_FORBIDDEN');
      mkdirSync(join(s.dataRoot, 'ml'));
      writeFileSync(join(s.dataRoot, 'ml', 'u.data'), '1\t1\t5\t881250949\n');
      symlinkSync('/etc/passwd', join(s.dataRoot, 'ml', 'u1.test'));
      const rec = 'name: rec\ntask: recommend\ndata: { source: ml/u.data, columns: [user, item, rating, timestamp] }\nsplit: { method: movielens_folds, folds: 2 }\nselect: { candidates: [{ model: popularity }] }\n';
      await expect('movielens fold file symlinked out', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: rec }), [403], 'E_FORBIDDEN');
      await expect('validate names the forbidden source too', { status: (await s.req('/api/v1/specs/validate', { as: 'run', method: 'POST', headers: yaml, body: tinySpec('/etc/passwd') }).then((r) => r.json() as Promise<{ valid: boolean }>)).valid === false ? 403 : 200, body: '{}' }, [403]);

      // Bodies.
      await expect('oversize body', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: `# ${'x'.repeat(2 * 1024 * 1024)}\n${tinySpec()}` }), [413], 'E_PAYLOAD_TOO_LARGE');
      await expect('oversize JSON body', await s.req('/api/v1/runs/r1', { as: 'run', method: 'PATCH', headers: json, body: JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) }) }), [413], 'E_PAYLOAD_TOO_LARGE');
      await expect('malformed JSON spec', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: json, body: '{"name": "x",' }), [400], 'E_SPEC');
      await expect('malformed YAML spec', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: 'name: [x\ndata: {' }), [400], 'E_SPEC');
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
      await expect('YAML alias bomb', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: yaml, body: bomb }), [400], 'E_SPEC');
      await expect('__proto__ key in a JSON spec', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: json, body: '{"__proto__": {"x": 1}, "name": "a"}' }), [400], 'E_SPEC');
      await expect('malformed JSON body (PATCH)', await s.req('/api/v1/runs/r1', { as: 'run', method: 'PATCH', headers: json, body: '{"note":' }), [400]);
      await expect('unknown field (PATCH)', await s.req('/api/v1/runs/r1', { as: 'run', method: 'PATCH', headers: json, body: '{"status":"finished"}' }), [400], 'E_INVALID_PARAM');
      await expect('wrong content type for a spec', await s.req('/api/v1/runs', { as: 'run', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' }), [415], 'E_UNSUPPORTED_MEDIA_TYPE');

      // CSRF: cookie requests that change state must come from the server's own origin.
      const runLogin = await s.req('/api/v1/session', { as: null, method: 'POST', headers: json, body: JSON.stringify({ token: s.tokens.admin }) });
      const cookie = (runLogin.headers.get('set-cookie') ?? '').split(';')[0];
      await expect('CSRF: cross-origin POST with the cookie', await s.req('/api/v1/runs', { as: null, method: 'POST', headers: { ...yaml, cookie, origin: 'https://evil.example' }, body: tinySpec() }), [403], 'E_FORBIDDEN');
      await expect('CSRF: POST with the cookie and no Origin', await s.req('/api/v1/runs', { as: null, method: 'POST', headers: { ...yaml, cookie }, body: tinySpec() }), [403], 'E_FORBIDDEN');
      await expect('CSRF: cross-site Referer on DELETE', await s.req('/api/v1/runs/r1', { as: null, method: 'DELETE', headers: { cookie, referer: 'https://evil.example/page' } }), [403], 'E_FORBIDDEN');
      await expect('CSRF: Origin null', await s.req('/api/v1/models/churn/aliases/x', { as: null, method: 'PUT', headers: { ...json, cookie, origin: 'null' }, body: '{"version":1}' }), [403], 'E_FORBIDDEN');
      await expect('login CSRF: cross-origin login', await s.req('/api/v1/session', { as: null, method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body: JSON.stringify({ token: s.tokens.run }) }), [403], 'E_FORBIDDEN');
      const same = await s.req('/api/v1/models/churn/aliases/champion', { as: null, method: 'PUT', headers: { ...json, cookie, origin: s.origin }, body: '{"version":1}' });
      assert.equal(same.status, 200, 'a same-origin request with the cookie works');

      // Login rate limit (5 per window in this test; the first two logins above count).
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await s.req('/api/v1/session', { as: null, method: 'POST', headers: json, body: JSON.stringify({ token: `ty_${'B'.repeat(43)}` }) })).status);
      assert.ok(statuses.includes(401), `some attempts were answered: ${statuses.join(',')}`);
      await expect('login rate limit', await s.req('/api/v1/session', { as: null, method: 'POST', headers: json, body: JSON.stringify({ token: s.tokens.admin }) }), [429], 'E_RATE_LIMITED');

      // Security headers on an error response too.
      const notFound = await s.req('/api/v1/nope', { as: null });
      assert.equal(notFound.headers.get('x-frame-options'), 'DENY');
      assert.equal(notFound.headers.get('x-content-type-options'), 'nosniff');
      assert.match(notFound.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(notFound.headers.get('access-control-allow-origin'), null, 'no CORS by default');
      const artifact = await s.req(`/api/v1/runs/r1/artifacts/${art}`, { as: 'admin' });
      assert.match(artifact.headers.get('content-security-policy') ?? '', /^sandbox/);
    } finally {
      await s.close();
    }
    if (kind === 'sqlite') {
      for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
        await assert.rejects(buildServer({ store: ':memory:', host, insecureNoAuth: true, logger: false }), (e: Error & { code?: string }) => e.code === 'E_INVALID_PARAM' && /loopback/.test(e.message));
        refused++;
        cases.push(`--insecure-no-auth with --host ${host}`);
      }
    }
    t.diagnostic(`${kind}: ${refused} security cases, all refused`);
  });
}
