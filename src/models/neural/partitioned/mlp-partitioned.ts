/**
 * Data-parallel training of an MLP classifier or regressor by synchronous mini-batch gradient descent
 * (Dean et al., NeurIPS 2012, "Large Scale Distributed Deep Networks", synchronous variant; the
 * scheme of PyTorch's DistributedDataParallel and Horovod): the rows live with the workers as
 * partitions; every step, the coordinator broadcasts the weights, each worker returns the *summed*
 * gradient (cross-entropy, or squared error for a regressor) of its partition's share of the global
 * mini-batch, and the coordinator adds the partials in partition order, adds the L2 term, divides by
 * the global batch size and takes one Adam (or SGD) step — the same update as one process would make
 * on the same batch. Weights are initialised as `MLPClassifier` / `MLPRegressor` do (same seed → same
 * start), and the loss, L2 term, early-stopping hold-out and stopping rule are sklearn's.
 *
 * Batches: each epoch, partition p shuffles its own rows (a stream of the seed, the partition index
 * and the epoch, so any worker computes the same order) and cuts them into `steps` equal shares;
 * step s combines share s of every partition. `batchSize` is the *global* batch. Each step is one
 * network round trip (a few ms through Redis), so the trade-off is: a small global batch (sklearn's
 * 200) gives the most updates per epoch — the single-process optimisation path — but as many round
 * trips as steps; a large one (e.g. 4096) makes few round trips and keeps the workers busy with large
 * GEMMs, but takes fewer optimiser steps per epoch — so raise `learningRate` or `epochs` with it.
 */
import type { FitOptions } from '../../../core/estimator.js';
import type { Matrix } from '../../../core/matrix.js';
import { putPartitions, type PartitionRounds, type PartitionTaskBase } from '../../partitioned-rounds.js';
import type { OutputActivation } from '../activations.js';
import { encodeLabels } from '../input-checks.js';
import { earlyStoppingHoldout, MLPClassifier } from '../mlp-classifier.js';
import type { MlpNetwork } from '../mlp-network.js';
import type { MLPClassifierParams } from '../mlp-params.js';
import { flattenMlpParameters, loadMlpGradients, mlpParameterCount, mlpWeightCount } from '../mlp-partial-gradient.js';
import { checkTargets, MLPRegressor, regressionHoldout, type MLPRegressorParams } from '../mlp-regressor.js';
import { checkMlpFitInput, initMlpNetwork, mlpNetworkState } from '../mlp-state.js';
import { MlpEpochs, mlpOptimizer, type MlpTrainingResult } from '../mlp-training.js';

/** Global batch when `batchSize` is 'auto': fewer round trips than sklearn's 200, still many steps per epoch. */
export const DATA_PARALLEL_MLP_AUTO_BATCH = 1024;

/** A request for one partition's summed loss and gradient on its share of one global mini-batch. */
export interface MlpGradientTask extends PartitionTaskBase {
  kind: 'mlp-grad';
  /** Position of the partition (selects its shuffle stream). */
  partitionIndex: number;
  /** Broadcast key of the flat weights (`flattenMlpParameters` order). */
  weights: string;
  /** `[inputs, hidden..., outputs]`; one output means a sigmoid unit, more a softmax. */
  sizes: number[];
  activation: MLPClassifierParams['activation'];
  /** Output unit: sigmoid / softmax (a classifier's, class-index targets) or identity (a regressor's). */
  output: OutputActivation;
  seed: number;
  shuffle: boolean;
  /** 1-based epoch. */
  epoch: number;
  step: number;
  steps: number;
}

/**
 * The classifier's fit over any {@link PartitionRounds} (e.g. `LocalRounds` in this process).
 *
 * @example
 * const mlp = await fitMlpPartitioned(X, y, { hidden: [16], epochs: 3 }, 2, new LocalRounds());
 */
export async function fitMlpPartitioned(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<MLPClassifierParams>,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions = {},
): Promise<MLPClassifier> {
  const model = new MLPClassifier(params);
  const owner = 'MLPClassifier (data-parallel)';
  const p = model.getParams();
  checkMlpFitInput(owner, p, X, y, options);
  const { classes, index } = encodeLabels(owner, y);
  const k = classes.length;
  const sizes = [X.cols, ...p.hidden, k === 2 ? 1 : k];
  const output = k === 2 ? 'sigmoid' : 'softmax';
  const { net, rng } = initMlpNetwork(p, sizes, output);
  // Early stopping holds out its validation rows here, on the coordinator, which scores every epoch.
  const holdout = p.earlyStopping ? earlyStoppingHoldout(p, X, index, k, net, rng) : null;
  const targets = Float64Array.from(holdout?.ytr ?? index);
  const r = await trainPartitioned(owner, p, net, output, X, targets, holdout, partitions, rounds, options);
  return model.restoreState({ type: model.type, params: model.getParams() as never, fitted: { classes, ...mlpNetworkState(p, sizes, r) } as never });
}

