/**
 * Which reference libraries `/usr/bin/python3` offers (scikit-learn, XGBoost), probed once per run
 * with bench/python/probe.py. The benchmark still runs trainyard alone when Python is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../testing/paths.js';
import type { ReferenceLibrary } from './task-types.js';

/** The interpreter the references run with (anchors.md: Debian's packages). */
export const PYTHON = '/usr/bin/python3';

/** Versions of the reference stack; a null library is unavailable. */
export interface PythonEnv {
  python: string;
  numpy: string | null;
  pandas: string | null;
  sklearn: string | null;
  xgboost: string | null;
}

/**
 * Probes the interpreter; null when it is missing, disabled (`enabled: false`) or broken.
 *
 * @example
 * const env = probePython();
 * if (env?.sklearn) console.log(`scikit-learn ${env.sklearn}`);
 */
export function probePython(enabled = true): PythonEnv | null {
  if (!enabled || !existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, [join(repoRoot, 'bench', 'python', 'probe.py')], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout.trim()) as PythonEnv;
  } catch {
    return null;
  }
}

/**
 * True when `library` (and numpy, which every reference needs) is importable.
 *
 * @example
 * hasLibrary(env, 'xgboost'); // false without XGBoost
 */
export function hasLibrary(env: PythonEnv | null, library: ReferenceLibrary): boolean {
  if (!env?.numpy || !env.sklearn) return false;
  return library === 'sklearn' ? true : env.xgboost !== null;
}
