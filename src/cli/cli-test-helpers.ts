/** Runs the real `trainyard` binary in a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testing/paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (when `--json` was given). */
  json: any;
}

export function runCli(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'trainyard.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const lines = r.stdout.trim().split('\n');
  let json: unknown = null;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    json = null;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

export function tempDir(prefix = 'trainyard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a spec file into `dir` and returns its path. */
export function writeSpec(dir: string, yaml: string, name = 'spec.yaml'): string {
  const p = join(dir, name);
  writeFileSync(p, yaml);
  return p;
}
