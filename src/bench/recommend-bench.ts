/**
 * `npm run bench -- recommend`: the recommender benchmark of issue #5 on MovieLens 100K, printed next
 * to the published figures of anchors.md, with the issue's targets as PASS/MISS.
 *
 * (a) Rating prediction: the official u1..u5 folds (each uK.test is fold K's test part, the rest of
 *     u.data its train part); RMSE / MAE averaged over the folds, as Surprise's README table (5-fold
 *     CV). Every registered rating model runs (biased_mf with factors 100, epochs 20; others with
 *     their defaults).
 * (b) Top-10 ranking: the 75/25 split stratified by item, seed 42 (Microsoft Recommenders' protocol);
 *     every registered recommender scores the test users that have training events, each user's
 *     training items excluded from the top 10; nDCG@10, precision@10, recall@10 and MAP (their README
 *     table's `map`, see metrics/ranking-at-k.ts), plus MRR, hit rate and catalogue coverage.
 *
 * Models fit in this process, one after the other (MovieLens 100K is small); fit seconds are wall time
 * of `fit` alone. Recommenders are found through the registry, so a model joins the benchmark by
 * registering itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NumericColumn } from '../core/frame.js';
import { subsetInteractions, type Interactions } from '../core/interactions.js';
import { loadFrame } from '../data/load-frame.js';
import { predictTestRatings, rankTestUsers } from '../experiment/recommend/recommend-evaluate.js';
import { catalogCoverage, meanRankingScores, rankingScoresAtK } from '../metrics/recommend/recommendation.js';
import { meanAbsoluteError, rootMeanSquaredError } from '../metrics/regression.js';
import { listRecommenders, type RecommenderEntry } from '../models/recommend/registry.js';
import { interactionsFromFrame, type InteractionTable } from '../preprocess/interactions/index.js';
import { foldsFromTestSets, splitInteractions, type InteractionFold } from '../selection/interaction-splits.js';
import { datasetPath, repoRoot } from '../testing/paths.js';
import { machineInfo, type MachineInfo } from './results-writer.js';
import '../models/recommend/index.js'; // every recommender registers itself on import

/** Parameters the benchmark fixes per model (the issue's settings); other models run on defaults. */
export const BENCH_PARAMS: Readonly<Record<string, Record<string, unknown>>> = { biased_mf: { factors: 100, epochs: 20 } };

/** Published figures (anchors.md). */
export const PUBLISHED_RATING: readonly { name: string; rmse: number; mae: number }[] = [
  { name: 'Surprise SVD (biased MF, SGD)', rmse: 0.934, mae: 0.737 },
  { name: 'Surprise SVD++', rmse: 0.919, mae: 0.721 },
  { name: 'Surprise KNNBaseline', rmse: 0.931, mae: 0.733 },
  { name: 'Surprise BaselineOnly', rmse: 0.944, mae: 0.748 },
];
export const PUBLISHED_RANKING: readonly { name: string; map: number; ndcg: number; precision: number; recall: number; fitSeconds?: number }[] = [
  { name: 'MS Recommenders BiVAE', map: 0.146, ndcg: 0.475, precision: 0.412, recall: 0.219 },
  { name: 'MS Recommenders BPR (Cornac)', map: 0.132, ndcg: 0.442, precision: 0.388, recall: 0.213, fitSeconds: 4.97 },
  { name: 'MS Recommenders SAR', map: 0.111, ndcg: 0.382, precision: 0.331, recall: 0.176, fitSeconds: 0.23 },
  { name: 'MS Recommenders NCF', map: 0.108, ndcg: 0.396, precision: 0.347, recall: 0.181, fitSeconds: 113 },
  { name: 'MS Recommenders LightGCN', map: 0.089, ndcg: 0.42, precision: 0.38, recall: 0.144 },
];

export interface RatingRow {
  model: string;
  params: Record<string, unknown>;
  status: 'ok' | 'error';
  message?: string;
  /** Means over the folds. */
  rmse?: number;
  mae?: number;
  foldRmse?: number[];
  /** Mean fit seconds per fold. */
  fitSeconds?: number;
}

export interface RankingRow {
  model: string;
  feedback: 'rating' | 'ranking';
  params: Record<string, unknown>;
  status: 'ok' | 'error';
  message?: string;
  fitSeconds?: number;
  ndcg?: number;
  precision?: number;
  recall?: number;
  map?: number;
  mrr?: number;
  hitRate?: number;
  coverage?: number;
  users?: number;
}

export interface TargetRow {
  what: string;
  target: string;
  value: number | null;
  verdict: 'PASS' | 'MISS' | '—';
}

