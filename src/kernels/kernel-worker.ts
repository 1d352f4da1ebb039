/**
 * Worker thread of the kernel pool: instantiates the WASM kernels over the shared memory it is given,
 * reports ready, then sleeps on the job generation word and helps with each job (pool-protocol.ts).
 * It never uses its event loop, so it answers within microseconds of being notified.
 */
import { workerData } from 'node:worker_threads';
import { instantiateKernels, type WasmMemory, type WasmModule } from './wasm-module.js';
import { CTL_FN, CTL_GEN, CTL_INTS, CTL_NARGS, CTL_PARTS, CTL_READY, CTL_WORKER_PARTS, KERNEL_NAMES, runClaims } from './pool-protocol.js';

const { module, memory, ctlBuffer } = workerData as { module: WasmModule; memory: WasmMemory; ctlBuffer: SharedArrayBuffer };
const ctl = new Int32Array(ctlBuffer, 0, CTL_INTS);
const argv = new Float64Array(ctlBuffer, CTL_INTS * 4);
const exportsObj = instantiateKernels(module, memory) as unknown as Record<string, (...a: number[]) => void>;
const fns = KERNEL_NAMES.map((n) => exportsObj[n]);

let seen = Atomics.load(ctl, CTL_GEN);
Atomics.add(ctl, CTL_READY, 1);
Atomics.notify(ctl, CTL_READY);
for (;;) {
  Atomics.wait(ctl, CTL_GEN, seen);
  const gen = Atomics.load(ctl, CTL_GEN);
  if (gen === seen) continue;
  seen = gen;
  const fi = Atomics.load(ctl, CTL_FN);
  if (fi < 0) break;
  const P = Atomics.load(ctl, CTL_PARTS);
  const args = Array.from(argv.subarray(0, Atomics.load(ctl, CTL_NARGS)));
  const ran = runClaims(ctl, gen, fns[fi], P, args);
  if (ran > 0) Atomics.add(ctl, CTL_WORKER_PARTS, ran);
}
