/**
 * `trainyard serve`: the tracking server. {@link buildServer} assembles the Fastify app — auth, rate
 * limits, security headers, the error handler, the routes, the run manager — and {@link startServer}
 * listens and shuts down gracefully on SIGINT/SIGTERM: it stops accepting, lets in-flight requests
 * finish, interrupts the runs it executes (recorded `interrupted`), and closes the store.
 *
 * ```ts
 * const app = await buildServer({ store: 'trainyard.db', dataRoots: ['data'] });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 * ```
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { InvalidParamError } from '../core/errors.js';
import { openClusterStatus } from '../execution/cluster-status.js';
import { DEFAULT_QUEUE } from '../execution/cluster-protocol.js';
import { openStore, type Store } from '../tracking/store.js';
import { authHook } from './auth.js';
import { DEFAULT_DASHBOARD_DIR, loadDashboardAssets } from './dashboard-assets.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { dataPolicy } from './data-confinement.js';
import { HttpError, installErrorHandlers } from './http-errors.js';
import { HttpMetrics } from './http-metrics.js';
import { registerModelRoutes } from './models-routes.js';
import { OpenApiCollector } from './openapi.js';
import { RunManager, type SpecRunner } from './run-manager.js';
import { childProcessRunner, type ExecutorChoice } from './run-process.js';
import { registerRunSubmissionRoutes } from './run-submission-routes.js';
import { registerRunRoutes } from './runs-routes.js';
import { forwardingHook, trustUnixSocketPeer } from './serving/api-forwarding.js';
import { registerServingRoutes, type ServingDeps, type ServingHandle } from './serving/serving-routes.js';
import { installSecurityHeaders } from './security-headers.js';
import type { ServerContext } from './server-context.js';
import { SessionStore } from './sessions.js';
import { registerSystemRoutes } from './system-routes.js';

/** Options of {@link buildServer}; the CLI flags of `trainyard serve` map onto them. */
export interface ServerOptions {
  /** Tracking store location (`--store`): a SQLite file or a postgres:// URL. Default `trainyard.db`. */
  store?: string;
  /** Interface to listen on (`--host`, default 127.0.0.1); checked with `insecureNoAuth`. */
  host?: string;
  /** `--insecure-no-auth`: no authentication — refused unless `host` is a loopback address. */
  insecureNoAuth?: boolean;
  /** Folders submitted specs may read files from (`--data-root`); relative paths resolve against the first. */
  dataRoots?: string[];
  /** Database URLs submitted specs may read from (`--allow-db`): host, port and database must match. */
  allowDb?: string[];
  /** Where runs write their model and report (`--out`, default `runs`). */
  outDir?: string;
  /** Worker threads per run (`--workers`, default all cores). */
  workers?: number;
  /** Run tasks on `trainyard worker`s through this Redis (`--cluster`). */
  cluster?: string;
  /** Queue name with `cluster` (`--queue`). */
  queue?: string;
  /** Runs that may wait (`--max-pending`, default 16). */
  maxPending?: number;
  /** Runs at once (default 1). */
  concurrency?: number;
  /** An origin allowed to call the API from a browser (`--cors-origin`); none by default. */
  corsOrigin?: string;
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** The dashboard's files (default `dist/server/dashboard/`). */
  dashboardDir?: string;
  /** pino logger options; false for none (tests). Default: info level. */
  logger?: FastifyServerOptions['logger'];
  /** Requests per IP and window (default 3000 per minute). */
  rateLimit?: { max: number; timeWindow: number };
  /** Login attempts per IP and window (default 10 per minute). */
  loginRateLimit?: { max: number; timeWindow: number };
  /** SSE heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Session lifetime (default 12 h). */
  sessionTtlMs?: number;
  /** The serving routes' limits (issue 16: rows, body size, model cache, alias TTL). */
  serving?: Omit<ServingDeps, 'store' | 'log'>;
  /** `serve --processes`: forward every non-serving request to the API process at this Unix socket (serving/api-forwarding.ts). */
  forwardApi?: string;
  /** `serve --processes`, the API process: trust X-Forwarded-For from Unix-socket peers (the serving processes) only. */
  trustUnixSocketPeers?: boolean;
  /** Tests: how a run executes (default: a process of its own per run, with the executor the options choose). */
  runner?: SpecRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The runs this server executes. */
    runManager: RunManager;
    /** The store the server reads. */
    trainyardStore: Store;
    /** The serving routes' model cache and metrics (issue 16). */
    serving: ServingHandle;
  }
}

