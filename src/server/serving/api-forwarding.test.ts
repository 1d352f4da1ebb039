/**
 * The forwarding of `serve --processes`: a serving process streams non-serving requests to the API
 * process's Unix socket; the API process trusts X-Forwarded-For only from that socket, so a TCP client
 * cannot pick its own rate-limit bucket (or address) by sending the header.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../server.js';
import { createApiToken } from '../api-tokens.js';

function viaSocket(socketPath: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request({ socketPath, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end();
  });
}

test('X-Forwarded-For counts from the Unix socket only; a serving process forwards the API and answers 503 while the API process is away', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ty-forward-'));
  const socket = join(dir, 'api.sock');
  const store = join(dir, 'store.db');
  const api = await buildServer({ store, logger: false, trustUnixSocketPeers: true, rateLimit: { max: 3, timeWindow: 60_000 } });
  const token = await createApiToken(api.trainyardStore, 'r', 'read');
  await api.listen({ host: '127.0.0.1', port: 0 });
  const apiUrl = `http://127.0.0.1:${(api.server.address() as { port: number }).port}`;
  const priv = createServer((req, res) => api.routing(req, res));
  await new Promise<void>((r) => priv.listen(socket, r));
  const serving = await buildServer({ store, logger: false, forwardApi: socket });
  await serving.listen({ host: '127.0.0.1', port: 0 });
  const servingUrl = `http://127.0.0.1:${(serving.server.address() as { port: number }).port}`;
  const auth = { authorization: `Bearer ${token}` };
  try {
    // Through a serving process: forwarded with the client's address (127.0.0.1), the answer streamed back.
    const fwd = await fetch(`${servingUrl}/api/v1/runs`, { headers: auth });
    assert.equal(fwd.status, 200);
    assert.deepEqual(await fwd.json(), { runs: [], total: 0, limit: 50, offset: 0 });
    // TCP: the header is ignored, every request is client 127.0.0.1 (the forwarded one above too): the fourth is limited.
    const tcp = [];
    for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) tcp.push((await fetch(`${apiUrl}/api/v1/runs`, { headers: { ...auth, 'x-forwarded-for': ip } })).status);
    assert.deepEqual(tcp, [200, 200, 429]);
    // The socket: each forwarded client has its own bucket.
    const sock = [];
    for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) sock.push(await viaSocket(socket, '/api/v1/runs', { ...auth, 'x-forwarded-for': ip }));
    assert.deepEqual(sock, [200, 200, 200]);
    assert.equal((await fetch(`${servingUrl}/api/v1/health`)).status, 200);
    // The API process gone: forwarded requests are 503 E_UNAVAILABLE, serving routes still answer locally.
    priv.close();
    priv.closeAllConnections();
    await new Promise((r) => setTimeout(r, 50));
    const down = await fetch(`${servingUrl}/api/v1/runs`, { headers: auth });
    assert.equal(down.status, 503);
    assert.equal(((await down.json()) as { error: { code: string } }).error.code, 'E_UNAVAILABLE');
    assert.equal((await fetch(`${servingUrl}/api/v1/models/m@a/predict`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"rows":[{}]}' })).status, 403, 'answered here: a read token may not predict');
  } finally {
    await serving.close();
    await api.close();
    priv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
