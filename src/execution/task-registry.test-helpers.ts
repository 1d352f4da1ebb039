/**
 * A task kind for the execution layer's own tests: `sum-scaled` sums the snapshot's float64 values
 * times the task's factor. Loading this module registers it, as `experiment-task.ts` registers the
 * experiment's kinds.
 */
import { createHash } from 'node:crypto';
import { registerTaskKind, type Task } from './task-registry.js';

export interface SumTask extends Task {
  kind: 'sum-scaled';
  factor: number;
}

registerTaskKind<SumTask, Float64Array, { taskId: string; score: number }>('sum-scaled', {
  decode: (task, bytes) => {
    if (createHash('sha256').update(bytes).digest('hex') !== task.dataset) throw new Error(`snapshot of task ${task.id} does not match its sha256`);
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  },
  run: (task, data) => ({ taskId: task.id, score: data.reduce((s, v) => s + v, 0) * task.factor }),
});

/** This module's URL, for executors. */
export const SUM_TASK_MODULE = new URL(import.meta.url);

/**
 * A snapshot of `values` and its sha256.
 *
 * @example
 * const { sha, snapshot } = sumSnapshot([1, 2, 3]);
 */
export function sumSnapshot(values: number[]): { sha: string; snapshot: { dataset: Float64Array; bytes: Buffer } } {
  const dataset = Float64Array.from(values);
  const bytes = Buffer.from(dataset.buffer);
  return { sha: createHash('sha256').update(bytes).digest('hex'), snapshot: { dataset, bytes } };
}
