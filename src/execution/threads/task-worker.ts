/** Worker-thread side of TaskThread: loads the handler module once, then runs tasks as they arrive. */
import { parentPort, workerData } from 'node:worker_threads';
import { TrainyardError } from '../../core/errors.js';

interface Handler {
  handleTask(task: unknown, context: unknown): unknown | Promise<unknown>;
}

const { handler, context } = workerData as { handler: string; context: unknown };
const mod = (await import(handler)) as Handler;
// Tells TaskThread.ready() that the handler's (large) module graph is loaded.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', async (task: unknown) => {
  try {
    const result = await mod.handleTask(task, context);
    parentPort!.postMessage({ ok: true, result });
  } catch (e) {
    const error =
      e instanceof TrainyardError ? e.toJSON() : { code: 'E_INTERNAL', message: (e as Error).stack ?? String(e), details: {} };
    parentPort!.postMessage({ ok: false, error });
  }
});
