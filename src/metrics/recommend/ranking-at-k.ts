/**
 * Top-k ranking metrics for recommenders, defined as in the Microsoft Recommenders evaluation code
 * (`recommenders/evaluation/python_evaluation.py`: `precision_at_k`, `recall_at_k`, `ndcg_at_k` with
 * `score_type='binary'`, `map`), checked against an independent pandas re-implementation in
 * `fixtures/recommend-metrics/`. Every score is computed per user and then averaged over the users
 * given, so a user with no hit counts as 0 (Microsoft Recommenders divides by the number of users).
 *
 * MAP: Microsoft Recommenders has two. `map` (the only one in releases before 1.2, then called
 * `map_at_k`) sums the precision at each hit within the top k and divides by the number of relevant
 * items; the newer `map_at_k` divides by min(|relevant|, k), Spark's `meanAveragePrecisionAt`
 * (issues #1702, #2004, #2309). Their README benchmark table (BiVAE MAP 0.146, BPR 0.132, SAR 0.111)
 * was produced with the first, so that is `map` here: a SAR model scoring 0.1106 with it scores 0.2447
 * with the newer one (their PR #2372).
 */
import { DataError, ShapeError } from '../../core/errors.js';
import type { Interactions } from '../../core/interactions.js';
import { checkNumber } from '../../core/params.js';

/**
 * Per-user ranking scores at k, one entry per user in the order given. All are higher-is-better and in
 * [0, 1].
 */
export interface RankingScores {
  /** Hits in the top k divided by k (not by the list length: a short list cannot reach 1). */
  precision: Float64Array;
  /** Hits in the top k divided by the number of relevant items. */
  recall: Float64Array;
  /** DCG / IDCG with binary relevance and a log2(rank + 1) discount; IDCG over min(|relevant|, k) ranks. */
  ndcg: Float64Array;
  /** Sum of the precision at each hit's rank, divided by |relevant| (Microsoft Recommenders' `map`). */
  map: Float64Array;
  /** 1 / rank of the first hit within the top k, 0 if none. */
  mrr: Float64Array;
  /** 1 if any of the top k is relevant, else 0. */
  hitRate: Float64Array;
}

/** Largest id that takes the typed-array fast path for relevance look-ups (item indices in practice). */
const STAMP_LIMIT = 1 << 24;

/**
 * Ranking scores at `k` for every user. `recommended[u]` lists the user's recommendations best first
 * (it may be shorter than k; entries past k are ignored) and `relevant[u]` the user's held-out items
 * (any order, no duplicates). Both arrays list the same users in the same order. An item repeated in a
 * recommendation list counts as a hit at its first position only. A user with no relevant item is
 * refused (recall and NDCG are undefined for them): evaluate only users with held-out items, as the
 * Microsoft Recommenders code does by keeping the users common to truth and predictions.
 *
 * @example
 * const s = rankingScoresAtK([[3, 1, 7]], [[1, 9]], 3);
 * // s.precision[0] = 1/3, s.recall[0] = 0.5, s.mrr[0] = 0.5, s.map[0] = (1/2) / 2 = 0.25,
 * // s.ndcg[0] = (1/log2(3)) / (1 + 1/log2(3))
 */
