/**
 * Runs a submitted spec in a child process of its own, so that the server stays responsive: a refit
 * or an evaluation is long synchronous work that would otherwise stop the event loop — health checks,
 * the dashboard, the event streams and serving would all wait for it — and a run that exhausts memory
 * or crashes takes only its own process down.
 *
 * The parent (`childProcessRunner`) forks `run-process.js` and sends it the spec and the run's options;
 * the child runs `runExperiment` and reports over IPC what a `RunObserver` sees (stage, task counts,
 * epochs), then how the run ended. Cancelling sends `cancel`: the child aborts its run, which records
 * itself `interrupted` as under SIGINT; a child that does not end within a grace period is killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EpochLogs } from '../core/estimator.js';
import { errorFromJSON, TrainyardError } from '../core/errors.js';
import { RunInterruptedError } from '../experiment/run/run-lifecycle.js';
import type { LoadedRecommendSpec } from '../experiment/spec/recommend-spec.js';
import type { LoadedSpec } from '../experiment/spec/spec.js';
import type { RunOptions, RunTaskProgress } from '../experiment/run.js';

/** How a run executes its tasks: threads of its process, or `trainyard worker`s through Redis. */
export type ExecutorChoice = { kind: 'local'; workers?: number } | { kind: 'cluster'; redisUrl: string; queue: string };

/** What the parent sends to start the run. */
interface StartMessage {
  type: 'start';
  loaded: LoadedSpec | LoadedRecommendSpec;
  options: { store?: string; outDir?: string; runId: string };
  executor: ExecutorChoice;
}

/** What the child reports. */
type ChildMessage =
  | { type: 'stage'; name: string; detail: string }
  | { type: 'tasks'; progress: RunTaskProgress }
  | { type: 'epoch'; logs: EpochLogs }
  | { type: 'finished' }
  | { type: 'failed'; error: { code?: string; message?: string; details?: Record<string, unknown> }; interrupted?: { reason: string; done: number } };

/** How long a cancelled run may take to record itself `interrupted` before its process is killed. */
const CANCEL_GRACE_MS = 30_000;

const CHILD_SCRIPT = fileURLToPath(new URL('./run-process.js', import.meta.url));

/**
 * A `SpecRunner` that executes each run in a forked process with the executor `choice`.
 *
 * @example
 * new RunManager({ ..., runner: childProcessRunner({ kind: 'local', workers: 2 }) });
 */
export function childProcessRunner(choice: ExecutorChoice): (loaded: LoadedSpec | LoadedRecommendSpec, options: RunOptions & { runId: string }) => Promise<void> {
  return (loaded, options) =>
    new Promise<void>((resolve, reject) => {
      // No inherited --inspect/--cpu-prof flags; stdio inherited so a crash's stack reaches the server's log.
      const child: ChildProcess = fork(CHILD_SCRIPT, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let outcome: ChildMessage | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        const reason = options.signal?.reason;
        child.send?.({ type: 'cancel', reason: typeof reason === 'string' ? reason : 'CANCELLED' }, () => undefined);
        killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
        killTimer.unref();
      };
      child.on('message', (m: ChildMessage) => {
        const obs = options.observer;
        if (m.type === 'stage') obs?.stage?.(m.name, m.detail);
        else if (m.type === 'tasks') obs?.tasks?.(m.progress);
        else if (m.type === 'epoch') obs?.epoch?.(m.logs);
        else outcome = m;
      });
      child.on('error', (e) => {
        outcome ??= { type: 'failed', error: { code: 'E_INTERNAL', message: `could not start the run's process: ${e.message}` } };
      });
      child.on('exit', (code, signal) => {
        clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
        if (outcome?.type === 'finished') return resolve();
        if (outcome?.type === 'failed') {
          if (outcome.interrupted) return reject(new RunInterruptedError(options.runId, outcome.interrupted.reason, outcome.interrupted.done));
          return reject(errorFromJSON(outcome.error));
        }
        reject(new TrainyardError('E_INTERNAL', `the run's process ended without a result (${signal ? `signal ${signal}` : `exit code ${code}`}); out of memory, or killed — see the server's log`, { runId: options.runId, code, signal }));
      });
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      const start: StartMessage = { type: 'start', loaded, options: { store: options.store, outDir: options.outDir, runId: options.runId }, executor: choice };
      child.send(start);
    });
}

/** The child's side: runs the spec it is sent, reporting progress and the end to the parent. */
async function runInChild(msg: StartMessage): Promise<void> {
  const send = (m: ChildMessage): Promise<void> => new Promise((res) => process.send!(m, undefined, {}, () => res()));
  const controller = new AbortController();
  process.on('message', (m: { type?: string; reason?: string }) => {
    if (m?.type === 'cancel') controller.abort(m.reason ?? 'CANCELLED');
  });
  // The parent went away (server killed), or Ctrl-C reached the whole process group: stop like a
  // cancelled run, recording it interrupted, instead of dying with the run left `running`.
  process.on('disconnect', () => controller.abort('SERVER_GONE'));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => controller.abort(sig));
  const [{ runExperiment }, { LocalExecutor }, { ClusterExecutor }] = await Promise.all([import('../experiment/run.js'), import('../experiment/executor.js'), import('../experiment/cluster-executor.js')]);
  const c = msg.executor;
  const executor = c.kind === 'cluster' ? new ClusterExecutor({ redisUrl: c.redisUrl, queue: c.queue }) : new LocalExecutor(c.workers ? { workers: c.workers } : {});
  try {
    await runExperiment(msg.loaded, {
      ...msg.options,
      executor,
      signal: controller.signal,
      observer: {
        stage: (name, detail) => void send({ type: 'stage', name, detail }),
        tasks: (progress) => void send({ type: 'tasks', progress }),
        epoch: (logs) => void send({ type: 'epoch', logs }),
      },
    });
    await send({ type: 'finished' });
  } catch (e) {
    const interrupted = e instanceof RunInterruptedError ? { reason: e.reason, done: e.done } : undefined;
    const error = e instanceof TrainyardError ? e.toJSON() : { code: 'E_INTERNAL', message: (e as Error)?.message ?? String(e) };
    await send({ type: 'failed', error, ...(interrupted ? { interrupted } : {}) });
  }
  process.disconnect?.();
}

if (process.argv[1] === CHILD_SCRIPT && process.send) {
  process.once('message', (m: StartMessage) => {
    if (m?.type === 'start') void runInChild(m).finally(() => process.exit(0));
  });
}
