/**
 * Rating-prediction quality on MovieLens 100K's official folds (u1..u5.base/.test, read from
 * ../shared/datasets), against the published Surprise figures of design/anchors.md (5-fold RMSE:
 * BaselineOnly 0.944, SVD 0.934, SVD++ 0.919). Users and items of a test fold without training
 * ratings are passed as -1, as the experiment runner does. u1 is the hardest fold: the 5-fold means
 * (biased_mf 0.9114, svdpp 0.9030, als 0.9153) are measured by the benchmark.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Interactions } from '../../core/interactions.js';
import { datasetPath } from '../../testing/paths.js';
import { ExplicitALS } from './factorization/als-explicit.js';
import { BaselineOnly } from './baseline.js';
import { BiasedMF } from './factorization/biased-mf.js';
import type { Recommender } from './recommender.js';
import { SVDpp } from './factorization/svdpp.js';

// MovieLens ids are 1..943 and 1..1682: index = id − 1 keeps every fold in one index space.
const N_USERS = 943, N_ITEMS = 1682;

function readFold(name: string): Interactions {
  const lines = readFileSync(datasetPath('movielens-100k', name), 'utf8').trim().split('\n');
  const n = lines.length, users = new Int32Array(n), items = new Int32Array(n), values = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const [u, i, r] = lines[e].split('\t');
    users[e] = Number(u) - 1;
    items[e] = Number(i) - 1;
    values[e] = Number(r);
  }
  return { nUsers: N_USERS, nItems: N_ITEMS, users, items, values };
}

/** RMSE and MAE on `testPart` of a model fitted on `train`. */
function score(m: Recommender<any, any>, train: Interactions, testPart: Interactions): { rmse: number; mae: number } {
  const userSeen = new Uint8Array(N_USERS), itemSeen = new Uint8Array(N_ITEMS);
  for (let e = 0; e < train.users.length; e++) [userSeen[train.users[e]], itemSeen[train.items[e]]] = [1, 1];
  const pred = m.predictRatings!(
    Int32Array.from(testPart.users, (u) => (userSeen[u] ? u : -1)),
    Int32Array.from(testPart.items, (i) => (itemSeen[i] ? i : -1)),
  );
  let se = 0, ae = 0;
  for (let e = 0; e < pred.length; e++) {
    const d = pred[e] - testPart.values[e];
    se += d * d;
    ae += Math.abs(d);
  }
  return { rmse: Math.sqrt(se / pred.length), mae: ae / pred.length };
}

const folds = [1, 2, 3, 4, 5].map((k) => ({ train: readFold(`u${k}.base`), test: readFold(`u${k}.test`) }));
const [u1] = folds;

test('baseline (Surprise BaselineOnly defaults) reproduces Surprise\'s 5-fold figures', () => {
  let rmse = 0, mae = 0;
  for (const f of folds) {
    const s = score(new BaselineOnly().fit(f.train), f.train, f.test);
    rmse += s.rmse / folds.length;
    mae += s.mae / folds.length;
  }
  // Surprise: RMSE 0.944, MAE 0.748 on its own random 5-fold split; here 0.9457 / 0.7499 on u1..u5.
  assert.ok(Math.abs(rmse - 0.944) < 0.005, `5-fold RMSE ${rmse}`);
  assert.ok(Math.abs(mae - 0.748) < 0.005, `5-fold MAE ${mae}`);
});

test('biased_mf with the issue\'s { factors: 100, epochs: 20 } beats Surprise SVD on u1', () => {
  const { rmse, mae } = score(new BiasedMF({ factors: 100, epochs: 20 }).fit(u1.train), u1.train, u1.test);
  // Measured 0.9215 / 0.7242 (this model with Surprise's SVD defaults: 0.948).
  assert.ok(rmse <= 0.935, `u1 RMSE ${rmse}`);
  assert.ok(mae <= 0.735, `u1 MAE ${mae}`);
});

test('svdpp beats Surprise SVD++ (0.919 on 5 folds) on the hardest fold alone', () => {
  const { rmse } = score(new SVDpp().fit(u1.train), u1.train, u1.test);
  assert.ok(rmse <= 0.915, `u1 RMSE ${rmse}`); // measured 0.9108
});

test('explicit ALS beats Surprise SVD on u1', () => {
  const { rmse } = score(new ExplicitALS().fit(u1.train), u1.train, u1.test);
  assert.ok(rmse <= 0.935, `u1 RMSE ${rmse}`); // measured 0.9275
});
