/**
 * The losses of the SGD-trained linear models, with their derivatives in the prediction p.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_sgd_fast.pyx` (`Hinge`, `Log`, `ModifiedHuber`,
 * `SquaredLoss`, `Huber`, `EpsilonInsensitive`, `SquaredEpsilonInsensitive`), same formulas and the
 * same overflow guards. Classification losses take y ∈ {−1, +1}. A numeric code and one `switch`
 * (instead of one object per loss) keeps the SGD inner loop monomorphic.
 */

/** Loss names accepted by SGDClassifier. */
export const CLASSIFICATION_LOSSES = ['hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'] as const;
/** Loss names accepted by SGDRegressor. */
export const REGRESSION_LOSSES = ['squared_error', 'huber', 'epsilon_insensitive', 'squared_epsilon_insensitive'] as const;

export type SgdClassificationLoss = (typeof CLASSIFICATION_LOSSES)[number];
export type SgdRegressionLoss = (typeof REGRESSION_LOSSES)[number];
export type SgdLoss = SgdClassificationLoss | SgdRegressionLoss;

/** Integer code of a loss (what the solver switches on). */
export const enum LossCode {
  Hinge,
  Log,
  ModifiedHuber,
  SquaredHinge,
  Perceptron,
  Squared,
  Huber,
  EpsilonInsensitive,
  SquaredEpsilonInsensitive,
}

const CODES: Record<SgdLoss, LossCode> = {
  hinge: LossCode.Hinge,
  log_loss: LossCode.Log,
  modified_huber: LossCode.ModifiedHuber,
  squared_hinge: LossCode.SquaredHinge,
  perceptron: LossCode.Perceptron,
  squared_error: LossCode.Squared,
  huber: LossCode.Huber,
  epsilon_insensitive: LossCode.EpsilonInsensitive,
  squared_epsilon_insensitive: LossCode.SquaredEpsilonInsensitive,
};

/**

 * The code of a loss name.

 *
 * @example
 * lossValue(lossCode('hinge'), 0.3, 1, 1); // 0.7
 */
export function lossCode(name: SgdLoss): LossCode {
  return CODES[name];
}

/**
 * Loss value at prediction p for target y. `c` is the loss parameter: the hinge threshold (1, or 0 for
 * the perceptron) or epsilon for huber / epsilon-insensitive losses.
 *
 * @example
 * lossValue(lossCode('squared_error'), 2, 1, 0); // 0.5
 */
export function lossValue(code: LossCode, p: number, y: number, c: number): number {
  switch (code) {
    case LossCode.Hinge:
    case LossCode.Perceptron: {
      const z = p * y;
      return z <= c ? c - z : 0;
    }
    case LossCode.SquaredHinge: {
      const z = c - p * y;
      return z > 0 ? z * z : 0;
    }
    case LossCode.Log: {
      const z = p * y;
      if (z > 18) return Math.exp(-z);
      if (z < -18) return -z;
      return Math.log1p(Math.exp(-z));
    }
    case LossCode.ModifiedHuber: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return (1 - z) * (1 - z);
      return -4 * z;
    }
    case LossCode.Squared:
      return 0.5 * (p - y) * (p - y);
    case LossCode.Huber: {
      const r = p - y, a = Math.abs(r);
      return a <= c ? 0.5 * r * r : c * a - 0.5 * c * c;
    }
    case LossCode.EpsilonInsensitive:
      return Math.max(0, Math.abs(y - p) - c);
    case LossCode.SquaredEpsilonInsensitive: {
      const r = Math.max(0, Math.abs(y - p) - c);
      return r * r;
    }
  }
}

/**

 * d loss / d p at prediction p for target y (parameter c as in {@link lossValue}).

 *
 * @example
 * lossDerivative(lossCode('huber'), 5, 0, 1); // 1 (clipped at epsilon)
 */
export function lossDerivative(code: LossCode, p: number, y: number, c: number): number {
  switch (code) {
    case LossCode.Hinge:
    case LossCode.Perceptron:
      return p * y <= c ? -y : 0;
    case LossCode.SquaredHinge: {
      const z = c - p * y;
      return z > 0 ? -2 * y * z : 0;
    }
    case LossCode.Log: {
      const z = p * y;
      if (z > 18) return Math.exp(-z) * -y;
      if (z < -18) return -y;
      return -y / (Math.exp(z) + 1);
    }
    case LossCode.ModifiedHuber: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return 2 * (1 - z) * -y;
      return -4 * y;
    }
    case LossCode.Squared:
      return p - y;
    case LossCode.Huber: {
      const r = p - y;
      if (Math.abs(r) <= c) return r;
      return r > 0 ? c : -c;
    }
    case LossCode.EpsilonInsensitive:
      if (y - p > c) return -1;
      if (p - y > c) return 1;
      return 0;
    case LossCode.SquaredEpsilonInsensitive: {
      const z = y - p;
      if (z > c) return -2 * (z - c);
      if (z < -c) return 2 * (-z - c);
      return 0;
    }
  }
}
