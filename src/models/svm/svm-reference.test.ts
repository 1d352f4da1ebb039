// SVC/SVR against scikit-learn 1.2 on small synthetic problems (fixtures/svm/small.json, written by
// fixtures/svm/generate.py): same support vectors, dual coefficients and intercepts within 1e-4,
// identical predictions; probabilities (Platt CV with a different RNG) loosely.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../../testing/paths.js';
import { SVC, type SVCParams } from './svc.js';
import { SVR, type SVRParams } from './svr.js';

interface Case {
  name: string;
  params: Record<string, unknown>;
  support: number[];
  nSupport?: number[];
  dualCoef: number[];
  intercept: number[];
  gamma?: number;
  decision?: number[];
  decisionOvo?: number[];
  predict: number[];
  proba?: number[];
}
interface Problem {
  X: number[][];
  y: number[];
  Xtest: number[][];
  cases: Case[];
}
const fx = JSON.parse(readFileSync(fixturePath('svm', 'small.json'), 'utf8')) as Record<'binary' | 'multiclass' | 'svr', Problem>;

/** scikit-learn parameter names → ours. */
function params(p: Record<string, unknown>): Record<string, unknown> {
  const names: Record<string, string> = { class_weight: 'classWeight', random_state: 'seed', decision_function_shape: 'decisionFunctionShape' };
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [names[k] ?? k, v]));
}

function maxAbsDiff(a: ArrayLike<number>, b: readonly number[]): number {
  assert.equal(a.length, b.length, 'lengths differ');
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function checkCommon(name: string, m: SVC | SVR, c: Case, Xt: Matrix): void {
  assert.deepEqual(Array.from(m.support), c.support, `${name}: support vectors`);
  const dual = m instanceof SVC ? m.dualCoef.data : m.dualCoef;
  assert.ok(maxAbsDiff(dual, c.dualCoef) < 1e-4, `${name}: dual coefficients differ by ${maxAbsDiff(dual, c.dualCoef)}`);
  const b = m instanceof SVC ? m.intercept : [m.intercept];
  assert.ok(maxAbsDiff(b, c.intercept) < 1e-4, `${name}: intercept ${Array.from(b)} vs ${c.intercept}`);
  assert.deepEqual(Array.from(m.predict(Xt)), c.predict, `${name}: predictions`);
}

for (const [kind, prob] of [['binary', fx.binary], ['multiclass', fx.multiclass]] as const) {
  const X = Matrix.fromRows(prob.X), y = Float64Array.from(prob.y), Xt = Matrix.fromRows(prob.Xtest);
  for (const c of prob.cases) {
    test(`SVC ${kind} '${c.name}' matches scikit-learn`, () => {
      const m = new SVC(params(c.params) as Partial<SVCParams>).fit(X, y);
      checkCommon(c.name, m, c, Xt);
      assert.deepEqual(Array.from(m.nSupport), c.nSupport);
      assert.ok(Math.abs(m.gamma - c.gamma!) < 1e-12, `gamma ${m.gamma} vs ${c.gamma}`);
      const dec = m.decisionFunction(Xt);
      assert.ok(maxAbsDiff(dec.data, c.decision!) < 1e-4, `decision values differ by ${maxAbsDiff(dec.data, c.decision!)}`);
      if (c.decisionOvo) {
        const ovo = m.setParams({ decisionFunctionShape: 'ovo' }).decisionFunction(Xt);
        assert.ok(maxAbsDiff(ovo.data, c.decisionOvo) < 1e-4, 'ovo decision values');
      }
      if (c.proba) {
        const p = m.predictProba(Xt).data;
        // Platt's sigmoid is fitted on 5-fold CV decision values; the folds come from our Rng, not
        // sklearn's, so probabilities agree only loosely.
        const meanDiff = p.reduce((s, v, i) => s + Math.abs(v - c.proba![i]), 0) / p.length;
        assert.ok(meanDiff < 0.025, `${c.name}: mean |p − p_sklearn| = ${meanDiff}`);
      }
    });
  }
}

{
  const prob = fx.svr;
  const X = Matrix.fromRows(prob.X), y = Float64Array.from(prob.y), Xt = Matrix.fromRows(prob.Xtest);
  for (const c of prob.cases) {
    test(`SVR '${c.name}' matches scikit-learn`, () => {
      const m = new SVR(params(c.params) as Partial<SVRParams>).fit(X, y);
      assert.deepEqual(Array.from(m.support), c.support, 'support vectors');
      assert.ok(maxAbsDiff(m.dualCoef, c.dualCoef) < 1e-4, `dual coefficients differ by ${maxAbsDiff(m.dualCoef, c.dualCoef)}`);
      assert.ok(Math.abs(m.intercept - c.intercept[0]) < 1e-4, `intercept ${m.intercept} vs ${c.intercept[0]}`);
      assert.ok(maxAbsDiff(m.predict(Xt), c.predict) < 1e-4, `predictions differ by ${maxAbsDiff(m.predict(Xt), c.predict)}`);
    });
  }
}
