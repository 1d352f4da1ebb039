import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Frame, dictColumn, numericColumn } from '../../core/frame.js';
import { assertClose, assertFrameClose, frameFrom, loadFixture } from '../frame.test-helpers.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { QuantileClipper } from './quantile-clipper.js';
import { RobustScaler } from './robust-scaler.js';
import { StandardScaler } from './standard-scaler.js';
import { quantileOf } from './stats.js';

const fx = loadFixture('small.json');
const NUM = ['a', 'b', 'c', 'd'];
const train = frameFrom(fx.columns, NUM, 0, fx.nTrain);
const testRows = frameFrom(fx.columns, NUM, fx.nTrain);
const sc = fx.scalers;

test('StandardScaler matches scikit-learn (NaN ignored in fit and kept; constant column gets scale 1)', () => {
  const s = new StandardScaler().fit(train);
  const st = s.toState().fitted as unknown as { mean: Float64Array; variance: Float64Array; scale: Float64Array };
  assertClose(st.mean, sc.standard.mean, 1e-13, 'mean');
  assertClose(st.variance, sc.standard.var, 1e-12, 'var');
  assertClose(st.scale, sc.standard.scale, 1e-12, 'scale');
  assert.equal(st.scale[2], 1, 'constant column c has scale 1');
  assertFrameClose(s.transform(testRows), sc.standard.test, 1e-12, 'standard');
  assertFrameClose(new StandardScaler({ withMean: false }).fit(train).transform(testRows), sc.standardNoMean.test, 1e-12, 'withMean=false');
});

test('MinMaxScaler matches scikit-learn, with a custom range and clipping', () => {
  const m = new MinMaxScaler().fit(train);
  const st = m.toState().fitted as unknown as { dataMin: Float64Array; dataMax: Float64Array };
  assertClose(st.dataMin, sc.minmax.dataMin, 0, 'dataMin');
  assertClose(st.dataMax, sc.minmax.dataMax, 0, 'dataMax');
  assertFrameClose(m.transform(testRows), sc.minmax.test, 1e-14, 'minmax');
  assertFrameClose(new MinMaxScaler({ featureRange: [-1, 2], clip: true }).fit(train).transform(testRows), sc.minmaxClip.test, 1e-14, 'minmax clip');
});

test('RobustScaler matches scikit-learn (median, IQR with NumPy linear interpolation)', () => {
  for (const [params, ref] of [[{}, sc.robust], [{ quantileRange: [10, 90] as [number, number] }, sc.robust1090]] as const) {
    const r = new RobustScaler(params).fit(train);
    const st = r.toState().fitted as unknown as { center: Float64Array; scale: Float64Array };
    assertClose(st.center, ref.center, 0, 'center');
    assertClose(st.scale, ref.scale, 1e-15, 'scale');
    assertFrameClose(r.transform(testRows), ref.test, 1e-14, 'robust');
  }
});

test('QuantileClipper bounds equal numpy.nanquantile and the output equals numpy.clip', () => {
  const q = new QuantileClipper({ quantiles: [0.05, 0.95] }).fit(train);
  const st = q.toState().fitted as unknown as { lower: Float64Array; upper: Float64Array };
  assertClose(st.lower, sc.clip0595.lower, 0, 'lower');
  assertClose(st.upper, sc.clip0595.upper, 0, 'upper');
  assertFrameClose(q.transform(testRows), sc.clip0595.test, 0, 'clipped');
});

test('numpy linear quantile: interpolation from the upper neighbour when the weight is >= 0.5', () => {
  const s = Float64Array.from([8, 2, 1, 4]);
  assert.equal(quantileOf(s, 0), 1);
  assert.equal(quantileOf(s, 1), 8);
  assert.equal(quantileOf(s, 0.5), 3);
  assert.equal(quantileOf(s, 0.75), 5);
  assert.ok(Number.isNaN(quantileOf(new Float64Array(0), 0.5)));
});

test('scalers leave non-numeric columns alone and refuse a listed categorical column', () => {
  const f = new Frame([numericColumn('x', Float64Array.from([1, 2, 3])), dictColumn('s', ['a', 'b', 'a'])]);
  const out = new StandardScaler().fit(f).transform(f);
  assert.equal(out.column('s'), f.column('s'));
  assert.throws(() => new StandardScaler({ columns: ['s'] }).fit(f), { code: 'E_DATA', message: /column 's' is a categorical column/ });
  assert.throws(() => new StandardScaler({ columns: ['nope'] }).fit(f), { code: 'E_DATA', message: /unknown column 'nope'.*available: x, s/ });
});

test('scalers validate parameters in fit, not in the constructor', () => {
  const bad = new RobustScaler({ quantileRange: [80, 20] });
  assert.throws(() => bad.fit(train), { code: 'E_INVALID_PARAM', message: /quantileRange/ });
  assert.throws(() => new MinMaxScaler({ featureRange: [1, 1] }).fit(train), { code: 'E_INVALID_PARAM' });
  assert.throws(() => new QuantileClipper({ quantiles: [0.5, 1.5] }).fit(train), { code: 'E_INVALID_PARAM' });
  assert.throws(() => new StandardScaler({ nope: 1 } as never), { code: 'E_INVALID_PARAM', message: /unknown parameter 'nope'/ });
});

test('transform before fit is E_NOT_FITTED; fit returns this; clone is unfitted with the same params', () => {
  const s = new StandardScaler({ withMean: false });
  assert.throws(() => s.transform(train), { code: 'E_NOT_FITTED' });
  assert.equal(s.fit(train), s);
  const c = s.clone();
  assert.equal(c.isFitted, false);
  assert.deepEqual(c.getParams(), { withMean: false, withStd: true, columns: null });
});

test('a column missing at transform time is an E_DATA error naming it', () => {
  const s = new StandardScaler().fit(train);
  assert.throws(() => s.transform(train.drop(['b'])), { code: 'E_DATA', message: /column 'b' was seen in fit but is missing/ });
});
