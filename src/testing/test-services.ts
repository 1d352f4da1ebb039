/**
 * Test helper for integration tests against real services (PostgreSQL, MariaDB, Redis ...).
 *
 * Under `CI=true` a missing service is a failure — CI starts every service it needs, so "skipped"
 * there would hide a broken set-up. Elsewhere (a laptop without the service) the test is skipped
 * with a message naming the service.
 */
import net from 'node:net';
import type { TestContext } from 'node:test';

/** Whether the current run is CI (`CI=true`), where services must be reachable. */
export function isCi(): boolean {
  return process.env.CI === 'true';
}

/** Outcome of probing a service once. */
export interface ServiceStatus {
  readonly name: string;
  readonly ok: boolean;
  /** Why the probe failed ('' when ok). */
  readonly reason: string;
}

const cache = new Map<string, Promise<ServiceStatus>>();

/**
 * Probes a service once per process (cached by name), failing after `timeoutMs`.
 *
 * @example
 * const pg = await probeService('PostgreSQL', () => tcpProbe('127.0.0.1', 5432));
 */
export function probeService(name: string, probe: () => Promise<unknown>, timeoutMs = 3000): Promise<ServiceStatus> {
  let p = cache.get(name);
  if (!p) {
    p = withTimeout(probe(), timeoutMs).then(
      () => ({ name, ok: true, reason: '' }),
      (e: unknown) => ({ name, ok: false, reason: e instanceof Error ? e.message : String(e) }),
    );
    cache.set(name, p);
  }
  return p;
}

/**
 * Call at the start of an integration test: resolves true when the service answers. Otherwise
 * throws under `CI=true`, or skips the test (`t.skip`) with a message naming the service and
 * resolves false — the test should then return.
 *
 * @example
 * test('reads from PostgreSQL', async (t) => {
 *   if (!(await requireService(t, 'PostgreSQL', () => tcpProbe('127.0.0.1', 5432)))) return;
 *   ...
 * });
 */
export async function requireService(
  t: TestContext,
  name: string,
  probe: () => Promise<unknown>,
  timeoutMs = 3000,
): Promise<boolean> {
  const status = await probeService(name, probe, timeoutMs);
  if (status.ok) return true;
  if (isCi()) throw new Error(`${name} is unreachable under CI=true (${status.reason}); CI must start ${name} before the tests`);
  t.skip(`${name} unreachable (${status.reason}); start ${name} to run this test`);
  return false;
}

/** Resolves when a TCP connection to host:port opens (then closes it). */
export function tcpProbe(host: string, port: number, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
