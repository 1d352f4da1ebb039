/**
 * The transformer conformance suite, the preprocessing counterpart of conformance/estimator-conformance.ts: every
 * registered transformer (leaves and composites) goes through the contract of
 * docs/estimator-contract.md — parameters only in the constructor, validation at fit, `fit` returns
 * `this`, learned state apart and saved as data, revived through the registry bit for bit — plus what
 * matters for frames: statistics come from the training rows only, and a transform input missing a
 * fitted column, or holding it with another type, is a clear `E_DATA` error naming that column.
 */
import assert from 'node:assert/strict';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import { TrainyardError } from '../../core/errors.js';
import type { Frame } from '../../core/frame.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import { transformerFromState } from '../../preprocess/registry.js';
import type { Transformer } from '../../preprocess/transformer.js';
import { runConformanceChecks, type ConformanceCheck, type ConformanceContext } from './conformance-checks.js';
import { retypedColumn, snapshotFrame, type ColumnSnapshot } from './frame-snapshot.js';
import { expectCode } from '../thrown.js';

/** One transformer set-up to check: a leaf with chosen params, or a composite with its children. */
export interface TransformerCase {
  /** The registry name; the transformer's `type` must equal it. */
  name: string;
  /** A new, unfitted transformer of this set-up with `params` set on top (unknown names throw). */
  create(params?: Record<string, unknown>): Transformer;
  /** Parameter sets `fit` must reject with `E_INVALID_PARAM`, the error naming the (first) parameter. */
  invalidParams?: Record<string, unknown>[];
}

/**
 * Rows to fit on and other rows to transform, with the same columns. Both must be fittable (the
 * idempotence check fits on `test` in between), and `test` should hold what training did not see:
 * unseen categories, values beyond the training range, missing values.
 */
export interface TransformerData {
  train: Frame;
  test: Frame;
}

/** The saved state as model-file bytes: equal bytes mean the same learned state, bit for bit. */
function stateBytes(t: Transformer): Buffer {
  return encodeModel(t.toState() as unknown as StateValue);
}

function reload(t: Transformer): Transformer {
  return transformerFromState(decodeModel(stateBytes(t)) as unknown as EstimatorState);
}

function out(t: Transformer, frame: Frame): ColumnSnapshot[] {
  return snapshotFrame(t.transform(frame));
}

/** Runs `fn`; returns its snapshot, or the TrainyardError it throws (any other error fails the check). */
function attempt(fn: () => Frame, what: string): ColumnSnapshot[] | TrainyardError {
  try {
    return snapshotFrame(fn());
  } catch (e) {
    assert.ok(e instanceof TrainyardError, `${what}: expected a clear TrainyardError, got ${String(e)}`);
    return e;
  }
}

/**
 * A transform of a frame whose column `column` was removed or changed either fails with `E_DATA`
 * naming it, or — when the transformer does not read it — gives `expected` exactly.
 */
function refusedOrUnaffected(result: ColumnSnapshot[] | TrainyardError, expected: ColumnSnapshot[], column: string, what: string): void {
  if (result instanceof TrainyardError) {
    assert.equal(result.code, 'E_DATA', `${what}: expected E_DATA, got ${result.code} (${result.message})`);
    assert.ok(result.message.includes(`'${column}'`), `${what}: the error should name '${column}': ${result.message}`);
    return;
  }
  assert.deepStrictEqual(result, expected, `${what}: the transform neither refused the input nor left column '${column}' alone`);
}

/** The parameter name an error should mention: the last segment of a nested `step__param` key. */
function leafParam(key: string): string {
  return key.slice(key.lastIndexOf('__') + 2);
}

/**
 * Runs the contract checks for one transformer set-up. With `t` (node:test's context) each check is a
 * sub-test; without it, the first failing check throws an `AssertionError` prefixed with its name.
 *
 * @example
 * test('conformance', async (t) => checkTransformerConformance({ name: 'standard_scaler', create: (p) => new StandardScaler(p) }, data, t));
 */
