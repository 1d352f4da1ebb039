/**
 * {@link PartitionRounds} on `trainyard worker`s: the partitions are content-addressed blobs in the
 * store (cached on the disk and in the memory of the worker each partition is assigned to); per
 * round one small task per partition goes through BullMQ, each worker computes its partitions'
 * partial results and the coordinator reads them back in partition order.
 *
 * Bulky values do not travel inside jobs: BullMQ copies a job's data and return value into its job
 * hash and event stream, which keeps thousands of them. Per-round inputs (weights) are *broadcast*
 * once to a Redis key that every task names, and each partial result is written by its worker to a
 * per-task Redis key that the coordinator reads and deletes; both carry a TTL in case a coordinator
 * dies mid-fit. Jobs themselves stay a few hundred bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataError, TrainyardError } from '../../core/errors.js';
import { bytesToFloat64, float64ToBytes, type PartitionRounds, type PartitionTaskBase, type PartitionTaskInput } from '../../models/partitioned-rounds.js';
import { DEFAULT_QUEUE, jobId, type ClusterJob } from '../cluster-protocol.js';
import { probeRedis, redactRedisUrl } from '../redis-connection.js';
import { liveWorkers, personalQueue } from '../worker-presence.js';
import type { Store } from '../../tracking/store.js';
import { TRAINYARD_VERSION } from '../../core/version.js';

export type { PartitionRounds, PartitionTaskBase, PartitionTaskInput } from '../../models/partitioned-rounds.js';

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
  /** Live workers to wait for before the first round (default 1); the partitions are spread over the workers alive then. */
  workers?: number;
  /** How long to wait for them, and for any live worker when all have died (ms). Default `WORKER_WAIT_MS`. */
  workerWaitMs?: number;
}

/** How long broadcasts and unread results survive a coordinator that died (ms). */
export const SIDE_KEY_TTL_MS = 3_600_000;

/** What a worker pushes to a round's report list: the task done, or failed for good with `error`. */
export interface TaskReport {
  id: string;
  error?: string;
}

/** How long a coordinator waits for live workers before it gives up (ms). */
export const WORKER_WAIT_MS = 60_000;

/**
 * Rounds through BullMQ on a Redis server, with **partition affinity**: partition p is assigned to
 * the p-th live worker (mod their number) on the first round and every later round of p goes to that
 * worker's own queue, so each worker decodes and keeps only its partitions. A partition whose worker
 * stops announcing itself moves to a live one, which fetches it from the store.
 *
 * Completion does not ride on BullMQ's event stream: each worker pushes a small report to the
 * round's Redis list and the coordinator blocks on that list, looking at worker presence whenever a
 * second passes without a report. Two Redis connections serve every queue of the fit.
 *
 * @example
 * const rounds = await RedisRounds.open({ redisUrl, store, partitions: 4, runId: 'r1' });
 * try { ... } finally { await rounds.close(); }
 */
export class RedisRounds implements PartitionRounds {
  /** Current broadcasts, kept to publish again after a Redis restart lost them. */
  private readonly broadcasts = new Map<string, Float64Array>();
  /** Worker id per partition index, fixed on the first round. */
  private readonly owners: string[] = [];
  private readonly queues = new Map<string, Queue<ClusterJob<PartitionTaskBase>>>();
  /** The BullMQ job id of each partition's task in the current round. */
  private readonly jobIds: string[] = [];
  private resends = 0;

  private constructor(
    private readonly o: DataParallelOptions,
    /** Commands, and the connection every owner's BullMQ queue shares. */
    private readonly redis: Redis,
    /** Only for BLPOP, which holds its connection while it waits. */
    private readonly blocking: Redis,
    /** The run id plus a random suffix: keys and job ids of two fits under one run id never collide. */
    private readonly key: string,
  ) {}

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

  /** Checks Redis and opens the two connections. */
  static async open(o: DataParallelOptions): Promise<RedisRounds> {
    await probeRedis(o.redisUrl);
    const connect = () => new Redis(o.redisUrl, { maxRetriesPerRequest: null }).on('error', () => undefined);
    return new RedisRounds(o, connect(), connect(), `${o.runId}-${randomBytes(4).toString('hex')}`);
  }

