/**
 * The OpenAPI 3.1 document of the API, generated from the routes' own JSON schemas (collected in an
 * `onRoute` hook as the routes are registered), so the document cannot drift from what is validated.
 * JSON Schema 2020-12 is OpenAPI 3.1's schema dialect; Fastify's draft-07 schemas are a subset of what
 * it reads for these routes.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { TRAINYARD_VERSION } from '../core/version.js';
import { errorBodySchema } from './http-errors.js';

declare module 'fastify' {
  /** OpenAPI fields a route schema may carry besides the validation schemas. */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    consumes?: string[];
  }
}

interface Operation {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  access: string;
}

/** Collects route schemas; `document()` builds the OpenAPI object. */
export class OpenApiCollector {
  private readonly ops: Operation[] = [];

  /** Registers the `onRoute` hook on `app` (before the routes are added). */
  install(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/')) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) {
        if (m === 'HEAD') continue;
        this.ops.push({ method: m.toLowerCase(), url: route.url, schema: (route.schema ?? {}) as Record<string, unknown>, access: String(route.config?.access ?? 'admin') });
      }
    });
  }

  /** The OpenAPI 3.1 document. */
  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.ops) {
      const path = op.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{wildcard}');
      const s = op.schema;
      const parameters: unknown[] = [];
      for (const [where, key] of [['path', 'params'], ['query', 'querystring']] as const) {
        const obj = s[key] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
        for (const [name, schema] of Object.entries(obj?.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (obj?.required ?? []).includes(name), schema });
        }
      }
      const responses: Record<string, unknown> = {};
      for (const [status, schema] of Object.entries((s.response ?? {}) as Record<string, unknown>)) {
        responses[status] = { description: `${status} response`, content: { 'application/json': { schema } } };
      }
      responses.default = { description: 'error', content: { 'application/json': { schema: errorBodySchema } } };
      const operation: Record<string, unknown> = {
        summary: s.summary,
        description: s.description,
        tags: s.tags,
        parameters,
        responses,
        security: op.access === 'public' ? [] : [{ bearer: [] }, { session: [] }],
        'x-trainyard-access': op.access,
      };
      const body = s.body as { content?: Record<string, unknown> } | undefined;
      // A body schema per content type (the serving routes: JSON or CSV) is already OpenAPI's shape.
      if (body?.content) operation.requestBody = { required: true, content: body.content };
      else if (body) operation.requestBody = { required: true, content: { 'application/json': { schema: body } } };
      // Spec routes read their body as text: a spec in JSON or YAML.
      else if (Array.isArray(s.consumes)) operation.requestBody = { required: true, content: Object.fromEntries((s.consumes as string[]).map((type) => [type, { schema: { type: 'string', description: 'an experiment spec (README "The experiment spec")' } }])) };
      (paths[path] ??= {})[op.method] = operation;
    }
    return {
      openapi: '3.1.0',
      info: { title: 'trainyard', version: TRAINYARD_VERSION, description: 'Tracking server, run submission and model registry of trainyard (`trainyard serve`).' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'an API token from `trainyard token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'trainyard_session' },
        },
      },
      paths,
    };
  }
}
