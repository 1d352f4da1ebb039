/**
 * API tokens: `ty_` + 32 random bytes in base64url, shown once when created. The store keeps only the
 * token's sha256 (hex), so a leaked store does not leak usable tokens; a presented token is hashed and
 * looked up (`findToken`), which also answers "revoked?" on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { InvalidParamError } from '../core/errors.js';
import type { Store, TokenRecord, TokenScope } from '../tracking/store.js';

/** The scopes a token can have, from least to most. */
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'predict', 'run', 'admin'];

/** Token names: what `token revoke NAME` takes. */
const TOKEN_NAME = /^[A-Za-z0-9][\w.@-]{0,63}$/;

/** Hex sha256 of a token: what the store keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `s` has the shape of a trainyard token (saves a store lookup for garbage). */
export function looksLikeToken(s: string): boolean {
  return /^ty_[A-Za-z0-9_-]{43}$/.test(s);
}

/**
 * Creates a token `name` with `scope` and returns it — the only time it exists in clear.
 *
 * @example
 * const token = await createApiToken(store, 'ci', 'run'); // 'ty_…'
 */
export async function createApiToken(store: Store, name: string, scope: string): Promise<string> {
  if (!TOKEN_NAME.test(name)) {
    throw new InvalidParamError(`token name ${JSON.stringify(name)}: use 1-64 letters, digits, '.', '_', '@' or '-' (starting with a letter or digit)`, { name });
  }
  if (!(TOKEN_SCOPES as readonly string[]).includes(scope)) {
    throw new InvalidParamError(`token scope ${JSON.stringify(scope)}: use one of ${TOKEN_SCOPES.join(', ')}`, { scope });
  }
  const token = `ty_${randomBytes(32).toString('base64url')}`;
  await store.createToken({ name, scope: scope as TokenScope, hash: hashToken(token), createdAt: new Date().toISOString() });
  return token;
}

/** The valid token record behind `token`, or null (unknown, revoked or malformed). */
export async function verifyToken(store: Store, token: string): Promise<TokenRecord | null> {
  if (!looksLikeToken(token)) return null;
  return store.findToken(hashToken(token));
}
