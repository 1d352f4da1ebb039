/** The model registry routes: models, versions with their lineage, aliases, version metadata. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../core/errors.js';
import type { ModelVersion } from '../tracking/store.js';
import { aliasSchema, modelNameSchema, modelVersionSchema, registeredModelSchema, tagChangesSchema } from './schemas.js';
import type { ServerContext } from './server-context.js';

const nameParams = { type: 'object', properties: { name: modelNameSchema }, required: ['name'] } as const;
const aliasParams = { type: 'object', properties: { name: modelNameSchema, alias: aliasSchema }, required: ['name', 'alias'] } as const;
const versionParams = { type: 'object', properties: { name: modelNameSchema, n: { type: 'integer', minimum: 1, maximum: 1_000_000_000 } }, required: ['name', 'n'] } as const;

/** Registers the registry routes under `/api/v1`. */
export function registerModelRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;

  const versionsOf = async (name: string): Promise<ModelVersion[]> => {
    const versions = await store.getModelVersions(name);
    if (versions.length === 0) throw new NotFoundError(`no registered model '${name}'`, { model: name });
    return versions;
  };

  app.get('/api/v1/models', {
    config: { access: 'model-read' },
    schema: { summary: 'Registered models', tags: ['models'], response: { 200: { type: 'object', properties: { models: { type: 'array', items: registeredModelSchema } }, required: ['models'] } } },
    handler: async () => ({ models: await store.listModels() }),
  });

  app.get<{ Params: { name: string } }>('/api/v1/models/:name', {
    config: { access: 'model-read' },
    schema: {
      summary: 'A model with its versions and their lineage (run, spec hash, data hash)',
      tags: ['models'],
      params: nameParams,
      response: { 200: { type: 'object', properties: { ...registeredModelSchema.properties, versions: { type: 'array', items: modelVersionSchema } }, required: [...registeredModelSchema.required, 'versions'] } },
    },
    handler: async (req) => {
      const versions = await versionsOf(req.params.name);
      const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
      const aliases: Record<string, number> = {};
      for (const v of versions) for (const a of v.aliases) aliases[a] = v.version;
      return { name: req.params.name, latestVersion: latest.version, updatedAt: latest.createdAt, aliases, versions };
    },
  });

  app.get<{ Params: { name: string }; Querystring: { version?: number; limit: number; before?: number } }>('/api/v1/models/:name/predictions', {
    config: { access: 'read' },
    schema: {
      summary: 'Served requests logged with their answers (serve --log-predictions), newest first: for evaluation against outcomes',
      tags: ['models'],
      params: nameParams,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { version: { type: 'integer', minimum: 1, maximum: 1_000_000_000 }, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 }, before: { type: 'integer', minimum: 1 } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            logs: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: { type: 'integer' }, model: { type: 'string' }, version: { type: 'integer' }, kind: { type: 'string' }, loggedAt: { type: 'string' }, request: {}, response: {} },
                required: ['id', 'model', 'version', 'kind', 'loggedAt', 'request', 'response'],
              },
            },
          },
          required: ['logs'],
        },
      },
    },
    handler: async (req) => ({ logs: await store.listPredictionLogs(req.params.name, req.query) }),
  });

  app.put<{ Params: { name: string; alias: string }; Body: { version: number } }>('/api/v1/models/:name/aliases/:alias', {
    config: { access: 'admin' },
    schema: {
      summary: 'Point an alias at a version (moving it if it pointed elsewhere)',
      tags: ['models'],
      params: aliasParams,
      body: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1, maximum: 1_000_000_000 } }, required: ['version'] },
      response: { 200: { type: 'object', properties: { name: { type: 'string' }, alias: { type: 'string' }, version: { type: 'integer' } }, required: ['name', 'alias', 'version'] } },
    },
    handler: async (req) => {
      const { name, alias } = req.params;
      await store.setModelAlias(name, alias, req.body.version);
      req.log.info({ model: name, alias, version: req.body.version, by: req.caller?.name }, 'alias set');
      return { name, alias, version: req.body.version };
    },
  });

  app.delete<{ Params: { name: string; alias: string } }>('/api/v1/models/:name/aliases/:alias', {
    config: { access: 'admin' },
    schema: { summary: 'Remove an alias', tags: ['models'], params: aliasParams },
    handler: async (req, reply) => {
      const { name, alias } = req.params;
      if (!(await store.deleteModelAlias(name, alias))) throw new NotFoundError(`model '${name}' has no alias '${alias}'`, { model: name, alias });
      return reply.status(204).send();
    },
  });

  app.patch<{ Params: { name: string; n: number }; Body: { description?: string | null; tags?: Record<string, string | null> } }>('/api/v1/models/:name/versions/:n', {
    config: { access: 'admin' },
    schema: {
      summary: "Change a version's description and tags",
      tags: ['models'],
      params: versionParams,
      body: { type: 'object', additionalProperties: false, properties: { description: { type: ['string', 'null'], maxLength: 10_000 }, tags: tagChangesSchema } },
      response: { 200: modelVersionSchema },
    },
    handler: async (req) => {
      const { name, n } = req.params;
      await store.updateModelVersion(name, n, req.body);
      const v = await store.resolveModelVersion(name, { version: n });
      if (!v) throw new NotFoundError(`model '${name}' has no version ${n}`, { model: name, version: n });
      return v;
    },
  });
}
