/**
 * Base of the linear classifiers: what LogisticRegression and LinearSVC share once fitted — one
 * weight row and intercept per score column, signed scores, and labels from scores.
 */
import { Estimator, type Classifier } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { checkPredictX, labelsFromScores, linearScores, type LinearFitted } from './linear-common.js';

export abstract class LinearClassifier<P extends object, F extends LinearFitted> extends Estimator<P, F> implements Classifier {
  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** Coefficients, one row per score column (1 row for two classes). */
  get coef(): Matrix {
    const f = this.requireFitted();
    return new Matrix(f.intercept.length, f.nFeatures, f.coef.slice());
  }

  /** Intercepts, one per score column. */
  get intercept(): Float64Array {
    return this.requireFitted().intercept.slice();
  }

  /** Solver iterations used (the maximum over one-vs-rest sub-problems). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** Signed scores: n × 1 (positive class) for two classes, n × k otherwise. */
  decisionFunction(X: Matrix): Matrix {
    const f = this.requireFitted();
    checkPredictX(this.constructor.name, X, f.nFeatures);
    return linearScores(X, f);
  }

  predict(X: Matrix): Float64Array {
    return labelsFromScores(this.decisionFunction(X), this.requireFitted().classes);
  }
}
