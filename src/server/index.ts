/**
 * `trainyard/server`: the HTTP server of `trainyard serve` — the API, auth, the dashboard — for
 * embedding in a program or a test.
 *
 * @example
 * import { startServer, createApiToken } from 'trainyard/server';
 * const server = await startServer({ store: 'trainyard.db', port: 8080, dataRoots: ['data'] });
 */
export { buildServer, startServer, isLoopbackHost, type RunningServer, type ServerOptions } from './server.js';
export { createApiToken } from './api-tokens.js';
