/**
 * Support for the server tests: a real server on a random port over a fresh SQLite file or a fresh
 * PostgreSQL schema, a temp data root with a tiny CSV, a token of each scope, and a fetch wrapper.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { TokenScope } from '../tracking/store.js';
import { requireService, tcpProbe } from '../testing/test-services.js';
import { createApiToken } from './api-tokens.js';
import { buildServer, type ServerOptions } from './server.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The local trust-auth PostgreSQL of the test machine (TRAINYARD_TEST_POSTGRES_URL overrides). */
export const PG_URL = process.env.TRAINYARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A running test server. */
export interface TestServer {
  app: FastifyInstance;
  url: string;
  origin: string;
  storeLocation: string;
  dataRoot: string;
  outDir: string;
  tokens: Record<TokenScope, string>;
  /** fetch against the server with `token` (a scope name, a raw token, or null for none). */
  req(path: string, init?: RequestInit & { as?: TokenScope | null; token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Rows of a two-feature binary problem, separable enough for logistic regression. */
export function tinyCsv(rows = 80): string {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < rows; i++) {
    const y = i % 2;
    const x1 = (y ? 1 : -1) + ((i * 37) % 17) / 17 - 0.5;
    const x2 = ((i * 53) % 23) / 23;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A small tabular spec (YAML) on `source`, with `candidates` logistic-regression settings. */
export function tinySpec(source = 'tiny.csv', name = 'tiny', cs: number[] = [1]): string {
  return [
    `name: ${name}`,
    'data: { source: ' + JSON.stringify(source) + ', target: y }',
    'split: { test: 0.25, seed: 0 }',
    'select:',
    '  cv: 2',
    '  candidates:',
    `    - { model: logistic_regression, params: { C: [${cs.join(', ')}] } }`,
    '',
  ].join('\n');
}

/** Whether the store kind's service is there (skips or, under CI, fails the test otherwise). */
export async function storeAvailable(t: TestContext, kind: StoreKind): Promise<boolean> {
  if (kind === 'sqlite') return true;
  return requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432));
}

/**
 * Starts a server on 127.0.0.1:0 over a fresh store of `kind`, with a temp data root holding
 * tiny.csv and one token per scope.
 */
export async function startTestServer(kind: StoreKind, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ty-server-'));
  const dataRoot = join(dir, 'data');
  const outDir = join(dir, 'runs');
  writeFileSync(join(dir, 'outside.csv'), tinyCsv());
  mkdirSync(dataRoot);
  writeFileSync(join(dataRoot, 'tiny.csv'), tinyCsv());
  let storeLocation = join(dir, 'store.db');
  let dropSchema = async (): Promise<void> => undefined;
  if (kind === 'postgres') {
    const schema = `ty_srv_${process.pid}_${randomBytes(4).toString('hex')}`;
    const u = new URL(PG_URL);
    u.searchParams.set('schema', schema);
    storeLocation = u.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
  }
  const app = await buildServer({ store: storeLocation, dataRoots: [dataRoot], outDir, logger: false, heartbeatMs: 200, ...(options.cluster ? {} : { workers: 1 }), ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  const tokens = {} as Record<TokenScope, string>;
  for (const scope of ['read', 'predict', 'run', 'admin'] as const) tokens[scope] = await createApiToken(app.trainyardStore, `t-${scope}`, scope);
  let closed = false;
  return {
    app,
    url,
    origin: url,
    storeLocation,
    dataRoot,
    outDir,
    tokens,
    req(path, init = {}) {
      const { as = 'admin', token, ...rest } = init;
      const headers = new Headers(rest.headers);
      const bearer = token ?? (as ? tokens[as] : undefined);
      if (bearer && !headers.has('authorization')) headers.set('authorization', `Bearer ${bearer}`);
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await dropSchema().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads an SSE response until `end` (or `timeoutMs`), returning the events in order. */
export async function readEvents(res: Response, timeoutMs = 30_000, onEvent?: (e: { event: string; data: Record<string, unknown> }) => void): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no 'end' event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`);
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([reader.read(), new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no 'end' event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)), left)))]).finally(() => clearTimeout(timer));
    if (chunk.done) return events;
    buf += decoder.decode(chunk.value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!name || data === undefined) continue;
      const e = { event: name, data: JSON.parse(data) as Record<string, unknown> };
      events.push(e);
      onEvent?.(e);
      if (name === 'end') {
        await reader.cancel().catch(() => undefined);
        return events;
      }
    }
  }
}
