/**
 * Redis connections for the cluster executor. BullMQ retries a lost connection forever, which is
 * right once a run is going but turns a typo'd URL into a silent hang — so every entry point first
 * probes the server with a short timeout and fails with a clear `E_IO` error.
 */
import { Redis } from 'ioredis';
import { IoError } from '../core/errors.js';

/** Default time to wait for a Redis server before giving up. */
export const REDIS_PROBE_TIMEOUT_MS = 3000;

/** `redis://user:pass@host:port/db` with the password hidden, for messages. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** Resolves when `url` answers PING; otherwise an `E_IO` error naming the server and what to do. */
export async function probeRedis(url: string, timeoutMs = REDIS_PROBE_TIMEOUT_MS): Promise<void> {
  if (!/^rediss?:\/\//.test(url)) {
    throw new IoError(`'${redactRedisUrl(url)}' is not a Redis URL; use redis://HOST:6379`, { url: redactRedisUrl(url) });
  }
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new IoError(
      `cannot reach Redis at ${redactRedisUrl(url)}: ${(e as Error).message}; start redis-server there or pass the right --cluster/--redis URL`,
      { url: redactRedisUrl(url) },
    );
  } finally {
    client.disconnect();
  }
}

/**
 * `p`'s value, or null when it fails or takes longer than `ms`: a Redis that is away must cost a
 * caller that has a fallback (the store, a timer) only time, never a hang.
 */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([p.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** BullMQ connection options for `url` (BullMQ workers need `maxRetriesPerRequest: null`). */
export function bullConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}
