/**
 * Data-parallel histogram gradient boosting (the scheme of XGBoost's distributed "hist" method and
 * LightGBM's data-parallel mode; Chen & Guestrin, KDD 2016; Ke et al., NeurIPS 2017): the coordinator
 * bins the features on a seeded sample of all training rows (exactly as `HistGradientBoostingClassifier`
 * does), the binned partitions live with the workers together with their raw predictions and
 * gradients, and per wave of a tree the workers return (grad, hess, count) histograms of the nodes to
 * split; the coordinator sums them in partition order, picks the splits with the single-process split
 * search and sends them back with the next wave (`PartitionedTreeGrower`). Finished trees are stored
 * as blobs; workers add them to their predictions before the next iteration's gradients.
 *
 * With the same parameters the result is the single-process classifier's — same bins, same
 * validation split and early stopping, same trees — up to the last bits of the sums (partition sums
 * are added per partition, not row by row). Row subsampling (`subsample` < 1) draws the single-process
 * fit's sample on the coordinator and broadcasts it once per iteration as a bitset of the training rows.
 */
import { randomBytes } from 'node:crypto';
import type { FitOptions, EpochLogs } from '../../../core/estimator.js';
import { checkXy, type Matrix } from '../../../core/matrix.js';
import { encodeModel } from '../../../core/model-file.js';
import { Rng } from '../../../core/rng.js';
import { putPartitions, type PartitionRounds, type PartitionTaskBase } from '../../partitioned-rounds.js';
import { binColumns, fitBinMapping } from '../binning.js';
import { checkNoInfinity, classificationTask, normaliseImportances, pick, regressionTask, shouldStop, validationSplit, type BoostedEnsemble, type BoostingTask } from '../boosting-fit.js';
import { baseline, meanLoss } from '../boosting-losses.js';
import { resolveParams, type HistGradientBoostingParams, type ResolvedParams } from '../boosting-params.js';
import { HistGradientBoostingClassifier } from '../hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../hist-gradient-boosting-regressor.js';
import { addTreeBinned, TreeBuilder } from '../tree-nodes.js';
import type { PartitionSplit } from './partition-booster.js';
import { PartitionedTreeGrower } from './partitioned-tree-grower.js';

/** A request for one partition's histograms of some nodes of the tree being grown. */
export interface BoostingHistogramTask extends PartitionTaskBase {
  kind: 'gbdt-hist';
  /** sha256 of the fit's set-up blob (bins, loss, baseline; see `histogram-task.ts`). */
  fit: string;
  /** Index of the tree being grown (iteration × outputs + output). */
  tree: number;
  /** sha256 of each finished tree's blob, in order (`tree` of them). */
  trees: string[];
  /** The tree's splits so far, 6 numbers each: node, feature, bin, missingLeft, left, right. */
  splits: number[];
  /** Grow nodes whose histograms to build. */
  build: number[];
  /** Feature mask of the tree, one '0'/'1' per feature. */
  features: string;
  /** With `subsample` < 1: broadcast key of the iteration's row sample (one bit per training row). */
  sample?: string;
  /** The partition's first row among the training rows (where its bits start in `sample`). */
  rowOffset: number;
}

/** What the fit reports besides the model. */
export interface DataParallelBoostingStats {
  /** Round trips to the partitions (histogram waves) over all trees. */
  waves: number;
}

/**
 * The classifier's fit over any {@link PartitionRounds} (e.g. `LocalRounds` in this process).
 *
 * @example
 * const gbdt = await fitGradientBoostingPartitioned(X, y, { maxIter: 10 }, 2, new LocalRounds());
 */
export async function fitGradientBoostingPartitioned(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<HistGradientBoostingParams>,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions = {},
  stats?: DataParallelBoostingStats,
): Promise<HistGradientBoostingClassifier> {
  const model = new HistGradientBoostingClassifier(params);
  const owner = 'HistGradientBoostingClassifier (data-parallel)';
  checkXy(owner, X, y);
  const { task, classes } = classificationTask(owner, y);
  const ensemble = await fitEnsemblePartitioned(X, task, resolveParams(owner, model.getParams(), 1), partitions, rounds, options, stats);
  return model.restoreState({ type: model.type, params: model.getParams() as never, fitted: { ...ensemble, classes } as never });
}

/**
 * The regressor's fit over any {@link PartitionRounds}.
 *
 * @example
 * const gbdt = await fitGradientBoostingRegressorPartitioned(X, target, { maxIter: 10 }, 2, new LocalRounds());
 */
export async function fitGradientBoostingRegressorPartitioned(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<HistGradientBoostingParams>,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions = {},
  stats?: DataParallelBoostingStats,
): Promise<HistGradientBoostingRegressor> {
  const model = new HistGradientBoostingRegressor(params);
  const owner = 'HistGradientBoostingRegressor (data-parallel)';
  checkXy(owner, X, y);
  const ensemble = await fitEnsemblePartitioned(X, regressionTask(owner, y), resolveParams(owner, model.getParams(), 1), partitions, rounds, options, stats);
  return model.restoreState({ type: model.type, params: model.getParams() as never, fitted: ensemble as never });
}

