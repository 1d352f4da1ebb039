/**
 * Recommendations for a batch of users (the serving path's `POST …/recommend`): the same lists as
 * `trainyard recommend` gives for each user one by one (LoadedRecommender.recommend), with the batch
 * checked before any work — a bad user id or k is E_INVALID_PARAM naming its 1-based position.
 *
 * ```ts
 * const lists = recommendBatch(rec, ['196', 186, 'new-user'], { k: 10 });
 * lists[2].fallback; // 'popularity': unknown users get the most popular items
 * ```
 */
import { InvalidParamError } from '../../core/errors.js';
import type { LoadedRecommender, Recommendation, RecommendOptions } from './recommender-bundle.js';

/** Users one batch takes at most. */
export const MAX_BATCH_USERS = 1000;
/** The largest k a caller may ask for. */
export const MAX_K = 1000;

/** Checks `k` (a whole number 1..MAX_K) and returns it. */
export function checkK(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new InvalidParamError(`k must be a whole number from 1 to ${MAX_K}, got ${JSON.stringify(k)}`, { param: 'k', value: k });
  }
  return k;
}

/** Checks one user id (a non-empty string of at most 256 characters, or a finite number). */
export function checkUserId(u: unknown, at?: number): string | number {
  const where = at === undefined ? 'user' : `users[${at}] (user ${at + 1})`;
  if (typeof u === 'number' && Number.isFinite(u)) return u;
  if (typeof u === 'string' && u.length > 0 && u.length <= 256) return u;
  throw new InvalidParamError(`${where} must be a user id (a non-empty string of at most 256 characters, or a number), got ${JSON.stringify(u)?.slice(0, 60) ?? String(u)}`, {
    param: 'users',
    ...(at === undefined ? {} : { index: at, row: at + 1 }),
  });
}

/**
 * Top-k lists for every user of `users` (at most {@link MAX_BATCH_USERS}), in order.
 *
 * @example
 * recommendBatch(rec, ['196'], { k: 5, excludeSeen: false })[0].items.length; // 5
 */
export function recommendBatch(rec: LoadedRecommender, users: unknown, options: RecommendOptions = {}): Recommendation[] {
  if (!Array.isArray(users) || users.length === 0) throw new InvalidParamError(`'users' must be a non-empty array of user ids, got ${Array.isArray(users) ? 'an empty array' : typeof users}`, { param: 'users' });
  if (users.length > MAX_BATCH_USERS) throw new InvalidParamError(`${users.length} users; send at most ${MAX_BATCH_USERS} per request`, { param: 'users', count: users.length, max: MAX_BATCH_USERS });
  const ids = users.map((u, i) => checkUserId(u, i));
  const k = checkK(options.k ?? 10);
  return ids.map((u) => rec.recommend(u, { k, excludeSeen: options.excludeSeen }));
}
