/**
 * The one boosting loop, shared by the single-process fit (`boosting-fit.ts`) and the data-parallel
 * one (`partitioned/boosting-partitioned.ts`), as XGBoost's `hist` method and its distributed variant
 * share one tree builder: the loop owns the validation split, the baseline, the seeded row and column
 * draws, the validation loss, early stopping and what the fit returns; a {@link HistogramSource}
 * owns where the training rows, their gradients and histograms are (this process's thread pool, or
 * the partitions of a cluster) and grows each tree on them. The same seed therefore draws the same
 * numbers in both fits.
 *
 * The loop is a generator that yields whatever the source returns, so one loop serves a synchronous
 * source ({@link runBoosting}) and an asynchronous one ({@link runBoostingAsync}).
 */
import type { FitOptions, EpochLogs } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { binColumns, fitBinMapping, type BinMapping } from './binning.js';
import { baseline, meanLoss } from './boosting-losses.js';
import type { ResolvedParams } from './boosting-params.js';
import type { BoostedEnsemble, BoostingTask } from './boosting-task.js';
import { normaliseImportances, pick, shouldStop, validationSplit } from './boosting-steps.js';
import { addTreeBinned, TreeBuilder } from './tree-nodes.js';

/** The training rows of one iteration's trees: `rows[0..m)` in the sample, `outOfSample[0..nOut)` not. */
export interface RowSample {
  rows: Int32Array;
  m: number;
  outOfSample: Int32Array;
  nOut: number;
}

/** Where the training rows live and how a tree grows on them. Methods may return a promise only under {@link runBoostingAsync}. */
export interface HistogramSource {
  /** Starts an iteration: `sample` is its row sample, or null for every training row. */
  startIteration(sample: RowSample | null): void | Promise<void>;
  /**
   * Grows the tree of output `c` (already started in `tree`, its root at `tree.roots[first]`) on the
   * features `mask` flags, adding split gains to `importances`, and brings the training rows'
   * predictions up to date.
   */
  growTree(c: number, mask: Uint8Array, tree: TreeBuilder, first: number, importances: Float64Array): void | Promise<void>;
  /** Mean training loss after the latest iteration, when the rows are here to compute it. */
  trainLoss?(): number;
}

/** What the loop decided before the first tree, for the source to set itself up with. */
export interface BoostingSetup {
  /** Training rows (after the early-stopping hold-out), or undefined for all rows. */
  trainRows: Int32Array | undefined;
  nTrain: number;
  /** Bins fitted on a seeded sample of the training rows. */
  mapping: BinMapping;
  yTrain: Float64Array;
  /** Raw prediction before the first tree, per output. */
  base: Float64Array;
}

/**
 * The hold-out, bins and baseline of a fit, drawn from the seed's own streams.
 *
 * @example
 * const setup = boostingSetup(X, task, p);
 */
export function boostingSetup(X: Matrix, task: BoostingTask, p: ResolvedParams): BoostingSetup & { valRows: Int32Array | null; early: boolean } {
  const n = X.rows;
  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping;
  let trainRows: Int32Array | undefined;
  let valRows: Int32Array | null = null;
  if (early) ({ train: trainRows, validation: valRows } = validationSplit(n, p.validationFraction, task.stratify, Rng.derive(p.seed, 1)));
  const nTrain = trainRows ? trainRows.length : n;
  const mapping = fitBinMapping(X, p.maxBins, Rng.derive(p.seed, 2), trainRows);
  const yTrain = trainRows ? pick(task.y, trainRows) : task.y;
  return { early, trainRows, valRows, nTrain, mapping, yTrain, base: baseline(task.loss, yTrain, task.nOutputs) };
}

/**
 * Runs the loop on a synchronous source.
 *
 * @example
 * const ensemble = runBoosting(X, task, p, setup, source, options);
 */
export function runBoosting(X: Matrix, task: BoostingTask, p: ResolvedParams, setup: ReturnType<typeof boostingSetup>, source: HistogramSource, options: FitOptions = {}): BoostedEnsemble {
  const loop = boostingLoop(X, task, p, setup, source, options);
  let step = loop.next();
  while (!step.done) {
    if (step.value instanceof Promise) throw new Error('runBoosting: the histogram source is asynchronous; use runBoostingAsync');
    step = loop.next();
  }
  return step.value;
}

