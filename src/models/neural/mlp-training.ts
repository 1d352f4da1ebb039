/**
 * The epoch loop shared by `MLPClassifier` and `MLPRegressor`: scikit-learn's
 * `BaseMultilayerPerceptron._fit_stochastic` — Adam or (Nesterov) SGD over shuffled mini-batches of
 * min(200, n) rows, the stopping rule of `NoImprovementStopper`, and, with early stopping, the weights
 * of the best validation epoch kept at the end.
 */
import type { FitOptions } from '../../core/estimator.js';
import { DataError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import type { Rng } from '../../core/rng.js';
import type { MLPClassifierParams } from './mlp-params.js';
import type { MlpNetwork } from './mlp-network.js';
import { NoImprovementStopper } from './no-improvement-stopper.js';
import { AdamOptimizer } from './optimizers/adam.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { SgdOptimizer } from './optimizers/sgd.js';

/** What the loop learned: the kept weights and the curves. */
export interface MlpTrainingResult {
  weights: Float64Array[];
  biases: Float64Array[];
  losses: number[];
  scores: number[];
  bestEpoch: number;
}

/**
 * The sklearn optimizer the params ask for, over the network's parameters.
 *
 * @example
 * const opt = mlpOptimizer(net, { ...MLP_CLASSIFIER_DEFAULTS, optimizer: 'sgd' });
 */
export function mlpOptimizer(net: MlpNetwork, p: MLPClassifierParams): Optimizer {
  const { params, grads } = net.parameters();
  return p.optimizer === 'adam'
    ? new AdamOptimizer(params, grads, { learningRate: p.learningRate, beta1: p.beta1, beta2: p.beta2, epsilon: p.epsilon })
    : new SgdOptimizer(params, grads, { learningRate: p.learningRate, momentum: p.momentum, nesterov: p.nesterov });
}

/**
 * Runs the epochs. `backprop(xs, ys, rows)` fills the gradients and returns the batch loss;
 * `validationScore` (early stopping) scores the current weights, higher is better.
 *
 * @example
 * const r = trainMlp('MLPRegressor', p, net, Xtr, ytr, (xs, ys, rows) => net.backpropSquared(xs, ys, rows, p.alpha), null, {}, rng);
 */
export function trainMlp<T extends Int32Array | Float64Array>(
  owner: string,
  p: MLPClassifierParams,
  net: MlpNetwork,
  Xtr: Matrix,
  ytr: T,
  backprop: (xs: Float64Array, ys: T, rows: number) => number,
  validationScore: (() => number) | null,
  options: FitOptions,
  rng: Rng,
): MlpTrainingResult {
  const optimizer = mlpOptimizer(net, p);
  const n = Xtr.rows;
  const d = Xtr.cols;
  const batch = p.batchSize === 'auto' ? Math.min(200, n) : Math.min(Math.max(1, p.batchSize), n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const Xb = new Float64Array(batch * d);
  const yb = new (ytr.constructor as new (n: number) => T)(batch);
  const epochs = new MlpEpochs(owner, p, net, validationScore, options);

  for (let epoch = 1; epoch <= p.epochs; epoch++) {
    if (p.shuffle) rng.shuffle(order);
    let total = 0;
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start);
      let xs: Float64Array;
      let ys: T;
      if (p.shuffle) {
        const xd = Xtr.data;
        for (let r = 0; r < rows; r++) {
          const src = order[start + r];
          const xs0 = src * d, xb0 = r * d;
          for (let j = 0; j < d; j++) Xb[xb0 + j] = xd[xs0 + j];
          yb[r] = ytr[src];
        }
        xs = Xb;
        ys = yb;
      } else {
        xs = Xtr.data.subarray(start * d, (start + rows) * d);
        ys = ytr.subarray(start, start + rows) as T;
      }
      total += backprop(xs, ys, rows) * rows;
      optimizer.step();
    }
    if (epochs.end(epoch, total / n)) break;
  }
  return epochs.result();
}

/**
 * What every MLP loop does at the end of an epoch — this file's single-process loop and the
 * data-parallel one (partitioned/mlp-partitioned.ts) alike: refuse a diverged loss, record the loss and
 * validation curves, apply sklearn's stopping rule, and, with early stopping, keep the weights of the
 * best validation epoch (as sklearn does) for the result.
 *
 * @example
 * const epochs = new MlpEpochs('MLPClassifier', p, net, holdout?.score ?? null, options);
 * for (let epoch = 1; epoch <= p.epochs; epoch++) { ...; if (epochs.end(epoch, meanLoss)) break; }
 * return epochs.result();
 */
export class MlpEpochs {
  private readonly stopper: NoImprovementStopper;
  private readonly losses: number[] = [];
  private readonly scores: number[] = [];
  private best: { weights: Float64Array[]; biases: Float64Array[] } | null;

  constructor(
    private readonly owner: string,
    private readonly p: MLPClassifierParams,
    private readonly net: MlpNetwork,
    private readonly validationScore: (() => number) | null,
    private readonly options: FitOptions,
  ) {
    this.stopper = new NoImprovementStopper({ monitor: validationScore ? 'validation' : 'loss', tol: p.tol, patience: p.patience });
    this.best = validationScore ? net.snapshot() : null;
  }

  /** Ends 1-based `epoch` with its mean training loss; true when training should stop. */
  end(epoch: number, loss: number): boolean {
    if (!Number.isFinite(loss)) {
      const target = this.owner.startsWith('MLPRegressor') ? ' and the target' : '';
      throw new DataError(
        `${this.owner}: training diverged at epoch ${epoch} (loss ${loss}); standard-scale the features${target} or lower learningRate (now ${this.p.learningRate})`,
        { estimator: this.owner, epoch, loss: String(loss) },
      );
    }
    this.losses.push(loss);
    let score: number | undefined;
    if (this.validationScore !== null) {
      score = this.validationScore();
      this.scores.push(score);
      if (this.stopper.update(epoch, score)) this.best = this.net.snapshot();
    } else {
      this.stopper.update(epoch, loss);
    }
    this.options.onEpochEnd?.({ epoch, loss, validationScore: score });
    return this.stopper.shouldStop;
  }

  /** The kept weights (the best validation epoch's with early stopping, else the last) and the curves. */
  result(): MlpTrainingResult {
    const final = this.best ?? this.net.snapshot();
    return { weights: final.weights, biases: final.biases, losses: this.losses, scores: this.scores, bestEpoch: this.stopper.bestEpoch };
  }
}
