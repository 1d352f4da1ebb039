/**
 * Helper thread of {@link KernelRows} (`kernel-threads.ts`): waits on the shared state word, claims
 * posted half-rows, computes their kernel values into the shared output, and reports DONE.
 */
import { workerData } from 'node:worker_threads';
import { FeatureRows } from './feature-rows.js';
import { DONE, EXIT, FROM, POSTED, ROW, STATE, TAKEN, TO, USE_TARGETS, kernelRange, type KernelWorkerData } from './kernel-threads.js';

const { parts, spec, ctrl, targets, out } = workerData as KernelWorkerData;
const rows = new FeatureRows(parts);

for (;;) {
  const s = Atomics.load(ctrl, STATE);
  if (s === EXIT) break;
  if (s === POSTED && Atomics.compareExchange(ctrl, STATE, POSTED, TAKEN) === POSTED) {
    kernelRange(rows, spec, ctrl[ROW], ctrl[USE_TARGETS] === 1 ? targets : null, ctrl[FROM], ctrl[TO], out);
    Atomics.store(ctrl, STATE, DONE);
    Atomics.notify(ctrl, STATE, 1);
    continue;
  }
  // Sleep until the state word changes (the caller notifies when it posts or exits).
  Atomics.wait(ctrl, STATE, s);
}
