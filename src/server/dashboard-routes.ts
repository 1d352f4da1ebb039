/** `GET /` and `GET /assets/*`: the dashboard's files from the map read at start. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../core/errors.js';
import { HttpError } from './http-errors.js';
import type { Asset } from './dashboard-assets.js';

/** Registers the dashboard routes; without an index.html, `/` answers 503 saying how to build it. */
export function registerDashboardRoutes(app: FastifyInstance, assets: ReadonlyMap<string, Asset>): void {
  app.get('/', {
    config: { access: 'public' },
    handler: async (_req, reply) => {
      const index = assets.get('index.html');
      if (!index) throw new HttpError(503, 'E_IO', 'the dashboard is not built (no index.html in dist/server/dashboard/); run `npm run build`, or use the API under /api/v1');
      // index.html names hashed asset files: it must be revalidated, the assets need not.
      return reply.type(index.type).header('cache-control', 'no-cache').send(index.bytes);
    },
  });

  app.get<{ Params: { '*': string } }>('/assets/*', {
    config: { access: 'public' },
    handler: async (req, reply) => {
      const name = req.params['*'];
      const asset = assets.get(`assets/${name}`) ?? (name !== 'index.html' ? assets.get(name) : undefined);
      if (!asset) throw new NotFoundError(`no dashboard file '${name.slice(0, 100)}'`, {});
      return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.bytes);
    },
  });
}
