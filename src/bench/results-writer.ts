/**
 * Keeps each benchmark run as `bench/results/<timestamp>.json`: the machine (CPU model, cores,
 * memory, Node version), the reference stack's versions, and every task's measurements — so runs
 * can be compared later as ratios, never as absolute times from another day or machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testing/paths.js';
import type { PythonEnv } from './python-env.js';
import type { TaskResult } from './task-types.js';

/** The machine a run measured. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average at the start (a shared machine's noise shows here). */
  loadAverage: number;
}

/** The whole record of one run. */
export interface BenchRun {
  date: string;
  machine: MachineInfo;
  python: PythonEnv | null;
  tasks: TaskResult[];
  seconds: number;
}

/**
 * Describes this machine.
 *
 * @example
 * machineInfo().cores; // 2
 */
export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg()[0],
  };
}

/**
 * Writes `run` under `dir` (default `bench/results/`) as `<ISO timestamp>.json`; returns the path.
 *
 * @example
 * const file = writeResults({ date, machine: machineInfo(), python, tasks, seconds });
 */
export function writeResults(run: BenchRun, dir = join(repoRoot, 'bench', 'results')): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
