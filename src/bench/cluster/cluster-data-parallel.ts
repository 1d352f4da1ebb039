/**
 * The data-parallel part of `npm run bench:cluster`: the 1M×40 synthetic set of anchors.md (first
 * 800k rows train, last 200k test; `synthetic-data.ts` generates it) split into 4 partitions served by
 * 4 `trainyard worker` processes, for logistic regression, the MLP and gradient-boosted trees — held-out
 * AUC and wall time of the data-parallel fit against the single-process fit (target |ΔAUC| ≤ 0.005) —
 * and for ridge regression on the 0/1 labels (a linear probability model: the AUC of its scores).
 *
 * `TRAINYARD_BENCH_DP_ROWS` scales the set down for a quick run (default 1,000,000).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Matrix } from '../../core/matrix.js';
import {
  fitGradientBoostingDataParallel,
  fitLogisticRegressionDataParallel,
  fitMlpDataParallel,
  fitRidgeDataParallel,
  type DataParallelOptions,
} from '../../execution/data-parallel/data-parallel-fits.js';
import { rocAucScore } from '../../metrics/index.js';
import { HistGradientBoostingClassifier } from '../../models/boosting/hist-gradient-boosting-classifier.js';
import { LogisticRegression } from '../../models/linear/logistic-regression.js';
import { Ridge } from '../../models/linear/ridge.js';
import { MLPClassifier } from '../../models/neural/mlp-classifier.js';
import { openStore } from '../../tracking/store.js';
import { probePython } from '../python-env.js';
import { ensureSyntheticData, readFloat32Rows, readUint8Labels } from '../synthetic-data.js';
import type { SyntheticTask } from '../task-types.js';

/** Runs `fn` with `workers` worker processes on a fresh store schema and queue, then removes them. */
export type WorkerScopeRunner = <T>(name: string, workers: number, fn: (scope: { store: string; queue: string }) => Promise<T>) => Promise<T>;

/** One model's single-process vs data-parallel figures. */
export interface DataParallelFigures {
  params: Record<string, unknown>;
  dataParallelParams: Record<string, unknown>;
  singleSeconds: number;
  dataParallelSeconds: number;
  aucSingle: number;
  aucDataParallel: number;
  deltaAuc: number;
  [extra: string]: unknown;
}

const PARTITIONS = 4;

/** The MLP of anchors.md (sklearn: 5.5 s, AUC 0.9896) and its data-parallel counterpart. */
const MLP_SINGLE = { hidden: [64, 32], epochs: 3, batchSize: 256 };
/**
 * 4 × 1,024 rows per global batch: 195 round trips per epoch instead of 3,125 — with the learning
 * rate scaled up (√16 · 0.001) for the 16× larger batch, and two more epochs for the 16× fewer steps.
 */
const MLP_DATA_PARALLEL = { hidden: [64, 32], epochs: 5, batchSize: 4096, learningRate: 0.004 };
/** sklearn's HistGradientBoostingClassifier defaults (early stopping on 10% of the training rows). */
const GBDT = { maxIter: 100 };

/**
 * Runs the comparison and returns its record; prints one line per model.
 *
 * @example
 * out.dataParallel = await benchDataParallel(runner, redisUrl);
 */
