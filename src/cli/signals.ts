/**
 * SIGINT and SIGTERM during `trainyard run`. The first signal aborts the run (RunOptions.signal): the
 * executor stops its threads (or takes the run's waiting jobs off the cluster queue), the hidden work
 * folder is removed, the run is marked `interrupted` in the store with its finished tasks kept, and
 * the command says on stderr how to continue (`--resume RUN_ID`) and exits 128 + the signal's number
 * (130, 143). A second signal, or a clean-up that takes longer than {@link FORCE_EXIT_MS}, exits at once.
 */
import { constants } from 'node:os';
import { TrainyardError } from '../core/errors.js';
import { RunInterruptedError } from '../experiment/run/run-lifecycle.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof SIGNALS)[number];

/** How long clean-up after a signal may take before the command exits anyway. */
export const FORCE_EXIT_MS = 15_000;

/** The exit status of a command stopped by `signal`: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The command line that continues run `runId`: this one's arguments with `--resume runId`. */
export function resumeCommand(argv: readonly string[], runId: string): string {
  const args = argv.slice(2);
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--resume') i++;
    else if (!args[i].startsWith('--resume=')) kept.push(args[i]);
  }
  return ['trainyard', ...kept, '--resume', runId].map(quote).join(' ');
}

/**
 * Runs `body` with an AbortSignal that the first SIGINT / SIGTERM aborts (reason: the signal's name).
 * If a signal came, the process exits 130 / 143 once `body` has settled, after `onExit` and a line on
 * stderr naming the run and the command that resumes it (with `json`, also a JSON error line on stdout).
 *
 * @example
 * const r = await interruptible((signal) => runExperiment(loaded, { ...options, signal }), { json, onExit: () => observer.close() });
 */
export async function interruptible<T>(body: (signal: AbortSignal) => Promise<T>, opts: { json?: boolean; onExit?: () => void } = {}): Promise<T> {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handlers = SIGNALS.map((signal) => {
    const handler = (): void => {
      if (received) {
        process.stderr.write(`trainyard: ${signal} again: exiting without waiting for the clean-up\n`);
        process.exit(signalExitCode(received));
      }
      received = signal;
      process.stderr.write(`trainyard: ${signal} received: stopping the run and recording what finished (${signal} again to exit at once)\n`);
      controller.abort(signal);
      setTimeout(() => {
        process.stderr.write(`trainyard: the clean-up after ${signal} took over ${FORCE_EXIT_MS / 1000} s; exiting without it\n`);
        process.exit(signalExitCode(signal));
      }, FORCE_EXIT_MS).unref();
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await body(controller.signal);
  } catch (e) {
    if (!received) throw e;
    opts.onExit?.();
    let message: string;
    if (e instanceof RunInterruptedError) {
      message = `run ${e.runId} interrupted by ${received}; its ${e.done} finished tasks are kept in the store (status 'interrupted'), no model was written. Continue it with:\n  ${resumeCommand(process.argv, e.runId)}`;
    } else if (e instanceof TrainyardError) {
      message = `interrupted by ${received}; while stopping: ${e.code}: ${e.message}`;
    } else {
      message = `interrupted by ${received} before the run was recorded; nothing to resume`;
    }
    process.stderr.write(`trainyard: ${message}\n`);
    if (opts.json) {
      const runId = e instanceof RunInterruptedError ? e.runId : undefined;
      process.stdout.write(`${JSON.stringify({ error: { code: 'E_INTERRUPTED', signal: received, runId, message } })}\n`);
    }
    return process.exit(signalExitCode(received));
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
