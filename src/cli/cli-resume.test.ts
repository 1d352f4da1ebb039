/**
 * Coordinator killed mid-run → `trainyard run SPEC --resume RUN_ID` finishes it without recomputing
 * the tasks that were done, with the same figures as an uninterrupted run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../testing/paths.js';
import { runCli, tempDir, writeThirtyTwoTaskSpec } from '../testing/cli.js';


/** 8 candidates × 4 folds: enough tasks that the kill below lands mid-run however fast they are. */
const TASKS = 32;

function taskRows(store: string): { run_id: string; n: number }[] {
  try {
    const db = new Database(store, { readonly: true, timeout: 5000 });
    try {
      return db.prepare('SELECT run_id, count(*) AS n FROM task_results GROUP BY run_id').all() as { run_id: string; n: number }[];
    } finally {
      db.close();
    }
  } catch {
    return []; // the store or its tables do not exist yet
  }
}

test('coordinator SIGKILL mid-run, then --resume: finished tasks are kept, the rest run, figures match', async () => {
  const dir = tempDir();
  const store = join(dir, 's.db');
  const specPath = writeThirtyTwoTaskSpec(dir, 'resume');
  const child = spawn(process.execPath, [join(repoRoot, 'bin/trainyard.js'), 'run', specPath, '--store', store, '--out', join(dir, 'runs'), '--workers', '1', '--quiet'], { stdio: 'ignore' });
  let rows: { run_id: string; n: number }[] = [];
  for (let i = 0; i < 600 && !(rows[0]?.n >= 3); i++) {
    await new Promise((r) => setTimeout(r, 50));
    rows = taskRows(store);
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(rows[0]?.n >= 3 && rows[0].n < TASKS, `killed after some tasks (${rows[0]?.n})`);
  const runId = rows[0].run_id;
  const before = taskRows(store)[0].n;

  const wrongSpec = runCli(['run', writeThirtyTwoTaskSpec(dir, 'resume', '[0.5]'), '--store', store, '--out', join(dir, 'runs'), '--resume', runId]);
  assert.equal(wrongSpec.status, 2, wrongSpec.stderr);
  assert.match(wrongSpec.stderr, /spec differs from the one run/);

  const resumed = runCli(['run', specPath, '--store', store, '--out', join(dir, 'runs'), '--resume', runId, '--json']);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.equal(resumed.json.runId, runId);
  assert.match(resumed.stderr, new RegExp(`cv +${TASKS - before} tasks \\(${before} finished before the resume\\)`));

  const fresh = runCli(['run', specPath, '--store', join(dir, 'fresh.db'), '--out', join(dir, 'runs'), '--json', '--quiet']);
  assert.deepEqual(resumed.json.best, fresh.json.best);
  assert.deepEqual(resumed.json.test, fresh.json.test);

  const again = runCli(['run', specPath, '--store', store, '--out', join(dir, 'runs'), '--resume', runId]);
  assert.equal(again.status, 9, 'a finished run cannot be resumed');
  assert.match(again.stderr, /is finished; only an interrupted/);
});
