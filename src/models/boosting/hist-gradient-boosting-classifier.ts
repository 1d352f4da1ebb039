/**
 * Histogram gradient boosting classifier — scikit-learn 1.2's `HistGradientBoostingClassifier`
 * (`sklearn/ensemble/_hist_gradient_boosting/gradient_boosting.py`): binary log loss with one tree
 * per iteration, or softmax (multinomial log loss) with one tree per class per iteration. Missing
 * values (NaN) are routed natively: each split learns which side they go to.
 */
import { ModelFileError } from '../../core/errors.js';
import type { Classifier, FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { checkFeatureNameCount } from '../model-checks.js';
import { stateArray } from '../../core/state-check.js';
import { fitBoosting } from './boosting-fit.js';
import { checkNoInfinity, classificationTask, type BoostedEnsemble } from './boosting-task.js';
import type { HistGradientBoostingParams } from './boosting-params.js';
import { HistGradientBoostingBase } from './hist-gradient-boosting-base.js';

/** Learned state of {@link HistGradientBoostingClassifier}. */
export interface HistGradientBoostingClassifierFitted extends BoostedEnsemble {
  classes: Float64Array;
}

/**
 * Gradient-boosted trees on binned features, for two or more classes.
 *
 * @example
 * const clf = new HistGradientBoostingClassifier({ maxIter: 200, learningRate: 0.05 }).fit(X, y);
 * const p = clf.predictProba(Xtest); // n × k, columns in clf.classes order
 */
export class HistGradientBoostingClassifier extends HistGradientBoostingBase<HistGradientBoostingClassifierFitted> implements Classifier {
  readonly type = 'gradient_boosting';

  constructor(params: Partial<HistGradientBoostingParams> = {}) {
    super(params);
  }

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = this.constructor.name;
    const p = this.resolve();
    checkXy(owner, X, y);
    checkFeatureNameCount(owner, X, options.featureNames);
    checkNoInfinity(owner, X, options.featureNames);
    const { task, classes } = classificationTask(owner, y);
    const ensemble = fitBoosting(X, task, p, options);
    this.fitted = { ...ensemble, classes };
    return this;
  }

  /** Raw scores: n × 1 (log-odds of `classes[1]`) for two classes, n × k otherwise. */
  decisionFunction(X: Matrix): Matrix {
    return this.rawScores(X);
  }

  /** Class probabilities, n × k in `classes` order (sigmoid, or softmax over the raw scores). */
  predictProba(X: Matrix): Matrix {
    return this.probaFrom(this.rawScores(X));
  }

  predict(X: Matrix): Float64Array {
    return this.labelsFrom(this.rawScores(X));
  }

  /**
   * `predict` and `predictProba` from one pass over the trees (the serving path asks for both): the
   * same numbers as the two calls, at half the cost.
   */
  predictWithProba(X: Matrix): { yPred: Float64Array; proba: Matrix } {
    const s = this.rawScores(X);
    return { yPred: this.labelsFrom(s), proba: this.probaFrom(s) };
  }

  private probaFrom(s: Matrix): Matrix {
    const k = this.requireFitted().classes.length, n = s.rows;
    const out = new Matrix(n, k);
    const o = out.data, r = s.data;
    if (k === 2) {
      for (let i = 0; i < n; i++) {
        const p1 = 1 / (1 + Math.exp(-r[i]));
        o[2 * i] = 1 - p1;
        o[2 * i + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      let max = -Infinity, sum = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, r[i * k + c]);
      for (let c = 0; c < k; c++) sum += o[i * k + c] = Math.exp(r[i * k + c] - max);
      for (let c = 0; c < k; c++) o[i * k + c] /= sum;
    }
    return out;
  }

  private labelsFrom(s: Matrix): Float64Array {
    const classes = this.requireFitted().classes, k = s.cols, n = s.rows;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (k === 1) {
        out[i] = s.data[i] > 0 ? classes[1] : classes[0];
        continue;
      }
      let best = 0;
      for (let c = 1; c < k; c++) if (s.data[i * k + c] > s.data[i * k + best]) best = c;
      out[i] = classes[best];
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): HistGradientBoostingClassifierFitted {
    const e = this.checkEnsemble(fitted);
    const classes = stateArray(fitted, 'classes', Float64Array);
    if (classes.length < 2 || e.nOutputs !== (classes.length === 2 ? 1 : classes.length)) {
      throw new ModelFileError(`model file: ${classes.length} classes do not match ${e.nOutputs} outputs`, { field: 'classes' });
    }
    return { ...e, classes };
  }
}
