/**
 * The benchmark as a function: probe Python, run the chosen tasks one after the other, collect
 * everything into a {@link BenchRun}. main.ts adds the command line, the printing and the results file.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineInfo, type BenchRun } from './results-writer.js';
import { probePython } from './python-env.js';
import { runTask } from './run-task.js';
import { benchTasks } from './tasks.js';
import type { PairResult, TaskResult } from './task-types.js';

/** Options of {@link runBenchmark}. */
export interface BenchmarkOptions {
  /** Task names (all when empty or omitted). */
  tasks?: string[];
  /** Only these trainyard model names (all when omitted). */
  models?: string[];
  /** Run the Python references (default true, when /usr/bin/python3 has them). */
  python?: boolean;
  /** Scratch folder; default `<os tmpdir>/trainyard-bench` (the 1M×40 data is cached there). */
  workDir?: string;
  /** Per-child time limit in ms. */
  timeoutMs?: number;
  /** Called when a task is done (e.g. to print its table at once). */
  onTask?: (t: TaskResult) => void;
  /** Called after each pair. */
  onPair?: (task: string, p: PairResult) => void;
}

/**
 * Runs the benchmark and returns its record (not yet written to disk).
 *
 * @example
 * const run = await runBenchmark({ tasks: ['penguins'], models: ['logistic_regression'] });
 * run.tasks[0].pairs[0].trainyard.fitSeconds;
 */
export async function runBenchmark(options: BenchmarkOptions = {}): Promise<BenchRun> {
  const started = performance.now();
  const tasks = benchTasks(options.tasks ?? []);
  const python = probePython(options.python ?? true);
  const workDir = options.workDir ?? join(tmpdir(), 'trainyard-bench');
  const run: BenchRun = { date: new Date().toISOString(), machine: machineInfo(), python, tasks: [], seconds: 0 };
  for (const task of tasks) {
    const result = await runTask(task, { workDir, python, models: options.models, timeoutMs: options.timeoutMs, onPair: options.onPair });
    run.tasks.push(result);
    options.onTask?.(result);
  }
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
