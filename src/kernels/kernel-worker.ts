/**
 * Worker thread of the kernel pool: instantiates the WASM kernels over the shared memory it is given
 * (when they are loaded), reports ready, then sleeps on the job generation word and helps with each
 * job (pool-protocol.ts). Attached TypeScript jobs (pool-jobs.ts) arrive on its port, read
 * synchronously on waking; their modules are imported once. Between jobs it never needs its event
 * loop, so it answers within microseconds of being notified.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { instantiateKernels, type WasmMemory, type WasmModule } from './wasm-module.js';
import {
  CTL_FAILED, CTL_FN, CTL_INTS, CTL_MAIL, CTL_NARGS, CTL_PARTS, CTL_READY, CTL_WORKERS, CTL_WORKER_PARTS, JOB_BASE, KERNEL_NAMES, MAX_WORKERS, WAKE_OFFSET, runClaims,
} from './pool-protocol.js';
import type { FromWorker, PoolJobType, ToWorker } from './pool-jobs.js';

interface Start {
  index: number;
  module: WasmModule | null;
  memory: WasmMemory | null;
  ctlBuffer: SharedArrayBuffer;
  port: MessagePort;
}
const { index, module, memory, ctlBuffer, port } = workerData as Start;
const ctl = new Int32Array(ctlBuffer, 0, CTL_INTS);
const argv = new Float64Array(ctlBuffer, CTL_INTS * 4);
const wake = new Int32Array(ctlBuffer, WAKE_OFFSET, MAX_WORKERS + 1);
type WasmFn = (...a: number[]) => void;
const wasm = module !== null && memory !== null ? (instantiateKernels(module, memory) as unknown as Record<string, WasmFn>) : null;
const wasmFns: WasmFn[] = wasm === null ? [] : KERNEL_NAMES.map((n) => wasm[n]);

/** An attached job: its type and this thread's state, or why attaching failed (reported when it runs). */
interface Attached {
  type: PoolJobType<unknown, unknown> | null;
  state: unknown;
  error: unknown;
}
const jobs = new Map<number, Attached>();
const loaded = new Map<string, Record<string, unknown>>();

function report(e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  const msg: FromWorker = { op: 'error', worker: index, message: err.message, stack: err.stack };
  port.postMessage(msg);
  Atomics.add(ctl, CTL_FAILED, 1);
}

function attach(mod: Record<string, unknown>, m: Extract<ToWorker, { op: 'attach' }>): void {
  try {
    const type = mod[m.name] as PoolJobType<unknown, unknown> | undefined;
    if (type === undefined || typeof type.run !== 'function') throw new Error(`${m.module} has no pool job '${m.name}'`);
    jobs.set(m.id, { type, state: type.attach(m.data), error: null });
  } catch (e) {
    jobs.set(m.id, { type: null, state: null, error: e });
  }
}

/**
 * Applies queued attach/release messages. Synchronous (null) unless a job module must be imported
 * first: awaiting on every wake-up would cost each job a trip through the microtask queue.
 */
function drain(): Promise<void> | null {
  for (let r = receiveMessageOnPort(port); r !== undefined; r = receiveMessageOnPort(port)) {
    const m = r.message as ToWorker;
    if (m.op === 'release') jobs.delete(m.id);
    else {
      const mod = loaded.get(m.module);
      if (mod !== undefined) attach(mod, m);
      else return importThenDrain(m);
    }
  }
  return null;
}

async function importThenDrain(m: Extract<ToWorker, { op: 'attach' }>): Promise<void> {
  try {
    const mod = (await import(m.module)) as Record<string, unknown>;
    loaded.set(m.module, mod);
    attach(mod, m);
  } catch (e) {
    jobs.set(m.id, { type: null, state: null, error: e });
  }
  await drain();
}

async function main(): Promise<void> {
  let seen = Atomics.load(wake, index);
  let mailSeen = -1; // read the port on the first job: attachments may predate this worker
  Atomics.add(ctl, CTL_READY, 1);
  Atomics.notify(ctl, CTL_READY);
  for (;;) {
    Atomics.wait(wake, index, seen);
    const gen = Atomics.load(wake, index);
    if (gen === seen) continue;
    seen = gen;
    const fi = Atomics.load(ctl, CTL_FN);
    if (fi < 0) break;
    const mail = Atomics.load(ctl, CTL_MAIL);
    if (mail !== mailSeen) {
      mailSeen = mail;
      const pending = drain();
      if (pending !== null) await pending;
    }
    // The caller's thread budget: the other workers leave this job alone.
    if (index > Atomics.load(ctl, CTL_WORKERS)) continue;
    const P = Atomics.load(ctl, CTL_PARTS);
    let run: (p: number) => void;
    if (fi < JOB_BASE) {
      const fn = wasmFns[fi];
      if (fn === undefined) continue; // no WASM here: the main thread runs every partition
      const args = Array.from(argv.subarray(0, Atomics.load(ctl, CTL_NARGS)));
      run = (p) => fn(p, P, ...args);
    } else {
      const job = jobs.get(fi - JOB_BASE);
      if (job === undefined) continue; // attached after this job started: the main thread copes
      const { type, state, error } = job;
      // The arguments are read in place, not copied (a copy costs more than a small job's claim):
      // the main thread rewrites them only after every partition of this job is done.
      run = type === null ? () => { throw error; } : (p) => type.run(state, p, P, argv);
    }
    const ran = runClaims(ctl, gen, P, run, report);
    if (ran > 0) Atomics.add(ctl, CTL_WORKER_PARTS, ran);
  }
  port.close();
}

void main();
