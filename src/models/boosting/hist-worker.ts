/**
 * Worker side of `hist-thread-pool.ts`: waits on the shared job counter, runs its feature block of
 * each node job, and bumps its done counter. Never touches the event loop, so the synchronous main
 * thread can drive it.
 */
import { workerData } from 'node:worker_threads';
import { runNodeJob } from './hist-kernels.js';
import { CONTROL, featureBlock, histViews, startedSlot, type HistBuffers } from './hist-thread-pool.js';

const { buffers, index, nThreads } = workerData as { buffers: HistBuffers; index: number; nThreads: number };
const views = histViews(buffers);
const control = new Int32Array(buffers.control);
const [f0, f1] = featureBlock(index, nThreads, views.nBinsNonMissing.length);
Atomics.store(control, startedSlot(index, nThreads), 1);
let last = 0;
for (;;) {
  Atomics.wait(control, CONTROL.SEQ, last);
  const seq = Atomics.load(control, CONTROL.SEQ);
  if (seq === last) continue;
  last = seq;
  if (Atomics.load(control, CONTROL.QUIT) === 1) break;
  try {
    runNodeJob(views, f0, f1);
    Atomics.store(control, CONTROL.DONE + index - 1, seq);
  } catch (e) {
    console.error(e);
    Atomics.store(control, CONTROL.DONE + index - 1, -1);
  }
  Atomics.notify(control, CONTROL.DONE + index - 1);
}
