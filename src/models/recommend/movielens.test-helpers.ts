/**
 * MovieLens 100K on the Microsoft Recommenders top-k protocol, for the recommender quality tests:
 * u.data read as dense indices, the 75/25 split stratified by item (seed 42), and nDCG / precision /
 * recall at 10 over the test users seen in training, with their training items excluded. Also a
 * small synthetic block-structured data set for the model unit tests.
 */
import { readFileSync } from 'node:fs';
import { interactionsToCsr, subsetInteractions, type Interactions } from '../../core/interactions.js';
import { Rng } from '../../core/rng.js';
import { rankingScoresAtK } from '../../metrics/recommend/recommendation.js';
import { splitInteractions } from '../../selection/interaction-splits.js';
import { datasetPath } from '../../testing/paths.js';
import type { Recommender } from './recommender.js';
import { topK } from './top-k.js';

/** u.data as dense indices (ids in order of first appearance). */
export function movielens100k(): Interactions {
  const lines = readFileSync(datasetPath('movielens-100k', 'u.data'), 'utf8').trim().split('\n');
  const n = lines.length, users = new Int32Array(n), items = new Int32Array(n), values = new Float64Array(n);
  const um = new Map<string, number>(), im = new Map<string, number>();
  for (let e = 0; e < n; e++) {
    const [u, i, r] = lines[e].split('\t');
    if (!um.has(u)) um.set(u, um.size);
    if (!im.has(i)) im.set(i, im.size);
    users[e] = um.get(u)!;
    items[e] = im.get(i)!;
    values[e] = Number(r);
  }
  return { nUsers: um.size, nItems: im.size, users, items, values };
}

/** The train part and a scorer of fitted models at k = 10. */
export interface MovielensProtocol {
  train: Interactions;
  /** Mean nDCG@10, precision@10 and recall@10 of a model fitted on `train`. */
  evaluate(m: Recommender<any, any>): { ndcg: number; precision: number; recall: number };
}

/**
 * @example
 * const ml = movielensProtocol();
 * const { ndcg } = ml.evaluate(new Popularity().fit(ml.train));
 */
export function movielensProtocol(): MovielensProtocol {
  const data = movielens100k();
  const [fold] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 42 });
  const train = subsetInteractions(data, fold.train), testPart = subsetInteractions(data, fold.test);
  const Xtr = interactionsToCsr(train), Xte = interactionsToCsr(testPart);
  const users: number[] = [];
  for (let u = 0; u < data.nUsers; u++) if (Xte.indptr[u + 1] > Xte.indptr[u] && Xtr.indptr[u + 1] > Xtr.indptr[u]) users.push(u);
  const relevant = users.map((u) => Xte.indices.subarray(Xte.indptr[u], Xte.indptr[u + 1]));
  const mean = (a: Float64Array): number => a.reduce((x, y) => x + y, 0) / a.length;
  return {
    train,
    evaluate(m) {
      const out = new Float64Array(data.nItems);
      const recs = users.map((u) => {
        m.scoreItems(u, out);
        return topK(out, 10, Xtr.indices.subarray(Xtr.indptr[u], Xtr.indptr[u + 1])).items;
      });
      const s = rankingScoresAtK(recs, relevant, 10);
      return { ndcg: mean(s.ndcg), precision: mean(s.precision), recall: mean(s.recall) };
    },
  };
}

/**
 * Two user groups, each mostly on its own half of the items: a pair is an event with probability
 * 0.3 within a group's half and `crossRate` across. Values are 1, or a random rating 1..5 when
 * `ratings` (drawn right after the pair's own draw, so the event pattern of a seed stays the same).
 *
 * @example
 * const d = blockInteractions(60, 80, 3, 0.03, true);
 */
export function blockInteractions(nUsers: number, nItems: number, seed: number, crossRate: number, ratings: boolean): Interactions {
  const rng = new Rng(seed);
  const users: number[] = [], items: number[] = [], values: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      const same = (u < nUsers / 2) === (i < nItems / 2);
      if (rng.random() < (same ? 0.3 : crossRate)) {
        users.push(u);
        items.push(i);
        values.push(ratings ? 1 + rng.int(5) : 1);
      }
    }
  }
  return { nUsers, nItems, users: Int32Array.from(users), items: Int32Array.from(items), values: Float64Array.from(values) };
}
