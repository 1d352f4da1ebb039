/**
 * The serving routes of issue 16, as one encapsulated Fastify plugin (its `text/csv` body parser and
 * hooks stay inside it):
 *
 * - `POST /api/v1/models/{name}@{alias}/predict`, `POST /api/v1/models/{name}/versions/{n}/predict`:
 *   `{"rows": [{column: value}]}` or a CSV body (`text/csv`) → `{model: {name, version}, predictions,
 *   probabilities?, classes?}` — the numbers `trainyard predict` writes for the same rows.
 * - `GET …/recommend?user=ID&k=10&excludeSeen=true` → `{model, user, items: [{item, score}], fallback}`
 *   and `POST …/recommend {"users": [...], "k": 10, "excludeSeen": true}` → `{model, k, recommendations}`:
 *   the lists of `trainyard recommend`; `fallback: 'popularity'` for a user the model never saw.
 *
 * Bad input is a 4xx naming the row and the column (E_DATA / E_INVALID_PARAM 400, a body over the limit
 * 413, an unknown model or alias 404). Routes need the access `predict` (tokens of scope predict or admin).
 *
 * ```ts
 * const serving = await registerServingRoutes(app, { store });
 * // GET /api/v1/metrics appends serving.metricsText()
 * ```
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidParamError, TrainyardError } from '../../core/errors.js';
import { checkK, checkUserId, MAX_BATCH_USERS, MAX_K, recommendBatch } from '../../experiment/recommend/recommend-batch.js';
import { DEFAULT_MAX_ROWS } from '../../experiment/tabular/predict-rows.js';
import type { Store } from '../../tracking/store.js';
import { HttpError } from '../http-errors.js';
import { expectKind, ModelCache, type ServedModel } from './model-cache.js';
import { PredictionLogger } from './prediction-log.js';
import { ServingMetrics } from './serving-metrics.js';

/** What the serving routes need. */
export interface ServingDeps {
  store: Store;
  /** The access the routes declare (`config.access`; default `'predict'`). */
  access?: string;
  /** Request body limit of the serving routes in bytes (default 8 MiB: 10,000 rows of ~800 bytes). */
  bodyLimit?: number;
  /** Rows per predict request (default 10,000). */
  maxRows?: number;
  /** See ModelCacheOptions. */
  maxModelBytes?: number;
  aliasTtlMs?: number;
  /** Per-IP rate limit of the serving routes (`@fastify/rate-limit` route config); default none — see README. */
  rateLimit?: false | { max: number; timeWindow: number };
  /** Log level of the serving routes' request lines (default 'warn': no line per answered request). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Fraction (0–1) of served requests kept in the store with their answers (`--log-predictions`); default 0. */
  logPredictions?: number;
  /** Logs a failed background alias refresh or prediction-log write. */
  log?: (msg: string) => void;
}

/** What registering returns: the cache (to invalidate) and the per-model metrics. */
export interface ServingHandle {
  cache: ModelCache;
  metrics: ServingMetrics;
  /** This process's Prometheus lines: per-model series and the cache's gauges. */
  metricsText(): string;
  /** What /metrics shows: `metricsText()`, or with `aggregate` set (`--processes`) the sum over all processes. */
  collectMetrics(): Promise<string>;
  /** Set by `serve --processes`: gathers every process's `metricsText()` and sums them. */
  aggregate?: (local: string) => Promise<string>;
  /** Writes the sampled requests queued so far (`--log-predictions`); they are otherwise written every second. */
  flushPredictionLog(): Promise<void>;
}

/** `name@alias` in a URL: a model name (no '@') and an alias as the store spells them. */
const NAME_AT_ALIAS = /^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})@([A-Za-z_][A-Za-z0-9_-]{0,63})$/;
const MODEL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const modelSchema = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' } }, required: ['name', 'version'] } as const;
const itemsSchema = { type: 'array', items: { type: 'object', properties: { item: { type: 'string' }, score: { type: 'number' } }, required: ['item', 'score'] } } as const;
const recommendationSchema = {
  type: 'object',
  properties: { user: { type: 'string' }, items: itemsSchema, fallback: { type: ['string', 'null'], enum: ['popularity', null] } },
  required: ['user', 'items', 'fallback'],
} as const;
const userIdSchema = { anyOf: [{ type: 'string', minLength: 1, maxLength: 256 }, { type: 'number' }] } as const;

interface Observation {
  model: ServedModel;
  endpoint: 'predict' | 'recommend';
  rows: number;
  error?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What a serving request resolved, for the per-model metrics. */
    servingObservation?: Observation | null;
  }
}

/**
 * Registers the serving routes on `app` (call before `app.ready()`), sharing the server's auth hook,
 * error handler and metrics.
 */
