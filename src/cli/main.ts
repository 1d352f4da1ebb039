/**
 * The `trainyard` command line. Every failure prints one clear line on stderr and exits with the
 * error code's status (core/errors.ts EXIT_CODES); with `--json` the last stdout line is JSON.
 */
import { Command, Option } from 'commander';
import { EXIT_CODES, TrainyardError } from '../core/errors.js';
import { DEFAULT_QUEUE } from '../execution/cluster-protocol.js';
import { TRAINYARD_VERSION } from '../core/version.js';
import { exitWithParent, rerunOnOneCore, runsOnOneCore } from './one-core.js';
import { terminalObserver } from './progress.js';
import { intOption, POSITIVE, usageError } from './options.js';
import { addModelsCommand, addRunsCommand } from './registry-commands.js';
import { addServeCommand } from './serve-command.js';
import { addTokenCommand } from './token-command.js';

// Each command loads the layers it needs when it runs: DuckDB, BullMQ and the database clients take
// ~1.2 s to load, which `trainyard recommend` (a serving call, ~0.2 s) should not pay for.

function printSummary(json: boolean, summary: unknown, human: () => void): void {
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else human();
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? v.toFixed(4) : JSON.stringify(v);
}

export function buildProgram(): Command {
  const program = new Command('trainyard')
    .description('Model training and evaluation: preprocess → select → train → evaluate')
    .version(TRAINYARD_VERSION)
    .configureOutput({ outputError: () => undefined })
    .exitOverride(usageError);

  program
    .command('run')
    .description('run an experiment spec: load, preprocess, cross-validate candidates, refit the best, evaluate, save model + report')
    .argument('<spec>', 'experiment spec (YAML)')
    .option('--store <path>', 'tracking store: SQLite file or postgres:// URL', 'trainyard.db')
    .option('--out <dir>', 'folder for the model and report', 'runs')
    .option('--workers <n>', 'worker threads for cross-validation (default: all cores)', intOption('--workers', { min: 1, max: 1024 }))
    .option('--cluster <redis-url>', 'run the tasks on `trainyard worker` processes through this Redis (use a postgres:// --store they share)')
    .option('--queue <name>', 'queue name with --cluster', DEFAULT_QUEUE)
    .option('--resume <run-id>', 'continue an interrupted run of the same spec without recomputing its finished tasks')
    .option('--json', 'print the result as one JSON object on the last stdout line')
    .option('--quiet', 'no progress output')
    .action(async (specPath: string, o: { store: string; out: string; workers?: number; cluster?: string; queue: string; resume?: string; json?: boolean; quiet?: boolean }) => {
      const [{ loadAnySpec }, { runExperiment }, { LocalExecutor }, { ClusterExecutor }, { interruptible }] = await Promise.all([
        import('../experiment/spec/spec.js'),
        import('../experiment/run.js'),
        import('../experiment/executor.js'),
        import('../experiment/cluster-executor.js'),
        import('./signals.js'),
      ]);
      const loaded = loadAnySpec(specPath);
      const observer = terminalObserver(o.quiet);
      try {
        const executor = o.cluster ? new ClusterExecutor({ redisUrl: o.cluster, queue: o.queue }) : new LocalExecutor({ workers: o.workers });
        const r = await interruptible((signal) => runExperiment(loaded, { store: o.store, outDir: o.out, observer, executor, resume: o.resume, signal }), { json: o.json, onExit: () => observer.close() });
        printSummary(!!o.json, r, () => {
          console.log(`run ${r.runId}: best ${r.best.model} ${JSON.stringify(r.best.params)} (cv ${fmt(r.best.cvScore)})`);
          for (const [k, v] of Object.entries(r.test)) if (typeof v === 'number') console.log(`  test ${k.padEnd(17)} ${fmt(v)}`);
          console.log(`model  ${r.modelPath}\nreport ${r.reportPath}`);
        });
      } finally {
        observer.close();
      }
    });

  program
    .command('recommend')
    .description('top-k items for one user from a recommender saved by `trainyard run` (task: recommend)')
    .requiredOption('--model <path>', 'model file written by `trainyard run` for a recommend spec, or models:/NAME@ALIAS | models:/NAME/VERSION')
    .option('--store <location>', 'the store models:/ references are looked up in', 'trainyard.db')
    .requiredOption('--user <id>', 'user id as in the training data')
    .option('--k <n>', 'how many items (more than the catalogue: all of them)', intOption('--k', POSITIVE), 10)
    .option('--exclude-seen', "leave out the user's training items (the default)", true)
    .option('--no-exclude-seen', "include the user's training items")
    .option('--json', 'print the recommendation as one JSON object')
    .action(async (o: { model: string; store: string; user: string; k: number; excludeSeen: boolean; json?: boolean }) => {
      const { loadRecommenderFrom } = await import('../experiment/recommend/recommender-bundle.js');
      const rec = await loadRecommenderFrom(o.model, { store: o.store });
      const r = rec.recommend(o.user, { k: o.k, excludeSeen: o.excludeSeen });
      if (r.fallback) process.stderr.write(`trainyard: user '${o.user}' has no training events in this model; recommending the most popular items instead\n`);
      if (r.items.length < o.k) process.stderr.write(`trainyard: k = ${o.k} is more than the ${r.items.length} items available to this user; returning all of them\n`);
      printSummary(!!o.json, { ...r, k: o.k, excludeSeen: o.excludeSeen }, () => {
        r.items.forEach((x, i) => console.log(`${String(i + 1).padStart(3)}  ${x.item.padEnd(12)} ${fmt(x.score)}`));
      });
    });

  program
    .command('worker')
    .description('run cross-validation tasks from a Redis queue (start one per core on every machine)')
    .requiredOption('--redis <url>', 'Redis the coordinator submits to, e.g. redis://HOST:6379')
    .option('--store <location>', 'the store the coordinator uses (postgres://… across machines)')
    .option('--concurrency <n>', 'tasks at once in this process', intOption('--concurrency', { min: 1, max: 1024 }), 1)
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--lock-ms <n>', "how long a task's lock lasts unrenewed: a killed worker's task is re-run after about this long", intOption('--lock-ms', { min: 100, max: 86_400_000 }), 5000)
    .option('--quiet', 'no log lines')
    .action(async (o: { redis: string; store?: string; concurrency: number; queue: string; lockMs: number; quiet?: boolean }) => {
      if (!runsOnOneCore()) process.exit(await rerunOnOneCore());
      exitWithParent();
      const log = (line: string): void => {
        if (!o.quiet) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const { startExperimentWorker } = await import('../experiment/experiment-worker.js');
      const worker = await startExperimentWorker({ redisUrl: o.redis, store: o.store ?? '', queue: o.queue, concurrency: o.concurrency, lockMs: o.lockMs, log });
      log(`worker ${worker.id} (trainyard ${TRAINYARD_VERSION}) waiting for tasks on ${o.queue}`);
      const stop = (): void => void worker.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await worker.done;
    });

  program
    .command('evaluate')
    .description('score a predictions file with the standard metrics')
    .requiredOption('--input <file>', 'CSV/Parquet/JSON file with truth and prediction columns')
    .requiredOption('--truth <col>', 'column with the true values')
    .requiredOption('--pred <col>', 'column with the predicted values')
    .option('--score <col...>', 'score/probability columns (binary: positive class; multiclass: one per class in sorted order)')
    .addOption(new Option('--task <task>', 'task kind (inferred when omitted)').choices(['binary', 'multiclass', 'regression']))
    .option('--json', 'print the metrics as one JSON object')
    .action(async (o: { input: string; truth: string; pred: string; score?: string[]; task?: 'binary' | 'multiclass' | 'regression'; json?: boolean }) => {
      const { evaluateFile } = await import('../experiment/tabular/evaluate-file.js');
      const m = await evaluateFile({ input: o.input, truth: o.truth, pred: o.pred, scores: o.score, task: o.task });
      printSummary(!!o.json, m, () => {
        for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(18)} ${fmt(v)}`);
      });
    });

  program
    .command('predict')
    .description('apply a saved model to a data file')
    .requiredOption('--model <path>', 'model file written by `trainyard run`, or models:/NAME@ALIAS | models:/NAME/VERSION')
    .option('--store <location>', 'the store models:/ references are looked up in', 'trainyard.db')
    .requiredOption('--input <file>', 'data file with the columns the model was trained on')
    .requiredOption('--output <file>', 'CSV file to write (input columns + prediction [+ proba_<class>]); - for standard output')
    .option('--json', 'print a JSON summary (on stderr with --output -)')
    .action(async (o: { model: string; store: string; input: string; output: string; json?: boolean }) => {
      const { predictFile } = await import('../experiment/tabular/predict-file.js');
      const r = await predictFile(o);
      // With the CSV on standard output, the summary goes to stderr so that stdout is the CSV alone.
      if (r.output === '-') process.stderr.write(o.json ? `${JSON.stringify(r)}\n` : `wrote ${r.rows} predictions to standard output\n`);
      else printSummary(!!o.json, r, () => console.log(`wrote ${r.rows} predictions to ${r.output}`));
    });
  addRunsCommand(program);
  addModelsCommand(program);
  addServeCommand(program);
  addTokenCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    const err = e instanceof TrainyardError ? e : null;
    if (err) {
      process.stderr.write(`trainyard: ${err.code}: ${err.message}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: err.toJSON() })}\n`);
      return EXIT_CODES[err.code];
    }
    process.stderr.write(`trainyard: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'E_INTERNAL', message: String((e as Error).message) } })}\n`);
    return 1;
  }
}
