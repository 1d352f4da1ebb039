/**
 * The estimator conformance suite — scikit-learn's `check_estimator` idea: every registered model
 * goes through the same contract checks, so cross-validation, search, persistence and the CLI can
 * treat all models alike. Run it from a test with the node:test context to get one sub-test per check.
 */
import assert from 'node:assert/strict';
import type { Classifier, Estimator, EstimatorState, StateValue } from '../../core/estimator.js';
import { TrainyardError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { runConformanceChecks, type ConformanceContext } from './conformance-checks.js';
import { expectCode } from '../thrown.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';
import { estimatorFromState, type ModelEntry } from '../../models/registry.js';

/**
 * Training data for the checks (a few hundred rows is plenty): class labels for classification
 * entries, continuous targets for regression entries (classifier-only checks are skipped for those).
 */
export interface ConformanceData {
  X: Matrix;
  y: Float64Array;
}

export type { ConformanceContext };

type AnyEstimator = Estimator<any, any> & Partial<Classifier>;

/**
 * Whether a fitted estimator serves `predictProba`: models whose probabilities are optional (SVC
 * with `probability: false`) have the method but report `hasProbabilities: false` and throw.
 */
function servesProba(e: AnyEstimator): boolean {
  return typeof e.predictProba === 'function' && (e as { hasProbabilities?: boolean }).hasProbabilities !== false;
}

/** Everything an estimator outputs on X, for bit-exact comparisons. */
function outputs(e: AnyEstimator, X: Matrix): Float64Array[] {
  const out = [e.predict(X)];
  if (typeof e.decisionFunction === 'function') out.push(e.decisionFunction(X).data);
  if (servesProba(e)) out.push(e.predictProba!(X).data);
  return out;
}

function dropLastColumn(X: Matrix): Matrix {
  const out = new Matrix(X.rows, X.cols - 1);
  for (let i = 0; i < X.rows; i++) out.data.set(X.data.subarray(i * X.cols, i * X.cols + X.cols - 1), i * out.cols);
  return out;
}

/**
 * Runs the contract checks for one registered model on `data`. With `t` (node:test's context) each
 * check is a sub-test; without it, the first failing check throws an `AssertionError`.
 *
 * @example
 * test('conformance', async (t) => { for (const m of listModels()) await checkEstimatorConformance(m, data, t); });
 */
export async function checkEstimatorConformance(entry: ModelEntry, data: ConformanceData, t?: ConformanceContext): Promise<void> {
  const { X, y } = data;
  const labels = Float64Array.from(new Set(y)).sort();
  const isClassifier = entry.task === 'classification';
  const checks: [string, () => void][] = [
    ['fit returns this', () => {
      const e = entry.create();
      assert.equal(e.fit(X, y), e);
      assert.equal(e.isFitted, true);
      assert.equal(e.type, entry.name, 'estimator type must equal its registry name (model files rely on it)');
    }],
    ['predict before fit throws E_NOT_FITTED', () => {
      const e = entry.create();
      expectCode(() => e.predict(X), 'E_NOT_FITTED', 'predict');
      if (e.decisionFunction) expectCode(() => e.decisionFunction!(X), 'E_NOT_FITTED', 'decisionFunction');
      if (e.predictProba) expectCode(() => e.predictProba!(X), 'E_NOT_FITTED', 'predictProba');
      expectCode(() => e.toState(), 'E_NOT_FITTED', 'toState');
    }],
    ['outputs have the right shapes', () => {
      const e = entry.create().fit(X, y);
      const pred = e.predict(X);
      assert.equal(pred.length, X.rows);
      if (!isClassifier) {
        for (const v of pred) assert.ok(Number.isFinite(v), `predict returned ${v}`);
        assert.equal(e.decisionFunction, undefined, 'a regressor has no decisionFunction');
        assert.equal(e.predictProba, undefined, 'a regressor has no predictProba');
        return;
      }
      const k = labels.length;
      assert.deepEqual(Array.from(e.classes!), Array.from(labels), 'classes must be the sorted distinct labels');
      for (const v of pred) assert.ok(labels.includes(v), `predict returned ${v}, not a training label`);
      if (e.decisionFunction) {
        const s = e.decisionFunction(X);
        assert.deepEqual([s.rows, s.cols], [X.rows, k === 2 ? 1 : k], 'decisionFunction shape');
      }
      if (servesProba(e)) {
        const p = e.predictProba!(X);
        assert.deepEqual([p.rows, p.cols], [X.rows, k], 'predictProba shape');
        for (let i = 0; i < p.rows; i++) {
          let sum = 0;
          for (let c = 0; c < k; c++) {
            const v = p.get(i, c);
            assert.ok(v >= 0 && v <= 1, `probability ${v} outside [0, 1]`);
            sum += v;
          }
          assert.ok(Math.abs(sum - 1) < 1e-9, `probabilities of row ${i} sum to ${sum}`);
        }
      }
    }],
    ['fit and predict leave X and y unchanged', () => {
      // CV shares one preprocessed fold matrix between all candidates (experiment/tabular/prepared-folds.ts).
      const Xc = X.data.slice(), yc = y.slice();
      outputs(entry.create().fit(X, y), X);
      assert.deepEqual(X.data, Xc, 'X was changed');
      assert.deepEqual(y, yc, 'y was changed');
    }],
    ['clone is unfitted with equal params', () => {
      const e = entry.create().fit(X, y);
      const c = e.clone();
      assert.equal(c.isFitted, false);
      assert.deepEqual(c.getParams(), e.getParams());
      expectCode(() => c.predict(X), 'E_NOT_FITTED', 'predict on a clone');
    }],
    ['refit is idempotent', () => {
      const e = entry.create().fit(X, y);
      const first = outputs(e, X);
      e.fit(X, y);
      assert.deepEqual(outputs(e, X), first, 'refitting the same estimator changed its outputs');
      assert.deepEqual(outputs(e.clone().fit(X, y), X), first, 'a fitted clone differs from the original');
    }],
    ['save/load round trip predicts identically', () => {
      const e = entry.create().fit(X, y);
      const bytes = encodeModel(e.toState() as unknown as StateValue);
      const back = estimatorFromState(decodeModel(bytes) as unknown as EstimatorState) as AnyEstimator;
      assert.equal(back.type, e.type);
      assert.deepEqual(back.getParams(), e.getParams());
      assert.deepEqual(outputs(back, X), outputs(e, X));
    }],
    ['unknown param names are rejected', () => {
      expectCode(() => entry.create({ notAParam: 1 }), 'E_INVALID_PARAM', 'create({ notAParam })');
      expectCode(() => entry.create().setParams({ notAParam: 1 }), 'E_INVALID_PARAM', 'setParams({ notAParam })');
      // Names a crafted JSON spec can carry that an `in` check would find on the prototype chain.
      for (const inherited of ['toString', '__proto__', 'constructor']) {
        expectCode(() => entry.create(JSON.parse(`{"${inherited}": 1}`)), 'E_INVALID_PARAM', `create({ ${inherited} })`);
      }
    }],
    ['out-of-range params are rejected at fit', () => {
      for (const bad of entry.invalidParams ?? []) {
        const err = expectCode(() => entry.create(bad).fit(X, y), 'E_INVALID_PARAM', `fit with ${JSON.stringify(bad)}`);
        const name = Object.keys(bad)[0];
        assert.ok(err.message.includes(name), `the error for ${JSON.stringify(bad)} should name '${name}': ${err.message}`);
      }
    }],
    ['NaN in X is refused with E_DATA, or handled (finite outputs)', () => {
      const Xn = new Matrix(X.rows, X.cols, X.data.slice());
      Xn.set(Math.min(3, X.rows - 1), X.cols - 1, NaN);
      // Models that take missing values natively (gradient boosting) must give finite outputs;
      // all others must refuse them with E_DATA naming the column.
      let e: AnyEstimator;
      try {
        e = entry.create().fit(Xn, y);
      } catch (err) {
        assert.ok(err instanceof TrainyardError && err.code === 'E_DATA', `fit with NaN: expected E_DATA or a fit, got ${String(err)}`);
        return;
      }
      for (const out of outputs(e, Xn)) for (const v of out) assert.ok(Number.isFinite(v), `fit accepted NaN but an output is ${v}`);
    }],
    ...(isClassifier ? [] : regressionChecks(entry, X, y)),
    ['shape mismatches are E_SHAPE', () => {
      expectCode(() => entry.create().fit(X, y.subarray(1)), 'E_SHAPE', 'fit with y shorter than X');
      const e = entry.create().fit(X, y);
      const err = expectCode(() => e.predict(dropLastColumn(X)), 'E_SHAPE', 'predict with one feature fewer');
      assert.ok(err.message.includes(String(X.cols)) && err.message.includes(String(X.cols - 1)), `message should name both counts: ${err.message}`);
    }],
    ['getParams/setParams round trip', () => {
      const e = entry.create();
      const p = e.getParams();
      assert.deepEqual(p, entry.defaults());
      assert.deepEqual(entry.create().setParams(p).getParams(), p);
      (p as Record<string, unknown>)[Object.keys(p)[0]] = '__changed__';
      assert.notDeepEqual(e.getParams(), p, 'getParams must return a copy');
    }],
  ];
  await runConformanceChecks(entry.name, checks, t);
}

/** Checks that only make sense for continuous targets. */
function regressionChecks(entry: ModelEntry, X: Matrix, y: Float64Array): [string, () => void][] {
  return [
    ['NaN or infinity in y is refused with E_DATA', () => {
      for (const bad of [NaN, Infinity]) {
        const yb = y.slice();
        yb[Math.min(5, y.length - 1)] = bad;
        expectCode(() => entry.create().fit(X, yb), 'E_DATA', `fit with ${bad} in y`);
      }
    }],
    ['fits better than the mean of y (R² > 0.5 on its training data)', () => {
      const pred = entry.create().fit(X, y).predict(X);
      let mean = 0;
      for (const v of y) mean += v / y.length;
      let ssRes = 0, ssTot = 0;
      for (let i = 0; i < y.length; i++) {
        ssRes += (y[i] - pred[i]) ** 2;
        ssTot += (y[i] - mean) ** 2;
      }
      assert.ok(1 - ssRes / ssTot > 0.5, `training R² = ${1 - ssRes / ssTot}`);
    }],
  ];
}
