/**
 * Data-parallel rounds in this process: the same tasks and worker code as on a cluster, run one
 * partition after another. Used to check that a cluster fit equals the in-process one bit for bit
 * (whichever worker answered), and to try the data-parallel algorithms without Redis.
 */
import { createHash } from 'node:crypto';
import { float64ToBytes, type PartitionRounds, type PartitionTaskBase, type PartitionTaskInput } from '../../models/partitioned-rounds.js';
import { withPartitionCache } from './partition-cache.js';
import { runDataParallelTask, type DataParallelTask } from './partition-tasks.js';

/**
 * {@link PartitionRounds} without a cluster.
 *
 * @example
 * const mlp = await fitMlpPartitioned(X, y, { hidden: [16] }, 4, new LocalRounds());
 */
export class LocalRounds implements PartitionRounds {
  private readonly blobs = new Map<string, Buffer>();
  private readonly broadcasts = new Map<string, Buffer>();
  /** Rounds run so far. */
  rounds = 0;

  async putBlob(bytes: Buffer): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    this.blobs.set(sha, bytes);
    return sha;
  }

  async broadcast(name: string, data: Float64Array): Promise<string> {
    this.broadcasts.set(name, Buffer.from(float64ToBytes(data)));
    return name;
  }

  async round<T extends PartitionTaskBase>(label: string, tasks: PartitionTaskInput<T>[]): Promise<Float64Array[]> {
    this.rounds++;
    const ctx = withPartitionCache({
      blob: async (sha: string): Promise<Buffer> => this.blobs.get(sha)!,
      broadcast: async (key: string): Promise<Buffer> => this.broadcasts.get(key)!,
    });
    const out: Float64Array[] = [];
    for (const [p, t] of tasks.entries()) {
      // Through JSON, as a job would travel, so the worker code sees exactly what a worker would.
      const task = JSON.parse(JSON.stringify({ ...t, id: `${label}p${p}`, result: '', done: '' })) as DataParallelTask;
      out.push(await runDataParallelTask(task, ctx));
    }
    return out;
  }

  async close(): Promise<void> {
    this.blobs.clear();
    this.broadcasts.clear();
  }
}
