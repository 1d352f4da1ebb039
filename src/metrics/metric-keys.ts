/**
 * The registry of the project's standard metric keys: the spec's snake_case names, the camelCase
 * keys that `evaluatePredictions` returns, and whether higher or lower is better.
 */
import { InvalidParamError } from '../core/errors.js';

/** A frozen lookup table without a prototype, so `table['toString']` is undefined, not a function. */
function registry<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

/** Whether a metric is better when larger (`max`) or smaller (`min`). */
export type MetricDirection = 'max' | 'min';

/** Direction of every scalar result key of `evaluatePredictions` (`confusionMatrix` is not a score). */
export const METRIC_DIRECTIONS: Readonly<Record<string, MetricDirection>> = registry<MetricDirection>({
  accuracy: 'max',
  balancedAccuracy: 'max',
  precision: 'max',
  recall: 'max',
  f1: 'max',
  f1Macro: 'max',
  f1Micro: 'max',
  f1Weighted: 'max',
  precisionMacro: 'max',
  recallMacro: 'max',
  rocAuc: 'max',
  averagePrecision: 'max',
  mcc: 'max',
  logLoss: 'min',
  brier: 'min',
  rmse: 'min',
  mse: 'min',
  mae: 'min',
  r2: 'max',
  mape: 'min',
});

/** Spec metric name (snake_case, as written in an experiment spec) → result key of `evaluatePredictions`. */
export const SPEC_METRIC_KEYS: Readonly<Record<string, string>> = registry<string>({
  accuracy: 'accuracy',
  balanced_accuracy: 'balancedAccuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
  f1_macro: 'f1Macro',
  f1_micro: 'f1Micro',
  f1_weighted: 'f1Weighted',
  precision_macro: 'precisionMacro',
  recall_macro: 'recallMacro',
  roc_auc: 'rocAuc',
  average_precision: 'averagePrecision',
  log_loss: 'logLoss',
  mcc: 'mcc',
  brier: 'brier',
  rmse: 'rmse',
  mse: 'mse',
  mae: 'mae',
  r2: 'r2',
  mape: 'mape',
  confusion_matrix: 'confusionMatrix',
});

/**
 * Direction of a result key (or of a spec name, which is mapped first). Throws `E_INVALID_PARAM` for
 * an unknown name or for `confusionMatrix`, which has no order.
 *
 * @example metricDirection('logLoss'); // → 'min'
 */
export function metricDirection(key: string): MetricDirection {
  const resolved = key in METRIC_DIRECTIONS ? key : (SPEC_METRIC_KEYS[key] ?? key);
  const direction = METRIC_DIRECTIONS[resolved];
  if (direction) return direction;
  throw new InvalidParamError(
    `metric '${key}' has no direction${resolved === 'confusionMatrix' ? ' (a confusion matrix is not a score)' : ''}; choose one of ${Object.keys(METRIC_DIRECTIONS).join(', ')}`,
    { metric: key },
  );
}
