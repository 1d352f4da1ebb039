/**
 * Headers every response carries. The CSP allows only the server's own scripts and styles (the
 * dashboard ships no inline script), `data:` images (charts rendered to PNG), and no framing;
 * artifacts additionally get `sandbox`, so a report.html opened from the API cannot run script on
 * the server's origin.
 */
import type { FastifyInstance } from 'fastify';

/** The dashboard's Content-Security-Policy. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Adds the security headers to every response, errors and 404s included (an `onSend` hook runs for
 * all of them); and, with `corsOrigin`, the CORS headers for that one origin.
 *
 * @example
 * installSecurityHeaders(app, undefined);
 */
export function installSecurityHeaders(app: FastifyInstance, corsOrigin: string | undefined): void {
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(HEADERS)) if (!reply.hasHeader(k)) void reply.header(k, v);
    if (corsOrigin && req.headers.origin?.toLowerCase() === corsOrigin) {
      void reply.header('access-control-allow-origin', corsOrigin);
      void reply.header('vary', 'Origin');
      void reply.header('access-control-allow-headers', 'authorization, content-type');
      void reply.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    }
    return payload;
  });
  if (corsOrigin) {
    // Browsers ask before a cross-origin request with an Authorization header (a CORS preflight).
    app.options('/api/*', { config: { access: 'public' } }, async (req, reply) => {
      if (req.headers.origin?.toLowerCase() !== corsOrigin) return reply.status(204).send();
      return reply.status(204).header('access-control-max-age', '600').send();
    });
  }
}
