import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureCases, relError } from '../../testing/reference/linear-fixtures.js';
import { LogisticRegression } from './logistic-regression.js';

/** sklearn's saga objective: C·Σ logloss + l1Ratio·‖W‖₁ + (1 − l1Ratio)/2·‖W‖² (as generate.py). */
function objective(m: LogisticRegression, X: { rows: number; cols: number; data: Float64Array }, y: Float64Array, C: number, l1Ratio: number): number {
  const s = m.decisionFunction(X as never), k = s.cols, classes = m.classes;
  let loss = 0;
  for (let i = 0; i < X.rows; i++) {
    if (k === 1) {
      const z = s.data[i], t = y[i] === classes[1] ? 1 : 0;
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - t * z;
    } else {
      let mx = -Infinity;
      for (let c = 0; c < k; c++) mx = Math.max(mx, s.data[i * k + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(s.data[i * k + c] - mx);
      loss += mx + Math.log(sum) - s.data[i * k + classes.indexOf(y[i])];
    }
  }
  let l1 = 0, l2 = 0;
  for (const w of m.coef.data) {
    l1 += Math.abs(w);
    l2 += w * w;
  }
  return C * loss + l1Ratio * l1 + ((1 - l1Ratio) / 2) * l2;
}

for (const { name, ref, data } of fixtureCases('lr_')) {
  test(`L1 / elastic-net logistic regression matches scikit-learn's saga optimum: ${name}`, () => {
    const m = new LogisticRegression(ref.params as never).fit(data.Xtrain, data.ytrain);
    const coef = (ref.coef as number[][]).flat();
    let worst = 0;
    for (let i = 0; i < coef.length; i++) worst = Math.max(worst, Math.abs(m.coef.data[i] - coef[i]));
    assert.ok(worst < 1e-4, `coef max abs diff ${worst}`);
    assert.ok(relError(m.intercept, ref.intercept as number[], 1) < 1e-4, 'intercept');
    assert.deepEqual(Array.from(m.coef.data, (v) => v === 0), coef.map((v) => v === 0), 'same zero pattern');
    assert.deepEqual(Array.from(m.predict(data.Xtest)), ref.predict);
    if (ref.objective !== undefined) {
      const C = ref.params.C as number, l1Ratio = ref.params.penalty === 'l1' ? 1 : (ref.params.l1Ratio as number);
      const ours = objective(m, data.Xtrain, data.ytrain, C, l1Ratio);
      assert.ok(ours <= ref.objective * (1 + 1e-6), `objective ${ours} vs sklearn ${ref.objective}`);
    }
  });
}

test('a stronger L1 penalty gives more zeros; the intercept stays unpenalised', () => {
  const [{ data }] = fixtureCases('lr_l1_bin');
  const zeros = [1, 0.1, 0.01].map((C) => Array.from(new LogisticRegression({ penalty: 'l1', C }).fit(data.Xtrain, data.ytrain).coef.data).filter((v) => v === 0).length);
  assert.ok(zeros[0] <= zeros[1] && zeros[1] <= zeros[2] && zeros[2] === data.Xtrain.cols, zeros.join(','));
  const tiny = new LogisticRegression({ penalty: 'l1', C: 1e-4 }).fit(data.Xtrain, data.ytrain);
  const pos = data.ytrain.filter((v) => v === tiny.classes[1]).length / data.ytrain.length;
  assert.ok(Math.abs(1 / (1 + Math.exp(-tiny.intercept[0])) - pos) < 1e-6, 'all weights 0: intercept = log-odds of the base rate');
});

test('elastic-net with l1Ratio 0 is the L2 fit', () => {
  const [{ data }] = fixtureCases('lr_l1_three');
  const a = new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0, C: 0.3 }).fit(data.Xtrain, data.ytrain);
  const b = new LogisticRegression({ C: 0.3 }).fit(data.Xtrain, data.ytrain);
  assert.deepEqual(a.coef.data, b.coef.data);
});