export async function benchDataParallel(withWorkers: WorkerScopeRunner, redisUrl: string): Promise<Record<string, unknown>> {
  const rows = Number(process.env.TRAINYARD_BENCH_DP_ROWS ?? 1_000_000);
  const trainRows = Math.round(rows * 0.8);
  const task: SyntheticTask = { kind: 'synthetic', name: 'synthetic', description: '', rows, cols: 40, trainRows, memoryTarget: 2, pairs: [] };
  const dir = join(tmpdir(), 'trainyard-bench');
  mkdirSync(dir, { recursive: true });
  const files = ensureSyntheticData(task, dir, probePython()?.sklearn != null);
  const Xtr = readFloat32Rows(files.xFile, 40, 0, trainRows), ytr = readUint8Labels(files.yFile, 0, trainRows);
  const Xte = readFloat32Rows(files.xFile, 40, trainRows, rows - trainRows), yte = readUint8Labels(files.yFile, trainRows, rows - trainRows);
  const auc = (m: { predictProba(X: Matrix): Matrix }): number => rocAucScore(yte, m.predictProba(Xte).column(1));
  const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const r = await fn();
    return [r, (performance.now() - t) / 1000];
  };
  const models: Record<string, DataParallelFigures> = {};
  const report = (name: string, f: DataParallelFigures, note = ''): void => {
    models[name] = f;
    console.log(
      `data-parallel ${name} ${trainRows / 1000}k×40, ${PARTITIONS} partitions on ${PARTITIONS} workers: ${f.dataParallelSeconds.toFixed(1)} s vs single process ${f.singleSeconds.toFixed(1)} s; ` +
        `AUC ${f.aucDataParallel.toFixed(5)} vs ${f.aucSingle.toFixed(5)} (|ΔAUC| ${f.deltaAuc.toFixed(5)}, target ≤ 0.005)${note}`,
    );
  };
  await withWorkers('dp', PARTITIONS, async (scope) => {
    const store = await openStore(scope.store);
    const o = (model: string): DataParallelOptions => ({ redisUrl, store, partitions: PARTITIONS, workers: PARTITIONS, runId: `bench-${model}-${process.pid}`, queue: scope.queue });
    try {
      const [lr, lrSeconds] = await time(() => new LogisticRegression({ C: 1 }).fit(Xtr, ytr));
      const [lrDp, lrDpSeconds] = await time(() => fitLogisticRegressionDataParallel(Xtr, ytr, { C: 1 }, o('lr')));
      report('logistic_regression', figures({ C: 1 }, { C: 1 }, lrSeconds, lrDpSeconds, auc(lr), auc(lrDp), { iterations: lrDp.nIter }));

      const [ridge, ridgeSeconds] = await time(() => new Ridge({ alpha: 1 }).fit(Xtr, ytr));
      const [ridgeDp, ridgeDpSeconds] = await time(() => fitRidgeDataParallel(Xtr, ytr, { alpha: 1 }, o('ridge')));
      const scores = (m: Ridge): number => rocAucScore(yte, m.predict(Xte));
      const maxCoefDiff = Math.max(...ridge.coef.map((c, j) => Math.abs(c - ridgeDp.coef[j])));
      report('ridge', figures({ alpha: 1 }, { alpha: 1 }, ridgeSeconds, ridgeDpSeconds, scores(ridge), scores(ridgeDp), { iterations: ridgeDp.nIter, maxCoefDiff }), ` — max |Δcoef| ${maxCoefDiff.toExponential(1)}`);

      const [mlp, mlpSeconds] = await time(() => new MLPClassifier(MLP_SINGLE).fit(Xtr, ytr));
      const [mlpDp, mlpDpSeconds] = await time(() => fitMlpDataParallel(Xtr, ytr, MLP_DATA_PARALLEL, o('mlp')));
      const steps = Math.round(trainRows / MLP_DATA_PARALLEL.batchSize) * MLP_DATA_PARALLEL.epochs;
      report('mlp', figures(MLP_SINGLE, MLP_DATA_PARALLEL, mlpSeconds, mlpDpSeconds, auc(mlp), auc(mlpDp), { roundTrips: steps }), ` — ${steps} round trips`);

      const [gb, gbSeconds] = await time(() => new HistGradientBoostingClassifier(GBDT).fit(Xtr, ytr));
      const stats = { waves: 0 };
      const [gbDp, gbDpSeconds] = await time(() => fitGradientBoostingDataParallel(Xtr, ytr, GBDT, o('gbdt'), {}, stats));
      const pa = gb.predictProba(Xte).data, pb = gbDp.predictProba(Xte).data;
      let differ = 0;
      for (let i = 1; i < pa.length; i += 2) if (Math.abs(pa[i] - pb[i]) > 1e-9) differ++;
      report(
        'gradient_boosting',
        figures(GBDT, GBDT, gbSeconds, gbDpSeconds, auc(gb), auc(gbDp), { iterations: gbDp.nIter, singleIterations: gb.nIter, roundTrips: stats.waves, testRowsDiffering: differ }),
        ` — ${gbDp.nIter} trees (single ${gb.nIter}) in ${stats.waves} round trips; ${differ} of ${yte.length} test probabilities differ by > 1e-9`,
      );
    } finally {
      await store.close();
    }
  });
  return { rows, trainRows, cols: 40, generator: files.generator, partitions: PARTITIONS, workers: PARTITIONS, models };
}

function figures(params: object, dpParams: object, singleSeconds: number, dataParallelSeconds: number, aucSingle: number, aucDataParallel: number, extra: Record<string, unknown>): DataParallelFigures {
  return {
    params: { ...params },
    dataParallelParams: { ...dpParams },
    singleSeconds,
    dataParallelSeconds,
    aucSingle,
    aucDataParallel,
    deltaAuc: Math.abs(aucSingle - aucDataParallel),
    ...extra,
  };
}
