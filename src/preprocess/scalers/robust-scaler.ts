/**
 * Robust scaling, after scikit-learn's `RobustScaler` (sklearn/preprocessing/_data.py): subtract the
 * median and divide by the inter-quantile range (default 25–75), both learned on the training rows with
 * NumPy's `nanmedian` / `nanpercentile` (linear interpolation; see stats.ts). A zero range gets scale 1.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Frame } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray } from '../../core/state-check.js';
import { isNumeric, mapNumericColumns, NUMERIC_ONLY, selectColumns } from '../columns.js';
import { stateStrings } from '../state-fields.js';
import { finiteValues, medianOf, quantileOf, safeScale } from './stats.js';
import { Transformer } from '../transformer.js';

export interface RobustScalerParams {
  /** Subtract the median. Default true. */
  withCentering: boolean;
  /** Divide by the inter-quantile range. Default true. */
  withScaling: boolean;
  /** Percentiles `[qMin, qMax]`, 0 ≤ qMin < qMax ≤ 100. Default [25, 75]. */
  quantileRange: [number, number];
  /** Columns to scale; `null` (default) = every numeric column (others pass through). */
  columns: string[] | null;
}

interface RobustScalerFitted {
  columns: string[];
  center: Float64Array;
  scale: Float64Array;
}

/** `(x - median) / IQR` per column. */
export class RobustScaler extends Transformer<RobustScalerParams, RobustScalerFitted> {
  readonly type = 'robust_scaler';

  constructor(params: Partial<RobustScalerParams> = {}) {
    super({ withCentering: true, withScaling: true, quantileRange: [25, 75], columns: null }, params);
  }

  fit(frame: Frame): this {
    const q = this.params.quantileRange;
    if (!Array.isArray(q) || q.length !== 2 || !q.every(Number.isFinite) || !(q[0] >= 0 && q[0] < q[1] && q[1] <= 100)) {
      throw new InvalidParamError(`RobustScaler: parameter 'quantileRange' must be [qMin, qMax] with 0 <= qMin < qMax <= 100, got ${JSON.stringify(q)}`, {
        estimator: 'RobustScaler',
        param: 'quantileRange',
        value: q,
      });
    }
    checkOneOf('RobustScaler', 'withCentering', this.params.withCentering, [true, false]);
    checkOneOf('RobustScaler', 'withScaling', this.params.withScaling, [true, false]);
    this.checkFitFrame(frame);
    const cols = selectColumns('RobustScaler', frame, this.params.columns, isNumeric, NUMERIC_ONLY).filter(isNumeric);
    const center = new Float64Array(cols.length);
    const scale = new Float64Array(cols.length);
    cols.forEach((c, j) => {
      const s = finiteValues(c.values);
      center[j] = medianOf(s);
      // NumPy's percentile divides q by 100 before interpolating; do the same for identical results.
      const range = quantileOf(s, q[1] / 100) - quantileOf(s, q[0] / 100);
      scale[j] = s.length ? safeScale(range) : 1;
    });
    this.fitted = { columns: cols.map((c) => c.name), center, scale };
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const { withCentering, withScaling } = this.params;
    return mapNumericColumns('RobustScaler', frame, f.columns, (v, j) => {
      const m = withCentering ? f.center[j] : 0;
      const s = withScaling ? f.scale[j] : 1;
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = (v[i] - m) / s;
      return out;
    });
  }

  protected checkFitted(f: { [key: string]: StateValue }): RobustScalerFitted {
    const columns = stateStrings(f, 'columns');
    return { columns, center: stateArray(f, 'center', Float64Array, columns.length), scale: stateArray(f, 'scale', Float64Array, columns.length) };
  }
}
