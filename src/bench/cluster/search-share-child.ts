/**
 * One share of a search's CV tasks, computed in this process with no queue, store or coordinator:
 * `node --single-threaded dist/bench/cluster/search-share-child.js SPEC_JSON PART SHARES`. `bench:cluster`
 * runs SHARES of these side by side to measure what two busy cores cost each other — the ceiling of
 * the cluster's speed-up on the same machine. The child loads and plans, prints `ready`, waits for a
 * line on stdin (so that all shares start computing together), runs tasks PART, PART + SHARES, … and
 * prints `{"seconds": …}`.
 */
import { createInterface } from 'node:readline';
import { runExperimentTask, taskDataFromSnapshot } from '../../experiment/experiment-task.js';
import { planCv } from '../../experiment/tabular/plan.js';
import { prepareData } from '../../experiment/tabular/prepare-data.js';
import { validateSpec } from '../../experiment/spec/spec.js';
import { setKernelThreads } from '../../kernels/thread-pool.js';

const [specJson, part, shares] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
// As a `trainyard worker` does: one process, one core.
setKernelThreads(1);
const loaded = { spec: validateSpec(JSON.parse(specJson)), baseDir: '.', file: 'bench.yaml' };
const plan = planCv(loaded, (await prepareData(loaded)).train);
const mine = plan.tasks.filter((_, i) => i % shares === part);
console.log('ready');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const started = performance.now();
// Decoded from the snapshot bytes, as a worker does with the blob it fetched.
const data = taskDataFromSnapshot(mine[0], plan.snapshot);
for (const task of mine) runExperimentTask(task, data);
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
process.exit(0);
