/**
 * Fit-time benchmark of the linear models against scikit-learn, in one run on the same matrices:
 * kc-house (regressors, log price) and online-shoppers (SGDClassifier, L1 logistic regression), with
 * the quality tests' preprocessing and split. trainyard fits first (best of `repeats`), then the
 * matrices are written to a temp folder and `fixtures/linear/bench_sklearn.py` fits scikit-learn on them.
 *
 * Run: `node dist/bench/linear-bench.js` (needs /usr/bin/python3 with scikit-learn).
 *
 * @example
 * // node dist/bench/linear-bench.js
 * // model                 data      trainyard s  sklearn s  ratio  score (ours / sklearn)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Estimator } from '../core/estimator.js';
import type { Matrix } from '../core/matrix.js';
import { fixturePath } from '../testing/paths.js';
import { ElasticNet, Lasso } from '../models/linear/elastic-net.js';
import { LinearRegression } from '../models/linear/linear-regression.js';
import { LinearSVR } from '../models/linear/linear-svr.js';
import { r2Score } from '../testing/reference/linear-fixtures.js';
import { LogisticRegression } from '../models/linear/logistic-regression.js';
import { kcHouse, shoppers, type Prepared } from '../models/linear/real-data.test-helpers.js';
import { Ridge } from '../models/linear/ridge.js';
import { SGDClassifier } from '../models/linear/sgd/sgd-classifier.js';
import { SGDRegressor } from '../models/linear/sgd/sgd-regressor.js';

interface Job {
  name: string;
  data: 'kc' | 'shop';
  task: 'regression' | 'classification';
  create: () => Estimator<any, any>;
  sklearn: string;
  kwargs: Record<string, unknown>;
}

const JOBS: Job[] = [
  { name: 'linear_regression', data: 'kc', task: 'regression', create: () => new LinearRegression(), sklearn: 'LinearRegression', kwargs: {} },
  { name: 'ridge', data: 'kc', task: 'regression', create: () => new Ridge(), sklearn: 'Ridge', kwargs: {} },
  { name: 'lasso 1e-3', data: 'kc', task: 'regression', create: () => new Lasso({ alpha: 0.001 }), sklearn: 'Lasso', kwargs: { alpha: 0.001 } },
  { name: 'elastic_net 1e-3', data: 'kc', task: 'regression', create: () => new ElasticNet({ alpha: 0.001 }), sklearn: 'ElasticNet', kwargs: { alpha: 0.001 } },
  { name: 'sgd_regressor', data: 'kc', task: 'regression', create: () => new SGDRegressor(), sklearn: 'SGDRegressor', kwargs: { random_state: 0 } },
  { name: 'linear_svr', data: 'kc', task: 'regression', create: () => new LinearSVR(), sklearn: 'LinearSVR', kwargs: { random_state: 0 } },
  { name: 'sgd_classifier hinge', data: 'shop', task: 'classification', create: () => new SGDClassifier(), sklearn: 'SGDClassifier', kwargs: { random_state: 0 } },
  { name: 'sgd_classifier log avg', data: 'shop', task: 'classification', create: () => new SGDClassifier({ loss: 'log_loss', average: true }), sklearn: 'SGDClassifier', kwargs: { random_state: 0, loss: 'log_loss', average: true } },
  { name: 'logreg l1 (vs saga)', data: 'shop', task: 'classification', create: () => new LogisticRegression({ penalty: 'l1' }), sklearn: 'LogisticRegression', kwargs: { penalty: 'l1', solver: 'saga', max_iter: 1000 } },
  { name: 'logreg l1 (vs liblinear)', data: 'shop', task: 'classification', create: () => new LogisticRegression({ penalty: 'l1' }), sklearn: 'LogisticRegression', kwargs: { penalty: 'l1', solver: 'liblinear' } },
  { name: 'logreg enet 0.5 (vs saga)', data: 'shop', task: 'classification', create: () => new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.5 }), sklearn: 'LogisticRegression', kwargs: { penalty: 'elasticnet', l1_ratio: 0.5, solver: 'saga', max_iter: 1000 } },
];

function score(task: Job['task'], y: Float64Array, pred: Float64Array): number {
  if (task === 'regression') return r2Score(y, pred);
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) hit++;
  return hit / y.length;
}

function writeF64(path: string, a: Float64Array): void {
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

async function main(): Promise<void> {
  const repeats = Number(process.env.REPEATS ?? 3);
  const sets: Record<Job['data'], Prepared> = { kc: await kcHouse(), shop: await shoppers() };
  const ours: Record<string, { fit: number; score: number }> = {};
  for (const job of JOBS) {
    const d = sets[job.data];
    let best = Infinity;
    let model = job.create();
    for (let r = 0; r < repeats; r++) {
      model = job.create();
      const t = process.hrtime.bigint();
      model.fit(d.Xtrain, d.ytrain);
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    }
    ours[job.name] = { fit: best, score: score(job.task, d.ytest, model.predict(d.Xtest)) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-linear-bench-'));
  try {
    const datasets: Record<string, { ntr: number; nte: number; cols: number }> = {};
    for (const [key, d] of Object.entries(sets)) {
      const m: [string, Matrix | Float64Array][] = [['Xtr', d.Xtrain], ['ytr', d.ytrain], ['Xte', d.Xtest], ['yte', d.ytest]];
      for (const [suffix, a] of m) writeF64(join(dir, `${key}-${suffix}.f64`), a instanceof Float64Array ? a : a.data);
      datasets[key] = { ntr: d.Xtrain.rows, nte: d.Xtest.rows, cols: d.Xtrain.cols };
    }
    const jobs = JOBS.map(({ name, data, task, sklearn, kwargs }) => ({ name, data, task, sklearn, kwargs, repeats }));
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify({ datasets, jobs }));
    const ref = JSON.parse(execFileSync('/usr/bin/python3', [fixturePath('linear', 'bench_sklearn.py'), dir], { encoding: 'utf8' }));
    console.log(`${'model'.padEnd(28)}${'data'.padEnd(6)}${'ours s'.padStart(9)}${'sklearn s'.padStart(11)}${'ratio'.padStart(8)}   score ours / sklearn`);
    for (const job of JOBS) {
      const o = ours[job.name], r = ref[job.name];
      console.log(`${job.name.padEnd(28)}${job.data.padEnd(6)}${o.fit.toFixed(4).padStart(9)}${r.fit.toFixed(4).padStart(11)}${(o.fit / r.fit).toFixed(2).padStart(8)}   ${o.score.toFixed(4)} / ${r.score.toFixed(4)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
