/**
 * Fuzzing the recommender loader (`trainyard recommend --model`) with real model files — BPR and
 * item-kNN bundles: random byte flips, truncations and JSON header edits, with the original checksum
 * and with a recomputed one. Loading succeeds or fails with E_MODEL_FILE; a file that loads answers
 * or fails with a documented code. 2,000 cases (× FUZZ_SCALE), seed FUZZ_SEED, as every fuzzer (testing/fuzz.ts).
 */
import { test } from 'node:test';
import type { Interactions } from '../../core/interactions.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../core/model-file.js';
import { Rng } from '../../core/rng.js';
import type { Recommender } from '../../models/recommend/recommender.js';
import { BPR } from '../../models/recommend/factorization/bpr.js';
import { ItemKNN } from '../../models/recommend/similarity/item-knn.js';
import { IdMap } from '../../preprocess/interactions/id-map.js';
import { fuzzModelFiles } from '../../testing/model-file-fuzz.js';
import { fuzzCases } from '../../testing/fuzz.js';
import { decodeRecommenderBundle, LoadedRecommender, makeRecommenderBundle, saveRecommenderBundle } from './recommender-bundle.js';

const CASES = 2000;

function smallInteractions(): Interactions {
  const rng = new Rng(5);
  const nUsers = 12;
  const nItems = 9;
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const seen = new Set<number>();
    while (seen.size < 3) seen.add(rng.int(nItems));
    for (const i of [...seen].sort((a, b) => a - b)) {
      users.push(u);
      items.push(i);
    }
  }
  return { nUsers, nItems, users: Int32Array.from(users), items: Int32Array.from(items), values: new Float64Array(users.length).fill(1) };
}

test(`fuzz: ${fuzzCases(CASES)} mutated recommender model files (bytes, truncation, JSON header; original or recomputed checksum) load or fail with E_MODEL_FILE`, (t) => {
  const train = smallInteractions();
  const users = IdMap.fromValues(Array.from({ length: train.nUsers }, (_, u) => `u${u}`));
  const items = IdMap.fromValues(Array.from({ length: train.nItems }, (_, i) => 100 + i));
  const models: [string, Recommender<any, any>][] = [
    ['bpr', new BPR({ factors: 4, epochs: 3, seed: 1 })],
    ['item_knn', new ItemKNN({ neighbours: 3 })],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-fuzz-'));
  const files = models.map(([name, model]) => {
    const path = join(dir, `${name}.trainyard`);
    saveRecommenderBundle(path, makeRecommenderBundle(model.fit(train), train, users, items, `fuzz-${name}`));
    return { name, bytes: readFileSync(path) };
  });
  rmSync(dir, { recursive: true, force: true });
  fuzzModelFiles(t, {
    files,
    load: (bytes, source) => new LoadedRecommender(decodeRecommenderBundle(decodeModel(bytes, source), source)),
    use: (rec) => {
      rec.recommend('u0', { k: 3 });
      rec.recommend('nobody', { k: 3 });
    },
    cases: CASES,
  });
});
