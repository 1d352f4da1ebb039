/**
 * Runs one model fit in a child process — Node for trainyard (trainyard-child.js), Python for the
 * reference (bench/python/reference.py) — one at a time, so each child's maxRSS is that model's peak
 * memory and no two fits compete for the two cores. The job goes in as a JSON file, the
 * {@link ChildResult} comes back as a JSON file (stdout stays free for whatever a library prints).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../testing/paths.js';
import { PYTHON } from './python-env.js';
import type { ChildJob, ChildResult } from './task-types.js';

/** Options of {@link runChild}. */
export interface RunChildOptions {
  /** Kill the child after this many milliseconds and report 'timeout'. Default 10 minutes. */
  timeoutMs?: number;
}

const TRAINYARD_CHILD = fileURLToPath(new URL('./trainyard-child.js', import.meta.url));
const REFERENCE_SCRIPT = join(repoRoot, 'bench', 'python', 'reference.py');
/** Lines of a failed child's stderr kept in its result message. */
const STDERR_TAIL = 4;

/**
 * Runs `job` in a fresh `runtime` child; never throws for a failed fit (the result says why).
 *
 * @example
 * const r = await runChild('trainyard', { ...job, model: { name: 'logistic_regression', params: {} } });
 * if (r.status === 'ok') console.log(r.fitSeconds, r.peakMb);
 */
export function runChild(runtime: 'trainyard' | 'python', job: ChildJob, options: RunChildOptions = {}): Promise<ChildResult> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const jobFile = `${job.resultFile}.job.json`;
  rmSync(job.resultFile, { force: true });
  writeFileSync(jobFile, JSON.stringify(job));
  const [cmd, args] = runtime === 'trainyard' ? [process.execPath, ['--expose-gc', TRAINYARD_CHILD, jobFile]] : [PYTHON, [REFERENCE_SCRIPT, jobFile]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      // Keep only the tail: a chatty library must not grow the parent's memory.
      stderr = (stderr + s).slice(-8192);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (spawnError?: Error): void => {
      clearTimeout(timer);
      if (timedOut) return resolve({ status: 'timeout', message: `killed after ${Math.round(timeoutMs / 1000)} s` });
      if (existsSync(job.resultFile)) {
        try {
          return resolve(JSON.parse(readFileSync(job.resultFile, 'utf8')) as ChildResult);
        } catch (e) {
          return resolve({ status: 'error', message: `unreadable result: ${(e as Error).message}` });
        }
      }
      const tail = stderr.trim().split('\n').slice(-STDERR_TAIL).join(' | ');
      resolve({ status: 'error', message: spawnError ? spawnError.message : tail || 'the child exited without a result' });
    };
    child.on('error', (e) => finish(e));
    child.on('close', () => finish());
  });
}