  private get queueName(): string {
    return this.o.queue ?? DEFAULT_QUEUE;
  }

  /** The worker id each partition (by index) is assigned to; empty before the first round. */
  assignment(): readonly string[] {
    return this.owners;
  }

  async putBlob(bytes: Buffer): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    await this.o.store.putBlob(sha, bytes);
    return sha;
  }

  async broadcast(name: string, data: Float64Array): Promise<string> {
    const key = `trainyard:dp:${this.key}:b:${name}`;
    await this.redis.set(key, float64ToBytes(data), 'PX', SIDE_KEY_TTL_MS);
    this.broadcasts.set(key, data);
    return key;
  }

  async round<T extends PartitionTaskBase>(label: string, tasks: PartitionTaskInput<T>[]): Promise<Float64Array[]> {
    const done = `trainyard:dp:${this.key}:d:${label}`;
    const full = tasks.map((t, p) => ({ ...t, id: `${label}p${p}`, result: `trainyard:dp:${this.key}:r:${label}p${p}`, done }) as unknown as T);
    const index = new Map(full.map((t, p) => [t.id, p]));
    await this.assignOwners(full.length);
    await Promise.all(full.map((task, p) => this.send(task, p)));
    const results: Float64Array[] = new Array(full.length);
    let pending = full.length;
    const resent = new Array<number>(full.length).fill(0);
    try {
      while (pending > 0) {
        const reply = await this.blocking.blpop(done, 1);
        if (!reply) {
          // A quiet second: look for what a dead worker or a Redis restart may have lost.
          await this.moveOrphans(full, results);
          await this.restoreBroadcasts();
          await this.resendLost(full, results);
          continue;
        }
        const report = JSON.parse(reply[1]) as TaskReport;
        const p = index.get(report.id);
        // A task sent twice (its worker was only slow) may report twice; the first report counts.
        if (p === undefined || results[p]) continue;
        if (report.error !== undefined) {
          throw new TrainyardError('E_INTERNAL', `data-parallel round ${label}: the task of partition ${p} failed on worker ${this.owners[p]}: ${report.error}`, { round: label, partition: p });
        }
        const value = await this.redis.getdelBuffer(full[p].result);
        if (!value) {
          // A report without its result: the worker's write was cut by a connection loss; run it again.
          if (++resent[p] > 3) throw new DataError(`data-parallel round ${label}: the partial result of partition ${p} is missing from Redis after ${resent[p]} tries (expired, or its worker cannot write it)`, { round: label, partition: p });
          await this.send(full[p], p, `r${++this.resends}`);
          continue;
        }
        results[p] = bytesToFloat64(value);
        pending--;
      }
    } finally {
      await this.redis.del(done).catch(() => undefined);
    }
    return results;
  }

  /** Assigns partitions without an owner to the live workers, waiting for `o.workers` of them. */
  private async assignOwners(partitions: number): Promise<void> {
    if (this.owners.length >= partitions) return;
    const live = await this.waitForWorkers(this.o.workers ?? 1);
    for (let p = this.owners.length; p < partitions; p++) this.owners.push(live[p % live.length]);
  }

  /** The live workers once there are at least `want`; a typed error after `o.workerWaitMs`. */
  private async waitForWorkers(want: number): Promise<string[]> {
    const deadline = Date.now() + (this.o.workerWaitMs ?? WORKER_WAIT_MS);
    for (;;) {
      const live = await liveWorkers(this.redis, this.queueName);
      if (live.length >= want) return live;
      if (Date.now() > deadline) {
        throw new TrainyardError(
          'E_INTERNAL',
          `data-parallel fit: ${live.length} of the ${want} trainyard worker(s) it needs are alive on queue '${this.queueName}'; start \`trainyard worker --redis ${redactRedisUrl(this.o.redisUrl)} --queue ${this.queueName} --store …\` on the machines`,
          { queue: this.queueName, live: live.length, want },
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Moves the unfinished tasks of dead workers to live ones (which fetch the partition from the store). */
  private async moveOrphans<T extends PartitionTaskBase>(tasks: T[], results: Float64Array[]): Promise<void> {
    const live = new Set(await liveWorkers(this.redis, this.queueName));
    const orphans = tasks.map((_, p) => p).filter((p) => !results[p] && !live.has(this.owners[p]));
    if (orphans.length === 0) return;
    const dead = new Set(orphans.map((p) => this.owners[p]));
    const heirs = await this.waitForWorkers(1);
    for (const worker of dead) await this.dropQueue(worker);
    // Every partition of a dead worker moves, not only this round's (later rounds go to the heir), each
    // to the live worker holding the fewest partitions (the first in sorted order on a tie).
    const held = new Map(heirs.map((h) => [h, 0]));
    for (const owner of this.owners) if (held.has(owner)) held.set(owner, held.get(owner)! + 1);
    for (let q = 0; q < this.owners.length; q++) {
      if (!dead.has(this.owners[q])) continue;
      const heir = heirs.reduce((best, h) => (held.get(h)! < held.get(best)! ? h : best));
      this.owners[q] = heir;
      held.set(heir, held.get(heir)! + 1);
    }
    for (const p of orphans) await this.send(tasks[p], p, `m${++this.resends}`);
  }

  /** Publishes again the broadcasts a Redis restart lost (a worker retries a task that found one missing). */
  private async restoreBroadcasts(): Promise<void> {
    const keys = [...this.broadcasts.keys()];
    if (keys.length === 0) return;
    const present = await Promise.all(keys.map((key) => this.redis.exists(key)));
    for (const [i, key] of keys.entries()) if (!present[i]) await this.redis.set(key, float64ToBytes(this.broadcasts.get(key)!), 'PX', SIDE_KEY_TTL_MS);
  }

  /**
   * Sends again the unfinished tasks whose jobs are gone although their worker lives — a Redis
   * restart without persistence loses every queue. (A job that finished has reported before BullMQ
   * removes it, so a missing job with no report was lost.)
   */
  private async resendLost<T extends PartitionTaskBase>(tasks: T[], results: Float64Array[]): Promise<void> {
    const lost: number[] = [];
    for (let p = 0; p < tasks.length; p++) {
      if (results[p] || !this.jobIds[p]) continue;
      const job = await this.queues.get(this.owners[p])?.getJob(this.jobIds[p]);
      if (!job) lost.push(p);
    }
    // Jobs that finished since the last look have left their reports: read those first.
    if (lost.length === 0 || (await this.redis.llen(tasks[0].done)) > 0) return;
    for (const p of lost) await this.send(tasks[p], p, `r${++this.resends}`);
  }

  private async send<T extends PartitionTaskBase>(task: T, p: number, suffix = ''): Promise<void> {
    const owner = this.owners[p];
    let queue = this.queues.get(owner);
    if (!queue) {
      // A shared ioredis instance: the queue neither opens nor closes a connection of its own.
      queue = new Queue<ClusterJob<PartitionTaskBase>>(personalQueue(this.queueName, owner), { connection: this.redis });
      queue.on('error', () => undefined); // the connection's own handler covers it; recovery is in round()
      this.queues.set(owner, queue);
    }
    this.jobIds[p] = jobId(this.key, task.id + suffix);
    await queue.add((task as unknown as { kind: string }).kind, { runId: this.o.runId, version: TRAINYARD_VERSION, tasks: [task] }, {
      jobId: this.jobIds[p],
      // Retries spread over ~5 s: long enough for a broadcast lost with Redis to be published again.
      attempts: 5,
      backoff: { type: 'exponential', delay: 300 },
      removeOnComplete: true,
      removeOnFail: { age: 300 },
    });
  }

  /** Removes a dead worker's queue (nobody else takes from it) with whatever it still held. */
  private async dropQueue(worker: string): Promise<void> {
    const queue = this.queues.get(worker) ?? new Queue(personalQueue(this.queueName, worker), { connection: this.redis }).on('error', () => undefined);
    this.queues.delete(worker);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }

  async close(): Promise<void> {
    if (this.broadcasts.size > 0) await this.redis.del(...this.broadcasts.keys()).catch(() => undefined);
    for (const queue of this.queues.values()) await queue.close();
    this.redis.disconnect();
    this.blocking.disconnect();
  }
}
