/**
 * What a data-parallel fit (`models/<family>/partitioned/`) needs from whoever runs it: the training
 * rows cut into partitions stored as content-addressed blobs, and *rounds* of one small task per
 * partition whose partial results (gradients, histograms) come back **in partition order**, so
 * whichever worker answered, the combined result is the same — Spark MLlib's `treeAggregate` and
 * XGBoost's allreduce in coordinator form. The fits know nothing of queues or threads: the
 * execution layer implements {@link PartitionRounds} on Redis workers or in this process, and runs
 * the worker side of each task kind with a {@link PartitionTaskContext}.
 */
import type { StateValue } from '../core/estimator.js';
import { DataError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { decodeModel, encodeModel } from '../core/model-file.js';
import { stateArray, stateNumber } from '../core/state-check.js';

/** Fields the transport adds to every data-parallel task. */
export interface PartitionTaskBase {
  id: string;
  /** sha256 of the partition blob. */
  partition: string;
  /** Where the worker writes its partial result (a Redis key on a cluster). */
  result: string;
  /** Where the worker reports the task done or failed (a Redis list on a cluster). */
  done: string;
}

/** A task as a coordinator writes it (the transport fills in `id`, `result` and `done`). */
export type PartitionTaskInput<T extends PartitionTaskBase> = Omit<T, 'id' | 'result' | 'done'>;

/**
 * What a data-parallel coordinator talks to: durable blobs, transient broadcasts, and rounds of one
 * task per partition.
 *
 * @example
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

/** One partition's rows: X (rows × cols) and one target (class index or value) per row. */
export interface PartitionData {
  X: Matrix;
  y: Float64Array;
}

/** How the worker side of a data-parallel task reaches data: blobs by sha256, broadcasts by key, decoded partitions. */
export interface PartitionTaskContext {
  blob(sha256: string): Promise<Buffer>;
  broadcast(key: string): Promise<Buffer>;
  /** The partition blob `sha256` decoded (kept decoded between rounds by the worker that holds it). */
  partition(sha256: string): Promise<PartitionData>;
}

/**
 * A Buffer's bytes as float64 (copied, so alignment never matters).
 *
 * @example
 * const weights = bytesToFloat64(await ctx.broadcast(task.weights));
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
 * The rows of a partition blob written by {@link putPartitions}.
 *
 * @example
 * const { X, y } = decodePartition(await ctx.blob(sha), sha);
 */
export function decodePartition(bytes: Buffer, sha256: string): PartitionData {
  const s = decodeModel(bytes, `partition ${sha256.slice(0, 12)}`) as { [k: string]: StateValue };
  const rows = stateNumber(s, 'rows');
  const cols = stateNumber(s, 'cols');
  const X = new Matrix(rows, cols, stateArray(s, 'X', Float64Array, rows * cols));
  return { X, y: stateArray(s, 'y', Float64Array, rows) };
}
