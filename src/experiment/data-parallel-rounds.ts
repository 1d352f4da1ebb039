/**
 * The round trip every data-parallel fit repeats (logistic regression, MLP, gradient boosting): the
 * training rows are cut into partitions stored as content-addressed blobs in the store (cached on
 * each worker's disk); per round the coordinator sends one small task per partition through BullMQ,
 * every worker computes its partition's partial result (gradient, histograms) and the coordinator
 * reads the partials back **in partition order**, so whatever worker answered, the combined result is
 * the same — Spark MLlib's `treeAggregate` and XGBoost's allreduce in coordinator form.
 *
 * Bulky values do not travel inside jobs: BullMQ copies a job's data and return value into its job
 * hash and event stream, which keeps thousands of them. Per-round inputs (weights) are *broadcast*
 * once to a Redis key that every task names, and each partial result is written by its worker to a
 * per-task Redis key that the coordinator reads and deletes; both carry a TTL in case a coordinator
 * dies mid-fit. Jobs themselves stay a few hundred bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { DataError, TrainyardError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { encodeModel } from '../core/model-file.js';
import { DEFAULT_QUEUE, jobId, type ClusterJob } from '../execution/cluster-protocol.js';
import { bullConnection, probeRedis } from '../execution/redis-connection.js';
import type { Store } from '../tracking/store.js';
import { TRAINYARD_VERSION } from '../version.js';

/** Where a data-parallel fit runs: the Redis of the workers, the store they read blobs from. */
export interface DataParallelOptions {
  redisUrl: string;
  store: Store;
  /** Number of row partitions (e.g. one per worker). */
  partitions: number;
  /** Names the jobs; any unique string (e.g. the run id). */
  runId: string;
  /** BullMQ queue the workers listen on. Default `DEFAULT_QUEUE`. */
  queue?: string;
}

/** Fields the transport adds to every data-parallel task. */
export interface PartitionTaskBase {
  id: string;
  /** sha256 of the partition blob. */
  partition: string;
  /** Redis key the worker writes its partial result to (raw little-endian float64). */
  result: string;
}

/** A task as a coordinator writes it (the transport fills in `id` and `result`). */
export type PartitionTaskInput<T extends PartitionTaskBase> = Omit<T, 'id' | 'result'>;

/**
 * What a data-parallel coordinator talks to: durable blobs, transient broadcasts, and rounds of one
 * task per partition. `RedisRounds` runs them on `trainyard worker`s; `LocalRounds` in this process.
 *
 * @example
 * const rounds = await RedisRounds.open(options);
 * const w = await rounds.broadcast('weights', weights);
 * const partials = await rounds.round('e0s0', shas.map((partition) => ({ kind: 'mlp-grad', partition, weights: w, ... })));
 */
export interface PartitionRounds {
  /** Stores `bytes` under their sha256 (idempotent) and returns it. */
  putBlob(bytes: Buffer): Promise<string>;
  /** Publishes `data` under `name` for the tasks of the next rounds (overwrites an earlier value); returns its key. */
  broadcast(name: string, data: Float64Array): Promise<string>;
  /** Runs one task per partition and returns their partial results in the tasks' order. */
  round<T extends PartitionTaskBase>(label: string, tasks: PartitionTaskInput<T>[]): Promise<Float64Array[]>;
  close(): Promise<void>;
}

/** How long broadcasts and unread results survive a coordinator that died (ms). */
export const SIDE_KEY_TTL_MS = 3_600_000;

/**
 * A Buffer's bytes as float64 (copied, so alignment never matters).
 *
 * @example
 * const partial = bytesToFloat64(await redis.getBuffer(key));
 */
