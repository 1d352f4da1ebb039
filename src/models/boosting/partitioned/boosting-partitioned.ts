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
import type { FitOptions } from '../../../core/estimator.js';
import { checkXy, type Matrix } from '../../../core/matrix.js';
import { encodeModel } from '../../../core/model-file.js';
import { putPartitions, type PartitionRounds, type PartitionTaskBase } from '../../partitioned-rounds.js';
import { boostingSetup, runBoostingAsync, type BoostingSetup, type HistogramSource, type RowSample } from '../boosting-loop.js';
import { resolveParams, type HistGradientBoostingParams, type ResolvedParams } from '../boosting-params.js';
import { checkNoInfinity, classificationTask, regressionTask, type BoostedEnsemble, type BoostingTask } from '../boosting-task.js';
import { HistGradientBoostingClassifier } from '../hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../hist-gradient-boosting-regressor.js';
import type { TreeBuilder } from '../tree-nodes.js';
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

/** The shared boosting loop (`../boosting-loop.ts`) with the partitions on the workers: the same steps, so the same seed draws the same numbers. */
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
  const setup = boostingSetup(X, task, p);
  const source = await PartitionedHistogramSource.open(X, task, p, setup, partitions, rounds);
  const ensemble = await runBoostingAsync(X, task, p, setup, source, options);
  if (stats) stats.waves = source.waves;
  return ensemble;
}

/**
 * The training rows as partitions on the workers, which keep their raw predictions and gradients:
 * each tree grows by waves of histogram rounds, and is stored as a blob the workers add to their
 * predictions before the next tree.
 */
class PartitionedHistogramSource implements HistogramSource {
  private readonly treeShas: string[] = [];
  private sample: string | undefined;

  private constructor(
    private readonly rounds: PartitionRounds,
    private readonly shas: string[],
    /** sha256 of the fit's set-up blob. */
    private readonly fit: string,
    private readonly grower: PartitionedTreeGrower,
    private readonly nTrain: number,
    /** Rows per partition (the last may have fewer). */
    private readonly per: number,
  ) {}

  static async open(X: Matrix, task: BoostingTask, p: ResolvedParams, setup: BoostingSetup, partitions: number, rounds: PartitionRounds): Promise<PartitionedHistogramSource> {
    const { mapping, base } = setup;
    const shas = await putPartitions(rounds, X, setup.yTrain, partitions, setup.trainRows);
    // The nonce keeps two fits on the same partitions from sharing worker state.
    const fit = await rounds.putBlob(
      encodeModel({ nonce: randomBytes(8).toString('hex'), loss: task.loss, nOutputs: task.nOutputs, baseline: base, thresholds: mapping.thresholds, nBinsNonMissing: mapping.nBinsNonMissing, hasMissing: mapping.hasMissing }),
    );
    const grower = new PartitionedTreeGrower(mapping, { maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth, minSamplesLeaf: p.minSamplesLeaf, l2: p.l2Regularization, learningRate: p.learningRate, constHess: task.loss === 'squared_error', hConst: 1 });
    return new PartitionedHistogramSource(rounds, shas, fit, grower, setup.nTrain, Math.ceil(setup.nTrain / partitions));
  }

  /** Round trips to the partitions (histogram waves) so far. */
  get waves(): number {
    return this.grower.waves;
  }

  /** Broadcasts the iteration's row sample, once, as a bitset of the training rows. */
  async startIteration(sample: RowSample | null): Promise<void> {
    this.sample = sample ? await this.rounds.broadcast('sample', rowSampleBits(sample, this.nTrain)) : undefined;
  }

  async growTree(_c: number, mask: Uint8Array, tree: TreeBuilder, first: number, importances: Float64Array): Promise<void> {
    const features = Array.from(mask, (m) => (m ? '1' : '0')).join('');
    const t = this.treeShas.length, trees = this.treeShas.slice();
    const { shas, fit, sample, per } = this;
    let wave = 0;
    await this.grower.grow(mask, tree, importances, (splits, build) =>
      this.rounds.round<BoostingHistogramTask>(`t${t}w${wave++}`, shas.map((partition, q) => ({ kind: 'gbdt-hist', partition, fit, tree: t, trees, splits: flattenSplits(splits), build: [...build], features, sample, rowOffset: q * per }))),
    );
    this.treeShas.push(await this.rounds.putBlob(encodeTree(tree, first)));
  }
}

/** The in-sample rows of `sample` as a bitset of the `n` training rows, packed into float64 for broadcast. */
function rowSampleBits(sample: RowSample, n: number): Float64Array {
  const bits = new Uint8Array(Math.ceil(n / 64) * 8);
  for (let j = 0; j < sample.m; j++) {
    const i = sample.rows[j];
    bits[i >> 3] |= 1 << (i & 7);
  }
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
