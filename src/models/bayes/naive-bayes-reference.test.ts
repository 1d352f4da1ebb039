// Naive Bayes against scikit-learn 1.2 on small sets (fixtures/bayes/reference.json, written by
// fixtures/bayes/generate.py): fitted parameters, probabilities and log-probabilities to 1e-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../../testing/paths.js';
import { GaussianNB } from './gaussian-nb.js';
import { MultinomialNB } from './multinomial-nb.js';
import { numpySum } from './naive-bayes-base.js';

interface Case {
  params: Record<string, unknown>;
  proba: number[][];
  logProba: number[][];
  predict: number[];
  theta?: number[][];
  var?: number[][];
  featureLogProb?: number[][];
}
interface SmallSet { Xtrain: number[][]; ytrain: number[]; Xtest: number[][]; cases: Case[] }

const ref = JSON.parse(readFileSync(fixturePath('bayes', 'reference.json'), 'utf8')) as {
  gaussian: Record<string, SmallSet>;
  multinomial: Record<string, SmallSet>;
};

function assertClose(got: ArrayLike<number>, want: number[][], tol: number, what: string): void {
  const flat = want.flat();
  assert.equal(got.length, flat.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < flat.length; i++) worst = Math.max(worst, Math.abs(got[i] - flat[i]));
  assert.ok(worst <= tol, `${what}: differs from sklearn by ${worst}`);
}

for (const [name, s] of Object.entries(ref.gaussian)) {
  test(`GaussianNB on the '${name}' set matches scikit-learn (means, variances, probabilities to 1e-12)`, () => {
    const X = Matrix.fromRows(s.Xtrain), Q = Matrix.fromRows(s.Xtest);
    for (const c of s.cases) {
      const what = `${name} ${JSON.stringify(c.params)}`;
      const nb = new GaussianNB(c.params).fit(X, Float64Array.from(s.ytrain));
      assertClose(nb.theta.data, c.theta!, 1e-14, `${what}: theta`);
      assertClose(nb.variance.data, c.var!, 1e-14, `${what}: variance`);
      assertClose(nb.predictProba(Q).data, c.proba, 1e-12, `${what}: proba`);
      assertClose(nb.predictLogProba(Q).data, c.logProba, 1e-10, `${what}: log proba`);
      assert.deepEqual(Array.from(nb.predict(Q)), c.predict, `${what}: predict`);
    }
  });
}

for (const [name, s] of Object.entries(ref.multinomial)) {
  test(`MultinomialNB on the '${name}' set matches scikit-learn (log-probabilities of features, probabilities to 1e-12)`, () => {
    const X = Matrix.fromRows(s.Xtrain), Q = Matrix.fromRows(s.Xtest);
    for (const c of s.cases) {
      const what = `${name} ${JSON.stringify(c.params)}`;
      const nb = new MultinomialNB(c.params).fit(X, Float64Array.from(s.ytrain));
      assertClose(nb.featureLogProb.data, c.featureLogProb!, 1e-13, `${what}: featureLogProb`);
      assertClose(nb.predictProba(Q).data, c.proba, 1e-12, `${what}: proba`);
      assertClose(nb.predictLogProba(Q).data, c.logProba, 1e-10, `${what}: log proba`);
      assert.deepEqual(Array.from(nb.predict(Q)), c.predict, `${what}: predict`);
    }
  });
}

test('numpySum adds in numpy pairwise order (exact on sums whose order matters)', () => {
  // 1e16 + 1 + 1 ... is order-sensitive: sequential addition loses the ones, pairwise keeps some.
  const a = new Float64Array(20).fill(1);
  a[0] = 1e16;
  const sequential = a.reduce((s, v) => s + v, 0);
  // numpy: r0..r7 = a[0..7]; r_j += a[8+j]; ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)); then the last 4 one by one.
  const r = [1e16 + 1, 2, 2, 2, 2, 2, 2, 2];
  let want = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
  for (let i = 0; i < 4; i++) want += 1;
  assert.equal(numpySum(a, 0, 20), want);
  assert.notEqual(numpySum(a, 0, 20), sequential);
  assert.equal(numpySum(Float64Array.of(1, 2, 3), 0, 3), 6);
  // np.sum(np.full(1000, 0.1)) is 100.00000000000001; a running sum gives 99.9999999999986.
  assert.equal(numpySum(new Float64Array(1000).fill(0.1), 0, 1000), 100.00000000000001);
});
