/** What the route modules share: the store, the run manager, the data policy and the server's counters. */
import type { ClusterStatusReader } from '../execution/cluster-status.js';
import type { Store } from '../tracking/store.js';
import type { DataPolicy } from './data-confinement.js';
import type { HttpMetrics } from './http-metrics.js';
import type { OpenApiCollector } from './openapi.js';
import type { RunManager } from './run-manager.js';
import type { SessionStore } from './sessions.js';

export interface ServerContext {
  store: Store;
  manager: RunManager;
  policy: DataPolicy;
  sessions: SessionStore;
  metrics: HttpMetrics;
  openapi: OpenApiCollector;
  /** Origins besides the server's own allowed to send cookie requests (`--cors-origin`). */
  extraOrigins: readonly string[];
  /** Local mode: the worker threads per run; cluster mode: the queue and its reader. */
  execution: { mode: 'local'; workers: number } | { mode: 'cluster'; queue: string; reader: () => ClusterStatusReader };
  /** Open SSE streams, ended when the server closes. */
  streams: Set<() => void>;
  /** Milliseconds between SSE heartbeat comments. */
  heartbeatMs: number;
  /** Prometheus lines of the serving routes (issue 16), appended to /metrics once they are registered. */
  servingMetrics?: () => Promise<string>;
  /** The login route's rate limit. */
  loginRateLimit: { max: number; timeWindow: number };
}
