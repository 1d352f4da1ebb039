/** Health, Prometheus metrics, the OpenAPI document, the cluster view, and the dashboard's login session. */
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { AuthError } from '../core/errors.js';
import { TRAINYARD_VERSION } from '../core/version.js';
import type { ClusterStatusReader } from '../execution/cluster-status.js';
import type { RunStatus } from '../tracking/store.js';
import { hashToken, verifyToken } from './api-tokens.js';
import { checkSameOrigin } from './auth.js';
import { clearedSessionCookie, sessionCookie } from './sessions.js';
import type { ServerContext } from './server-context.js';

const RUN_STATUSES: RunStatus[] = ['running', 'finished', 'failed', 'interrupted'];
const whoSchema = { type: 'object', properties: { name: { type: 'string' }, scope: { type: 'string' } }, required: ['name', 'scope'] } as const;

/** Registers the system and session routes. */
export function registerSystemRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, manager } = ctx;
  let reader: ClusterStatusReader | undefined;
  const cluster = async () => {
    if (ctx.execution.mode !== 'cluster') return null;
    reader ??= ctx.execution.reader();
    return reader.read();
  };
  app.addHook('onClose', async () => {
    await reader?.close();
  });

  app.get('/api/v1/health', {
    config: { access: 'public' },
    schema: { summary: 'Liveness (no auth)', tags: ['system'], response: { 200: { type: 'object', properties: { status: { type: 'string' }, version: { type: 'string' } }, required: ['status', 'version'] } } },
    handler: async () => ({ status: 'ok', version: TRAINYARD_VERSION }),
  });

  app.get('/api/v1/openapi.json', {
    config: { access: 'any' },
    schema: { summary: 'This document', tags: ['system'] },
    handler: async () => ctx.openapi.document(),
  });

  app.get('/api/v1/metrics', {
    config: { access: 'read' },
    schema: { summary: 'Prometheus metrics (text format)', tags: ['system'] },
    handler: async (_req, reply) => {
      const counts = await Promise.all(RUN_STATUSES.map((status) => store.countRuns({ status })));
      const { pending, running } = manager.counts();
      const snap = await cluster().catch(() => null);
      const gauges = [
        { name: 'trainyard_runs', help: 'Runs in the store by status.', values: RUN_STATUSES.map((status, i) => ({ labels: { status }, value: counts[i] })) },
        { name: 'trainyard_server_runs', help: 'Runs this server executes, by state.', values: [{ labels: { state: 'pending' }, value: pending }, { labels: { state: 'running' }, value: running }] },
        { name: 'trainyard_queue_depth', help: 'Waiting tasks in the cluster queue (local mode: runs waiting here).', values: [{ labels: {}, value: snap ? snap.queue.waiting : pending }] },
        { name: 'trainyard_workers_seen', help: 'Workers alive on the queue (local mode: worker threads per run).', values: [{ labels: {}, value: snap ? snap.workers.length : ctx.execution.mode === 'local' ? ctx.execution.workers : 0 }] },
      ];
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render(gauges) + ((await ctx.servingMetrics?.()) ?? ''));
    },
  });

  app.get('/api/v1/cluster', {
    config: { access: 'read' },
    schema: { summary: 'Workers, queue and failed tasks', tags: ['system'] },
    handler: async () => {
      const runs = manager.counts();
      if (ctx.execution.mode === 'local') {
        return { mode: 'local', localWorkers: ctx.execution.workers || availableParallelism(), workers: [], runs, failedTasks: [] };
      }
      const snap = (await cluster())!;
      return { mode: 'cluster', queue: snap.queue, workers: snap.workers, runs, failedTasks: snap.failedTasks };
    },
  });

  app.post<{ Body: { token: string } }>('/api/v1/session', {
    config: { access: 'public', rateLimit: ctx.loginRateLimit },
    schema: {
      summary: 'Log in with a token: sets the HttpOnly session cookie (rate-limited)',
      tags: ['session'],
      body: { type: 'object', additionalProperties: false, properties: { token: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['token'] },
      response: { 200: whoSchema },
    },
    handler: async (req, reply) => {
      // Login CSRF: a browser form on another site must not log the user in as someone else.
      if (req.headers.origin !== undefined) checkSameOrigin(req, ctx.extraOrigins);
      const rec = await verifyToken(store, req.body.token);
      if (!rec) throw new AuthError('unknown or revoked token', { rule: 'token' });
      const id = ctx.sessions.create(hashToken(req.body.token));
      req.log.info({ token: rec.name }, 'session opened');
      void reply.header('set-cookie', sessionCookie(id, Math.floor(ctx.sessions.ttlMs / 1000), req.protocol === 'https'));
      return { name: rec.name, scope: rec.scope };
    },
  });

  app.get('/api/v1/session', {
    config: { access: 'any' },
    schema: { summary: 'Who the session (or token) is', tags: ['session'], response: { 200: whoSchema } },
    handler: async (req) => ({ name: req.caller!.name, scope: req.caller!.scope }),
  });

  app.delete('/api/v1/session', {
    config: { access: 'any' },
    schema: { summary: 'Log out', tags: ['session'] },
    handler: async (req, reply) => {
      if (req.caller?.sessionId) ctx.sessions.delete(req.caller.sessionId);
      return reply.header('set-cookie', clearedSessionCookie(req.protocol === 'https')).status(204).send();
    },
  });
}
