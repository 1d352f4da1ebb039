/**
 * What a `task: recommend` run saves, and the serving path that reads it: the fitted recommender, the
 * user and item id maps (raw ids ↔ the model's dense indices), each user's training items (CSR, so
 * top-k can leave out what a user has already seen) and the items' training popularity (the answer
 * for a user the model has never seen). Data-only model file format (core/model-file.ts); loading
 * checks every field and never evaluates code.
 */
import { InvalidParamError, ModelFileError, TrainyardError } from '../../core/errors.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import { interactionsToCsr, type Interactions } from '../../core/interactions.js';
import { readModelFile, writeModelFile } from '../../core/model-file.js';
import { readModelSource } from '../registry/model-source.js';
import { stateArray, stateObject, stateString } from '../../core/state-check.js';
import type { Recommender } from '../../models/recommend/recommender.js';
import { getRecommender } from '../../models/recommend/registry.js';
import { topK } from '../../models/recommend/top-k.js';
import { IdMap } from '../../preprocess/interactions/id-map.js';
import { TRAINYARD_VERSION } from '../../core/version.js';

export interface RecommenderBundle {
  model: Recommender<any, any>;
  users: IdMap;
  items: IdMap;
  /** Training items per user: user u's are `seenIndices[seenIndptr[u] .. seenIndptr[u+1])`, ascending. */
  seenIndptr: Int32Array;
  seenIndices: Int32Array;
  /** Training events per item: the popularity fallback's scores. */
  popularity: Float64Array;
  runId: string;
  trainyardVersion: string;
}

/**
 * Bundles a recommender with what serving needs; `train` is what the model was fitted on.
 *
 * @example
 * const bundle = makeRecommenderBundle(model, train, users, items, runId);
 * saveRecommenderBundle('model.trainyard', bundle);
 */
export function makeRecommenderBundle(model: Recommender<any, any>, train: Interactions, users: IdMap, items: IdMap, runId: string): RecommenderBundle {
  const seen = interactionsToCsr(train);
  const popularity = new Float64Array(train.nItems);
  for (let i = 0; i < train.items.length; i++) popularity[train.items[i]]++;
  return { model, users, items, seenIndptr: seen.indptr, seenIndices: seen.indices, popularity, runId, trainyardVersion: TRAINYARD_VERSION };
}

export function saveRecommenderBundle(path: string, b: RecommenderBundle): void {
  const content: StateValue = {
    kind: 'trainyard-recommender',
    trainyardVersion: b.trainyardVersion,
    runId: b.runId,
    feedback: b.model.feedback,
    users: b.users.toState(),
    items: b.items.toState(),
    seen: { indptr: b.seenIndptr, indices: b.seenIndices },
    popularity: b.popularity,
    model: b.model.toState() as unknown as StateValue,
  };
  writeModelFile(path, content);
}

/**
 * Reads a recommender bundle, checking every part against the others (sizes, index ranges); any
 * mismatch is `E_MODEL_FILE` naming the file and the field.
 */
export function loadRecommenderBundle(path: string): RecommenderBundle {
  return decodeRecommenderBundle(readModelFile(path), path);
}

/** Checks a decoded model file (`decodeModel`) and rebuilds the recommender bundle; `path` names the file in errors. */
export function decodeRecommenderBundle(raw: StateValue, path: string): RecommenderBundle {
  const fail = (why: string, field?: string): never => {
    throw new ModelFileError(`${path}: ${why}; re-create it with 'trainyard run' on a task: recommend spec`, { file: path, ...(field ? { field } : {}) });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || ArrayBuffer.isView(raw) || !Object.hasOwn(raw, 'kind')) return fail('does not hold a trainyard recommender');
  const s = raw as { [k: string]: StateValue };
  if (s.kind === 'trainyard-bundle') return fail('holds a tabular model (use `trainyard predict`), not a recommender');
  if (s.kind !== 'trainyard-recommender') return fail('does not hold a trainyard recommender');
  try {
    const users = IdMap.fromState(s.users, 'users');
    const items = IdMap.fromState(s.items, 'items');
    const seen = stateObject(s, 'seen');
    const seenIndptr = stateArray(seen, 'indptr', Int32Array, users.size + 1);
    const seenIndices = stateArray(seen, 'indices', Int32Array);
    if (seenIndptr[0] !== 0 || seenIndptr[users.size] !== seenIndices.length) fail(`seen.indptr must run from 0 to ${seenIndices.length}`, 'seen.indptr');
    for (let u = 0; u < users.size; u++) if (seenIndptr[u + 1] < seenIndptr[u]) fail(`seen.indptr decreases at user ${u}`, 'seen.indptr');
    for (let i = 0; i < seenIndices.length; i++) {
      if (!(seenIndices[i] >= 0 && seenIndices[i] < items.size)) fail(`seen.indices[${i}] = ${seenIndices[i]} is outside 0..${items.size - 1}`, 'seen.indices');
    }
    const popularity = stateArray(s, 'popularity', Float64Array, items.size);
    for (let i = 0; i < popularity.length; i++) if (!Number.isFinite(popularity[i])) fail(`popularity[${i}] is not a finite number`, 'popularity');
    const model = recommenderFromState(stateObject(s, 'model'), path);
    const shape = model.shape;
    if (shape.nUsers !== users.size || shape.nItems !== items.size) {
      fail(`the model was fitted on ${shape.nUsers} users × ${shape.nItems} items but the id maps hold ${users.size} × ${items.size}`, 'model');
    }
    return { model, users, items, seenIndptr, seenIndices, popularity, runId: stateString(s, 'runId'), trainyardVersion: stateString(s, 'trainyardVersion') };
  } catch (e) {
    if (e instanceof ModelFileError) {
      if (e.message.startsWith(path)) throw e;
      throw new ModelFileError(`${path}: ${e.message.replace(/^model file: /, '')}`, { file: path, ...e.details });
    }
    // Anything else while rebuilding from the file's content (a parameter error, a value of a type no
    // valid file holds) still means the file does not fit: E_MODEL_FILE naming it, never a crash.
    const message = e instanceof TrainyardError ? `${e.code}: ${e.message}` : (e as Error)?.message ?? String(e);
    throw new ModelFileError(`${path}: the saved recommender cannot be rebuilt (${message}); re-create it with 'trainyard run' on a task: recommend spec`, {
      file: path,
      cause: e instanceof TrainyardError ? e.code : 'unexpected',
    });
  }
}

