/**
 * Dashboard sessions: a random id (the `trainyard_session` cookie) standing for a token's hash, kept
 * in this process only. The token itself never lives in the browser's script-reachable storage, and
 * the hash is re-checked against the store on every request, so revoking the token ends its sessions.
 */
import { randomBytes } from 'node:crypto';

/** The session cookie's name. */
export const SESSION_COOKIE = 'trainyard_session';

/** What a session stands for. */
export interface Session {
  tokenHash: string;
  /** Epoch ms after which the session is gone. */
  expires: number;
}

/** Options of {@link SessionStore}. */
export interface SessionStoreOptions {
  /** How long a session lasts (default 12 h). */
  ttlMs?: number;
  /** Sessions kept at most; the oldest go first (default 10,000) — a login flood cannot fill memory. */
  max?: number;
}

/** In-memory sessions, expiring. */
export class SessionStore {
  private readonly byId = new Map<string, Session>();
  readonly ttlMs: number;
  private readonly max: number;

  constructor(options: SessionStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 12 * 3600_000;
    this.max = options.max ?? 10_000;
  }

  /** Opens a session for a token's hash and returns its id (32 random bytes, base64url). */
  create(tokenHash: string, now = Date.now()): string {
    if (this.byId.size >= this.max) this.sweep(now);
    while (this.byId.size >= this.max) this.byId.delete(this.byId.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    this.byId.set(id, { tokenHash, expires: now + this.ttlMs });
    return id;
  }

  /** The live session `id` names, or null. */
  get(id: string, now = Date.now()): Session | null {
    const s = this.byId.get(id);
    if (!s) return null;
    if (s.expires <= now) {
      this.byId.delete(id);
      return null;
    }
    return s;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, s] of this.byId) if (s.expires <= now) this.byId.delete(id);
  }
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value for the session (HttpOnly, SameSite=Strict, Path=/, Secure over https). */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** A Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