export interface RecommendBenchResult {
  date: string;
  machine: MachineInfo;
  rating: RatingRow[];
  ranking: RankingRow[];
  targets: TargetRow[];
  notes: string[];
  seconds: number;
}

/** Options of {@link runRecommendBench}. */
export interface RecommendBenchOptions {
  /** Only these registered recommenders (all when omitted). */
  models?: string[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

const K = 10;

/** MovieLens 100K u.data as dense-index interactions (ids 1..943 / 1..1682 keep their order). */
export async function loadMovieLens100k(): Promise<InteractionTable> {
  const { frame } = await loadFrame({ source: datasetPath('movielens-100k', 'u.data'), columns: ['user', 'item', 'rating', 'timestamp'] });
  return interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'timestamp' });
}

/** The official u1..u5 folds of MovieLens 100K as event indices into `table.interactions`. */
export async function movieLensFolds(table: InteractionTable): Promise<InteractionFold[]> {
  const tests: { users: Int32Array; items: Int32Array }[] = [];
  for (let f = 1; f <= 5; f++) {
    const { frame } = await loadFrame({ source: datasetPath('movielens-100k', `u${f}.test`), columns: ['user', 'item', 'rating', 'timestamp'] });
    const users = (frame.column('user') as NumericColumn).values, items = (frame.column('item') as NumericColumn).values;
    tests.push({ users: Int32Array.from(users, (u) => table.users.index(u)), items: Int32Array.from(items, (i) => table.items.index(i)) });
  }
  return foldsFromTestSets(table.interactions, tests);
}

function timedFit(entry: RecommenderEntry, params: Record<string, unknown>, train: Interactions) {
  const model = entry.create(params);
  const t0 = performance.now();
  model.fit(train);
  return { model, seconds: (performance.now() - t0) / 1000 };
}

/**
 * 5-fold rating prediction of one model: RMSE/MAE over each fold's test events (users or items
 * without training events are passed as -1, the contract's cold-start marker), averaged over folds.
 */
export function evaluateRatingModel(entry: RecommenderEntry, data: Interactions, folds: InteractionFold[], params: Record<string, unknown> = {}): RatingRow {
  const rmse: number[] = [], mae: number[] = [];
  let fitSeconds = 0;
  try {
    for (const fold of folds) {
      const train = subsetInteractions(data, fold.train), test = subsetInteractions(data, fold.test);
      const { model, seconds } = timedFit(entry, params, train);
      fitSeconds += seconds;
      const predicted = predictTestRatings(model, train, test);
      rmse.push(rootMeanSquaredError(test.values, predicted));
      mae.push(meanAbsoluteError(test.values, predicted));
    }
  } catch (e) {
    return { model: entry.name, params, status: 'error', message: (e as Error).message };
  }
  return { model: entry.name, params, status: 'ok', rmse: avg(rmse), mae: avg(mae), foldRmse: rmse, fitSeconds: fitSeconds / folds.length };
}

/**
 * Top-k evaluation of one model on one split: every test user with training events gets a top-k of
 * items outside their training items; the metrics are averaged over those users.
 */
export function evaluateRankingModel(entry: RecommenderEntry, data: Interactions, fold: InteractionFold, params: Record<string, unknown> = {}, k = K): RankingRow {
  const feedback = entry.create(params).feedback;
  try {
    const train = subsetInteractions(data, fold.train), test = subsetInteractions(data, fold.test);
    const { model, seconds } = timedFit(entry, params, train);
    const { recommended, relevant } = rankTestUsers(model, train, test, k);
    const m = meanRankingScores(rankingScoresAtK(recommended, relevant, k));
    return { model: entry.name, feedback, params, status: 'ok', fitSeconds: seconds, ...m, coverage: catalogCoverage(recommended, data.nItems, k), users: recommended.length };
  } catch (e) {
    return { model: entry.name, feedback, params, status: 'error', message: (e as Error).message };
  }
}

/**
 * Runs both parts on MovieLens 100K and judges the issue's targets.
 *
 * @example
 * const result = await runRecommendBench({ models: ['popularity', 'bpr'] });
 * console.log(formatRecommendBench(result));
 */
