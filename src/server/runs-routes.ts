/**
 * The run routes that read and edit the store: listing, detail, metric series, artifacts, tags/note,
 * deletion. Submission, cancel and the event stream are in run-submission-routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { ListRunsOptions, RunSortKey, RunStatus } from '../tracking/store.js';
import { anyObject, artifactIdSchema, artifactSchema, metricKeySchema, runIdSchema, runSummarySchema, tagChangesSchema } from './schemas.js';
import type { ServerContext } from './server-context.js';
import { artifactId, queuedRunDetail, requireRun, runDetailView, runView } from './run-views.js';

const idParams = { type: 'object', properties: { id: runIdSchema }, required: ['id'] } as const;

interface ListQuery {
  name?: string;
  status?: RunStatus;
  tag?: string;
  sort?: RunSortKey;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Registers the run read/edit routes under `/api/v1`. */
export function registerRunRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, manager } = ctx;

  app.get<{ Querystring: ListQuery }>('/api/v1/runs', {
    config: { access: 'read' },
    schema: {
      summary: 'List runs (filter, sort, page)',
      tags: ['runs'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          status: { type: 'string', enum: ['running', 'finished', 'failed', 'interrupted'] },
          tag: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:.{0,500})?$' },
          sort: { type: 'string', pattern: '^(startedAt|name|status|duration|metric:[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,127})$' },
          order: { type: 'string', enum: ['asc', 'desc'] },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 },
        },
      },
      response: {
        200: { type: 'object', properties: { runs: { type: 'array', items: runSummarySchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } }, required: ['runs', 'total', 'limit', 'offset'] },
      },
    },
    handler: async (req) => {
      const q = req.query;
      const filter: ListRunsOptions = { name: q.name, status: q.status };
      if (q.tag) {
        const i = q.tag.indexOf(':');
        filter.tag = i < 0 ? { key: q.tag } : { key: q.tag.slice(0, i), value: q.tag.slice(i + 1) };
      }
      const [runs, total] = await Promise.all([store.listRuns({ ...filter, sort: q.sort, order: q.order, limit: q.limit, offset: q.offset }), store.countRuns(filter)]);
      // Runs queued here are not in the store yet: listed first on the first page (status 'pending',
      // progress stage 'queued') when no status or tag filter excludes them, so a dashboard sees what it submitted.
      const queued = q.tag || q.status ? [] : manager.queued().filter((r) => !q.name || r.name === q.name);
      const shown = q.offset === 0 ? queued.slice(0, q.limit).map((r) => runView(queuedRunDetail(manager, r.id)!, manager)) : [];
      return { runs: [...shown, ...runs.slice(0, q.limit - shown.length).map((r) => runView(r, manager))], total: total + queued.length, limit: q.limit, offset: q.offset };
    },
  });

  app.get<{ Params: { id: string } }>('/api/v1/runs/:id', {
    config: { access: 'read' },
    schema: { summary: 'A run with its spec, params, report, artifacts and registered versions', tags: ['runs'], params: idParams, response: { 200: anyObject } },
    handler: async (req) => runDetailView(store, manager, req.params.id),
  });

  app.get<{ Params: { id: string; key: string } }>('/api/v1/runs/:id/metrics/:key', {
    config: { access: 'read' },
    schema: {
      summary: 'A metric series with its steps',
      tags: ['runs'],
      params: { type: 'object', properties: { id: runIdSchema, key: metricKeySchema }, required: ['id', 'key'] },
      response: {
        200: {
          type: 'object',
          properties: { key: { type: 'string' }, points: { type: 'array', items: { type: 'object', properties: { step: { anyOf: [{ type: 'number' }, { type: 'null' }] }, value: { type: 'number' } }, required: ['step', 'value'] } } },
          required: ['key', 'points'],
        },
      },
    },
    handler: async (req) => {
      await requireRun(store, manager, req.params.id);
      const points = await store.getMetrics(req.params.id, req.params.key);
      return { key: req.params.key, points: points.map((p) => ({ step: p.step ?? null, value: p.value })) };
    },
  });

  app.get<{ Params: { id: string } }>('/api/v1/runs/:id/artifacts', {
    config: { access: 'read' },
    schema: { summary: "A run's artifacts (opaque ids)", tags: ['runs'], params: idParams, response: { 200: { type: 'object', properties: { artifacts: { type: 'array', items: artifactSchema } }, required: ['artifacts'] } } },
    handler: async (req) => {
      await requireRun(store, manager, req.params.id);
      const list = await store.listArtifacts(req.params.id);
      return { artifacts: list.map((a) => ({ id: artifactId(a.name), ...a })) };
    },
  });

  app.get<{ Params: { id: string; artifactId: string } }>('/api/v1/runs/:id/artifacts/:artifactId', {
    config: { access: 'read' },
    schema: { summary: "An artifact's bytes (as an attachment)", tags: ['runs'], params: { type: 'object', properties: { id: runIdSchema, artifactId: artifactIdSchema }, required: ['id', 'artifactId'] } },
    handler: async (req, reply) => {
      const { id } = req.params;
      await requireRun(store, manager, id);
      const info = (await store.listArtifacts(id)).find((a) => artifactId(a.name) === req.params.artifactId);
      const a = info ? await store.getArtifact(id, info.name) : null;
      if (!info || !a) throw new NotFoundError(`run '${id}' has no artifact '${req.params.artifactId}'`, { runId: id, artifactId: req.params.artifactId });
      // Always a download, sandboxed: a report.html must not run script on the API's origin.
      const filename = info.name.replace(/[^\w.-]/g, '_');
      return reply
        .header('content-type', a.contentType.startsWith('text/html') ? 'text/html; charset=utf-8' : a.contentType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('content-security-policy', 'sandbox; default-src \'none\'')
        .header('x-content-sha256', info.sha256)
        .send(a.bytes);
    },
  });

  app.patch<{ Params: { id: string }; Body: { tags?: Record<string, string | null>; note?: string | null } }>('/api/v1/runs/:id', {
    config: { access: 'run' },
    schema: {
      summary: "Change a run's tags and note",
      tags: ['runs'],
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { tags: tagChangesSchema, note: { type: ['string', 'null'], maxLength: 10_000 } } },
      response: { 200: runSummarySchema },
    },
    handler: async (req) => {
      await store.updateRun(req.params.id, req.body);
      const run = await store.getRun(req.params.id);
      if (!run) throw new NotFoundError(`no run '${req.params.id}'`, { runId: req.params.id });
      return runView(run, manager);
    },
  });

  app.delete<{ Params: { id: string } }>('/api/v1/runs/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Delete a run with its metrics and artifacts', tags: ['runs'], params: idParams },
    handler: async (req, reply) => {
      const managed = manager.get(req.params.id);
      if (managed && managed.state !== 'ended') throw new ConflictError(`run '${req.params.id}' is ${managed.state} on this server; cancel it first`, { runId: req.params.id });
      await store.deleteRun(req.params.id);
      return reply.status(204).send();
    },
  });
}
