import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskThread } from './task-thread.js';
import { WorkerPool } from './worker-pool.js';

// A handler module as the experiment layer supplies one: tasks are plain JSON.
const handler = join(mkdtempSync(join(tmpdir(), 'trainyard-task-thread-')), 'handler.mjs');
writeFileSync(
  handler,
  `export function handleTask(task, context) {
  if (task.op === 'throw') throw new Error('task said no');
  if (task.op === 'exit') process.exit(3);
  if (task.op === 'spin') { const end = Date.now() + task.ms; while (Date.now() < end); }
  return { x: task.x * context.factor };
}\n`,
);
const url = pathToFileURL(handler);

test('a task thread runs tasks one at a time off the calling thread, and reports their errors', async () => {
  const thread = new TaskThread(url, { factor: 3 });
  try {
    assert.deepEqual(await thread.run({ x: 2 }), { x: 6 });
    // The caller's event loop keeps turning while the task computes (a cluster worker renews its locks).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await thread.run({ op: 'spin', ms: 300, x: 1 });
    clearInterval(timer);
    assert.ok(ticks >= 10, `only ${ticks} timer ticks during a 300 ms task`);
    await assert.rejects(thread.run({ op: 'throw' }), /task said no/);
    assert.equal(thread.alive, true);
    assert.deepEqual(await thread.run({ x: 1 }), { x: 3 });
  } finally {
    await thread.close();
  }
});

test('a thread that dies with its task rejects it and reports itself dead', async () => {
  const thread = new TaskThread(url, { factor: 1 });
  await assert.rejects(thread.run({ op: 'exit' }), /exited with code 3/);
  assert.equal(thread.alive, false);
  await assert.rejects(thread.run({ x: 1 }), /exited with code 3/);
  await thread.close();
});

test('a pool returns results in task order whatever its size, and stops at the first failure', async () => {
  const tasks = Array.from({ length: 7 }, (_, i) => ({ op: 'spin', ms: (7 - i) * 5, x: i }));
  for (const size of [1, 3]) {
    const seen: number[] = [];
    const results = await new WorkerPool({ size, handler: url, context: { factor: 10 } }).run<unknown, { x: number }>(tasks, (i) => seen.push(i));
    assert.deepEqual(results.map((r) => r.x), [0, 10, 20, 30, 40, 50, 60]);
    assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4, 5, 6]);
  }
  await assert.rejects(new WorkerPool({ size: 2, handler: url, context: { factor: 1 } }).run([{ x: 1 }, { op: 'throw' }, { x: 2 }]), /task said no/);
});

test('ready() resolves once the handler is loaded, and rejects when the handler cannot load', async () => {
  const thread = new TaskThread(url, { factor: 2 });
  try {
    await thread.ready();
    assert.deepEqual(await thread.run({ x: 4 }), { x: 8 });
  } finally {
    await thread.close();
  }
  const bad = join(mkdtempSync(join(tmpdir(), 'trainyard-task-thread-')), 'bad.mjs');
  writeFileSync(bad, `throw new Error('handler will not load');\n`);
  const broken = new TaskThread(pathToFileURL(bad), {});
  await assert.rejects(broken.ready(), /handler will not load/);
  await broken.close();
});