export async function runRecommendBench(options: RecommendBenchOptions = {}): Promise<RecommendBenchResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const entries = listRecommenders()
    .filter((e) => !options.models || options.models.includes(e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const notes: string[] = [];
  if (options.models) {
    const known = new Set(entries.map((e) => e.name));
    const missing = options.models.filter((m) => !known.has(m));
    if (missing.length) notes.push(`not registered: ${missing.join(', ')}`);
  }
  const table = await loadMovieLens100k();
  const data = table.interactions;

  const rating: RatingRow[] = [];
  const ratingEntries = entries.filter((e) => {
    const m = e.create();
    return m.feedback === 'rating' && typeof m.predictRatings === 'function';
  });
  if (ratingEntries.length) {
    const folds = await movieLensFolds(table);
    for (const entry of ratingEntries) {
      const row = evaluateRatingModel(entry, data, folds, BENCH_PARAMS[entry.name] ?? {});
      log(`  [recommend rating] ${entry.name}: ${row.status === 'ok' ? `RMSE ${row.rmse!.toFixed(4)}, fit ${row.fitSeconds!.toFixed(2)} s/fold` : row.message}`);
      rating.push(row);
    }
  } else notes.push('no rating model is registered: part (a) is empty');

  const [split] = splitInteractions(data, { method: 'stratified_by_item', test: 0.25, seed: 42 });
  const ranking: RankingRow[] = [];
  for (const entry of entries) {
    const row = evaluateRankingModel(entry, data, split, BENCH_PARAMS[entry.name] ?? {});
    log(`  [recommend ranking] ${entry.name}: ${row.status === 'ok' ? `nDCG@10 ${row.ndcg!.toFixed(4)}, fit ${row.fitSeconds!.toFixed(2)} s` : row.message}`);
    ranking.push(row);
  }
  notes.push(`ranking split: ${split.train.length} train / ${split.test.length} test events (stratified by item, test 0.25, seed 42)`);
  return { date: new Date().toISOString(), machine: machineInfo(), rating, ranking, targets: judgeRecommendTargets(rating, ranking), notes, seconds: (performance.now() - started) / 1000 };
}

/**
 * The issue's targets on measured rows: biased MF 5-fold RMSE ≤ 0.925, best rating model ≤ 0.915,
 * best nDCG@10 ≥ 0.45 and precision@10 ≥ 0.40, ALS and BPR fit < 2 s, biased MF (20 epochs) < 3 s
 * per fold. A target whose model did not run is '—'.
 *
 * @example
 * judgeRecommendTargets([{ model: 'biased_mf', params: {}, status: 'ok', rmse: 0.92, fitSeconds: 1 }], []);
 */
export function judgeRecommendTargets(rating: RatingRow[], ranking: RankingRow[]): TargetRow[] {
  const okRating = rating.filter((r) => r.status === 'ok');
  const okRanking = ranking.filter((r) => r.status === 'ok');
  const row = (what: string, target: string, value: number | null | undefined, pass: (v: number) => boolean): TargetRow => ({
    what,
    target,
    value: value ?? null,
    verdict: value === null || value === undefined ? '—' : pass(value) ? 'PASS' : 'MISS',
  });
  const mf = okRating.find((r) => r.model === 'biased_mf');
  const bestRating = okRating.reduce<RatingRow | undefined>((b, r) => (!b || r.rmse! < b.rmse! ? r : b), undefined);
  const best = (key: 'ndcg' | 'precision'): RankingRow | undefined => okRanking.reduce<RankingRow | undefined>((b, r) => (!b || r[key]! > b[key]! ? r : b), undefined);
  const bestNdcg = best('ndcg'), bestPrecision = best('precision');
  const out = [
    row('5-fold RMSE, biased_mf (factors 100, epochs 20)', '≤ 0.925', mf?.rmse, (v) => v <= 0.925),
    row(`5-fold RMSE, best rating model${bestRating ? ` (${bestRating.model})` : ''}`, '≤ 0.915', bestRating?.rmse, (v) => v <= 0.915),
    row(`nDCG@10, best model${bestNdcg ? ` (${bestNdcg.model})` : ''}`, '≥ 0.45', bestNdcg?.ndcg, (v) => v >= 0.45),
    row(`precision@10, best model${bestPrecision ? ` (${bestPrecision.model})` : ''}`, '≥ 0.40', bestPrecision?.precision, (v) => v >= 0.4),
  ];
  // ALS in any flavour (als, als_implicit, ...) and BPR: a rating model's mean fit per u1..u5 fold
  // (80,000 ratings), else the fit on the ranking split (75,000 events).
  const alsBpr = new Set([...okRanking.map((r) => r.model), ...okRating.map((r) => r.model)].filter((m) => m === 'bpr' || m.startsWith('als')));
  for (const m of [...alsBpr].sort()) {
    const seconds = okRating.find((r) => r.model === m)?.fitSeconds ?? okRanking.find((r) => r.model === m)?.fitSeconds;
    out.push(row(`fit seconds, ${m}`, '< 2 s', seconds, (v) => v < 2));
  }
  if (!alsBpr.has('bpr')) out.push(row('fit seconds, bpr', '< 2 s', null, () => false));
  if (![...alsBpr].some((m) => m.startsWith('als'))) out.push(row('fit seconds, als', '< 2 s', null, () => false));
  out.push(row('fit seconds per fold, biased_mf (20 epochs)', '< 3 s', mf?.fitSeconds, (v) => v < 3));
  return out;
}

const num = (v: number | undefined | null, d: number): string => (v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));

