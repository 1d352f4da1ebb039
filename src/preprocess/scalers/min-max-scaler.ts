/**
 * Min-max scaling, after scikit-learn's `MinMaxScaler` (sklearn/preprocessing/_data.py): `x·scale + min`
 * with `scale = (hi - lo) / (dataMax - dataMin)` and `min = lo - dataMin·scale`, learned on the training
 * rows (same arithmetic order, so results match to the last bit); a constant column gets range 1.
 * NaN is ignored in fit and kept in transform. `clip` bounds values of new rows to the feature range.
 */
import { InvalidParamError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Frame } from '../../core/frame.js';
import { checkOneOf } from '../../core/params.js';
import { stateArray } from '../../core/state-check.js';
import { isNumeric, mapNumericColumns, NUMERIC_ONLY, selectColumns } from '../columns.js';
import { stateStrings } from '../state-fields.js';
import { finiteRange, safeScale } from './stats.js';
import { Transformer } from '../transformer.js';

export interface MinMaxScalerParams {
  /** Target range `[lo, hi]`, lo < hi. Default [0, 1]. */
  featureRange: [number, number];
  /** Clip transformed values to the range. Default false. */
  clip: boolean;
  /** Columns to scale; `null` (default) = every numeric column (others pass through). */
  columns: string[] | null;
}

interface MinMaxScalerFitted {
  columns: string[];
  dataMin: Float64Array;
  dataMax: Float64Array;
  scale: Float64Array;
  min: Float64Array;
}

/** Maps each column's training range onto `featureRange`. */
export class MinMaxScaler extends Transformer<MinMaxScalerParams, MinMaxScalerFitted> {
  readonly type = 'minmax_scaler';

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super({ featureRange: [0, 1], clip: false, columns: null }, params);
  }

  fit(frame: Frame): this {
    const r = this.params.featureRange;
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) {
      throw new InvalidParamError(`MinMaxScaler: parameter 'featureRange' must be [lo, hi] with lo < hi, got ${JSON.stringify(r)}`, {
        estimator: 'MinMaxScaler',
        param: 'featureRange',
        value: r,
      });
    }
    checkOneOf('MinMaxScaler', 'clip', this.params.clip, [true, false]);
    this.checkFitFrame(frame);
    const cols = selectColumns('MinMaxScaler', frame, this.params.columns, isNumeric, NUMERIC_ONLY).filter(isNumeric);
    const n = cols.length;
    const f: MinMaxScalerFitted = { columns: cols.map((c) => c.name), dataMin: new Float64Array(n), dataMax: new Float64Array(n), scale: new Float64Array(n), min: new Float64Array(n) };
    cols.forEach((c, j) => {
      const { min: lo, max: hi } = finiteRange(c.values);
      f.dataMin[j] = lo;
      f.dataMax[j] = hi;
      f.scale[j] = (r[1] - r[0]) / (Number.isNaN(lo) ? 1 : safeScale(hi - lo));
      f.min[j] = r[0] - lo * f.scale[j];
    });
    this.fitted = f;
    return this;
  }

  transform(frame: Frame): Frame {
    const f = this.requireFitted();
    const [lo, hi] = this.params.featureRange;
    const clip = this.params.clip;
    return mapNumericColumns('MinMaxScaler', frame, f.columns, (v, j) => {
      const out = new Float64Array(v.length);
      const s = f.scale[j];
      const m = f.min[j];
      for (let i = 0; i < v.length; i++) {
        let x = v[i] * s + m;
        if (clip) x = x < lo ? lo : x > hi ? hi : x;
        out[i] = x;
      }
      return out;
    });
  }

  protected checkFitted(f: { [key: string]: StateValue }): MinMaxScalerFitted {
    const columns = stateStrings(f, 'columns');
    const n = columns.length;
    return {
      columns,
      dataMin: stateArray(f, 'dataMin', Float64Array, n),
      dataMax: stateArray(f, 'dataMax', Float64Array, n),
      scale: stateArray(f, 'scale', Float64Array, n),
      min: stateArray(f, 'min', Float64Array, n),
    };
  }
}