export function rankingScoresAtK(recommended: ArrayLike<number>[], relevant: ArrayLike<number>[], k: number): RankingScores {
  const fn = 'rankingScoresAtK';
  checkNumber(fn, 'k', k, { min: 1, integer: true });
  if (recommended.length !== relevant.length) {
    throw new ShapeError(`${fn}: recommended lists ${recommended.length} users but relevant lists ${relevant.length}; both must list the same users in the same order`, {
      metric: fn,
      recommended: recommended.length,
      relevant: relevant.length,
    });
  }
  const nUsers = recommended.length;
  const precision = new Float64Array(nUsers), recall = new Float64Array(nUsers), ndcg = new Float64Array(nUsers);
  const map = new Float64Array(nUsers), mrr = new Float64Array(nUsers), hitRate = new Float64Array(nUsers);
  // discount[r] = 1 / log2(r + 2) for 0-based rank r; idealDcg[m] = sum of the first m discounts.
  const discount = new Float64Array(k), idealDcg = new Float64Array(k + 1);
  for (let r = 0; r < k; r++) {
    discount[r] = 1 / Math.log2(r + 2);
    idealDcg[r + 1] = idealDcg[r] + discount[r];
  }
  const lookup = relevanceLookup(relevant);
  for (let u = 0; u < nUsers; u++) {
    const rel = relevant[u], rec = recommended[u];
    if (rel.length === 0) {
      throw new DataError(`${fn}: relevant[${u}] is empty; ranking metrics are undefined for a user with no held-out item, so leave such users out`, { metric: fn, user: u });
    }
    lookup.mark(u, rel);
    const n = Math.min(k, rec.length);
    let hits = 0, dcg = 0, precisionSum = 0, firstHit = 0;
    for (let r = 0; r < n; r++) {
      if (!lookup.take(u, rec[r])) continue;
      hits++;
      dcg += discount[r];
      precisionSum += hits / (r + 1);
      if (firstHit === 0) firstHit = r + 1;
    }
    precision[u] = hits / k;
    recall[u] = hits / rel.length;
    ndcg[u] = dcg / idealDcg[Math.min(rel.length, k)];
    map[u] = precisionSum / rel.length;
    mrr[u] = firstHit === 0 ? 0 : 1 / firstHit;
    hitRate[u] = hits > 0 ? 1 : 0;
  }
  return { precision, recall, ndcg, map, mrr, hitRate };
}

/**
 * Per-user relevance look-up. Item indices (small non-negative integers, the normal case) use a stamp
 * array — no per-user allocation; any other ids fall back to a Set per user.
 */
function relevanceLookup(relevant: ArrayLike<number>[]): { mark(u: number, rel: ArrayLike<number>): void; take(u: number, item: number): boolean } {
  let max = -1, dense = true;
  for (const rel of relevant) {
    for (let i = 0; i < rel.length; i++) {
      const v = rel[i];
      if (!Number.isInteger(v) || v < 0 || v >= STAMP_LIMIT) dense = false;
      else if (v > max) max = v;
    }
  }
  if (dense) {
    // stamp[item] = u + 1 while the item is relevant and not yet hit for user u.
    const stamp = new Int32Array(max + 1);
    return {
      mark(u, rel) {
        for (let i = 0; i < rel.length; i++) stamp[rel[i]] = u + 1;
      },
      take(u, item) {
        if (!(item >= 0 && item <= max) || stamp[item] !== u + 1) return false;
        stamp[item] = 0;
        return true;
      },
    };
  }
  let set = new Set<number>();
  return {
    mark(_u, rel) {
      set = new Set<number>(Array.from(rel));
    },
    take(_u, item) {
      return set.delete(item);
    },
  };
}

/**
 * Means over users of {@link rankingScoresAtK}'s scores, keyed like the spec names without the `@k`.
 *
 * @example meanRankingScores(rankingScoresAtK(recs, truth, 10)).ndcg; // nDCG@10
 */
export function meanRankingScores(scores: RankingScores): Record<keyof RankingScores, number> {
  const mean = (a: Float64Array): number => {
    if (a.length === 0) throw new DataError('meanRankingScores: no users to average over; evaluate at least one user with held-out items', { metric: 'meanRankingScores' });
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s / a.length;
  };
  return {
    precision: mean(scores.precision),
    recall: mean(scores.recall),
    ndcg: mean(scores.ndcg),
    map: mean(scores.map),
    mrr: mean(scores.mrr),
    hitRate: mean(scores.hitRate),
  };
}

/**
 * Share of the catalogue (items 0..nItems-1) that appears in at least one user's top k.
 *
 * @example catalogCoverage([[0, 1], [1, 2]], 10, 2); // → 0.3
 */
export function catalogCoverage(recommended: ArrayLike<number>[], nItems: number, k: number): number {
  const fn = 'catalogCoverage';
  checkNumber(fn, 'nItems', nItems, { min: 1, integer: true });
  checkNumber(fn, 'k', k, { min: 1, integer: true });
  const seen = new Uint8Array(nItems);
  let distinct = 0;
  recommended.forEach((rec, u) => {
    const n = Math.min(k, rec.length);
    for (let r = 0; r < n; r++) {
      const item = checkItem(fn, rec[r], nItems, u, r);
      if (seen[item] === 0) {
        seen[item] = 1;
        distinct++;
      }
    }
  });
  return distinct / nItems;
}

