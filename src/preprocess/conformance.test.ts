import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictColumn, Frame, numericColumn } from '../core/frame.js';
import { Rng } from '../core/rng.js';
import { checkTransformerConformance, type TransformerCase, type TransformerData } from '../testing/conformance/transformer-conformance.js';
import { ColumnDropper } from './column-dropper.js';
import { ColumnTransformer } from './composite/column-transformer.js';
import { OneHotEncoder } from './encoders/one-hot-encoder.js';
import { Pipeline } from './composite/pipeline.js';
import { getTransformer, listTransformers } from './registry.js';
import { RobustScaler } from './scalers/robust-scaler.js';
import { SimpleImputer } from './impute/simple-imputer.js';
import { StandardScaler } from './scalers/standard-scaler.js';

/**
 * Mixed columns: continuous with NaN, small integers, a constant, a boolean, categorical with missing
 * cells, and a string id. Test rows bring unseen categories and ids, values beyond the training range
 * and NaN where training had none ('n').
 */
function frame(n: number, seed: number, origin: string, unseen: boolean): Frame {
  const rng = new Rng(seed);
  const pick = <T>(xs: T[]): T => xs[rng.int(xs.length)];
  const scale = unseen ? 3 : 1;
  return new Frame(
    [
      numericColumn('x', Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? NaN : scale * rng.normal() * 2 + 1))),
      numericColumn('n', Float64Array.from({ length: n }, (_, i) => (unseen && i % 5 === 0 ? NaN : rng.int(6)))),
      numericColumn('const', new Float64Array(n).fill(2.5)),
      numericColumn('flag', Float64Array.from({ length: n }, () => rng.int(2)), 'boolean'),
      dictColumn('m', Array.from({ length: n }, (_, i) => (i % 6 === 1 ? null : pick(unseen ? ['a', 'b', 'zz'] : ['a', 'b', 'c'])))),
      dictColumn('uid', Array.from({ length: n }, (_, i) => `${origin}-${i}`), 'id'),
    ],
    origin,
  );
}

const data: TransformerData = { train: frame(40, 1, 'train', false), test: frame(15, 2, 'test', true) };

/** Leaves: the registry entry with a few parameter set-ups each (the first is the defaults). */
const LEAF_SETUPS: Record<string, Record<string, unknown>[]> = {
  simple_imputer: [{}, { strategy: 'median', addIndicator: true }, { strategy: 'most_frequent' }, { strategy: 'constant', columns: ['m', 'x'] }],
  missing_indicator: [{}, { features: 'all', columns: ['x', 'm'] }],
  standard_scaler: [{}, { withMean: false, columns: ['x', 'n'] }],
  minmax_scaler: [{}, { featureRange: [-1, 1], clip: true }],
  robust_scaler: [{}, { quantileRange: [10, 90], withCentering: false }],
  quantile_clipper: [{}, { quantiles: [0.1, 0.9], columns: ['x'] }],
  one_hot_encoder: [{}, { drop: 'if_binary', columns: ['flag', 'm'] }, { drop: 'first', columns: ['n'] }],
  ordinal_encoder: [{}, { columns: ['m', 'n'], unknownValue: NaN }],
  drop_columns: [{ columns: ['uid'] }, { columns: ['uid', 'm'] }],
  column_dropper: [{}, { dropIds: false }, { columns: ['x', 'const'] }, { dropConstant: false, dropEmpty: false }],
};

function leafCases(name: string): (TransformerCase & { label: string })[] {
  const entry = getTransformer(name);
  return (LEAF_SETUPS[name] ?? []).map((base) => ({ name, create: (p = {}) => entry.create({ ...base, ...p }), invalidParams: entry.invalidParams, label: JSON.stringify(base) }));
}