/**
 * The recommend section as text: both tables with the published rows beneath, then the targets.
 *
 * @example
 * console.log(formatRecommendBench(await runRecommendBench()));
 */
export function formatRecommendBench(r: RecommendBenchResult): string {
  const W = 44;
  const name = (s: string): string => (s.length <= W ? s.padEnd(W) : `${s.slice(0, W - 1)}…`);
  const params = (p: Record<string, unknown>): string => (Object.keys(p).length ? ` ${JSON.stringify(p)}` : '');
  const lines = ['\n== recommend (a): MovieLens 100K rating prediction, official u1..u5 folds (means over 5 folds)'];
  const h1 = `${name('model')} ${'RMSE'.padStart(7)} ${'MAE'.padStart(7)} ${'fit s/fold'.padStart(10)}  per-fold RMSE`;
  lines.push(h1, '-'.repeat(h1.length));
  for (const row of r.rating) {
    if (row.status !== 'ok') lines.push(`${name(row.model + params(row.params))} error: ${row.message?.slice(0, 140)}`);
    else lines.push(`${name(row.model + params(row.params))} ${num(row.rmse, 4).padStart(7)} ${num(row.mae, 4).padStart(7)} ${num(row.fitSeconds, 3).padStart(10)}  ${row.foldRmse!.map((v) => v.toFixed(4)).join(' ')}`);
  }
  for (const p of PUBLISHED_RATING) lines.push(`${name(`  published: ${p.name}`)} ${p.rmse.toFixed(3).padStart(7)} ${p.mae.toFixed(3).padStart(7)}`);

  lines.push('\n== recommend (b): MovieLens 100K top-10, 75/25 split stratified by item (seed 42), training items excluded');
  const cols: [keyof RankingRow, string][] = [['map', 'MAP'], ['ndcg', 'nDCG@10'], ['precision', 'P@10'], ['recall', 'R@10'], ['mrr', 'MRR'], ['hitRate', 'HR@10'], ['coverage', 'cov@10']];
  const h2 = `${name('model')} ${cols.map(([, h]) => h.padStart(7)).join(' ')} ${'fit s'.padStart(7)}`;
  lines.push(h2, '-'.repeat(h2.length));
  for (const row of r.ranking) {
    const label = `${row.model}${row.feedback === 'rating' ? ' (rating model)' : ''}${params(row.params)}`;
    if (row.status !== 'ok') lines.push(`${name(label)} error: ${row.message?.slice(0, 140)}`);
    else lines.push(`${name(label)} ${cols.map(([key]) => num(row[key] as number, 4).padStart(7)).join(' ')} ${num(row.fitSeconds, 3).padStart(7)}`);
  }
  for (const p of PUBLISHED_RANKING) {
    const cells = [p.map, p.ndcg, p.precision, p.recall].map((v) => v.toFixed(3).padStart(7));
    lines.push(`${name(`  published: ${p.name}`)} ${cells.join(' ')} ${''.padStart(7 * 3 + 2)} ${p.fitSeconds === undefined ? '' : num(p.fitSeconds, 2).padStart(7)}`.trimEnd());
  }
  lines.push('   MAP = Microsoft Recommenders\' `map` (sum of precisions at hits ÷ |relevant|), the definition of their README table');

  lines.push('\n== recommend targets (issue #5)');
  for (const t of r.targets) lines.push(`   ${t.what.padEnd(58)} ${num(t.value, 4).padStart(8)}  ${t.target.padEnd(8)} ${t.verdict}`);
  for (const n of r.notes) lines.push(`   note: ${n}`);
  if (r.machine?.cores) lines.push(`   machine: ${r.machine.cores} cores, load ${r.machine.loadAverage.toFixed(2)} at the start; fit seconds are wall time in this process (a busy machine inflates them)`);
  lines.push(`   ${r.seconds.toFixed(0)} s in all`);
  return lines.join('\n');
}

/**
 * Writes the section's record as `bench/results/<timestamp>-recommend.json`; returns the path.
 *
 * @example
 * writeRecommendResults(await runRecommendBench());
 */
export function writeRecommendResults(r: RecommendBenchResult, dir = join(repoRoot, 'bench', 'results')): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${r.date.replace(/[:.]/g, '-')}-recommend.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}

function avg(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