/** `fitBoosting` with the partitions on the workers: the same steps, so the same seed draws the same numbers. */
async function fitEnsemblePartitioned(
  X: Matrix,
  task: BoostingTask,
  p: ResolvedParams,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions,
  stats?: DataParallelBoostingStats,
): Promise<BoostedEnsemble> {
  checkNoInfinity(task.owner, X);
  const n = X.rows, d = X.cols, k = task.nOutputs, loss = task.loss;
  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping;
  let trainRows: Int32Array | undefined;
  let valRows: Int32Array | null = null;
  if (early) ({ train: trainRows, validation: valRows } = validationSplit(n, p.validationFraction, task.stratify, Rng.derive(p.seed, 1)));
  const mapping = fitBinMapping(X, p.maxBins, Rng.derive(p.seed, 2), trainRows);
  const yAll = task.y;
  const yTrain = trainRows ? pick(yAll, trainRows) : yAll;
  const base = baseline(loss, yTrain, k);
  const shas = await putPartitions(rounds, X, yTrain, partitions, trainRows);
  // The nonce keeps two fits on the same partitions from sharing worker state.
  const fit = await rounds.putBlob(
    encodeModel({ nonce: randomBytes(8).toString('hex'), loss, nOutputs: k, baseline: base, thresholds: mapping.thresholds, nBinsNonMissing: mapping.nBinsNonMissing, hasMissing: mapping.hasMissing }),
  );
  let valBinned: Uint8Array | null = null, yVal: Float64Array | null = null, rawVal: Float64Array | null = null;
  const valLoss: number[] = [];
  if (valRows) {
    valBinned = binColumns(X, mapping, valRows);
    yVal = pick(yAll, valRows);
    rawVal = new Float64Array(valRows.length * k);
    for (let c = 0; c < k; c++) rawVal.fill(base[c], c * valRows.length, (c + 1) * valRows.length);
    valLoss.push(meanLoss(loss, yVal, rawVal, k));
  }
  const grower = new PartitionedTreeGrower(mapping, { maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth, minSamplesLeaf: p.minSamplesLeaf, l2: p.l2Regularization, learningRate: p.learningRate, constHess: loss === 'squared_error', hConst: 1 });
  const tree = new TreeBuilder();
  const importances = new Float64Array(d);
  const rng = Rng.derive(p.seed, 3);
  const nCols = Math.max(1, Math.round(p.colsampleBytree * d));
  const featureOrder = Int32Array.from({ length: d }, (_, i) => i);
  const mask = new Uint8Array(d);
  const treeShas: string[] = [];
  const nTrain = yTrain.length, per = Math.ceil(nTrain / partitions);
  let nIter = 0;
  for (let it = 0; it < p.maxIter; it++) {
    const sample = p.subsample < 1 ? await rounds.broadcast('sample', drawRowSample(rng, nTrain, p.subsample)) : undefined;
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
      const features = Array.from(mask, (m) => (m ? '1' : '0')).join('');
      const t = treeShas.length, trees = treeShas.slice();
      const first = tree.roots.length;
      tree.startTree();
      let wave = 0;
      await grower.grow(mask, tree, importances, (splits, build) =>
        rounds.round<BoostingHistogramTask>(`t${t}w${wave++}`, shas.map((partition, q) => ({ kind: 'gbdt-hist', partition, fit, tree: t, trees, splits: flattenSplits(splits), build: [...build], features, sample, rowOffset: q * per }))),
      );
      treeShas.push(await rounds.putBlob(encodeTree(tree, first)));
      if (valBinned && rawVal) addTreeBinned(tree, tree.roots[first], valBinned, valRows!.length, null, rawVal, c * valRows!.length);
    }
    nIter = it + 1;
    const logs: EpochLogs & { validationLoss?: number } = { epoch: nIter, loss: NaN };
    if (yVal && rawVal) {
      const vl = meanLoss(loss, yVal, rawVal, k);
      valLoss.push(vl);
      logs.validationLoss = vl;
      logs.validationScore = -vl;
    }
    options.onEpochEnd?.(logs);
    if (early && shouldStop(valLoss, p.nIterNoChange, p.tol)) break;
  }
  if (stats) stats.waves = grower.waves;
  normaliseImportances(importances);
  return {
    nFeatures: d,
    nOutputs: k,
    baseline: base,
    nIter,
    trees: tree.finish(),
    featureImportances: importances,
    trainLoss: new Float64Array(0),
    validationLoss: Float64Array.from(valLoss),
  };
}

/**
 * The rows of one iteration's trees, drawn from `rng` exactly as `fitBoosting` draws them (one
 * uniform per training row, at least one row kept), as a bitset packed into float64 for broadcast.
 */
function drawRowSample(rng: Rng, n: number, subsample: number): Float64Array {
  const bits = new Uint8Array(Math.ceil(n / 64) * 8);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (rng.random() < subsample) {
      bits[i >> 3] |= 1 << (i & 7);
      m++;
    }
  }
  if (m === 0) bits[(n - 1) >> 3] |= 1 << ((n - 1) & 7); // fitBoosting keeps its last out-of-sample row
  return new Float64Array(bits.buffer);
}

function flattenSplits(splits: readonly PartitionSplit[]): number[] {
  const out: number[] = [];
  for (const s of splits) out.push(s.node, s.feature, s.bin, s.missingLeft, s.left, s.right);
  return out;
}

/** The blob of tree `index` of `tree` (its nodes re-numbered from 0). */
function encodeTree(tree: TreeBuilder, index: number): Buffer {
  const all = tree.finish();
  const root = all.roots[index];
  const end = index + 1 < all.roots.length ? all.roots[index + 1] : all.feature.length;
  const shift = (a: Int32Array): Int32Array => a.slice(root, end).map((v) => (v >= 0 ? v - root : v));
  return encodeModel({
    feature: all.feature.slice(root, end),
    threshold: all.threshold.slice(root, end),
    binThreshold: all.binThreshold.slice(root, end),
    missingLeft: all.missingLeft.slice(root, end),
    left: shift(all.left),
    right: shift(all.right),
    value: all.value.slice(root, end),
  });
}