/**
 * Runs the loop on a source whose steps may be asynchronous (e.g. rounds over partitions).
 *
 * @example
 * const ensemble = await runBoostingAsync(X, task, p, setup, source, options);
 */
export async function runBoostingAsync(X: Matrix, task: BoostingTask, p: ResolvedParams, setup: ReturnType<typeof boostingSetup>, source: HistogramSource, options: FitOptions = {}): Promise<BoostedEnsemble> {
  const loop = boostingLoop(X, task, p, setup, source, options);
  let step = loop.next();
  while (!step.done) step = loop.next(await step.value);
  return step.value;
}

function* boostingLoop(
  X: Matrix,
  task: BoostingTask,
  p: ResolvedParams,
  setup: ReturnType<typeof boostingSetup>,
  source: HistogramSource,
  options: FitOptions,
): Generator<void | Promise<void>, BoostedEnsemble, void> {
  const d = X.cols, k = task.nOutputs, loss = task.loss;
  const { valRows, nTrain, mapping, base } = setup;
  let valBinned: Uint8Array | null = null, yVal: Float64Array | null = null, rawVal: Float64Array | null = null;
  const valLoss: number[] = [];
  if (valRows) {
    valBinned = binColumns(X, mapping, valRows);
    yVal = pick(task.y, valRows);
    rawVal = new Float64Array(valRows.length * k);
    for (let c = 0; c < k; c++) rawVal.fill(base[c], c * valRows.length, (c + 1) * valRows.length);
    valLoss.push(meanLoss(loss, yVal, rawVal, k));
  }
  const tree = new TreeBuilder();
  const importances = new Float64Array(d);
  const trainLoss: number[] = [];
  const rng = Rng.derive(p.seed, 3);
  const sample: RowSample | null = p.subsample < 1 ? { rows: new Int32Array(nTrain), m: 0, outOfSample: new Int32Array(nTrain), nOut: 0 } : null;
  const nCols = Math.max(1, Math.round(p.colsampleBytree * d));
  const featureOrder = Int32Array.from({ length: d }, (_, i) => i);
  const mask = new Uint8Array(d);
  let nIter = 0;
  for (let it = 0; it < p.maxIter; it++) {
    if (sample) drawRowSample(rng, p.subsample, nTrain, sample);
    yield source.startIteration(sample);
    for (let c = 0; c < k; c++) {
      if (nCols < d) {
        mask.fill(0);
        for (let j = 0; j < nCols; j++) {
          const r = j + rng.int(d - j);
          const t = featureOrder[j];
          featureOrder[j] = featureOrder[r];
          featureOrder[r] = t;
          mask[featureOrder[j]] = 1;
        }
      } else mask.fill(1);
      const first = tree.roots.length;
      tree.startTree();
      yield source.growTree(c, mask, tree, first, importances);
      if (valBinned && rawVal) addTreeBinned(tree, tree.roots[first], valBinned, valRows!.length, null, rawVal, c * valRows!.length);
    }
    nIter = it + 1;
    const logs: EpochLogs & { validationLoss?: number } = { epoch: nIter, loss: NaN };
    if (options.onEpochEnd && source.trainLoss) {
      logs.loss = source.trainLoss();
      trainLoss.push(logs.loss);
    }
    if (yVal && rawVal) {
      const vl = meanLoss(loss, yVal, rawVal, k);
      valLoss.push(vl);
      logs.validationLoss = vl;
      logs.validationScore = -vl;
    }
    options.onEpochEnd?.(logs);
    if (setup.early && shouldStop(valLoss, p.nIterNoChange, p.tol)) break;
  }
  normaliseImportances(importances);
  return {
    nFeatures: d,
    nOutputs: k,
    baseline: base,
    nIter,
    trees: tree.finish(),
    featureImportances: importances,
    trainLoss: Float64Array.from(trainLoss),
    validationLoss: Float64Array.from(valLoss),
  };
}

/** Per iteration, without replacement: one uniform per training row, and at least one row kept (the last out-of-sample one). */
function drawRowSample(rng: Rng, subsample: number, nTrain: number, s: RowSample): void {
  let m = 0, nOut = 0;
  for (let i = 0; i < nTrain; i++) {
    if (rng.random() < subsample) s.rows[m++] = i;
    else s.outOfSample[nOut++] = i;
  }
  if (m === 0) s.rows[m++] = s.outOfSample[--nOut];
  s.m = m;
  s.nOut = nOut;
}
