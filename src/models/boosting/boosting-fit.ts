/**
 * The single-process boosting fit shared by the classifier and the regressor, after scikit-learn 1.2
 * `sklearn/ensemble/_hist_gradient_boosting/gradient_boosting.py` (`BaseHistGradientBoosting.fit`):
 * hold out a validation split when early stopping, bin the training rows, start from the baseline
 * prediction, then per iteration compute gradients once and grow one tree per output. Early stopping
 * watches the validation loss (`scoring='loss'`) with sklearn's `_should_stop` rule and keeps every
 * tree grown until it stops. Row subsampling (per iteration, without replacement) and column
 * subsampling (per tree) follow XGBoost's `subsample` / `colsample_bytree`.
 *
 * The loop itself is `boosting-loop.ts` (shared with the data-parallel fit); here the training rows
 * are binned into the histogram thread pool's buffers, which grow each tree.
 */
import type { FitOptions } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { InvalidParamError } from '../../core/errors.js';
import { binColumns } from './binning.js';
import { boostingSetup, runBoosting, type BoostingSetup, type HistogramSource, type RowSample } from './boosting-loop.js';
import { gradients, meanLoss } from './boosting-losses.js';
import type { ResolvedParams } from './boosting-params.js';
import type { BoostedEnsemble, BoostingTask } from './boosting-task.js';
import { FEATURE_STRIDE } from './hist-kernels.js';
import { allocateHistBuffers, HistThreadPool } from './hist-thread-pool.js';
import { TreeGrower, type GrowerOptions } from './tree-grower.js';
import { addTreeBinned, type TreeBuilder } from './tree-nodes.js';

/** Below this many training cells (rows × features) a fit stays on one thread. */
const THREADED_MIN_CELLS = 100_000;
/** Largest memory the histogram slots may take. */
const MAX_HIST_BYTES = 1 << 30;

/**
 * Fits the ensemble. `X` may hold NaN (missing values); infinities are refused by the caller.
 *
 * @example
 * const e = fitBoosting(X, { owner: 'demo', loss: 'squared_error', y, nOutputs: 1, stratify: null }, resolveParams('demo', HGB_DEFAULTS, 2));
 */
export function fitBoosting(X: Matrix, task: BoostingTask, p: ResolvedParams, options: FitOptions = {}): BoostedEnsemble {
  const d = X.cols, k = task.nOutputs;
  const setup = boostingSetup(X, task, p);
  const nTrain = setup.nTrain;
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
    return runBoosting(X, task, p, setup, new PoolHistogramSource(X, task, p, setup, pool, nSlots), options);
  } finally {
    pool.close();
  }
}

/** The training rows binned into the thread pool's shared buffers, with their raw predictions and gradients here. */
class PoolHistogramSource implements HistogramSource {
  private readonly raw: Float64Array;
  private readonly grower: TreeGrower;
  private readonly opt: GrowerOptions;
  private sample: RowSample | null = null;

  constructor(
    X: Matrix,
    private readonly task: BoostingTask,
    p: ResolvedParams,
    private readonly setup: BoostingSetup,
    private readonly pool: HistThreadPool,
    nSlots: number,
  ) {
    const v = pool.views, k = task.nOutputs, nTrain = setup.nTrain;
    binColumns(X, setup.mapping, setup.trainRows, v.binned, v.binnedRows);
    v.nBinsNonMissing.set(setup.mapping.nBinsNonMissing);
    v.hasMissing.set(setup.mapping.hasMissing);
    this.raw = new Float64Array(nTrain * k);
    for (let c = 0; c < k; c++) this.raw.fill(setup.base[c], c * nTrain, (c + 1) * nTrain);
    this.grower = new TreeGrower(pool, setup.mapping, nSlots, nTrain);
    this.opt = { maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth, minSamplesLeaf: p.minSamplesLeaf, l2: p.l2Regularization, learningRate: p.learningRate, constHess: task.loss === 'squared_error', hConst: 1 };
  }

  startIteration(sample: RowSample | null): void {
    const v = this.pool.views;
    gradients(this.task.loss, this.setup.yTrain, this.raw, this.task.nOutputs, v.grad, v.hess, 0, this.setup.nTrain);
    this.sample = sample;
  }

  growTree(c: number, mask: Uint8Array, tree: TreeBuilder, first: number, importances: Float64Array): void {
    const v = this.pool.views, nTrain = this.setup.nTrain, s = this.sample;
    v.featureMask.set(mask);
    const m = s ? s.m : nTrain;
    if (s && m < nTrain) v.rows.set(s.rows.subarray(0, m));
    this.grower.grow(m, m === nTrain, c * nTrain, this.opt, tree, this.raw, c * nTrain, importances);
    if (s && s.nOut > 0) addTreeBinned(tree, tree.roots[first], v.binned, nTrain, s.outOfSample.subarray(0, s.nOut), this.raw, c * nTrain);
  }

  trainLoss(): number {
    return meanLoss(this.task.loss, this.setup.yTrain, this.raw, this.task.nOutputs);
  }
}
