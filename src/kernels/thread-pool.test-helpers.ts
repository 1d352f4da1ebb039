/**
 * Pool jobs for thread-pool.test.ts: two kinds of arithmetic and one that fails on a worker. Each
 * partition also records which thread ran it, so the test can see the pool's workers at work.
 */
import { isMainThread, threadId } from 'node:worker_threads';
import { definePoolJob } from './pool-jobs.js';

/** Shared arrays of a test job. */
export interface TestJobData {
  x: Float64Array;
  out: Float64Array;
  /** threadId of the thread that ran each partition. */
  ranOn: Int32Array;
}

const block = (p: number, P: number, n: number): [number, number] => [Math.floor((p * n) / P), Math.floor(((p + 1) * n) / P)];

/** out[i] = scale · sin(x[i])² over partition p's block (args: [scale]). */
export const sineSquareJob = definePoolJob({
  module: import.meta.url,
  name: 'sineSquareJob',
  attach: (d: TestJobData) => d,
  run: (d: TestJobData, p: number, P: number, args: ArrayLike<number>) => {
    const [i0, i1] = block(p, P, d.x.length);
    for (let i = i0; i < i1; i++) d.out[i] = args[0] * Math.sin(d.x[i]) ** 2;
    d.ranOn[p] = threadId;
  },
});

/** out[p] = the sum of x over partition p's block, in order. */
export const blockSumJob = definePoolJob({
  module: import.meta.url,
  name: 'blockSumJob',
  attach: (d: TestJobData) => d,
  run: (d: TestJobData, p: number, P: number) => {
    const [i0, i1] = block(p, P, d.x.length);
    let s = 0;
    for (let i = i0; i < i1; i++) s += d.x[i];
    d.out[p] = s;
    d.ranOn[p] = threadId;
  },
});

/**
 * Throws on a worker; on the main thread it waits until a worker has taken a partition, so one
 * surely does (flag[0] becomes 1).
 */
export const failOnWorkerJob = definePoolJob({
  module: import.meta.url,
  name: 'failOnWorkerJob',
  attach: (flag: Int32Array) => flag,
  run: (flag: Int32Array) => {
    if (isMainThread) {
      Atomics.wait(flag, 0, 0, 10_000);
      return;
    }
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    throw new Error('boom in a pool worker');
  },
});
