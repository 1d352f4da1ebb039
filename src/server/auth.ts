/**
 * Who is calling and what they may do, checked before a request body is even read (an `onRequest`
 * hook). Each route declares the access it needs in its `config.access`; a route that declares
 * nothing needs `admin`, so a forgotten declaration fails closed.
 *
 * Credentials: `Authorization: Bearer TOKEN`, or the dashboard's session cookie. A state-changing
 * request that comes with the cookie must carry an Origin (or Referer) equal to the server's own
 * origin: a browser attaches cookies to cross-site requests (SameSite=Strict stops most, not a
 * sibling sub-domain), but it always says where the request came from. Bearer requests need no such
 * check — another site's script cannot set the header without CORS allowing it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, ForbiddenError } from '../core/errors.js';
import type { Store, TokenScope } from '../tracking/store.js';
import { hashToken, verifyToken } from './api-tokens.js';
import { readCookie, SESSION_COOKIE, type SessionStore } from './sessions.js';

/**
 * What a route needs: `public` (health, dashboard files, login), `any` (a valid token of any scope),
 * `read`, `model-read` (the registry: read, and the serving scope `predict`), `predict` (the serving
 * routes: scopes predict and admin), `run`, `admin`.
 */
export type Access = 'public' | 'any' | 'read' | 'model-read' | 'predict' | 'run' | 'admin';

/** The caller of a request, set by the auth hook. */
export interface Caller {
  name: string;
  scope: TokenScope;
  via: 'bearer' | 'cookie' | 'none';
  /** The session id, when the caller came with the cookie. */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Which accesses each scope grants (api.md: read ⊂ run ⊂ admin; predict reads the registry only). */
const GRANTS: Record<TokenScope, ReadonlySet<Access>> = {
  read: new Set<Access>(['public', 'any', 'read', 'model-read']),
  predict: new Set<Access>(['public', 'any', 'model-read', 'predict']),
  run: new Set<Access>(['public', 'any', 'read', 'model-read', 'run']),
  admin: new Set<Access>(['public', 'any', 'read', 'model-read', 'predict', 'run', 'admin']),
};

/** Whether a token of `scope` may use a route that needs `access`. */
export function grants(scope: TokenScope, access: Access): boolean {
  return GRANTS[scope].has(access);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Host names (port removed) that reach this machine's loopback only. */
const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Options of {@link authHook}. */
export interface AuthOptions {
  store: Store;
  sessions: SessionStore;
  /** `--insecure-no-auth`: every caller is an admin. */
  disabled: boolean;
  /** Origins besides the server's own that may send cookie requests (`--cors-origin`). */
  extraOrigins: readonly string[];
}

/** The origin the request was addressed to, as a browser on this server would send it. */
export function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${String(req.headers.host ?? '').toLowerCase()}`;
}

/** The Origin header, else the origin of the Referer, else null. */
function requestOrigin(req: FastifyRequest): string | null {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '' && origin !== 'null') return origin.toLowerCase();
  if (origin === 'null') return 'null';
  const referer = req.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin.toLowerCase();
    } catch {
      return 'invalid';
    }
  }
  return null;
}

/**
 * Refuses (E_FORBIDDEN) a request whose Origin/Referer is not the server's own (or an allowed extra
 * origin); a request with neither is refused too — every browser sends Origin on a cross-site POST.
 */
export function checkSameOrigin(req: FastifyRequest, extraOrigins: readonly string[]): void {
  const from = requestOrigin(req);
  const own = ownOrigin(req);
  if (from === own || (from !== null && extraOrigins.includes(from))) return;
  throw new ForbiddenError(`cross-site request refused: a ${req.method} with the session cookie must come from ${own} (Origin ${from ?? 'missing'}); use a Bearer token from scripts`, {
    rule: 'same-origin',
    origin: from,
  });
}

/** The `onRequest` hook that authenticates and authorises every request. */
export function authHook(o: AuthOptions): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (req) => {
    // An unknown route has no config: let it reach the 404 handler.
    if (req.routeOptions.url === undefined) return;
    const access: Access = req.routeOptions.config?.access ?? 'admin';
    if (access === 'public') return;
    if (o.disabled) {
      // Without auth, the Host must name the loopback too: a web page on a domain that an attacker
      // re-points at 127.0.0.1 (DNS rebinding) is same-origin with itself and would reach this API.
      const host = String(req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!LOOPBACK_NAMES.test(host)) {
        throw new ForbiddenError(`Host '${host}' refused: with --insecure-no-auth only http://127.0.0.1, http://localhost or http://[::1] may call this server`, { rule: 'loopback-host', host });
      }
      req.caller = { name: 'insecure-no-auth', scope: 'admin', via: 'none' };
      return;
    }
    req.caller = await identify(req, o);
    if (req.caller.via === 'cookie' && !SAFE_METHODS.has(req.method)) checkSameOrigin(req, o.extraOrigins);
    if (!grants(req.caller.scope, access)) {
      throw new ForbiddenError(`token '${req.caller.name}' has scope '${req.caller.scope}'; ${req.method} ${req.routeOptions.url} needs ${access === 'model-read' ? 'read or predict' : access}`, {
        rule: 'scope',
        scope: req.caller.scope,
        needs: access,
      });
    }
  };
}

/** The caller behind a request's bearer token or session cookie (E_AUTH without valid credentials). */
async function identify(req: FastifyRequest, o: AuthOptions): Promise<Caller> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer ([^\s]+)$/i.exec(header);
    if (!m) throw new AuthError('malformed Authorization header; send "Authorization: Bearer TOKEN"', { rule: 'bearer' });
    const rec = await verifyToken(o.store, m[1]);
    if (!rec) throw new AuthError('unknown or revoked token', { rule: 'token' });
    return { name: rec.name, scope: rec.scope, via: 'bearer' };
  }
  const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (sid) {
    const session = o.sessions.get(sid);
    // Re-checked in the store on every request: a revoked token's session dies at once.
    const rec = session ? await o.store.findToken(session.tokenHash) : null;
    if (!rec) {
      if (session) o.sessions.delete(sid);
      throw new AuthError('session expired or its token was revoked; log in again', { rule: 'session' });
    }
    return { name: rec.name, scope: rec.scope, via: 'cookie', sessionId: sid };
  }
  throw new AuthError('authentication required: send "Authorization: Bearer TOKEN" (create one with `trainyard token create`) or log in', { rule: 'credentials' });
}