/** Rebuilds a recommender from its saved state through the registry (never by evaluating code). */
function recommenderFromState(state: { [k: string]: StateValue }, path: string): Recommender<any, any> {
  const type = state.type;
  if (typeof type !== 'string') throw new ModelFileError(`${path}: field 'model.type' must be a recommender name`, { file: path, field: 'model.type' });
  let entry;
  try {
    entry = getRecommender(type);
  } catch {
    throw new ModelFileError(`${path}: unknown recommender '${type}' (written by another trainyard version?)`, { file: path, field: 'model.type' });
  }
  stateObject(state, 'params');
  stateObject(state, 'fitted');
  return entry.create().restoreState(state as unknown as EstimatorState);
}

/** Options of {@link LoadedRecommender.recommend}. */
export interface RecommendOptions {
  /** How many items (default 10). Larger than the catalogue: every item that is not excluded. */
  k?: number;
  /** Leave out the user's training items (default true). */
  excludeSeen?: boolean;
}

/** A top-k answer: raw ids, best first. `fallback` says when the user was unknown to the model. */
export interface Recommendation {
  user: string;
  items: { item: string; score: number }[];
  fallback: null | 'popularity';
}

/**
 * A saved recommender ready to serve: one score buffer, allocated once, is reused by every call, so a
 * call costs one `scoreItems` pass and one top-k selection.
 *
 * @example
 * const rec = loadRecommender('runs/ml-ranking-…/model.trainyard');
 * rec.recommend('196', { k: 5 }).items; // [{ item: '50', score: 1.93 }, …]
 */
export class LoadedRecommender {
  readonly bundle: RecommenderBundle;
  private readonly scores: Float64Array;

  constructor(bundle: RecommenderBundle) {
    this.bundle = bundle;
    this.scores = new Float64Array(bundle.items.size);
  }

  /** Users and items the model knows. */
  get shape(): { nUsers: number; nItems: number } {
    return { nUsers: this.bundle.users.size, nItems: this.bundle.items.size };
  }

  /**
   * Top-k items for `userId` (a raw id as in the training data; numbers and their text are the same
   * id). A user without training events gets the most popular items and `fallback: 'popularity'`.
   */
  recommend(userId: string | number, options: RecommendOptions = {}): Recommendation {
    const k = options.k ?? 10;
    if (!Number.isInteger(k) || k < 1) throw new InvalidParamError(`recommend: k must be a whole number >= 1, got ${JSON.stringify(k)}`, { param: 'k', value: k });
    const b = this.bundle;
    const u = b.users.index(userId);
    const start = u >= 0 ? b.seenIndptr[u] : 0;
    const end = u >= 0 ? b.seenIndptr[u + 1] : 0;
    const known = end > start;
    if (known) b.model.scoreItems(u, this.scores);
    else this.scores.set(b.popularity);
    const exclude = known && options.excludeSeen !== false ? b.seenIndices.subarray(start, end) : undefined;
    const top = topK(this.scores, k, exclude);
    const items = new Array<{ item: string; score: number }>(top.items.length);
    for (let i = 0; i < top.items.length; i++) items[i] = { item: b.items.raw(top.items[i]), score: top.scores[i] };
    return { user: String(userId), items, fallback: known ? null : 'popularity' };
  }
}

/** Loads a model file written by `trainyard run` for a recommend spec. */
export function loadRecommender(path: string): LoadedRecommender {
  return new LoadedRecommender(loadRecommenderBundle(path));
}

/** Loads a recommender from a model file or a registry reference (`models:/NAME@ALIAS`, looked up in `options.store`). */
export async function loadRecommenderFrom(model: string, options: { store?: string } = {}): Promise<LoadedRecommender> {
  const { content, label } = await readModelSource(model, options);
  return new LoadedRecommender(decodeRecommenderBundle(content, label));
}
