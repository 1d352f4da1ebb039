/**
 * What a worker keeps between data-parallel tasks: decoded partitions (and per-model state built on
 * them) in small bounded caches, so that after the first round only weights and partial results
 * cross the network — and a worker serving many fits does not grow without bound.
 */
import type { StateValue } from '../core/estimator.js';
import { Matrix } from '../core/matrix.js';
import { decodeModel } from '../core/model-file.js';
import { stateArray, stateNumber } from '../core/state-check.js';
import { BoundedCache } from '../core/bounded-cache.js';

/** How a data-parallel task reaches data: durable blobs by sha256, transient broadcasts by key. */
export interface PartitionTaskContext {
  blob(sha256: string): Promise<Buffer>;
  broadcast(key: string): Promise<Buffer>;
}

/** One partition's rows: X (rows × cols) and one target (class index or value) per row. */
export interface PartitionData {
  X: Matrix;
  y: Float64Array;
}

const partitions = new BoundedCache<string, PartitionData>(8);

/**
 * The partition blob `sha256`, decoded once per worker (see `putPartitions` for its layout).
 *
 * @example
 * const { X, y } = await loadPartition(task.partition, ctx);
 */
export async function loadPartition(sha256: string, ctx: PartitionTaskContext): Promise<PartitionData> {
  const hit = partitions.get(sha256);
  if (hit) return hit;
  const s = decodeModel(await ctx.blob(sha256), `partition ${sha256.slice(0, 12)}`) as { [k: string]: StateValue };
  const rows = stateNumber(s, 'rows');
  const cols = stateNumber(s, 'cols');
  const X = new Matrix(rows, cols, stateArray(s, 'X', Float64Array, rows * cols));
  return partitions.set(sha256, { X, y: stateArray(s, 'y', Float64Array, rows) });
}
