/**
 * `npm run bench [-- TASK ...] [--models a,b] [--no-python] [--timeout SECONDS]`: trainyard side by
 * side with scikit-learn / XGBoost (and pandas for CSV loading) in the same run, each model fit in
 * its own child process. Prints a table per task and keeps the run as bench/results/<timestamp>.json.
 * Tasks: shoppers, telco, kc-house, penguins, synthetic, csv, recommend (all by default); `serve` (online
 * serving against the FastAPI anchor, serve-bench.ts) runs only when named: `npm run bench -- serve [--processes N] [--seconds S]`.
 */
import { parseArgs } from 'node:util';
import { writeResults } from './results-writer.js';
import { runBenchmark } from './run-benchmark.js';
import { formatProgress, formatTask } from './table.js';
import { formatRecommendBench, runRecommendBench, writeRecommendResults } from './recommend-bench.js';

async function main(): Promise<void> {
  const { values, positionals: names } = parseArgs({
    allowPositionals: true,
    options: {
      models: { type: 'string' },
      'no-python': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      processes: { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  if (names.includes('serve')) {
    // Servers and load on this machine: a section of its own, never mixed with fits that would share the cores.
    if (names.length > 1) throw new Error('run `serve` on its own: npm run bench -- serve');
    const { formatServeBench, runServeBench } = await import('./serve-bench.js');
    const result = await runServeBench({
      processes: values.processes === undefined ? undefined : Number(values.processes),
      seconds: values.seconds === undefined ? undefined : Number(values.seconds),
      python: !values['no-python'],
      log: (l) => process.stderr.write(`${l}\n`),
    });
    console.log(formatServeBench(result));
    return;
  }
  // `recommend` is its own section (recommend-bench.ts): in-process, MovieLens 100K, after the tabular tasks.
  const positionals = names.filter((n) => n !== 'recommend');
  const recommend = names.length === 0 || names.includes('recommend');
  if (recommend && positionals.length === 0 && names.length > 0) {
    const result = await runRecommendBench({ models: values.models?.split(',').map((m) => m.trim()).filter(Boolean), log: (l) => process.stderr.write(`${l}\n`) });
    console.log(formatRecommendBench(result));
    console.log(`results: ${writeRecommendResults(result)}`);
    return;
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new Error(`--timeout must be a number of seconds > 0, got ${JSON.stringify(values.timeout)}`);
  const run = await runBenchmark({
    tasks: positionals,
    models: values.models?.split(',').map((m) => m.trim()).filter(Boolean),
    python: !values['no-python'],
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    onPair: (task, p) => process.stderr.write(`${formatProgress(task, p)}\n`),
    onTask: (t) => console.log(formatTask(t)),
  });
  const m = run.machine;
  const py = run.python;
  console.log(
    `\nmachine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, node ${m.node}, load ${m.loadAverage.toFixed(2)}; ` +
      (py ? `python ${py.python}, scikit-learn ${py.sklearn ?? '—'}, xgboost ${py.xgboost ?? '—'}, numpy ${py.numpy ?? '—'}` : 'no Python references'),
  );
  console.log(`fit ratio = trainyard fit s / reference fit s (same run, same rows); ${run.seconds.toFixed(0)} s in all`);
  console.log(`results: ${writeResults(run)}`);
  if (recommend) {
    const result = await runRecommendBench({ log: (l) => process.stderr.write(`${l}\n`) });
    console.log(formatRecommendBench(result));
    console.log(`results: ${writeRecommendResults(result)}`);
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
});