/** Whether `host` is a loopback address or name. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Builds the server (not listening yet). Opens the store; `app.close()` interrupts the runs this
 * server executes and closes the store.
 *
 * @example
 * const app = await buildServer({ store: 'trainyard.db', dataRoots: ['data'], logger: false });
 * const res = await app.inject({ url: '/api/v1/health' });
 */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const host = options.host ?? '127.0.0.1';
  if (options.insecureNoAuth && !isLoopbackHost(host)) {
    throw new InvalidParamError(`--insecure-no-auth is only allowed with a loopback --host (127.0.0.1, ::1, localhost), not '${host}'; create a token with \`trainyard token create\` instead`, { host });
  }
  if (options.cluster && options.workers !== undefined) throw new InvalidParamError('--workers and --cluster exclude each other: with --cluster the workers are `trainyard worker` processes', {});
  const policy = dataPolicy(options.dataRoots ?? [], options.allowDb ?? []);
  const corsOrigin = options.corsOrigin?.toLowerCase().replace(/\/$/, '');
  if (corsOrigin !== undefined && !/^https?:\/\/[^/\s]+$/.test(corsOrigin)) throw new InvalidParamError(`--cors-origin '${options.corsOrigin}': give an origin such as https://dash.example.com`, {});
  const storeLocation = options.store ?? 'trainyard.db';
  const store = await openStore(storeLocation);

  const app = Fastify({
    logger: options.logger ?? { level: 'info' },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Refuse unknown fields instead of silently dropping them (Fastify's default removes them).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // A client gets 60 s to send its request (Fastify's default 0 would let slow senders hold sockets).
    requestTimeout: 60_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: options.trustUnixSocketPeers ? trustUnixSocketPeer : false,
  });
  // Before rate limits and auth: the API process applies those to what is forwarded.
  if (options.forwardApi) app.addHook('onRequest', forwardingHook(options.forwardApi));
  if (options.insecureNoAuth) app.log.warn(`authentication is OFF (--insecure-no-auth): anyone who can reach ${host} can read, run and delete`);

  const queue = options.queue ?? DEFAULT_QUEUE;
  const workers = options.workers ?? 0;
  // Each run executes in a process of its own (run-process.ts): its long synchronous steps never stall
  // this server.
  const choice: ExecutorChoice = options.cluster ? { kind: 'cluster', redisUrl: options.cluster, queue } : { kind: 'local', ...(workers ? { workers } : {}) };
  const manager = new RunManager({
    store,
    storeLocation,
    outDir: resolve(options.outDir ?? 'runs'),
    maxPending: options.maxPending,
    concurrency: options.concurrency,
    runner: options.runner ?? childProcessRunner(choice),
    log: (msg) => app.log.warn(msg),
  });
  const ctx: ServerContext = {
    store,
    manager,
    policy,
    sessions: new SessionStore({ ttlMs: options.sessionTtlMs }),
    metrics: new HttpMetrics(),
    openapi: new OpenApiCollector(),
    extraOrigins: corsOrigin ? [corsOrigin] : [],
    execution: options.cluster ? { mode: 'cluster', queue, reader: () => openClusterStatus(options.cluster!, queue) } : { mode: 'local', workers: workers || availableParallelism() },
    streams: new Set(),
    heartbeatMs: options.heartbeatMs ?? 15_000,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindow: 60_000 },
  };
  app.decorate('runManager', manager);
  app.decorate('trainyardStore', store);

  installErrorHandlers(app);
  installSecurityHeaders(app, corsOrigin);
  ctx.metrics.install(app);
  ctx.openapi.install(app);
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit?.max ?? 3000,
    timeWindow: options.rateLimit?.timeWindow ?? 60_000,
    errorResponseBuilder: (_req, c) => new HttpError(429, 'E_RATE_LIMITED', `too many requests: ${c.max} per ${Math.round(c.ttl / 1000)} s allowed; retry after ${c.after}`, { retryAfter: c.after }),
  });
  app.addHook('onRequest', authHook({ store, sessions: ctx.sessions, disabled: !!options.insecureNoAuth, extraOrigins: ctx.extraOrigins }));

  registerSystemRoutes(app, ctx);
  registerRunRoutes(app, ctx);
  registerRunSubmissionRoutes(app, ctx);
  registerModelRoutes(app, ctx);
  const serving = await registerServingRoutes(app, { ...options.serving, store, log: (msg) => app.log.warn(msg) });
  app.decorate('serving', serving);
  ctx.servingMetrics = () => serving.collectMetrics();
  registerDashboardRoutes(app, loadDashboardAssets(options.dashboardDir ?? DEFAULT_DASHBOARD_DIR));

  app.addHook('preClose', async () => {
    // Open event streams would keep the HTTP server from closing; runs are interrupted and recorded.
    for (const close of [...ctx.streams]) close();
    await manager.shutdown('SHUTDOWN');
  });
  app.addHook('onClose', async () => {
    await store.close();
  });
  return app;
}

/** A listening server. */
export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port`. */
  url: string;
  /** Resolves when the server has shut down (after SIGINT/SIGTERM or `app.close()`). */
  closed: Promise<void>;
}

/**
 * Builds the server and listens on `host:port` (default 127.0.0.1:8080); SIGINT or SIGTERM closes it
 * gracefully.
 *
 * @example
 * const { url, closed } = await startServer({ store: 'trainyard.db', port: 8080 });
 * await closed;
 */
export async function startServer(options: ServerOptions & { port?: number }): Promise<RunningServer> {
  const app = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  let done!: () => void;
  const closed = new Promise<void>((r) => (done = r));
  // Hooks must be added before listening.
  app.addHook('onClose', async () => done());
  try {
    await app.listen({ host, port: options.port ?? 8080 });
  } catch (e) {
    await app.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  const url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  const stop = (signal: NodeJS.Signals): void => {
    app.log.info(`${signal}: shutting down (finishing requests, interrupting runs); a second ${signal} exits at once`);
    // A second signal: the operator does not want to wait for the runs to record their interruption.
    const now = (): never => process.exit(signal === 'SIGINT' ? 130 : 143);
    process.once('SIGINT', now);
    process.once('SIGTERM', now);
    // The runs are interrupted with the signal's name as the reason, as `trainyard run` records it.
    void app.runManager.shutdown(signal).finally(() => app.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void closed.then(() => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  return { app, url, closed };
}
