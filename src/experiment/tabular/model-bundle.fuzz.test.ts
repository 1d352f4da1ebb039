/**
 * Fuzzing the tabular model loader (`trainyard predict --model`) with real model files — logistic
 * regression, gradient boosting, a decision tree, k-NN, SVM, MLP, naive Bayes and a random forest, each
 * with the preprocessing pipeline `trainyard run` saves (written by `saveBundle`): random byte flips,
 * truncations and JSON header edits, with the original checksum and with a recomputed one. Loading
 * succeeds or fails with E_MODEL_FILE; a file that loads predicts or fails with a documented code.
 * 2,000 cases (× FUZZ_SCALE), seed FUZZ_SEED, as every fuzzer (testing/fuzz.ts).
 */
import { test } from 'node:test';
import { dictColumn, Frame, numericColumn } from '../../core/frame.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../core/model-file.js';
import { Rng } from '../../core/rng.js';
import { fuzzModelFiles } from '../../testing/model-file-fuzz.js';
import { fuzzCases } from '../../testing/fuzz.js';
import { fitCandidate } from './fit-candidate.js';
import { decodeBundle, makeBundle, predictWithBundle, saveBundle } from './model-bundle.js';
import type { Dataset } from './dataset.js';

const CASES = 2000;

function smallDataset(): Dataset {
  const rng = new Rng(11);
  const n = 120;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c: (string | null)[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = i % 17 === 0 ? NaN : rng.random() * 4 - 2;
    b[i] = rng.random() * 100;
    c.push(i % 13 === 0 ? null : ['red', 'green', 'blue'][rng.int(3)]);
    y[i] = a[i] + b[i] / 50 + (c[i] === 'red' ? 1 : 0) > 1.2 ? 1 : 0;
  }
  const features = new Frame([numericColumn('a', a), numericColumn('b', b), dictColumn('colour', c)], 'fuzz.csv');
  return { features, y, task: 'binary', classes: ['no', 'yes'] };
}

/** Model files of a few real bundles (preprocessing pipeline + model), saved as `trainyard run` saves them. */
function realModelFiles(ds: Dataset): { name: string; bytes: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-fuzz-'));
  const preprocess = { numeric: { impute: 'median' as const, scale: 'standard' as const, indicators: true }, categorical: { impute: 'most_frequent' as const, encode: 'onehot' as const } };
  const models: [string, Record<string, unknown>, typeof preprocess | { numeric: { impute: 'none' } }][] = [
    ['logistic_regression', {}, preprocess],
    ['gradient_boosting', { maxIter: 5, maxLeafNodes: 4, minSamplesLeaf: 5 }, { numeric: { impute: 'none' } }],
    ['decision_tree', { maxDepth: 3 }, preprocess],
    ['knn', { nNeighbors: 3 }, preprocess],
    ['svm', { probability: true }, preprocess],
    ['mlp', { hidden: [4], epochs: 3 }, preprocess],
    ['naive_bayes', {}, preprocess],
    ['random_forest', { nEstimators: 3, maxDepth: 3 }, preprocess],
  ];
  const files = models.map(([model, params, pre]) => {
    const fitted = fitCandidate(ds, pre, model, params);
    const bundle = makeBundle(fitted, ds.features, { task: 'binary', target: 'y', classes: ds.classes, runId: `fuzz-${model}` });
    const path = join(dir, `${model}.trainyard`);
    saveBundle(path, bundle);
    return { name: model, bytes: readFileSync(path) };
  });
  rmSync(dir, { recursive: true, force: true });
  return files;
}

test(`fuzz: ${fuzzCases(CASES)} mutated tabular model files (bytes, truncation, JSON header; original or recomputed checksum) load or fail with E_MODEL_FILE`, (t) => {
  const ds = smallDataset();
  fuzzModelFiles(t, {
    files: realModelFiles(ds),
    load: (bytes, source) => decodeBundle(decodeModel(bytes, source), source),
    use: (bundle) => void predictWithBundle(bundle, ds.features),
    cases: CASES,
  });
});
