/**
 * Several worker "hosts" in network namespaces, reaching Redis and PostgreSQL across veth links;
 * one host is cut off mid-run and the run still completes with a local run's figures.
 * Only loopback and this test's own namespaces receive traffic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { isCi } from '../../testing/test-services.js';
import { repoRoot } from '../../testing/paths.js';
import { assertSameAsLocalRun, clusterScope, EIGHTEEN_TASKS, freePort, runCliAsync, storedResultCount, tempDir, writeShoppersSpec } from '../../testing/cli.js';

const HOSTS = 3;
const tag = String(process.pid % 10000);
const ns = (h: number): string => `ty${tag}h${h}`;
const veth = (h: number): string => `ty${tag}v${h}`; // root-side end; ≤ 15 chars
const rootIp = (h: number): string => `10.213.${h}.1`;
const hostIp = (h: number): string => `10.213.${h}.2`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

function namespacesAvailable(): string | null {
  try {
    ip('netns', 'add', `ty${tag}probe`);
    ip('netns', 'del', `ty${tag}probe`);
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

function setUpHosts(): void {
  for (let h = 1; h <= HOSTS; h++) {
    ip('netns', 'add', ns(h));
    ip('link', 'add', veth(h), 'type', 'veth', 'peer', 'name', `${veth(h)}p`);
    ip('link', 'set', `${veth(h)}p`, 'netns', ns(h));
    ip('addr', 'add', `${rootIp(h)}/30`, 'dev', veth(h));
    ip('link', 'set', veth(h), 'up');
    ip('netns', 'exec', ns(h), 'ip', 'addr', 'add', `${hostIp(h)}/30`, 'dev', `${veth(h)}p`);
    ip('netns', 'exec', ns(h), 'ip', 'link', 'set', `${veth(h)}p`, 'up');
    ip('netns', 'exec', ns(h), 'ip', 'link', 'set', 'lo', 'up');
  }
}

function tearDownHosts(): void {
  for (let h = 1; h <= HOSTS; h++) {
    try {
      // `ip netns exec` execs the worker, so its pid is the node process; kill anything left inside.
      const pids = execFileSync('ip', ['netns', 'pids', ns(h)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\s+/).filter(Boolean);
      for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* no such namespace */
    }
    try {
      ip('link', 'del', veth(h));
    } catch {
      /* already gone */
    }
    try {
      ip('netns', 'del', ns(h));
    } catch {
      /* already gone */
    }
  }
}

/** Forwards `listenHost:port` to PostgreSQL on loopback (the shared server only listens there). */
function pgProxy(hosts: string[], port: number, sockets: Set<Socket>): Server[] {
  return hosts.map((host) =>
    createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end);
      upstream.on('error', end);
    }).listen(port, host),
  );
}



test('workers on 3 namespaced hosts; one host cut off mid-run; the run completes correctly', async (t) => {
  const why = namespacesAvailable();
  if (why) {
    if (isCi()) throw new Error(`network namespaces are unavailable under CI=true (${why}); CI runs as root with iproute2`);
    t.skip(`network namespaces unavailable (${why}); run as root with iproute2 to test several hosts`);
    return;
  }
  const dir = tempDir();
  const scope = clusterScope();
  const redisPort = await freePort();
  const pgPort = await freePort();
  const workers: ChildProcess[] = [];
  let redis: ChildProcess | null = null;
  let proxies: Server[] = [];
  const sockets = new Set<Socket>();
  tearDownHosts();
  try {
    setUpHosts();
    const rootIps = Array.from({ length: HOSTS }, (_, i) => rootIp(i + 1));
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', ...rootIps, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
    proxies = pgProxy(rootIps, pgPort, sockets);
    await new Promise((r) => setTimeout(r, 300));
    for (let h = 1; h <= HOSTS; h++) {
      const store = `postgres://postgres@${rootIp(h)}:${pgPort}/test?schema=${scope.schema}`;
      workers.push(
        spawn('ip', ['netns', 'exec', ns(h), process.execPath, join(repoRoot, 'bin/trainyard.js'), 'worker', '--redis', `redis://${rootIp(h)}:${redisPort}`, '--store', store, '--queue', scope.queue, '--quiet'], { stdio: 'ignore' }),
      );
    }
    const specPath = writeShoppersSpec(dir, 'multihost', EIGHTEEN_TASKS);
    const started = Date.now();
    const run = runCliAsync(['run', specPath, '--cluster', `redis://127.0.0.1:${redisPort}`, '--queue', scope.queue, '--store', scope.store, '--out', join(dir, 'runs'), '--json', '--quiet']);
    for (let i = 0; i < 1200 && (await storedResultCount(scope.schema)) < 3; i++) await new Promise((r) => setTimeout(r, 50));
    ip('link', 'set', veth(1), 'down'); // host 1 is cut off
    const cluster = await run;
    t.diagnostic(`cluster run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(cluster.status, 0, cluster.stderr);
    assert.equal(await storedResultCount(scope.schema), 18);
    assertSameAsLocalRun(cluster, specPath, dir);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    redis?.kill('SIGKILL');
    for (const p of proxies) p.close();
    for (const so of sockets) so.destroy();
    tearDownHosts();
    await scope.cleanup().catch(() => undefined);
  }
});
