import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InlineExecutor, LocalExecutor } from './executor.js';
import { loadTaskModules, taskKind } from './task-registry.js';
import { SUM_TASK_MODULE, sumSnapshot, type SumTask } from './task-registry.test-helpers.js';

test('an unregistered task kind fails with a typed error naming the kind', async () => {
  assert.throws(() => taskKind('no-such-kind'), (e: Error & { code?: string }) => e.code === 'E_INTERNAL' && /no-such-kind/.test(e.message));
});

test('executors know no task kind: inline and worker-thread runs resolve it through the registry and agree, in task order', async () => {
  const { sha, snapshot } = sumSnapshot([1, 2, 3.5]);
  const tasks: SumTask[] = [1, 2, 3, 4, 5].map((factor) => ({ kind: 'sum-scaled', id: `t${factor}`, dataset: sha, factor }));
  const datasets = new Map([[sha, snapshot]]);
  const seen: number[] = [];
  const inline = await new InlineExecutor<SumTask, { taskId: string; score: number }, Float64Array>({ taskModules: [SUM_TASK_MODULE] }).run(tasks, datasets, (p) => seen.push(p.done));
  assert.deepEqual(inline.map((r) => r.score), [6.5, 13, 19.5, 26, 32.5]);
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  const local = new LocalExecutor<SumTask, { taskId: string; score: number }, Float64Array>({ workers: 2, snapshotDir: mkdtempSync(join(tmpdir(), 'ty-registry-')), taskModules: [SUM_TASK_MODULE] });
  assert.deepEqual(await local.run(tasks, datasets), inline);
});

test('a worker thread without the module that registers a kind refuses its tasks', async () => {
  await loadTaskModules([SUM_TASK_MODULE]); // registered here, but not in the threads
  const { sha, snapshot } = sumSnapshot([1]);
  const tasks: SumTask[] = [1, 2].map((factor) => ({ kind: 'sum-scaled', id: `t${factor}`, dataset: sha, factor }));
  const local = new LocalExecutor<SumTask, unknown, Float64Array>({ workers: 2, snapshotDir: mkdtempSync(join(tmpdir(), 'ty-registry-')), taskModules: [] });
  await assert.rejects(local.run(tasks, new Map([[sha, snapshot]])), /no handler is registered for task kind 'sum-scaled'/);
});