/** Composites are built with children; their invalid params include nested ones. */
const COMPOSITES: Record<string, { label: string; build: () => Pipeline | ColumnTransformer; invalidParams: Record<string, unknown>[] }[]> = {
  pipeline: [
    {
      label: 'drop, impute, scale, encode',
      build: () =>
        new Pipeline([
          ['clean', new ColumnDropper()],
          ['impute', new SimpleImputer({ strategy: 'most_frequent', addIndicator: true })],
          ['scale', new StandardScaler()],
          ['encode', new OneHotEncoder({ columns: ['m'] })],
        ]),
      invalidParams: [{ impute__strategy: 'mode' }, { scale__withStd: 'no' }, { encode__drop: 'last' }],
    },
    { label: 'empty (the registry entry), an identity', build: () => getTransformer('pipeline').create() as Pipeline, invalidParams: [] },
  ],
  column_transformer: [
    {
      label: 'numeric and categorical branches, remainder passthrough',
      build: () =>
        new ColumnTransformer(
          [
            ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new RobustScaler()]]), ['x', 'n']],
            ['cat', new Pipeline([['impute', new SimpleImputer({ strategy: 'constant' })], ['encode', new OneHotEncoder()]]), ['m']],
          ],
          { remainder: 'passthrough' },
        ),
      invalidParams: [{ remainder: 'keep' }, { num__scale__quantileRange: [90, 10] }, { cat__encode__handleUnknown: 'warn' }],
    },
    {
      label: 'one branch, remainder dropped',
      build: () => new ColumnTransformer([['scale', new StandardScaler(), ['x', 'flag']]]),
      invalidParams: [{ scale__withMean: 1 }],
    },
    { label: 'no branches (the registry entry), remainder passthrough', build: () => getTransformer('column_transformer').create({ remainder: 'passthrough' }) as ColumnTransformer, invalidParams: [] },
  ],
};

function compositeCases(name: string): (TransformerCase & { label: string })[] {
  return (COMPOSITES[name] ?? []).map(({ label, build, invalidParams }) => ({
    name,
    label,
    create: (p = {}) => build().setParams(p),
    invalidParams: [...(getTransformer(name).invalidParams ?? []), ...invalidParams],
  }));
}

test('every registered transformer has conformance cases', () => {
  for (const { name } of listTransformers()) assert.ok(leafCases(name).length + compositeCases(name).length > 0, `no conformance case for '${name}'`);
});

test('every leaf entry lists parameter values it must reject', () => {
  for (const entry of listTransformers()) if (!(entry.name in COMPOSITES)) assert.ok((entry.invalidParams ?? []).length > 0, entry.name);
});

for (const { name } of listTransformers()) {
  for (const c of [...leafCases(name), ...compositeCases(name)]) {
    test(`transformer conformance: ${name} ${c.label}`, async (t) => {
      await checkTransformerConformance(c, data, t);
    });
  }
}

/** The names of the checks `c` fails, running every check (a stand-in for node:test's context). */
async function failingChecks(c: TransformerCase): Promise<string[]> {
  const failed: string[] = [];
  await checkTransformerConformance(c, data, {
    test: async (name, fn) => {
      try {
        await fn();
      } catch {
        failed.push(name.slice(`${c.name}: `.length));
      }
    },
  });
  return failed;
}

test('conformance catches a transformer that refits in transform', async () => {
  const real = getTransformer('standard_scaler');
  class Refitting extends StandardScaler {
    override transform(frame: Frame): Frame {
      // Learns from the rows it is given (once fitted, so "transform before fit" still holds).
      if (this.isFitted) this.fit(frame);
      return super.transform(frame);
    }
  }
  const sloppy: TransformerCase = { name: 'standard_scaler', create: (p = {}) => new Refitting(p), invalidParams: real.invalidParams };
  // Other checks notice it too (the registry revives a plain scaler, so save/load differs).
  const failed = await failingChecks(sloppy);
  assert.ok(failed.includes('transform uses what fit learned on the training rows only'), failed.join('; '));
  assert.ok(!failed.includes('fit returns this'), failed.join('; '));
});

test('conformance catches a transformer that skips a missing column silently', async () => {
  class Lenient extends StandardScaler {
    override transform(frame: Frame): Frame {
      return super.transform(frame.has('x') ? frame : frame.withColumn(numericColumn('x', new Float64Array(frame.nRows))));
    }
  }
  const lenient: TransformerCase = { name: 'standard_scaler', create: (p = {}) => new Lenient(p) };
  assert.deepEqual(await failingChecks(lenient), ['a missing fitted column is refused with E_DATA naming it']);
  await assert.rejects(checkTransformerConformance(lenient, data), /standard_scaler: a missing fitted column is refused with E_DATA naming it/);
});
