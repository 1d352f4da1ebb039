/**
 * `trainyard serve --processes N` (node:cluster): N processes share the port. The first is the API
 * process — the whole server, as with one process, plus a private Unix socket the others forward
 * non-serving requests to (api-forwarding.ts); the others answer the serving routes themselves.
 *
 * The primary starts the API process first (it migrates the store; N processes migrating at once
 * would race), then the rest; it restarts a process that dies (with a growing delay when one keeps
 * dying), and on SIGTERM/SIGINT tells each to shut down gracefully — stop accepting, finish the
 * requests in flight, interrupt the runs it executes — and exits when all have.
 *
 * /metrics is answered by the API process; its serving series are summed over every process (the
 * primary gathers each one's lines over IPC).
 */
import cluster, { type Worker } from 'node:cluster';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerOptions } from '../server.js';

/** Options of {@link runServeCluster}. */
export interface ServeClusterOptions extends ServerOptions {
  port?: number;
  /** Processes sharing the port (≥ 2). */
  processes: number;
  /** Called once every process listens. */
  onListening?: (url: string) => void;
  /** Grace period of a shutdown before a process is killed (default 35 s). */
  shutdownTimeoutMs?: number;
}

type Role = 'api' | 'serving';
const ROLE_ENV = 'TRAINYARD_SERVE_ROLE';
const SOCKET_ENV = 'TRAINYARD_SERVE_SOCKET';

interface MetricsMessage {
  ty: 'metrics-request' | 'metrics-collect' | 'metrics-part' | 'metrics-result' | 'shutdown';
  id: number;
  /** shutdown: the signal the primary received (the runs' interruption reason). */
  signal?: NodeJS.Signals;
  text?: string;
  texts?: string[];
}

/** Whether this process is a worker of `serve --processes`. */
export function isServeWorker(): boolean {
  return cluster.isWorker && process.env[ROLE_ENV] !== undefined;
}

/**
 * The primary: forks the processes, restarts crashed ones, shuts all down on SIGTERM/SIGINT.
 * Resolves when every process has exited after a shutdown.
 */
