import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { evaluatePredictions, METRIC_DIRECTIONS, type EvaluateInput, metricDirection, rocAucScore, SPEC_METRIC_KEYS, type TaskKind } from './index.js';
import { assertClose, loadFixture, worst } from '../testing/reference/sklearn-fixtures.js';

interface Case {
  name: string;
  input: {
    task: TaskKind;
    yTrue: number[];
    yPred: number[];
    scores: number[][] | null;
    scoresAreProbabilities: boolean;
    nClasses: number | null;
  };
  expected: Record<string, number | number[][] | null>;
}

const { cases } = loadFixture<Case>('evaluate.json');

/** A fixture case's input as evaluatePredictions takes it. */
function inputOf(c: Case): EvaluateInput {
  const i = c.input;
  return {
    task: i.task,
    yTrue: Float64Array.from(i.yTrue),
    yPred: Float64Array.from(i.yPred),
    scores: i.scores ? Matrix.fromRows(i.scores) : undefined,
    scoresAreProbabilities: i.scoresAreProbabilities,
    nClasses: i.nClasses ?? undefined,
  };
}

for (const c of cases) {
  test(`evaluatePredictions equals sklearn: ${c.name}`, () => {
    const got = evaluatePredictions(inputOf(c));
    assert.deepEqual(Object.keys(got).sort(), Object.keys(c.expected).sort(), `${c.name}: keys`);
    for (const [key, want] of Object.entries(c.expected)) {
      if (want === null) assert.equal(got[key], null, `${c.name} ${key} should be null`);
      else if (Array.isArray(want)) assert.deepEqual(got[key], want, `${c.name} ${key}`);
      else assertClose(got[key] as number, want, `${c.name} ${key}`);
    }
  });
}

test('evaluatePredictions(input, keys) computes just those keys, with the values of the full set', () => {
  for (const c of cases) {
    const input = inputOf(c);
    const all = evaluatePredictions(input);
    for (const key of Object.keys(all)) assert.deepEqual(evaluatePredictions(input, [key]), { [key]: all[key] }, `${c.name} ${key}`);
    assert.deepEqual(evaluatePredictions(input, ['noSuchMetric']), {}, c.name);
  }
  // The input is checked whatever is asked for.
  assert.throws(() => evaluatePredictions({ task: 'binary', yTrue: [0, 2], yPred: [0, 1] }, ['accuracy']), { code: 'E_DATA' });
});

test('result keys: every scalar key has a direction and every spec name maps to a result key', () => {
  const keys = new Set<string>();
  for (const c of cases) for (const k of Object.keys(c.expected)) keys.add(k);
  for (const k of keys) if (k !== 'confusionMatrix') assert.ok(k in METRIC_DIRECTIONS, `no direction for ${k}`);
  for (const [spec, key] of Object.entries(SPEC_METRIC_KEYS)) assert.ok(keys.has(key), `${spec} → ${key} is not a result key`);
  assert.equal(Object.keys(SPEC_METRIC_KEYS).length, 21);
  assert.equal(metricDirection('rocAuc'), 'max');
  assert.equal(metricDirection('logLoss'), 'min');
  assert.equal(metricDirection('log_loss'), 'min');
  assert.equal(metricDirection('r2'), 'max');
  assert.equal(metricDirection('mape'), 'min');
  assert.throws(() => metricDirection('confusionMatrix'), { code: 'E_INVALID_PARAM', message: /a confusion matrix is not a score/ });
  assert.equal(SPEC_METRIC_KEYS.toString, undefined); // no prototype: plan lookups cannot hit Object methods
  assert.throws(() => metricDirection('toString'), { code: 'E_INVALID_PARAM', message: /metric 'toString' has no direction/ });
});

test('evaluatePredictions errors name what was wrong', () => {
  assert.throws(() => evaluatePredictions({ task: 'binary', yTrue: [0, 1, 1], yPred: [0, 1] }), {
    code: 'E_SHAPE',
    message: 'evaluatePredictions: yTrue has 3 values but yPred has 2; they must have the same length',
  });
  assert.throws(() => evaluatePredictions({ task: 'binary', yTrue: [0, 1], yPred: [0, 1], scores: new Matrix(3, 1) }), {
    code: 'E_SHAPE',
    message: /scores has 3 rows but yTrue has 2 values/,
  });
  assert.throws(() => evaluatePredictions({ task: 'multiclass', yTrue: [0, 1.5], yPred: [0, 1] }), { code: 'E_DATA', message: /yTrue must hold class indices 0\.\.k-1 .* row 1 is 1\.5/ });
  assert.throws(() => evaluatePredictions({ task: 'binary', yTrue: [0, 2], yPred: [0, 1] }), { code: 'E_DATA', message: /below 2 .* found 2/ });
  assert.throws(() => evaluatePredictions({ task: 'multiclass', yTrue: [0, 1], yPred: [0, 1], scores: new Matrix(2, 2), nClasses: 3 }), {
    code: 'E_SHAPE',
    message: /one column per class \(3\), got 2/,
  });
  assert.throws(() => evaluatePredictions({ task: 'ranking' as TaskKind, yTrue: [0], yPred: [0] }), { code: 'E_INVALID_PARAM' });
});

test('1M-row ROC AUC with ties equals the rank-sum (Mann–Whitney) formula', () => {
  const n = 1_000_000;
  const rng = new Rng(7);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.random() < 0.3 ? 1 : 0;
    s[i] = Math.round((y[i] * 0.7 + rng.normal()) * 1000) / 1000; // ties on purpose
  }
  const a = rocAucScore(y, s);
  // Mann–Whitney U with mid-ranks for ties: AUC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋).
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => s[p] - s[q]);
  let rankSum = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && s[order[j]] === s[order[i]]) j++;
    const mid = (i + 1 + j) / 2;
    for (let q = i; q < j; q++) if (y[order[q]] === 1) {
      rankSum += mid;
      nPos++;
    }
    i = j;
  }
  const expected = (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * (n - nPos));
  assertClose(a, expected, '1M AUC');
  console.log(`# largest scaled difference from sklearn so far: ${worst.diff.toExponential(2)} (${worst.where})`);
});