export async function checkTransformerConformance(c: TransformerCase, data: TransformerData, t?: ConformanceContext): Promise<void> {
  const { train, test } = data;
  const checks: ConformanceCheck[] = [
    ['the constructor only stores params', () => {
      const e = c.create();
      assert.equal(e.isFitted, false);
      assert.equal(e.type, c.name, 'transformer type must equal its registry name (model files rely on it)');
      for (const bad of c.invalidParams ?? []) {
        // Validation waits for fit, so a search may pass through invalid intermediate states.
        const stored = c.create(bad).getParams() as Record<string, unknown>;
        for (const [k, v] of Object.entries(bad)) assert.deepStrictEqual(stored[k], v, `create(${JSON.stringify(bad)}) should store '${k}' as given`);
        c.create().setParams(bad);
      }
    }],
    ['fit returns this', () => {
      const e = c.create();
      assert.equal(e.fit(train), e);
      assert.equal(e.isFitted, true);
    }],
    ['transform before fit throws E_NOT_FITTED', () => {
      const e = c.create();
      expectCode(() => e.transform(train), 'E_NOT_FITTED', 'transform');
      expectCode(() => e.toState(), 'E_NOT_FITTED', 'toState');
    }],
    ['fit and transform leave the input frames unchanged', () => {
      const before = [snapshotFrame(train), snapshotFrame(test)];
      const e = c.create().fit(train);
      e.transform(train);
      e.transform(test);
      c.create().fitTransform(train);
      assert.deepStrictEqual([snapshotFrame(train), snapshotFrame(test)], before);
    }],
    ['clone is unfitted with equal params, and independent of the original', () => {
      const e = c.create().fit(train);
      const expected = out(e, test);
      const copy = e.clone();
      assert.equal(copy.isFitted, false);
      assert.deepStrictEqual(copy.getParams(), e.getParams());
      expectCode(() => copy.transform(test), 'E_NOT_FITTED', 'transform on a clone');
      copy.fit(test);
      assert.deepStrictEqual(out(e, test), expected, 'fitting the clone changed the original');
    }],
    ['getParams/setParams round trip', () => {
      const p = c.create().getParams() as Record<string, unknown>;
      assert.deepStrictEqual(c.create().setParams(p).getParams(), p);
      const keys = Object.keys(p);
      if (keys.length === 0) return;
      const e = c.create();
      const copy = e.getParams() as Record<string, unknown>;
      copy[keys[0]] = '__changed__';
      assert.notDeepStrictEqual(e.getParams(), copy, 'getParams must return a copy');
    }],
    ['unknown param names are rejected', () => {
      expectCode(() => c.create({ notAParam: 1 }), 'E_INVALID_PARAM', 'create({ notAParam })');
      expectCode(() => c.create().setParams({ notAParam: 1 }), 'E_INVALID_PARAM', 'setParams({ notAParam })');
      // Names a crafted JSON spec can carry that an `in` check would find on the prototype chain.
      for (const inherited of ['toString', '__proto__', 'constructor']) {
        expectCode(() => c.create(JSON.parse(`{"${inherited}": 1}`)), 'E_INVALID_PARAM', `create({ ${inherited} })`);
      }
    }],
    ['out-of-range params are rejected at fit', () => {
      for (const bad of c.invalidParams ?? []) {
        const err = expectCode(() => c.create(bad).fit(train), 'E_INVALID_PARAM', `fit with ${JSON.stringify(bad)}`);
        const name = leafParam(Object.keys(bad)[0]);
        assert.ok(err.message.includes(name), `the error for ${JSON.stringify(bad)} should name '${name}': ${err.message}`);
      }
    }],
    ['refit is idempotent', () => {
      const e = c.create().fit(train);
      const first = stateBytes(e);
      assert.deepStrictEqual(stateBytes(e.fit(train)), first, 'fitting twice on the same rows changed the state');
      assert.deepStrictEqual(stateBytes(e.fit(test).fit(train)), first, 'an earlier fit on other rows leaked into the state');
      assert.deepStrictEqual(stateBytes(e.clone().fit(train)), first, 'a fitted clone differs from the original');
    }],
    ['save/load through the registry transforms identically, bit for bit', () => {
      const e = c.create().fit(train);
      const back = reload(e);
      assert.equal(back.type, e.type);
      assert.equal(back.isFitted, true);
      assert.deepStrictEqual(back.getParams(), e.getParams());
      assert.deepStrictEqual(out(back, test), out(e, test));
      assert.deepStrictEqual(out(back, train), out(e, train));
      assert.deepStrictEqual(stateBytes(back), stateBytes(e), 'saving the loaded transformer gives other bytes');
    }],
    ['transform uses what fit learned on the training rows only', () => {
      const e = c.create().fit(train);
      const state = stateBytes(e);
      const onTrain = out(e, train);
      assert.deepStrictEqual(snapshotFrame(c.create().fitTransform(train)), onTrain, 'fitTransform differs from fit then transform');
      out(e, test);
      assert.deepStrictEqual(stateBytes(e), state, 'transform changed the learned state');
      assert.deepStrictEqual(out(e, train), onTrain, 'transforming other rows changed later outputs');
      // Each row is transformed on its own: a subset of rows gives the same rows as the whole frame.
      const rows = Array.from({ length: Math.ceil(test.nRows / 2) }, (_, k) => test.nRows - 1 - 2 * k);
      assert.deepStrictEqual(snapshotFrame(e.transform(test.take(rows))), snapshotFrame(e.transform(test).take(rows)), 'rows transformed apart differ from rows transformed together');
    }],
    ['a missing fitted column is refused with E_DATA naming it', () => {
      const e = c.create().fit(train);
      const full = e.transform(test);
      for (const name of test.names) {
        const result = attempt(() => e.transform(test.drop([name])), `transform without '${name}'`);
        refusedOrUnaffected(result, snapshotFrame(full.drop([name])), name, `transform without '${name}'`);
      }
    }],
    ['a column of the wrong type is refused with E_DATA naming it', () => {
      const e = c.create().fit(train);
      const full = e.transform(test);
      for (const col of test.columns) {
        const changed = retypedColumn(col);
        const result = attempt(() => e.transform(test.withColumn(changed)), `transform with '${col.name}' as ${changed.kind}`);
        // A transformer that does not read the column passes the changed column through (or drops it).
        const expected = full.has(col.name) ? full.withColumn(changed) : full;
        refusedOrUnaffected(result, snapshotFrame(expected), col.name, `transform with '${col.name}' stored as ${changed.kind}`);
      }
    }],
  ];
  await runConformanceChecks(c.name, checks, t);
}
