/**
 * How a run's tasks are packed into queue jobs. Each job costs a worker a BullMQ hand-over, a store
 * write and a notice — round trips that took 0.39 core-seconds of two workers' main threads over a
 * 120-fold search whose folds take 50–100 ms each — so tasks travel in batches, sized by guided
 * self-scheduling: each batch takes 1/(2·workers) of the tasks not yet batched. Batches shrink from
 * large to single tasks; workers take them in order, so the last ones are short and no worker idles
 * long at the end while another finishes a big one.
 */

/**
 * Splits `tasks`, in order, into batches for `workers` workers.
 *
 * @example guidedBatches(tasks120, 2).map((b) => b.length) // [30, 23, 17, 13, 10, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1]
 */
export function guidedBatches<T>(tasks: readonly T[], workers: number): T[][] {
  const share = 2 * Math.max(1, Math.floor(workers));
  const batches: T[][] = [];
  for (let start = 0; start < tasks.length; ) {
    const size = Math.ceil((tasks.length - start) / share);
    batches.push(tasks.slice(start, start + size));
    start += size;
  }
  return batches;
}