/**
 * Popularity bias: mean training popularity (share of users who interacted with the item, see
 * {@link itemPopularity}) over every recommended item in every user's top k. Lower means the model
 * recommends less of what everybody already sees.
 *
 * @example popularityBias([[0, 1]], Float64Array.of(0.5, 0.1, 0.2), 2); // → 0.3
 */
export function popularityBias(recommended: ArrayLike<number>[], itemPopularity: Float64Array, k: number): number {
  const fn = 'popularityBias';
  checkNumber(fn, 'k', k, { min: 1, integer: true });
  let sum = 0, count = 0;
  recommended.forEach((rec, u) => {
    const n = Math.min(k, rec.length);
    for (let r = 0; r < n; r++) {
      sum += itemPopularity[checkItem(fn, rec[r], itemPopularity.length, u, r)];
      count++;
    }
  });
  if (count === 0) throw new DataError(`${fn}: no recommended items to average over`, { metric: fn });
  return sum / count;
}

/**
 * Novelty: mean self-information −log2(popularity) of the recommended items in every user's top k
 * (Microsoft Recommenders' `novelty`, with popularity = share of training users). Items no training
 * user interacted with are left out, as there (their self-information is infinite). Higher is more novel.
 *
 * @example novelty([[0, 1]], Float64Array.of(0.5, 0.25), 2); // → 1.5
 */
export function novelty(recommended: ArrayLike<number>[], itemPopularity: Float64Array, k: number): number {
  const fn = 'novelty';
  checkNumber(fn, 'k', k, { min: 1, integer: true });
  let sum = 0, count = 0;
  recommended.forEach((rec, u) => {
    const n = Math.min(k, rec.length);
    for (let r = 0; r < n; r++) {
      const p = itemPopularity[checkItem(fn, rec[r], itemPopularity.length, u, r)];
      if (p > 0) {
        sum -= Math.log2(p);
        count++;
      }
    }
  });
  if (count === 0) throw new DataError(`${fn}: no recommended item was seen in training, novelty is undefined`, { metric: fn });
  return sum / count;
}

/**
 * Training popularity of each item: the share of users (with at least one training event) who
 * interacted with it; repeated events of one pair count once. Feed it to {@link popularityBias} and
 * {@link novelty}.
 *
 * @example itemPopularity(train)[item]; // 0.58 for MovieLens' Star Wars
 */
export function itemPopularity(train: Interactions): Float64Array {
  const { nUsers, nItems, users, items } = train;
  const userSeen = new Uint8Array(nUsers);
  // Distinct (user, item) pairs via a per-item stamp of the last user counted.
  const counts = new Float64Array(nItems);
  const order = Int32Array.from({ length: users.length }, (_, i) => i).sort((a, b) => users[a] - users[b]);
  const lastUser = new Int32Array(nItems).fill(-1);
  let activeUsers = 0;
  for (const i of order) {
    const u = users[i], it = items[i];
    if (!(u >= 0 && u < nUsers && it >= 0 && it < nItems)) {
      throw new DataError(`itemPopularity: event ${i} has index (${u}, ${it}) outside ${nUsers} × ${nItems}`, { row: i });
    }
    if (userSeen[u] === 0) {
      userSeen[u] = 1;
      activeUsers++;
    }
    if (lastUser[it] !== u) {
      lastUser[it] = u;
      counts[it]++;
    }
  }
  if (activeUsers > 0) for (let j = 0; j < nItems; j++) counts[j] /= activeUsers;
  return counts;
}

function checkItem(fn: string, item: number, nItems: number, u: number, r: number): number {
  if (!(Number.isInteger(item) && item >= 0 && item < nItems)) {
    throw new DataError(`${fn}: recommended[${u}][${r}] is ${item}, not an item index in 0..${nItems - 1}; pass dense item indices`, { metric: fn, user: u, rank: r, value: item });
  }
  return item;
}
