/**
 * The boosting loop shared by the classifier and the regressor, after scikit-learn 1.2
 * `sklearn/ensemble/_hist_gradient_boosting/gradient_boosting.py` (`BaseHistGradientBoosting.fit`):
 * hold out a validation split when early stopping, bin the training rows, start from the baseline
 * prediction, then per iteration compute gradients once and grow one tree per output. Early stopping
 * watches the validation loss (`scoring='loss'`) with sklearn's `_should_stop` rule and keeps every
 * tree grown until it stops. Row subsampling (per iteration, without replacement) and column
 * subsampling (per tree) follow XGBoost's `subsample` / `colsample_bytree`.
 */
import type { FitOptions, EpochLogs } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { binColumns, fitBinMapping } from './binning.js';
import { baseline, gradients, meanLoss, type BoostingLoss } from './boosting-losses.js';
import type { ResolvedParams } from './boosting-params.js';
import { FEATURE_STRIDE } from './hist-kernels.js';
import { allocateHistBuffers, HistThreadPool } from './hist-thread-pool.js';
import { TreeGrower } from './tree-grower.js';
import { addTreeBinned, TreeBuilder, type TreeArrays } from './tree-nodes.js';
import { DataError, InvalidParamError } from '../../core/errors.js';
import { checkFiniteTargets, encodeClassLabels } from '../model-checks.js';

/** Below this many training cells (rows × features) a fit stays on one thread. */
const THREADED_MIN_CELLS = 100_000;
/** Largest memory the histogram slots may take. */
const MAX_HIST_BYTES = 1 << 30;

/** What a boosting fit learns (the estimators add their own fields). */
export interface BoostedEnsemble {
  nFeatures: number;
  /** Outputs per iteration: 1 (binary, regression) or the number of classes. */
  nOutputs: number;
  baseline: Float64Array;
  nIter: number;
  trees: TreeArrays;
  /** Total split gain per feature, normalised to sum 1 (all zero when no split was made). */
  featureImportances: Float64Array;
  /** Training loss per iteration (only when `onEpochEnd` was given; else empty). */
  trainLoss: Float64Array;
  /** Validation loss before the first and after each iteration (empty without early stopping). */
  validationLoss: Float64Array;
}

/** Task-specific inputs of the loop. */
export interface BoostingTask {
  owner: string;
  loss: BoostingLoss;
  /** Class index (log loss) or target per row. */
  y: Float64Array;
  nOutputs: number;
  /** Class indices to stratify the validation split by (classifiers), or null. */
  stratify: Int32Array | null;
}

/**
 * Refuses ±Infinity in X (NaN is a missing value, routed natively): `E_DATA` naming the column (and
 * its name when known), the row and the value.
 *
 * @example
 * checkNoInfinity('HistGradientBoostingRegressor', X, options.featureNames);
 */
export function checkNoInfinity(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  const x = X.data, d = X.cols;
  for (let k = 0; k < x.length; k++) {
    const v = x[k];
    if (v === Infinity || v === -Infinity) {
      const col = k % d, name = featureNames?.[col];
      throw new DataError(
        `${owner}: feature column ${col}${name !== undefined ? ` ('${name}')` : ''} has an infinite value (${v}) at row ${Math.floor(k / d)}; ` +
          'clip it or replace it with NaN (missing values are handled natively)',
        { estimator: owner, column: col, feature: name ?? null, row: Math.floor(k / d), value: String(v) },
      );
    }
  }
}

/**
 * A classifier's boosting task: class indices under log loss, one output for two classes (else one
 * per class), the early-stopping hold-out stratified by class.
 *
 * @example
 * const { task, classes } = classificationTask('HistGradientBoostingClassifier', y);
 */
export function classificationTask(owner: string, y: ArrayLike<number>): { task: BoostingTask; classes: Float64Array } {
  const { classes, yIdx } = encodeClassLabels(owner, y);
  const k = classes.length;
  return { task: { owner, loss: 'log_loss', y: Float64Array.from(yIdx), nOutputs: k === 2 ? 1 : k, stratify: yIdx }, classes };
}

/**
 * A regressor's boosting task: finite targets under squared error, one output, no stratification.
 *
 * @example
 * const task = regressionTask('HistGradientBoostingRegressor', y);
 */
