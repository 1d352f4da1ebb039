/**
 * Outlier clipping (winsorising) by quantiles learned on the training rows: values below the
 * `quantiles[0]` quantile or above the `quantiles[1]` quantile of the training column are clipped to
 * it. Quantiles use NumPy's default linear interpolation (`numpy.nanquantile`), so the bounds equal
 * `np.nanquantile(x_train, q)` and the output equals `np.clip(x, lo, hi)`. NaN stays NaN.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Frame } from '../../core/frame.js';
import { stateArray } from '../../core/state-check.js';
import { isNumeric, mapNumericColumns, NUMERIC_ONLY, selectColumns } from '../columns.js';
import { stateStrings } from '../state-fields.js';
import { finiteValues, quantileOf } from './stats.js';
import { Transformer } from '../transformer.js';

export interface QuantileClipperParams {
  /** `[qLow, qHigh]` in [0, 1], qLow < qHigh. Default [0.01, 0.99]. */
  quantiles: [number, number];
  /** Columns to clip; `null` (default) = every numeric column (others pass through). */
  columns: string[] | null;
}

interface QuantileClipperFitted {
  columns: string[];
  lower: Float64Array;
  upper: Float64Array;
}

/** Clips each column to its training quantile range. */
export class QuantileClipper extends Transformer<QuantileClipperParams, QuantileClipperFitted> {
  readonly type = 'quantile_clipper';

  constructor(params: Partial<QuantileClipperParams> = {}) {
    super({ quantiles: [0.01, 0.99], columns: null }, params);
  }

  fit(frame: Frame): this {
    const q = this.params.quantiles;
    if (!Array.isArray(q) || q.length !== 2 || !q.every(Number.isFinite) || !(q[0] >= 0 && q[0] < q[1] && q[1] <= 1)) {
      throw new InvalidParamError(`QuantileClipper: parameter 'quantiles' must be [qLow, qHigh] with 0 <= qLow < qHigh <= 1, got ${JSON.stringify(q)}`, {
        estimator: 'QuantileClipper',
        param: 'quantiles',
        value: q,
      });
    }
    this.checkFitFrame(frame);
    const cols = selectColumns('QuantileClipper', frame, this.params.columns, isNumeric, NUMERIC_ONLY).filter(isNumeric);
    const lower = new Float64Array(cols.length);
    const upper = new Float64Array(cols.length);
    cols.forEach((c, j) => {
      const s = finiteValues(c.values);
      // A column with no observed value has nothing to clip against: leave it unbounded.
      lower[j] = s.length ? quantileOf(s, q[0]) : -Infinity;
      upper[j] = s.length ? quantileOf(s, q[1]) : Infinity;
    });
    this.fitted = { columns: cols.map((c) => c.name), lower, upper };
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    return mapNumericColumns('QuantileClipper', frame, f.columns, (v, j) => {
      const lo = f.lower[j];
      const hi = f.upper[j];
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        out[i] = x < lo ? lo : x > hi ? hi : x;
      }
      return out;
    });
  }

  protected checkFitted(f: { [key: string]: StateValue }): QuantileClipperFitted {
    const columns = stateStrings(f, 'columns');
    return { columns, lower: stateArray(f, 'lower', Float64Array, columns.length), upper: stateArray(f, 'upper', Float64Array, columns.length) };
  }
}