/**
 * The regressor's fit over any {@link PartitionRounds}.
 *
 * @example
 * const mlp = await fitMlpRegressorPartitioned(X, target, { hidden: [16], epochs: 3 }, 2, new LocalRounds());
 */
export async function fitMlpRegressorPartitioned(
  X: Matrix,
  y: ArrayLike<number>,
  params: Partial<MLPRegressorParams>,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions = {},
): Promise<MLPRegressor> {
  const model = new MLPRegressor(params);
  const owner = 'MLPRegressor (data-parallel)';
  const p = model.getParams();
  checkMlpFitInput(owner, p, X, y, options);
  const target = checkTargets(owner, y);
  const sizes = [X.cols, ...p.hidden, 1];
  const { net, rng } = initMlpNetwork(p, sizes, 'identity');
  const holdout = p.earlyStopping ? regressionHoldout(owner, p, X, target, net, rng) : null;
  const r = await trainPartitioned(owner, p, net, 'identity', X, holdout?.ytr ?? target, holdout, partitions, rounds, options);
  return model.restoreState({ type: model.type, params: model.getParams() as never, fitted: mlpNetworkState(p, sizes, r) as never });
}

/**
 * `trainMlp` with the rows on the workers: trains `net` on the rows of `X` (`holdout.train`, or all)
 * with their `targets`, stopping on `holdout.score` or on the training loss; returns what
 * `mlpNetworkState` keeps.
 */
async function trainPartitioned(
  owner: string,
  p: MLPClassifierParams,
  net: MlpNetwork,
  output: OutputActivation,
  X: Matrix,
  targets: Float64Array,
  holdout: { train: Int32Array; score: () => number } | null,
  partitions: number,
  rounds: PartitionRounds,
  options: FitOptions,
): Promise<MlpTrainingResult> {
  const optimizer = mlpOptimizer(net, p);
  const n = targets.length;
  const shas = await putPartitions(rounds, X, targets, partitions, holdout?.train);
  const sizes = net.sizes;
  const per = Math.ceil(n / partitions);
  const smallest = n - per * (shas.length - 1);
  const batch = p.batchSize === 'auto' ? Math.min(DATA_PARALLEL_MLP_AUTO_BATCH, n) : Math.min(Math.max(1, p.batchSize), n);
  // Every step takes one share of every partition, so no partition may have fewer rows than steps.
  const steps = Math.max(1, Math.min(Math.round(n / batch), smallest));
  const nW = mlpWeightCount(net);
  const w = new Float64Array(mlpParameterCount(net));
  const g = new Float64Array(w.length);
  const epochs = new MlpEpochs(owner, p, net, holdout?.score ?? null, options);
  for (let epoch = 1; epoch <= p.epochs; epoch++) {
    let total = 0;
    for (let step = 0; step < steps; step++) {
      flattenMlpParameters(net, w);
      const weights = await rounds.broadcast('weights', w);
      const partials = await rounds.round<MlpGradientTask>(
        `e${epoch}s${step}`,
        shas.map((partition, partitionIndex) => ({ kind: 'mlp-grad', partition, partitionIndex, weights, sizes: [...sizes], activation: p.activation, output, seed: p.seed, shuffle: p.shuffle, epoch, step, steps })),
      );
      // Each partial is [rows, summed loss, summed gradient...]; added in partition order.
      g.fill(0);
      let rows = 0, lossSum = 0;
      for (const part of partials) {
        rows += part[0];
        lossSum += part[1];
        for (let j = 0; j < g.length; j++) g[j] += part[j + 2];
      }
      // sklearn's L2 term: alpha/2·‖W‖² per batch, gradient alpha·W, both over the batch size.
      let sq = 0;
      for (let j = 0; j < nW; j++) {
        sq += w[j] * w[j];
        g[j] += p.alpha * w[j];
      }
      for (let j = 0; j < g.length; j++) g[j] /= rows;
      loadMlpGradients(net, g);
      optimizer.step();
      total += lossSum + 0.5 * p.alpha * sq;
    }
    if (epochs.end(epoch, total / n)) break;
  }
  return epochs.result();
}
