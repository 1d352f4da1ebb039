/**
 * `trainyard worker` is deployed as one process per core, but V8 runs its garbage collector and its
 * optimising compiler on helper threads as well, and those take CPU from the worker on the next core:
 * a worker doing a cross-validation search used 1.2 cores. Started with `--single-threaded`, 2 workers
 * on 2 cores finish that search in 2.7 s instead of 2.9 s (a lone worker is ~7% slower, its compiler no
 * longer borrowing the idle core). The flag only takes effect at start-up (setting it at run time
 * crashes V8), so the command runs itself again in a child node with it; the parent relays signals and
 * the exit code, and the child exits when the parent goes (even killed with SIGKILL).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const ONE_CORE_FLAG = '--single-threaded';
/** Set in the child to its parent's pid. */
const PARENT_ENV = 'TRAINYARD_ONE_CORE_PARENT';

/** Whether this process was started confined to one core. */
export function runsOnOneCore(): boolean {
  return process.execArgv.includes(ONE_CORE_FLAG);
}

/**
 * Runs this same command line again in a child node started with `--single-threaded`, relaying
 * SIGINT and SIGTERM to it; resolves to the child's exit status.
 *
 * @example
 * if (!runsOnOneCore()) process.exit(await rerunOnOneCore());
 */
export function rerunOnOneCore(): Promise<number> {
  // The child gets a process group of its own, so a signal sent to this one's group (a terminal's
  // Ctrl-C, a process manager stopping the group) reaches it once, relayed, not twice — the second
  // would kill it before its clean shutdown. It never outlives this process: see exitWithParent.
  const child = spawn(process.execPath, [ONE_CORE_FLAG, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, [PARENT_ENV]: String(process.pid) },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 1)));
  });
}

/**
 * In the child: exits as soon as the parent is gone. A parent killed with SIGKILL cannot relay it,
 * but its end of the IPC channel closes, and a worker must not outlive the process its operator killed.
 */
export function exitWithParent(): void {
  const parent = Number(process.env[PARENT_ENV]);
  if (!parent) return; // not started by rerunOnOneCore
  const orphaned = (): never => process.exit(128 + constants.signals.SIGKILL);
  // The parent may have died while this process was starting, before anyone listened for the channel.
  if (process.ppid !== parent || !process.connected) orphaned();
  process.channel?.unref(); // the channel alone must not keep the worker running
  process.once('disconnect', orphaned);
  // And should the channel be closed by someone else: an orphan is re-parented.
  setInterval(() => process.ppid !== parent && orphaned(), 1000).unref();
}
