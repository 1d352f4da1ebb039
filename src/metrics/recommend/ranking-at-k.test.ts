import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { thrownCode } from '../../testing/thrown.js';
import { catalogCoverage, itemPopularity, meanRankingScores, novelty, popularityBias, rankingScoresAtK, type RankingScores } from './recommendation.js';

/** Written by fixtures/recommend-metrics/make_fixtures.py (pandas, Microsoft Recommenders' formulas). */
interface Case {
  name: string;
  k: number;
  users: number[];
  recommended: number[][];
  relevant: number[][];
  n_items?: number;
  train?: [number, number][];
  expected: {
    per_user: Record<'precision' | 'recall' | 'ndcg' | 'map' | 'map_at_k_min' | 'mrr' | 'hit_rate', number[]>;
    mean: Record<string, number>;
    coverage?: number;
    item_popularity?: number[];
    popularity_bias?: number;
    novelty?: number;
  };
}

const { cases } = JSON.parse(readFileSync(new URL('../../../fixtures/recommend-metrics/cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const TOL = 1e-12;
const FIELDS: [keyof RankingScores, keyof Case['expected']['per_user']][] = [
  ['precision', 'precision'], ['recall', 'recall'], ['ndcg', 'ndcg'], ['map', 'map'], ['mrr', 'mrr'], ['hitRate', 'hit_rate'],
];

function close(actual: number, expected: number, where: string): void {
  assert.ok(Math.abs(actual - expected) <= TOL, `${where}: ${actual} vs pandas ${expected}`);
}

test('the fixture covers the edge cases it claims', () => {
  assert.equal(cases.length, 6);
  assert.ok(cases.some((c) => c.recommended.some((r) => r.length === 0)), 'a user with no recommendation');
  assert.ok(cases.some((c) => c.relevant.some((r) => r.length > c.k)), 'a user with more relevant items than k');
  assert.ok(cases.some((c) => c.expected.mean.hit_rate === 0), 'a case without any hit');
});

for (const c of cases) {
  test(`ranking scores equal the pandas reference: ${c.name}`, () => {
    const scores = rankingScoresAtK(c.recommended, c.relevant, c.k);
    const means = meanRankingScores(scores);
    for (const [ours, theirs] of FIELDS) {
      assert.equal(scores[ours].length, c.users.length);
      c.expected.per_user[theirs].forEach((v, u) => close(scores[ours][u], v, `${c.name} ${ours}[${u}]`));
      close(means[ours], c.expected.mean[theirs], `${c.name} mean ${ours}`);
    }
  });
  if (c.n_items !== undefined) {
    test(`catalogue metrics equal the pandas reference: ${c.name}`, () => {
      close(catalogCoverage(c.recommended, c.n_items!, c.k), c.expected.coverage!, `${c.name} coverage`);
      if (!c.train) return;
      const users = Int32Array.from(c.train, (e) => e[0]), items = Int32Array.from(c.train, (e) => e[1]);
      const nUsers = Math.max(...users) + 1;
      const pop = itemPopularity({ nUsers, nItems: c.n_items!, users, items, values: new Float64Array(users.length).fill(1) });
      c.expected.item_popularity!.forEach((v, j) => close(pop[j], v, `${c.name} popularity[${j}]`));
      close(popularityBias(c.recommended, pop, c.k), c.expected.popularity_bias!, `${c.name} popularity bias`);
      close(novelty(c.recommended, pop, c.k), c.expected.novelty!, `${c.name} novelty`);
    });
  }
}

test('map is Microsoft Recommenders\' `map` (÷|relevant|), not the newer min(|relevant|, k) map_at_k', () => {
  const c = cases.find((x) => x.name.startsWith('more relevant than k'))!;
  const ours = meanRankingScores(rankingScoresAtK(c.recommended, c.relevant, c.k)).map;
  assert.ok(Math.abs(ours - c.expected.mean.map_at_k_min) > 0.1, 'the two definitions differ on this case');
  close(ours, c.expected.mean.map, 'map');
});

test('a hand-checked user: hits at ranks 2 and 3 of 4, three relevant items', () => {
  const s = rankingScoresAtK([[10, 1, 2, 11]], [[2, 1, 5]], 4);
  close(s.precision[0], 2 / 4, 'precision');
  close(s.recall[0], 2 / 3, 'recall');
  close(s.ndcg[0], (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4)), 'ndcg');
  close(s.map[0], (1 / 2 + 2 / 3) / 3, 'map');
  close(s.mrr[0], 1 / 2, 'mrr');
  assert.equal(s.hitRate[0], 1);
});

test('entries past k are ignored and a repeated recommendation counts once', () => {
  const s = rankingScoresAtK([[4, 4, 7, 9]], [[4, 9]], 3);
  close(s.precision[0], 1 / 3, 'precision');
  close(s.recall[0], 1 / 2, 'recall');
  close(s.mrr[0], 1, 'mrr');
});

test('a perfect list scores 1 on ndcg, mrr, hit rate, and on precision when |relevant| >= k', () => {
  const m = meanRankingScores(rankingScoresAtK([[0, 1, 2], [3]], [[2, 1, 0, 8], [3]], 3));
  close(m.ndcg, 1, 'ndcg');
  close(m.mrr, 1, 'mrr');
  close(m.hitRate, 1, 'hit rate');
  close(m.precision, (1 + 1 / 3) / 2, 'precision counts k, not the list length');
});

test('bad input is refused with typed errors', () => {
  assert.equal(thrownCode(() => rankingScoresAtK([[1]], [[1], [2]], 10)), 'E_SHAPE');
  assert.equal(thrownCode(() => rankingScoresAtK([[1]], [[1]], 0)), 'E_INVALID_PARAM');
  assert.equal(thrownCode(() => rankingScoresAtK([[1]], [[1]], 2.5)), 'E_INVALID_PARAM');
  assert.equal(thrownCode(() => rankingScoresAtK([[1], [2]], [[1], []], 10)), 'E_DATA');
  assert.equal(thrownCode(() => meanRankingScores(rankingScoresAtK([], [], 10))), 'E_DATA');
  assert.equal(thrownCode(() => catalogCoverage([[0, 12]], 10, 5)), 'E_DATA');
  assert.equal(thrownCode(() => popularityBias([[]], new Float64Array(3), 5)), 'E_DATA');
  assert.equal(thrownCode(() => novelty([[0]], new Float64Array(3), 5)), 'E_DATA');
});
