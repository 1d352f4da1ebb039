/**
 * What a worker keeps between data-parallel tasks: decoded partitions in a small bounded cache, so
 * that after the first round only weights and partial results cross the network — and a worker
 * serving many fits does not grow without bound. (Per-model state built on a partition is kept by
 * the model family's task code.)
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import { decodePartition, type PartitionData, type PartitionTaskContext } from '../../models/partitioned-rounds.js';

const partitions = new BoundedCache<string, PartitionData>(8);

/**
 * A task context whose `partition(sha)` decodes each partition blob once per worker.
 *
 * @example
 * const ctx = withPartitionCache({ blob: (sha) => snapshots.read(sha), broadcast: (key) => readBroadcast(redis, key) });
 */
export function withPartitionCache(source: Pick<PartitionTaskContext, 'blob' | 'broadcast'>): PartitionTaskContext {
  return {
    blob: source.blob,
    broadcast: source.broadcast,
    partition: async (sha256) => partitions.get(sha256) ?? partitions.set(sha256, decodePartition(await source.blob(sha256), sha256)),
  };
}