export function regressionTask(owner: string, y: ArrayLike<number>): BoostingTask {
  return { owner, loss: 'squared_error', y: checkFiniteTargets(owner, y), nOutputs: 1, stratify: null };
}

/**
 * Fits the ensemble. `X` may hold NaN (missing values); infinities are refused by the caller.
 *
 * @example
 * const e = fitBoosting(X, { owner: 'demo', loss: 'squared_error', y, nOutputs: 1, stratify: null }, resolveParams('demo', HGB_DEFAULTS, 2));
 */
export function fitBoosting(X: Matrix, task: BoostingTask, p: ResolvedParams, options: FitOptions = {}): BoostedEnsemble {
  const n = X.rows, d = X.cols, k = task.nOutputs;
  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping;
  let trainRows: Int32Array | undefined;
  let valRows: Int32Array | null = null;
  if (early) ({ train: trainRows, validation: valRows } = validationSplit(n, p.validationFraction, task.stratify, Rng.derive(p.seed, 1)));
  const nTrain = trainRows ? trainRows.length : n;
  const mapping = fitBinMapping(X, p.maxBins, Rng.derive(p.seed, 2), trainRows);
  const leafBound = Math.min(p.maxLeafNodes, 2 ** Math.min(p.maxDepth, 30), Math.max(1, Math.floor(nTrain / p.minSamplesLeaf)) + 1);
  const nSlots = leafBound + 1;
  if (nSlots * d * FEATURE_STRIDE * 8 > MAX_HIST_BYTES) {
    throw new InvalidParamError(`${task.owner}: parameter 'maxLeafNodes' (${p.maxLeafNodes}) with maxDepth ${p.maxDepth} allows ${leafBound} leaves, whose histograms would need more than 1 GiB; set maxLeafNodes (e.g. 255) or a smaller maxDepth`, {
      estimator: task.owner,
      param: 'maxLeafNodes',
      value: p.maxLeafNodes,
    });
  }
  const nThreads = nTrain * d >= THREADED_MIN_CELLS ? p.nThreads : 1;
  const buffers = allocateHistBuffers({ nRows: nTrain, nFeatures: d, nOutputs: k, nSlots }, nThreads);
  const pool = new HistThreadPool(buffers, nThreads);
  try {
    const v = pool.views;
    binColumns(X, mapping, trainRows, v.binned, v.binnedRows);
    v.nBinsNonMissing.set(mapping.nBinsNonMissing);
    v.hasMissing.set(mapping.hasMissing);
    const yTrain = trainRows ? pick(task.y, trainRows) : task.y;
    const base = baseline(task.loss, yTrain, k);
    const raw = new Float64Array(nTrain * k);
    for (let c = 0; c < k; c++) raw.fill(base[c], c * nTrain, (c + 1) * nTrain);
    let valBinned: Uint8Array | null = null, yVal: Float64Array | null = null, rawVal: Float64Array | null = null;
    const valLoss: number[] = [];
    if (valRows) {
      valBinned = binColumns(X, mapping, valRows);
      yVal = pick(task.y, valRows);
      rawVal = new Float64Array(valRows.length * k);
      for (let c = 0; c < k; c++) rawVal.fill(base[c], c * valRows.length, (c + 1) * valRows.length);
      valLoss.push(meanLoss(task.loss, yVal, rawVal, k));
    }
    const grower = new TreeGrower(pool, mapping, nSlots, nTrain);
    const tree = new TreeBuilder();
    const importances = new Float64Array(d);
    const trainLoss: number[] = [];
    const rng = Rng.derive(p.seed, 3);
    const sample = new Int32Array(nTrain), outOfSample = new Int32Array(nTrain);
    const constHess = task.loss === 'squared_error';
    const opt = { maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth, minSamplesLeaf: p.minSamplesLeaf, l2: p.l2Regularization, learningRate: p.learningRate, constHess, hConst: 1 };
    const nCols = Math.max(1, Math.round(p.colsampleBytree * d));
    const featureOrder = Int32Array.from({ length: d }, (_, i) => i);
    let nIter = 0;
    for (let it = 0; it < p.maxIter; it++) {
      gradients(task.loss, yTrain, raw, k, v.grad, v.hess, 0, nTrain);
      let m = nTrain, nOut = 0;
      if (p.subsample < 1) {
        m = 0;
        for (let i = 0; i < nTrain; i++) {
          if (rng.random() < p.subsample) sample[m++] = i;
          else outOfSample[nOut++] = i;
        }
        if (m === 0) sample[m++] = outOfSample[--nOut]; // keep at least one row
      }
      for (let c = 0; c < k; c++) {
        if (nCols < d) {
          v.featureMask.fill(0);
          for (let j = 0; j < nCols; j++) {
            const r = j + rng.int(d - j);
            const t = featureOrder[j];
            featureOrder[j] = featureOrder[r];
            featureOrder[r] = t;
            v.featureMask[featureOrder[j]] = 1;
          }
        } else v.featureMask.fill(1);
        if (m < nTrain) v.rows.set(sample.subarray(0, m));
        const first = tree.roots.length;
        tree.startTree();
        grower.grow(m, m === nTrain, c * nTrain, opt, tree, raw, c * nTrain, importances);
        if (nOut > 0) addTreeBinned(tree, tree.roots[first], v.binned, nTrain, outOfSample.subarray(0, nOut), raw, c * nTrain);
        if (valBinned && rawVal) addTreeBinned(tree, tree.roots[first], valBinned, valRows!.length, null, rawVal, c * valRows!.length);
      }
      nIter = it + 1;
      const logs: EpochLogs & { validationLoss?: number } = { epoch: nIter, loss: NaN };
      if (options.onEpochEnd) {
        logs.loss = meanLoss(task.loss, yTrain, raw, k);
        trainLoss.push(logs.loss);
      }
      if (yVal && rawVal) {
        const vl = meanLoss(task.loss, yVal, rawVal, k);
        valLoss.push(vl);
        logs.validationLoss = vl;
        logs.validationScore = -vl;
      }
      options.onEpochEnd?.(logs);
      if (early && shouldStop(valLoss, p.nIterNoChange, p.tol)) break;
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
  } finally {
    pool.close();
  }
}

/**
 * scikit-learn's `_should_stop` on scores = −loss: no recent score beats the reference by `tol`.
 *
 * @example
 * shouldStop([0.69, 0.5, 0.5, 0.5], 2, 1e-7); // true: no improvement in the last 2 iterations
 */
/** Scales summed split gains to shares that add up to 1 (left as they are when no split gained). */
export function normaliseImportances(importances: Float64Array): void {
  let total = 0;
  for (let f = 0; f < importances.length; f++) total += importances[f];
  if (total > 0) for (let f = 0; f < importances.length; f++) importances[f] /= total;
}

export function shouldStop(losses: number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (losses.length < ref) return false;
  const referenceScore = -losses[losses.length - ref] + tol;
  for (let i = losses.length - ref + 1; i < losses.length; i++) if (-losses[i] > referenceScore) return false;
  return true;
}

/** `y` at `rows`, in that order (the training or validation targets of a hold-out split). */
export function pick(y: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}

/**
 * Hold-out for early stopping: stratified by class for classifiers, ceil(fraction · n) rows.
 *
 * @example
 * const { train, validation } = validationSplit(1000, 0.1, classIndex, Rng.derive(seed, 1));
 */
export function validationSplit(n: number, fraction: number, stratify: Int32Array | null, rng: Rng): { train: Int32Array; validation: Int32Array } {
  const isVal = new Uint8Array(n);
  const groups: number[][] = [];
  if (stratify) for (let i = 0; i < n; i++) (groups[stratify[i]] ??= []).push(i);
  else groups.push(Array.from({ length: n }, (_, i) => i));
  for (const g of groups) {
    if (!g) continue;
    const rows = Int32Array.from(g);
    rng.shuffle(rows);
    // At least one row of each class stays on the training side.
    const take = Math.min(Math.ceil(fraction * rows.length), rows.length - 1);
    for (let i = 0; i < take; i++) isVal[rows[i]] = 1;
  }
  let nVal = 0;
  for (let i = 0; i < n; i++) nVal += isVal[i];
  const validation = new Int32Array(nVal), train = new Int32Array(n - nVal);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isVal[i]) validation[a++] = i;
    else train[b++] = i;
  }
  return { train, validation };
}