export async function runServeCluster(o: ServeClusterOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-serve-')); // 0700: only this user reaches the socket
  const socket = join(dir, 'api.sock');
  const roles = new Map<Worker, Role>();
  let stopping = false;
  let crashes: number[] = [];
  let printed = false;
  let nextId = 0;
  const pending = new Map<number, { requester: Worker; requestId: number; texts: string[]; waiting: number; timer: NodeJS.Timeout }>();

  /** Sends the requester what came (all processes, or those that answered within 1 s). */
  const finishCollect = (id: number): void => {
    const p = pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(id);
    if (p.requester.isConnected()) p.requester.send({ ty: 'metrics-result', id: p.requestId, texts: p.texts } satisfies MetricsMessage);
  };

  const fork = (role: Role): Worker => {
    const w = cluster.fork({ [ROLE_ENV]: role, [SOCKET_ENV]: socket });
    roles.set(w, role);
    w.on('message', (m: MetricsMessage) => {
      if (m?.ty === 'metrics-request') {
        const id = nextId++;
        const live = [...roles.keys()].filter((x) => x.isConnected());
        pending.set(id, { requester: w, requestId: m.id, texts: [], waiting: live.length, timer: setTimeout(() => finishCollect(id), 1000) });
        for (const x of live) x.send({ ty: 'metrics-collect', id } satisfies MetricsMessage);
      } else if (m?.ty === 'metrics-part') {
        const p = pending.get(m.id);
        if (!p) return;
        p.texts.push(m.text ?? '');
        if (--p.waiting === 0) finishCollect(m.id);
      }
    });
    return w;
  };

  const listening = new Promise<string>((resolve) => {
    cluster.on('listening', (w, address) => {
      if (roles.get(w) === 'api' && !printed) {
        printed = true;
        const host = o.host ?? '127.0.0.1';
        resolve(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${address.port}`);
      }
    });
  });

  cluster.on('exit', (w, code, signal) => {
    const role = roles.get(w);
    roles.delete(w);
    if (stopping || role === undefined) return;
    // A crash: restart it, waiting longer when processes keep dying (5 in a minute: 5 s).
    const now = Date.now();
    crashes = [...crashes.filter((t) => now - t < 60_000), now];
    const delay = crashes.length >= 5 ? 5000 : 100;
    process.stderr.write(`trainyard serve: the ${role} process ${w.process.pid} exited (${signal ?? `code ${code}`}); starting a new one in ${delay} ms\n`);
    setTimeout(() => {
      if (!stopping) fork(role);
    }, delay).unref();
  });

  const api = fork('api');
  // The API process failing to start (bad options, a store it cannot open) has said why on stderr;
  // the primary exits with its status instead of restarting it forever.
  const early = new Promise<number>((resolve) => api.once('exit', (code) => resolve(code ?? 1)));
  stopping = true;
  const started = await Promise.race([listening, early]);
  if (typeof started === 'number') {
    rmSync(dir, { recursive: true, force: true });
    process.exit(started || 1); // main() would report success for a returned action
  }
  stopping = false;
  const url = started;
  for (let i = 1; i < o.processes; i++) fork('serving');
  o.onListening?.(url);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        // A second signal: the operator does not want to wait.
        for (const w of roles.keys()) w.process.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      stopping = true;
      process.stderr.write(`trainyard serve: ${signal}: shutting down ${roles.size} processes (finishing requests, interrupting runs)\n`);
      const alive = [...roles.keys()];
      let left = alive.length;
      if (left === 0) resolve();
      const killer = setTimeout(() => alive.forEach((w) => w.process.kill('SIGKILL')), o.shutdownTimeoutMs ?? 35_000);
      killer.unref();
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) {
            clearTimeout(killer);
            resolve();
          }
        });
        // Over IPC, not a signal: a Ctrl-C reaches the processes too (one process group), and a
        // signal from both would count as the second one that means "exit at once".
        w.send({ ty: 'shutdown', id: 0, signal } satisfies MetricsMessage);
      }
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  rmSync(dir, { recursive: true, force: true });
}

/** A worker: builds and starts the server in its role; exits when it has shut down. */
export async function runServeWorker(o: ServerOptions & { port?: number }): Promise<void> {
  const role = process.env[ROLE_ENV] as Role;
  const socket = process.env[SOCKET_ENV]!;
  // Listening from the first moment: a shutdown can arrive while the server is still starting.
  let shutdown: NodeJS.Signals | null = null;
  let onShutdown: ((signal: NodeJS.Signals) => void) | null = null;
  let onMessage: ((m: MetricsMessage) => void) | null = null;
  process.on('message', (m: MetricsMessage) => {
    if (m?.ty === 'shutdown') {
      shutdown ??= m.signal ?? 'SIGTERM';
      onShutdown?.(shutdown);
    } else onMessage?.(m);
  });
  const { startServer } = await import('../server.js');
  let running;
  try {
    running = await startServer(role === 'api' ? { ...o, trustUnixSocketPeers: true } : { ...o, forwardApi: socket });
  } catch (e) {
    // The CLI reports the error and sets the exit status (all in microtasks); then exit with it, as
    // the IPC channel would keep the process alive (and disconnecting exits with 0 in a worker).
    setTimeout(() => process.exit(), 0);
    throw e;
  }
  const { app } = running;
  // The primary decides when to shut down (a 'shutdown' message): signals sent to the whole process
  // group (Ctrl-C) are left to it, and those startServer installed are replaced by no-ops.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => undefined);
  }

  let privateServer: ReturnType<typeof createServer> | undefined;
  if (role === 'api' && shutdown === null) {
    try {
      unlinkSync(socket); // a socket file left by an API process that crashed
    } catch {
      /* none */
    }
    privateServer = createServer((req, res) => app.routing(req, res));
    await new Promise<void>((resolve, reject) => privateServer!.once('error', reject).listen({ path: socket, exclusive: true }, resolve));
  }
  const closePrivate = (): void => {
    privateServer?.close();
    privateServer?.closeIdleConnections();
  };

  // Metrics: answer the primary's collection with this process's lines; the API process asks for all.
  let nextId = 0;
  const waiting = new Map<number, (texts: string[]) => void>();
  onMessage = (m) => {
    if (m?.ty === 'metrics-collect') process.send?.({ ty: 'metrics-part', id: m.id, text: app.serving.metricsText() } satisfies MetricsMessage);
    else if (m?.ty === 'metrics-result') {
      waiting.get(m.id)?.(m.texts ?? []);
      waiting.delete(m.id);
    }
  };
  app.serving.aggregate = (local) =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(local);
      }, 2000);
      waiting.set(id, (texts) => {
        clearTimeout(timer);
        resolve(sumExposition(texts.length ? texts : [local]));
      });
      process.send?.({ ty: 'metrics-request', id } satisfies MetricsMessage);
    });

  let closing = false;
  onShutdown = (signal) => {
    if (closing) return;
    closing = true;
    closePrivate();
    // Connections that turn idle after close() began (a forwarded event stream the API process ends
    // in its own shutdown) would otherwise wait out the 72 s keep-alive timeout.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    // As startServer does on a signal: runs interrupted with the signal's name as the reason, then close.
    void app.runManager.shutdown(signal).finally(() => app.close());
  };
  if (shutdown !== null) onShutdown(shutdown);

  await running.closed;
  closePrivate();
  if (privateServer) {
    // Let forwarded answers finish flushing (an event stream the shutdown just ended) before exiting.
    const server = privateServer;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      server.once('close', () => (clearTimeout(timer), resolve()));
      server.closeIdleConnections();
      const again = setInterval(() => server.closeIdleConnections(), 50);
      timer.unref();
      again.unref();
    });
  }
  // The IPC channel would keep the process alive.
  process.disconnect?.();
  process.exit(0);
}

/**
 * Sums Prometheus exposition texts of the same families (one per process): samples with the same
 * name and labels are added, HELP/TYPE lines kept once, in first-seen order.
 *
 * @example
 * sumExposition(['# TYPE a counter\na{m="x"} 2\n', '# TYPE a counter\na{m="x"} 3\n']); // '# TYPE a counter\na{m="x"} 5\n'
 */
export function sumExposition(texts: string[]): string {
  // Family by family (a family's samples must follow its HELP/TYPE lines), samples in first-seen order.
  const families = new Map<string, { meta: string[]; samples: Map<string, number> }>();
  for (const t of texts) {
    let family = '';
    for (const line of t.split('\n')) {
      if (line === '') continue;
      const m = /^# (?:HELP|TYPE) (\S+)/.exec(line);
      if (m) family = m[1];
      let f = families.get(family);
      if (!f) families.set(family, (f = { meta: [], samples: new Map() }));
      if (line.startsWith('#')) {
        if (!f.meta.includes(line)) f.meta.push(line);
        continue;
      }
      const at = line.lastIndexOf(' ');
      const key = line.slice(0, at);
      f.samples.set(key, (f.samples.get(key) ?? 0) + Number(line.slice(at + 1)));
    }
  }
  const out: string[] = [];
  for (const f of families.values()) {
    out.push(...f.meta);
    for (const [key, v] of f.samples) out.push(`${key} ${v}`);
  }
  return `${out.join('\n')}\n`;
}
