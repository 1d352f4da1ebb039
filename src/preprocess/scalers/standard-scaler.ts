/**
 * Standardisation, after scikit-learn's `StandardScaler` (sklearn/preprocessing/_data.py): subtract the
 * mean and divide by the population standard deviation learned on the training rows. NaN is ignored in
 * fit and kept in transform; a (near-)constant column gets scale 1 (`_is_constant_feature`).
 */
import type { StateValue } from '../../core/estimator.js';
import type { Frame } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray } from '../../core/state-check.js';
import { isNumeric, mapNumericColumns, NUMERIC_ONLY, selectColumns } from '../columns.js';
import { stateStrings } from '../state-fields.js';
import { isConstantFeature, meanVar } from './stats.js';
import { Transformer } from '../transformer.js';

export interface StandardScalerParams {
  /** Subtract the mean. Default true. */
  withMean: boolean;
  /** Divide by the standard deviation. Default true. */
  withStd: boolean;
  /** Columns to scale; `null` (default) = every numeric column (others pass through). */
  columns: string[] | null;
}

interface StandardScalerFitted {
  columns: string[];
  mean: Float64Array;
  variance: Float64Array;
  scale: Float64Array;
}

/** `(x - mean) / std` per column, with statistics learned on the training rows. */
export class StandardScaler extends Transformer<StandardScalerParams, StandardScalerFitted> {
  readonly type = 'standard_scaler';

  constructor(params: Partial<StandardScalerParams> = {}) {
    super({ withMean: true, withStd: true, columns: null }, params);
  }

  fit(frame: Frame): this {
    checkOneOf('StandardScaler', 'withMean', this.params.withMean, [true, false]);
    checkOneOf('StandardScaler', 'withStd', this.params.withStd, [true, false]);
    this.checkFitFrame(frame);
    const cols = selectColumns('StandardScaler', frame, this.params.columns, isNumeric, NUMERIC_ONLY).filter(isNumeric);
    const mean = new Float64Array(cols.length);
    const variance = new Float64Array(cols.length);
    const scale = new Float64Array(cols.length);
    cols.forEach((c, j) => {
      const s = meanVar(c.values);
      mean[j] = s.mean;
      variance[j] = s.variance;
      scale[j] = s.count === 0 || isConstantFeature(s.variance, s.mean, s.count) ? 1 : Math.sqrt(s.variance);
    });
    this.fitted = { columns: cols.map((c) => c.name), mean, variance, scale };
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const { withMean, withStd } = this.params;
    return mapNumericColumns('StandardScaler', frame, f.columns, (v, j) => {
      const m = withMean ? f.mean[j] : 0;
      const s = withStd ? f.scale[j] : 1;
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = (v[i] - m) / s;
      return out;
    });
  }

  protected checkFitted(f: { [key: string]: StateValue }): StandardScalerFitted {
    const columns = stateStrings(f, 'columns');
    const n = columns.length;
    return {
      columns,
      mean: stateArray(f, 'mean', Float64Array, n),
      variance: stateArray(f, 'variance', Float64Array, n),
      scale: stateArray(f, 'scale', Float64Array, n),
    };
  }
}
