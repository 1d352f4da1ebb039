/**
 * One error shape for every failure the API returns — `{ error: { code, message, details } }` — and
 * the HTTP status of each trainyard error code (docs: /work/plan/api.md). Fastify's own errors
 * (schema validation, a body too large, a rate limit, an unknown route) are mapped into the same shape
 * so that a client branches on `error.code` only, as the CLI's callers branch on the exit status.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { TrainyardError, type ErrorCode } from '../core/errors.js';

/** HTTP status per trainyard error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  E_NOT_FOUND: 404,
  E_CONFLICT: 409,
  E_AUTH: 401,
  E_FORBIDDEN: 403,
  E_SPEC: 400,
  E_INVALID_PARAM: 400,
  E_DATA: 400,
  E_SHAPE: 400,
  E_MODEL_FILE: 400,
  E_NOT_FITTED: 400,
  E_STORE: 503,
  E_IO: 500,
  E_INTERNAL: 500,
};

/**
 * Codes of HTTP-only failures, which are not trainyard error codes (nothing outside the server raises
 * them): a rate limit, a body over the limit, a content type no route reads, a full run queue.
 */
export type HttpOnlyCode = 'E_RATE_LIMITED' | 'E_PAYLOAD_TOO_LARGE' | 'E_UNSUPPORTED_MEDIA_TYPE' | 'E_QUEUE_FULL';

/** An error the server raises with an HTTP status of its own (429, 413, 415, 503). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpOnlyCode | ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** JSON schema of {@link ErrorBody}, for the OpenAPI document. */
export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

/** The status and body of any thrown value. Unknown errors become E_INTERNAL without their internals. */
export function toErrorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof TrainyardError) return { status: HTTP_STATUS[e.code] ?? 500, body: { error: { code: e.code, message: e.message, details: e.details } } };
  if (e instanceof HttpError) return { status: e.statusCode, body: { error: { code: e.code, message: e.message, details: e.details } } };
  const f = e as Partial<FastifyError> & { validation?: unknown[]; validationContext?: string };
  if (f && Array.isArray(f.validation)) {
    return { status: 400, body: { error: { code: 'E_INVALID_PARAM', message: f.message ?? 'invalid request', details: { in: f.validationContext, validation: f.validation } } } };
  }
  const status = typeof f?.statusCode === 'number' ? f.statusCode : 500;
  const code =
    status === 413 ? 'E_PAYLOAD_TOO_LARGE'
    : status === 429 ? 'E_RATE_LIMITED'
    : status === 415 ? 'E_UNSUPPORTED_MEDIA_TYPE'
    : status === 404 ? 'E_NOT_FOUND'
    : status >= 400 && status < 500 ? 'E_INVALID_PARAM'
    : 'E_INTERNAL';
  // A 5xx that is not ours says nothing about its internals to the client (the log has the stack).
  const message = status >= 500 ? 'internal error; see the server log' : (f?.message ?? 'bad request');
  return { status: status >= 400 && status < 600 ? status : 500, body: { error: { code, message, details: f?.code ? { fastify: f.code } : {} } } };
}

/**
 * Installs the central error and not-found handlers on `app`.
 *
 * @example
 * installErrorHandlers(app);
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.error.code }, body.error.message);
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'E_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: {} } });
  });
}
