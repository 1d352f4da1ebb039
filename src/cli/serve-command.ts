/** `trainyard serve`: the tracking server with the dashboard, the registry and run submission. */
import type { Command } from 'commander';
import { DEFAULT_QUEUE } from '../execution/cluster-protocol.js';
import { fractionOption, intOption } from './options.js';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

/** A process forked by `serve --processes` (the role is set by the primary). */
const isServeWorker = (): boolean => cluster.isWorker && process.env.TRAINYARD_SERVE_ROLE !== undefined;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface ServeFlags {
  store: string;
  host: string;
  port: number;
  dataRoot?: string[];
  allowDb?: string[];
  workers?: number;
  cluster?: string;
  queue: string;
  maxPending: number;
  out: string;
  insecureNoAuth?: boolean;
  corsOrigin?: string;
  processes?: number;
  logPredictions: number;
}

/** Adds `serve` to `program`. */
export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the tracking server: REST API under /api/v1, the dashboard at /, run submission (auth on by default)')
    .option('--store <location>', 'tracking store: SQLite file or postgres:// URL', 'trainyard.db')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'TCP port (0: any free port)', intOption('--port', { min: 0, max: 65535 }), 8080)
    .option('--data-root <dir>', 'folder submitted specs may read files from (repeatable; relative sources resolve against the first)', collect)
    .option('--allow-db <url>', 'database (postgres://HOST:PORT/DB, mysql://…) submitted specs may read from (repeatable)', collect)
    .option('--workers <n>', 'worker threads per run (default: all cores)', intOption('--workers', { min: 1, max: 1024 }))
    .option('--cluster <redis-url>', 'run tasks on `trainyard worker` processes through this Redis')
    .option('--queue <name>', 'queue name with --cluster', DEFAULT_QUEUE)
    .option('--max-pending <n>', 'submitted runs that may wait; more are refused with 503', intOption('--max-pending', { min: 1, max: 10_000 }), 16)
    .option('--out <dir>', "folder for the runs' models and reports", 'runs')
    .option('--insecure-no-auth', 'no authentication (only with a loopback --host)')
    .option('--cors-origin <origin>', 'an origin allowed to call the API from a browser')
    .option('--processes <n>', 'processes sharing the port; all answer predictions, one runs the rest of the API (default: all cores)', intOption('--processes', { min: 1, max: 1024 }))
    .option('--log-predictions <rate>', 'fraction (0–1) of served predictions and recommendations kept in the store with their answers, for evaluation against outcomes', fractionOption('--log-predictions'), 0)
    .action(async (o: ServeFlags) => {
      const options = {
        store: o.store,
        host: o.host,
        port: o.port,
        dataRoots: o.dataRoot ?? [],
        allowDb: o.allowDb ?? [],
        workers: o.workers,
        cluster: o.cluster,
        queue: o.queue,
        maxPending: o.maxPending,
        outDir: o.out,
        insecureNoAuth: o.insecureNoAuth,
        corsOrigin: o.corsOrigin,
        serving: { logPredictions: o.logPredictions },
      };
      const processes = o.processes ?? availableParallelism();
      if (processes > 1 || isServeWorker()) {
        // serve --processes (issue 16): this is the primary or one of its processes.
        const { runServeCluster, runServeWorker } = await import('../server/serving/serve-cluster.js');
        if (isServeWorker()) return runServeWorker(options);
        return runServeCluster({
          ...options,
          processes,
          onListening: (url) => process.stderr.write(`trainyard serve: listening on ${url} (${processes} processes; store ${o.store})\n`),
        });
      }
      const { startServer } = await import('../server/server.js');
      const { url, closed } = await startServer(options);
      process.stderr.write(`trainyard serve: listening on ${url} (store ${o.store})\n`);
      await closed;
    });
}