export function bytesToFloat64(b: Buffer): Float64Array {
  if (b.length % 8 !== 0) throw new DataError(`data-parallel partial result has ${b.length} bytes, not a whole number of float64 values`);
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * A float64 array's bytes as a Buffer (no copy).
 *
 * @example
 * await redis.set(key, float64ToBytes(partial));
 */
export function float64ToBytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Cuts rows (all, or `rows` in that order) into `partitions` contiguous blocks and stores each as a
 * blob `{ rows, cols, X, y }` (`y` = class index or target per row); returns their sha256s in order.
 * The same data always gives the same blobs, so fits of several models share them.
 *
 * @example
 * const shas = await putPartitions(rounds, X, yIndex, 4);
 */
export async function putPartitions(rounds: PartitionRounds, X: Matrix, y: Float64Array, partitions: number, rows?: Int32Array): Promise<string[]> {
  const n = rows ? rows.length : X.rows, d = X.cols;
  if (!Number.isInteger(partitions) || partitions < 1) throw new DataError(`data-parallel fit: partitions must be an integer >= 1, got ${partitions}`);
  if (y.length !== n) throw new DataError(`data-parallel fit: ${n} rows but ${y.length} targets`);
  const per = Math.ceil(n / partitions);
  const shas: string[] = [];
  for (let p = 0; p < partitions; p++) {
    const lo = p * per, hi = Math.min(n, lo + per);
    if (hi <= lo) break;
    const Xp = new Float64Array((hi - lo) * d);
    if (rows) for (let i = lo; i < hi; i++) Xp.set(X.data.subarray(rows[i] * d, rows[i] * d + d), (i - lo) * d);
    else Xp.set(X.data.subarray(lo * d, hi * d));
    shas.push(await rounds.putBlob(encodeModel({ rows: hi - lo, cols: d, X: Xp, y: y.slice(lo, hi) })));
  }
  return shas;
}

/**
 * Rounds through BullMQ on a Redis server, partial results through Redis keys.
 *
 * @example
 * const rounds = await RedisRounds.open({ redisUrl, store, partitions: 4, runId: 'r1' });
 * try { ... } finally { await rounds.close(); }
 */
export class RedisRounds implements PartitionRounds {
  private readonly broadcasts = new Set<string>();

  private constructor(
    private readonly o: DataParallelOptions,
    private readonly queue: Queue<ClusterJob<PartitionTaskBase>>,
    private readonly events: QueueEvents,
    private readonly redis: Redis,
    /** The run id plus a random suffix: job ids of two fits under one run id never collide. */
    private readonly key: string,
  ) {}

  /** Checks Redis, opens the queue and its event stream. */
  /**
   * Runs `fit` with rounds on the cluster `o` names, closing them however it ends.
   *
   * @example
   * return RedisRounds.run(o, (rounds) => fitRidgePartitioned(X, y, params, o.partitions, rounds));
   */
  static async run<T>(o: DataParallelOptions, fit: (rounds: RedisRounds) => Promise<T>): Promise<T> {
    const rounds = await RedisRounds.open(o);
    try {
      return await fit(rounds);
    } finally {
      await rounds.close();
    }
  }

  static async open(o: DataParallelOptions): Promise<RedisRounds> {
    await probeRedis(o.redisUrl);
    const name = o.queue ?? DEFAULT_QUEUE;
    const queue = new Queue<ClusterJob<PartitionTaskBase>>(name, { connection: bullConnection(o.redisUrl) });
    const events = new QueueEvents(name, { connection: bullConnection(o.redisUrl) });
    const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    await events.waitUntilReady();
    return new RedisRounds(o, queue, events, redis, `${o.runId}-${randomBytes(4).toString('hex')}`);
  }

  async putBlob(bytes: Buffer): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    await this.o.store.putBlob(sha, bytes);
    return sha;
  }

  async broadcast(name: string, data: Float64Array): Promise<string> {
    const key = `trainyard:dp:${this.key}:b:${name}`;
    await this.redis.set(key, float64ToBytes(data), 'PX', SIDE_KEY_TTL_MS);
    this.broadcasts.add(key);
    return key;
  }

  async round<T extends PartitionTaskBase>(label: string, tasks: PartitionTaskInput<T>[]): Promise<Float64Array[]> {
    const full = tasks.map((t, p) => ({ ...t, id: `${label}p${p}`, result: `trainyard:dp:${this.key}:r:${label}p${p}` }) as unknown as T);
    const jobs = await this.queue.addBulk(
      full.map((task) => ({
        name: (task as unknown as { kind: string }).kind,
        data: { runId: this.o.runId, version: TRAINYARD_VERSION, task },
        // Completed jobs stay a minute: waitUntilFinished checks jobs that finished before it listened.
        opts: { jobId: jobId(this.key, task.id), attempts: 3, removeOnComplete: { age: 60, count: 2000 }, removeOnFail: { age: 300 } },
      })),
    );
    // Each partial is read as soon as its job is done, while the other partitions still compute.
    return Promise.all(
      jobs.map(async (job, p) => {
        try {
          await job.waitUntilFinished(this.events);
        } catch (e) {
          // The worker's error after its last attempt (e.g. a blob missing from the store).
          throw new TrainyardError('E_INTERNAL', `data-parallel round ${label}: the task of partition ${p} failed on the workers after ${job.opts.attempts} attempts: ${(e as Error).message}`, {
            round: label,
            partition: p,
          });
        }
        const value = await this.redis.getdelBuffer(full[p].result);
        if (!value) throw new DataError(`data-parallel round ${label}: the partial result of partition ${p} is missing from Redis (expired, or its worker could not write it)`, { round: label, partition: p });
        return bytesToFloat64(value);
      }),
    );
  }

  async close(): Promise<void> {
    if (this.broadcasts.size > 0) await this.redis.del(...this.broadcasts).catch(() => undefined);
    await this.events.close();
    await this.queue.close();
    this.redis.disconnect();
  }
}
