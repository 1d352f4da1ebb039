/** `trainyard token` and `trainyard serve` as a user runs them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, TRAINYARD_BIN } from '../testing/cli.js';
import { openStore } from '../tracking/store.js';
import { tinyCsv, tinySpec } from '../server/server.test-helpers.js';

test('token create --json prints the token once; ls lists it without it; revoke ends it', () => {
  const dir = tempDir();
  try {
    const store = join(dir, 'store.db');
    const created = runCli(['token', 'create', '--name', 'ci', '--scope', 'run', '--store', store, '--json']);
    assert.equal(created.status, 0, created.stderr);
    assert.equal(created.json.name, 'ci');
    assert.equal(created.json.scope, 'run');
    assert.match(created.json.token, /^ty_[A-Za-z0-9_-]{43}$/);
    const ls = runCli(['token', 'ls', '--store', store]);
    assert.match(ls.stdout, /^ci\s+run\s+created /m);
    assert.ok(!ls.stdout.includes(created.json.token), 'ls never shows the token');
    assert.equal(runCli(['token', 'create', '--name', 'ci', '--scope', 'read', '--store', store]).status, 11, 'a name in use is E_CONFLICT');
    assert.equal(runCli(['token', 'create', '--name', 'x', '--scope', 'root', '--store', store]).status, 5, 'an unknown scope is E_INVALID_PARAM');
    assert.equal(runCli(['token', 'revoke', 'ci', '--store', store]).status, 0);
    assert.match(runCli(['token', 'ls', '--store', store]).stdout, /revoked /);
    assert.equal(runCli(['token', 'revoke', 'ci', '--store', store]).status, 10, 'nothing left to revoke is E_NOT_FOUND');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve --insecure-no-auth refuses a non-loopback host', () => {
  const r = runCli(['serve', '--insecure-no-auth', '--host', '0.0.0.0', '--port', '0', '--store', ':memory:']);
  assert.equal(r.status, 5);
  assert.match(r.stderr, /E_INVALID_PARAM: --insecure-no-auth is only allowed with a loopback --host/);
});

test('serve --log-predictions takes a fraction from 0 to 1, nothing else', () => {
  for (const bad of ['2', '-0.1', '5%', '1e-2', 'half', '']) {
    const r = runCli(['serve', '--log-predictions', bad, '--port', '0', '--store', ':memory:']);
    assert.equal(r.status, 5, `${bad}: ${r.stderr}`);
    assert.match(r.stderr, /E_INVALID_PARAM: --log-predictions .*expected a fraction from 0 to 1/);
  }
});

test('serve listens, answers with a token made by `token create`, and exits 0 on SIGTERM, the running run interrupted by SIGTERM', async () => {
  const dir = tempDir();
  const store = join(dir, 'store.db');
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'tiny.csv'), tinyCsv());
  const { token } = runCli(['token', 'create', '--name', 'me', '--scope', 'run', '--store', store, '--json']).json as { token: string };
  const child = spawn(process.execPath, [TRAINYARD_BIN, 'serve', '--store', store, '--port', '0', '--data-root', join(dir, 'data'), '--out', join(dir, 'runs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      setTimeout(() => reject(new Error(`serve did not say where it listens within 20 s: ${err}`)), 20_000).unref();
    });
    assert.equal((await fetch(`${url}/api/v1/health`)).status, 200);
    assert.equal((await fetch(`${url}/api/v1/runs`)).status, 401);
    const runs = await fetch(`${url}/api/v1/runs`, { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(await runs.json(), { runs: [], total: 0, limit: 50, offset: 0 });
    const auth = { authorization: `Bearer ${token}` };
    const cs = Array.from({ length: 400 }, (_, i) => (i + 1) / 100);
    const submitted = await fetch(`${url}/api/v1/runs`, { method: 'POST', headers: { ...auth, 'content-type': 'application/yaml' }, body: tinySpec('tiny.csv', 'slow', cs) });
    const { runId } = (await submitted.json()) as { runId: string };
    const events = await fetch(`${url}/api/v1/runs/${runId}/events`, { headers: auth });
    const reader = events.body!.getReader();
    let seen = '';
    while (!seen.includes('event: tasks')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const s = await openStore(store);
    try {
      const run = await s.getRun(runId);
      assert.equal(run?.status, 'interrupted');
      assert.equal(run?.error?.code, 'SIGTERM');
    } finally {
      await s.close();
    }
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
