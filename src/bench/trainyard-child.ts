/**
 * One trainyard fit for `npm run bench`, run as its own Node process so that its peak memory
 * (maxRSS) belongs to this model alone: `node --expose-gc dist/bench/trainyard-child.js JOB_JSON`.
 * Mirrors bench/python/reference.py: preprocessing is fitted on the training rows and is not timed;
 * fit time is `estimator.fit` only, predict time is predict + probabilities (or decision scores).
 * The training rows are released before the test rows are read, as the Python side does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Matrix } from '../core/matrix.js';
import { predictMatrix, type AnyEstimator } from '../experiment/tabular/fit-candidate.js';
import { evaluatePredictions } from '../metrics/index.js';
import { getModel } from '../models/registry.js';
import { buildPreprocessor, toMatrix, type Pipeline } from '../preprocess/index.js';
import { readFloat32Rows, readUint8Labels } from './synthetic-data.js';
import { readSnapshot } from './tabular-data.js';
import type { BenchMetrics, ChildJob, ChildResult } from './task-types.js';

const MB = 2 ** 20;
/** Fits are repeated while their total stays below this (seconds) ... */
const REPEAT_BELOW_SECONDS = 1;
/** ... up to this many runs. Same rule as bench/python/reference.py. */
const MAX_FIT_RUNS = 3;

/** The metrics the table shows (and the JSON keeps) per task kind. */
const KEPT: Record<ChildJob['taskKind'], string[]> = {
  binary: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'],
  multiclass: ['accuracy', 'f1', 'rocAuc'],
  regression: ['rmse', 'r2', 'mae'],
};

interface Part {
  X: Matrix;
  y: Float64Array;
  featureNames?: string[];
}

/** Loaders for the training part and (called after fit) the test part. */
function loaders(job: ChildJob): { train: () => Part; test: () => Part } {
  const d = job.data;
  if (d.kind === 'synthetic') {
    const nTest = d.rows - d.trainRows;
    return {
      train: () => ({ X: readFloat32Rows(d.xFile, d.cols, 0, d.trainRows), y: readUint8Labels(d.yFile, 0, d.trainRows) }),
      test: () => ({ X: readFloat32Rows(d.xFile, d.cols, d.trainRows, nTest), y: readUint8Labels(d.yFile, d.trainRows, nTest) }),
    };
  }
  let preprocessor: Pipeline | null = null;
  return {
    train: () => {
      const train = readSnapshot(d.trainSnapshot);
      preprocessor = buildPreprocessor(d.preprocess, train.features);
      preprocessor.fit(train.features);
      const { X, featureNames } = toMatrix(preprocessor.transform(train.features));
      return { X, y: train.y, featureNames };
    },
    test: () => {
      const test = readSnapshot(d.testSnapshot);
      return { X: toMatrix(preprocessor!.transform(test.features)).X, y: test.y };
    },
  };
}

function run(job: ChildJob): ChildResult {
  if (!job.model) throw new Error('trainyard child: the job names no model');
  const { name, params } = job.model;
  const load = loaders(job);
  let train: Part | null = load.train();
  const nTrain = train.X.rows;
  const nFeatures = train.X.cols;
  // Short fits are repeated on a fresh estimator and the fastest kept (as `timeit` does): on a shared
  // 2-core machine one sub-second sample is mostly noise. The first (cold, JIT-compiling) time is kept too.
  const times: number[] = [];
  let estimator: AnyEstimator;
  do {
    estimator = getModel(name).create(params) as AnyEstimator;
    const t0 = performance.now();
    estimator.fit(train.X, train.y, { featureNames: train.featureNames });
    times.push((performance.now() - t0) / 1000);
  } while (times.length < MAX_FIT_RUNS && times.reduce((a, b) => a + b, 0) < REPEAT_BELOW_SECONDS);
  const fitSeconds = Math.min(...times);
  train = null;
  (globalThis as { gc?: () => void }).gc?.();

  const test = load.test();
  const t = performance.now();
  const p = predictMatrix(estimator, test.X);
  const predictSeconds = (performance.now() - t) / 1000;
  const all = evaluatePredictions({
    task: job.taskKind,
    yTrue: test.y,
    yPred: p.yPred,
    scores: job.taskKind === 'regression' ? undefined : p.scores,
    scoresAreProbabilities: p.scoresAreProbabilities,
    nClasses: job.taskKind === 'regression' ? undefined : job.nClasses,
  });
  const metrics: BenchMetrics = {};
  for (const k of KEPT[job.taskKind]) metrics[k] = typeof all[k] === 'number' ? (all[k] as number) : null;
  return { status: 'ok', fitSeconds, coldFitSeconds: times[0], fitRuns: times.length, predictSeconds, nTrain, nTest: test.X.rows, nFeatures, metrics };
}

function main(): void {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ChildJob;
  const baselineMb = process.memoryUsage().rss / MB;
  let result: ChildResult;
  try {
    result = run(job);
  } catch (e) {
    const err = e as Error & { code?: string };
    result = { status: 'error', message: `${err.code ?? err.name}: ${err.message}` };
  }
  // maxRSS is in kilobytes.
  result.peakMb = process.resourceUsage().maxRSS / 1024;
  result.baselineMb = baselineMb;
  writeFileSync(job.resultFile, JSON.stringify(result));
}

main();