export async function registerServingRoutes(app: FastifyInstance, deps: ServingDeps): Promise<ServingHandle> {
  const maxRows = deps.maxRows ?? DEFAULT_MAX_ROWS;
  const cache = new ModelCache({
    store: deps.store,
    maxBytes: deps.maxModelBytes,
    aliasTtlMs: deps.aliasTtlMs,
    maxRows,
    onRefreshError: (e, name, alias) => deps.log?.(`serving: could not refresh ${name}@${alias} (still serving the version loaded before): ${(e as Error)?.message ?? String(e)}`),
  });
  const metrics = new ServingMetrics();
  const predictionLog = deps.logPredictions ? new PredictionLogger(deps.store, { sample: deps.logPredictions, log: deps.log }) : null;
  // Before the server closes its store: what is queued is written.
  if (predictionLog) app.addHook('preClose', async () => predictionLog.close());
  const config = { access: deps.access ?? 'predict', rateLimit: deps.rateLimit ?? false } as {};
  const bodyLimit = deps.bodyLimit ?? 8 * 1024 * 1024;
  // Per-request info lines at thousands of requests a second cost more than the prediction; errors still log.
  const logLevel = deps.logLevel ?? 'warn';

  // The server's own alias routes move aliases: this process sees the move at the next request.
  app.addHook('onResponse', async (req, reply) => {
    if ((req.method === 'PUT' || req.method === 'DELETE') && reply.statusCode < 300 && req.routeOptions.url === '/api/v1/models/:name/aliases/:alias') {
      const p = req.params as { name: string; alias: string };
      cache.invalidate(p.name, p.alias);
    }
  });

  await app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));
    scope.decorateRequest('servingObservation', null);
    scope.addHook('onResponse', async (req, reply) => {
      const o = req.servingObservation;
      if (!o) return;
      metrics.observe({ model: o.model.name, version: o.model.version, endpoint: o.endpoint, seconds: reply.elapsedTime / 1000, rows: o.error ? 0 : o.rows, error: o.error });
    });

    /** Runs `work` on a resolved model, recording what happened for the metrics. */
    const observed = async <T>(req: FastifyRequest, model: ServedModel, endpoint: Observation['endpoint'], work: (o: Observation) => T): Promise<T> => {
      const o: Observation = { model, endpoint, rows: 0 };
      req.servingObservation = o;
      try {
        const answer = work(o);
        predictionLog?.maybeLog({ model: model.name, version: model.version, kind: endpoint, request: req.body ?? req.query, response: answer });
        return answer;
      } catch (e) {
        o.error = e instanceof TrainyardError || e instanceof HttpError ? e.code : 'E_INTERNAL';
        throw e;
      }
    };

    const byAlias = (ref: string): Promise<ServedModel> => {
      const m = NAME_AT_ALIAS.exec(ref);
      if (!m) {
        throw new InvalidParamError(`'${ref.slice(0, 80)}' is not a model reference; use NAME@ALIAS (e.g. churn@champion) or NAME/versions/N`, { model: ref.slice(0, 80) });
      }
      return cache.byAlias(m[1], m[2]);
    };
    const byVersion = (name: string, n: number): Promise<ServedModel> => {
      if (!MODEL_NAME.test(name)) throw new InvalidParamError(`'${name.slice(0, 80)}' is not a model name`, { model: name.slice(0, 80) });
      return cache.byVersion(name, n);
    };

    const predict = (req: FastifyRequest, model: ServedModel) =>
      observed(req, model, 'predict', (o) => {
        const { predictor } = expectKind(model, 'tabular');
        const body = req.body;
        if (typeof body === 'string' && !/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) {
          throw new HttpError(415, 'E_UNSUPPORTED_MEDIA_TYPE', `send the rows as JSON (application/json: {"rows": [...]}) or CSV (text/csv), not ${String(req.headers['content-type']).slice(0, 60)}`);
        }
        const frame = typeof body === 'string' ? predictor.frameFromCsv(body) : predictor.frameFromJson((body as { rows?: unknown }).rows);
        o.rows = frame.nRows;
        return { model: { name: model.name, version: model.version }, ...predictor.predict(frame) };
      });

    const recommendOne = (req: FastifyRequest<{ Querystring: { user: string; k: number; excludeSeen: boolean } }>, model: ServedModel) =>
      observed(req, model, 'recommend', (o) => {
        const { recommender } = expectKind(model, 'recommender');
        const q = req.query;
        const r = recommender.recommend(checkUserId(q.user), { k: checkK(q.k), excludeSeen: q.excludeSeen });
        o.rows = 1;
        return { model: { name: model.name, version: model.version }, ...r };
      });

    const recommendMany = (req: FastifyRequest<{ Body: { users: unknown[]; k: number; excludeSeen: boolean } }>, model: ServedModel) =>
      observed(req, model, 'recommend', (o) => {
        const { recommender } = expectKind(model, 'recommender');
        const b = req.body;
        const recommendations = recommendBatch(recommender, b.users, { k: b.k, excludeSeen: b.excludeSeen });
        o.rows = recommendations.length;
        return { model: { name: model.name, version: model.version }, k: b.k, recommendations };
      });

    const refParams = { type: 'object', properties: { name: { type: 'string', maxLength: 200 } }, required: ['name'] } as const;
    const versionParams = { type: 'object', properties: { name: { type: 'string', maxLength: 200 }, n: { type: 'integer', minimum: 1, maximum: 1_000_000_000 } }, required: ['name', 'n'] } as const;
    const predictBody = {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: { rows: { type: 'array', minItems: 1, maxItems: maxRows, items: { type: 'object' } } },
            required: ['rows'],
          },
        },
        'text/csv': { schema: { type: 'string', description: 'a header line, then the rows (RFC 4180)' } },
      },
    };
    const predictResponse = {
      200: {
        type: 'object',
        properties: {
          model: modelSchema,
          predictions: { type: 'array', items: { type: ['string', 'number'] } },
          probabilities: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
          classes: { type: 'array', items: { type: 'string' } },
        },
        required: ['model', 'predictions'],
      },
    };
    const recommendQuery = {
      type: 'object',
      additionalProperties: false,
      properties: { user: { type: 'string', minLength: 1, maxLength: 256 }, k: { type: 'integer', minimum: 1, maximum: MAX_K, default: 10 }, excludeSeen: { type: 'boolean', default: true } },
      required: ['user'],
    };
    const recommendBody = {
      type: 'object',
      additionalProperties: false,
      properties: { users: { type: 'array', minItems: 1, maxItems: MAX_BATCH_USERS, items: userIdSchema }, k: { type: 'integer', minimum: 1, maximum: MAX_K, default: 10 }, excludeSeen: { type: 'boolean', default: true } },
      required: ['users'],
    };
    const oneResponse = { 200: { type: 'object', properties: { model: modelSchema, ...recommendationSchema.properties }, required: ['model', 'user', 'items', 'fallback'] } };
    const manyResponse = { 200: { type: 'object', properties: { model: modelSchema, k: { type: 'integer' }, recommendations: { type: 'array', items: recommendationSchema } }, required: ['model', 'k', 'recommendations'] } };
    const tags = ['serving'];

    scope.post<{ Params: { name: string } }>('/api/v1/models/:name/predict', {
      config,
      logLevel,
      bodyLimit,
      schema: { summary: 'Predictions from the version an alias points at (path: NAME@ALIAS)', tags, params: refParams, body: predictBody, response: predictResponse },
      handler: async (req) => predict(req, await byAlias(req.params.name)),
    });
    scope.post<{ Params: { name: string; n: number } }>('/api/v1/models/:name/versions/:n/predict', {
      config,
      logLevel,
      bodyLimit,
      schema: { summary: 'Predictions from one version', tags, params: versionParams, body: predictBody, response: predictResponse },
      handler: async (req) => predict(req, await byVersion(req.params.name, req.params.n)),
    });
    scope.get<{ Params: { name: string }; Querystring: { user: string; k: number; excludeSeen: boolean } }>('/api/v1/models/:name/recommend', {
      config,
      logLevel,
      schema: { summary: "One user's top-k items from the recommender an alias points at (path: NAME@ALIAS)", tags, params: refParams, querystring: recommendQuery, response: oneResponse },
      handler: async (req) => recommendOne(req, await byAlias(req.params.name)),
    });
    scope.get<{ Params: { name: string; n: number }; Querystring: { user: string; k: number; excludeSeen: boolean } }>('/api/v1/models/:name/versions/:n/recommend', {
      config,
      logLevel,
      schema: { summary: "One user's top-k items from one recommender version", tags, params: versionParams, querystring: recommendQuery, response: oneResponse },
      handler: async (req) => recommendOne(req, await byVersion(req.params.name, req.params.n)),
    });
    scope.post<{ Params: { name: string }; Body: { users: unknown[]; k: number; excludeSeen: boolean } }>('/api/v1/models/:name/recommend', {
      config,
      logLevel,
      bodyLimit,
      schema: { summary: 'Top-k items for a batch of users (path: NAME@ALIAS)', tags, params: refParams, body: recommendBody, response: manyResponse },
      handler: async (req) => recommendMany(req, await byAlias(req.params.name)),
    });
    scope.post<{ Params: { name: string; n: number }; Body: { users: unknown[]; k: number; excludeSeen: boolean } }>('/api/v1/models/:name/versions/:n/recommend', {
      config,
      logLevel,
      bodyLimit,
      schema: { summary: 'Top-k items for a batch of users from one version', tags, params: versionParams, body: recommendBody, response: manyResponse },
      handler: async (req) => recommendMany(req, await byVersion(req.params.name, req.params.n)),
    });
  });

  const handle: ServingHandle = {
    cache,
    metrics,
    metricsText: () => {
      const s = cache.stats;
      return metrics.render([
        { name: 'trainyard_serving_models_loaded', help: 'Model versions held in memory (summed over the processes).', value: s.models },
        { name: 'trainyard_serving_model_bytes', help: 'Size of the model files held in memory (summed over the processes).', value: s.bytes },
        { name: 'trainyard_prediction_logs_written', help: 'Served requests written to the store (--log-predictions).', value: predictionLog?.written ?? 0 },
        { name: 'trainyard_prediction_logs_dropped', help: 'Sampled requests dropped: the store could not keep up or failed.', value: predictionLog?.dropped ?? 0 },
      ]);
    },
    collectMetrics: async () => (handle.aggregate ? handle.aggregate(handle.metricsText()) : handle.metricsText()),
    flushPredictionLog: async () => predictionLog?.flush(),
  };
  return handle;
}

