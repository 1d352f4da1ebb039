/**
 * Running specs through the API: `POST /runs` (a spec as JSON or YAML text → 202 {runId}), cancel,
 * the server-sent event stream of a run, and `POST /specs/validate`. The spec routes read their body
 * as text (their own content-type parsers, in an encapsulated plugin) so that a malformed JSON or
 * YAML body is an E_SPEC naming the line, parsed by the same code as a spec file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, SpecError, TrainyardError } from '../core/errors.js';
import { parseAnySpec } from '../experiment/spec/spec.js';
import { confineSpec } from './data-confinement.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';
import { runIdSchema } from './schemas.js';
import type { ServerContext } from './server-context.js';
import { requireRun } from './run-views.js';
import type { RunEvent } from './run-events.js';

/** Content types a spec body may have. */
export const SPEC_CONTENT_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

const idParams = { type: 'object', properties: { id: runIdSchema }, required: ['id'] } as const;

/** Parses and validates a spec body; JSON bodies are checked as JSON first for a JSON error message. */
function parseSpecBody(req: FastifyRequest, ctx: ServerContext): ReturnType<typeof parseAnySpec> {
  const text = typeof req.body === 'string' ? req.body : '';
  if (text.trim() === '') throw new SpecError('request body: empty; send the spec as JSON (application/json) or YAML (application/yaml)', { file: 'request body', path: '(top level)' });
  if (/json/.test(String(req.headers['content-type']))) {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new SpecError(`request body: invalid JSON: ${(e as Error).message}`, { file: 'request body', path: '(top level)' });
    }
  }
  return parseAnySpec(text, { name: 'request body', baseDir: ctx.policy.roots[0] ?? '/nonexistent' });
}

/** Registers submission, cancel, events and validation under `/api/v1`. */
export function registerRunSubmissionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { manager, store } = ctx;

  void app.register(async (specs) => {
    specs.removeAllContentTypeParsers();
    specs.addContentTypeParser(SPEC_CONTENT_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

    specs.post('/api/v1/runs', {
      config: { access: 'run' },
      schema: {
        summary: 'Submit a spec (JSON or YAML) to run on this server',
        tags: ['runs'],
        consumes: SPEC_CONTENT_TYPES,
        response: { 202: { type: 'object', properties: { runId: { type: 'string' } }, required: ['runId'] } },
      },
      handler: async (req, reply) => {
        const loaded = confineSpec(ctx.policy, parseSpecBody(req, ctx));
        const runId = manager.submit(loaded);
        req.log.info({ runId, name: loaded.spec.name, by: req.caller?.name }, 'run submitted');
        return reply.status(202).send({ runId });
      },
    });

    specs.post('/api/v1/specs/validate', {
      config: { access: 'run' },
      schema: {
        summary: 'Validate a spec (JSON or YAML) against the CLI schema and the data rules',
        tags: ['specs'],
        consumes: SPEC_CONTENT_TYPES,
        response: {
          200: {
            type: 'object',
            properties: {
              valid: { type: 'boolean' },
              task: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } }, required: ['path', 'message'] } },
            },
            required: ['valid'],
          },
        },
      },
      handler: async (req) => {
        try {
          const loaded = confineSpec(ctx.policy, parseSpecBody(req, ctx));
          return { valid: true, task: loaded.spec.task ?? null };
        } catch (e) {
          if (!(e instanceof TrainyardError) || !['E_SPEC', 'E_FORBIDDEN', 'E_DATA'].includes(e.code)) throw e;
          return { valid: false, errors: [{ path: String(e.details.path ?? '(top level)'), message: e.message, code: e.code }] };
        }
      },
    });
  });

  app.post<{ Params: { id: string } }>('/api/v1/runs/:id/cancel', {
    config: { access: 'run' },
    schema: { summary: 'Cancel a queued or running run (it ends interrupted)', tags: ['runs'], params: idParams, response: { 202: { type: 'object', properties: { runId: { type: 'string' }, status: { type: 'string' } }, required: ['runId', 'status'] } } },
    handler: async (req, reply) => {
      const { id } = req.params;
      const status = await manager.cancel(id);
      if (status) return reply.status(202).send({ runId: id, status });
      const run = await requireRun(store, manager, id);
      throw new ConflictError(
        run.status === 'running' ? `run '${id}' is not executed by this server; stop it where it runs` : `run '${id}' is already ${run.status}`,
        { runId: id, status: run.status },
      );
    },
  });

  app.get<{ Params: { id: string } }>('/api/v1/runs/:id/events', {
    config: { access: 'read' },
    schema: { summary: "A run's progress as server-sent events (status, stage, tasks, fold, epoch, end)", tags: ['runs'], params: idParams },
    handler: async (req, reply) => {
      const { id } = req.params;
      const managed = manager.get(id);
      if (!managed) await requireRun(store, manager, id); // 404 before the stream opens
      streamEvents(req, reply, ctx, id);
    },
  });
}

/** Opens the SSE stream of run `id`: the bus of a run executed here, else the store's status polled. */
function streamEvents(req: FastifyRequest, reply: FastifyReply, ctx: ServerContext, id: string): void {
  reply.hijack();
  const res = reply.raw;
  // Hijacked replies skip the onSend hooks: the security headers are set here.
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  res.write(': trainyard run events\n\n');
  let closed = false;
  const cleanups: (() => void)[] = [];
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const c of cleanups) c();
    ctx.streams.delete(close);
    res.end();
  };
  ctx.streams.add(close);
  const send = (e: RunEvent): void => {
    if (closed) return;
    res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    if (e.event === 'end') close();
  };
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.heartbeatMs);
  cleanups.push(() => clearInterval(heartbeat));
  req.raw.on('close', close);

  const managed = ctx.manager.get(id);
  if (managed) {
    cleanups.push(managed.bus.subscribe(send));
    return;
  }
  // A run this server does not execute (a CLI run, another server): its status, polled from the store.
  let last = '';
  const poll = async (): Promise<void> => {
    const run = await ctx.store.getRun(id).catch(() => null);
    if (closed) return;
    if (!run) return send({ event: 'end', data: { status: 'deleted' } });
    if (run.status !== last) send({ event: 'status', data: { status: run.status } });
    last = run.status;
    if (run.status !== 'running') send({ event: 'end', data: { status: run.status, ...(run.error ? { error: run.error } : {}) } });
  };
  void poll();
  const timer = setInterval(() => void poll(), 2000);
  cleanups.push(() => clearInterval(timer));
}
