/**
 * `trainyard serve --processes N`: every process answers the serving routes, but the rest of the API
 * keeps state in one process — the runs it executes (progress, cancel, event streams), the dashboard's
 * sessions, the HTTP counters. So a serving process forwards every other request, unchanged, to the
 * API process over a private Unix socket (in a 0700 folder), as a reverse proxy would, with the
 * client's address in X-Forwarded-For; the API process trusts that header only from the socket
 * (`trustProxy`: peers without an address), never from a TCP client.
 *
 * Runs first among the `onRequest` hooks (before rate limits and auth): the API process applies both.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Routes every process answers itself: the serving routes and liveness. */
export const LOCAL_ROUTES: ReadonlySet<string> = new Set([
  '/api/v1/models/:name/predict',
  '/api/v1/models/:name/versions/:n/predict',
  '/api/v1/models/:name/recommend',
  '/api/v1/models/:name/versions/:n/recommend',
  '/api/v1/health',
]);

/** Hop-by-hop headers (RFC 9110 §7.6.1): never forwarded. */
const HOP = ['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer', 'x-forwarded-host'];

function strip(h: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...h };
  for (const k of HOP) delete out[k];
  return out;
}

/** `trustProxy` of the API process: trust X-Forwarded-* only from a peer without an address (the Unix socket). */
export function trustUnixSocketPeer(address: string | undefined): boolean {
  return address === undefined || address === '';
}

/**
 * The `onRequest` hook of a serving process: requests for routes outside {@link LOCAL_ROUTES} (and
 * unknown routes, whose 404 the API process gives) are streamed to `socketPath` and the answer
 * streamed back — event streams included.
 */
export function forwardingHook(socketPath: string): (req: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (req, reply, done) => {
    const url = req.routeOptions.url;
    if (url !== undefined && LOCAL_ROUTES.has(url)) return done();
    reply.hijack();
    const res = reply.raw;
    const headers = { ...strip(req.headers), 'x-forwarded-for': req.ip, 'x-forwarded-proto': req.protocol };
    const up = request({ socketPath, method: req.method, path: req.raw.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, strip(answer.headers));
      answer.pipe(res);
      // The API process went away mid-answer (a crash, a restart): end the client's answer too, never leave it hanging.
      answer.on('close', () => {
        if (!answer.complete) res.destroy();
      });
    });
    up.on('error', (e) => {
      if (!res.headersSent) {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'E_UNAVAILABLE', message: 'the API process of this server is (re)starting; retry shortly', details: { cause: (e as NodeJS.ErrnoException).code ?? 'unknown' } } }));
      } else res.destroy();
    });
    // A client that goes away (an event stream closed) ends the forwarded request too.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.raw.pipe(up);
  };
}
