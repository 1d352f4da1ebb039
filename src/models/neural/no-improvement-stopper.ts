/**
 * The stopping rule of scikit-learn's `BaseMultilayerPerceptron._update_no_improvement_count`
 * (in the spirit of Keras's `EarlyStopping` callback):
 * - with a validation split, an epoch "improves" when its validation accuracy is at least
 *   best + tol; the best weights seen are kept and restored at the end;
 * - without one, an epoch improves when its training loss is at most best − tol.
 * Training stops once more than `patience` consecutive epochs have not improved.
 */

/** Options for `NoImprovementStopper`. */
export interface NoImprovementStopperOptions {
  /** 'validation' watches a score (higher is better); 'loss' watches the training loss. */
  monitor: 'validation' | 'loss';
  /** Minimum change that counts as an improvement. */
  tol: number;
  /** Consecutive non-improving epochs tolerated (sklearn's `n_iter_no_change`). */
  patience: number;
}

/** Tracks the monitored quantity per epoch and says when to stop. */
export class NoImprovementStopper {
  private readonly options: NoImprovementStopperOptions;
  private best: number;
  private noImprovement = 0;
  /** Epoch (1-based) of the best value so far; 0 before the first epoch. */
  bestEpoch = 0;

  constructor(options: NoImprovementStopperOptions) {
    this.options = { ...options };
    this.best = options.monitor === 'validation' ? -Infinity : Infinity;
  }

  /**
   * Records one epoch's value; returns `true` when it is the best so far (the caller then snapshots
   * the weights when monitoring validation).
   */
  update(epoch: number, value: number): boolean {
    const { tol, monitor } = this.options;
    let isBest: boolean;
    if (monitor === 'validation') {
      this.noImprovement = value < this.best + tol ? this.noImprovement + 1 : 0;
      isBest = value > this.best;
    } else {
      this.noImprovement = value > this.best - tol ? this.noImprovement + 1 : 0;
      isBest = value < this.best;
    }
    if (isBest) {
      this.best = value;
      this.bestEpoch = epoch;
    }
    return isBest;
  }

  /** True once more than `patience` consecutive epochs have not improved. */
  get shouldStop(): boolean {
    return this.noImprovement > this.options.patience;
  }

  /** The best value seen (validation score or training loss). */
  get bestValue(): number {
    return this.best;
  }
}
