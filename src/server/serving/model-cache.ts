/**
 * The models a serving process keeps in memory: registry versions, decoded once and kept in an LRU
 * bounded by the size of their model files (a proxy for their memory), keyed by (name, version) —
 * a version never changes, so a cached one is never stale.
 *
 * Aliases move. `name@alias` is resolved through the store and the answer kept for `aliasTtlMs`
 * (default 2 s); after that, the next request starts a refresh in the background and is still answered
 * by the model it had (stale-while-revalidate). The refresh loads the new version completely and only
 * then switches the alias to it, so a moved alias never makes a request wait for a load or fail, and a
 * request that already holds the old model finishes on it (it holds the object; eviction only drops
 * the cache's reference). `invalidate` forces the next request to refresh — the server calls it when
 * it moves or deletes an alias itself; other processes see the move within the TTL.
 *
 * ```ts
 * const cache = new ModelCache({ store });
 * const model = await cache.byAlias('churn', 'champion');   // { kind: 'tabular', version: 3, predictor, … }
 * ```
 */
import { InvalidParamError, NotFoundError } from '../../core/errors.js';
import { BoundedCache } from '../../core/bounded-cache.js';
import { decodeModel } from '../../core/model-file.js';
import type { StateValue } from '../../core/parametrised.js';
import { decodeRecommenderBundle, LoadedRecommender } from '../../experiment/recommend/recommender-bundle.js';
import { decodeBundle } from '../../experiment/tabular/model-bundle.js';
import { RowPredictor } from '../../experiment/tabular/predict-rows.js';
import type { ModelRef, Store } from '../../tracking/store.js';

interface ServedBase {
  name: string;
  version: number;
  runId: string;
  /** Size of the model file: what the LRU counts. */
  bytes: number;
}

/** A loaded registry version: a tabular model or a recommender. */
export type ServedModel = (ServedBase & { kind: 'tabular'; predictor: RowPredictor }) | (ServedBase & { kind: 'recommender'; recommender: LoadedRecommender });

/** Options of {@link ModelCache}. */
export interface ModelCacheOptions {
  store: Store;
  /** Total size of the model files kept (default 1 GiB); the least recently used go first. */
  maxBytes?: number;
  /** How long an alias's resolution is trusted before the store is asked again (default 2000 ms). */
  aliasTtlMs?: number;
  /** Rows per predict request (default 10,000). */
  maxRows?: number;
  /** Called when a background alias refresh fails (the old model keeps serving). */
  onRefreshError?: (e: unknown, name: string, alias: string) => void;
  /** Clock (tests). */
  now?: () => number;
}

interface AliasEntry {
  name: string;
  alias: string;
  model: ServedModel;
  checkedAt: number;
  refreshing: Promise<void> | null;
}

/** Loaded models by (name, version) and alias resolutions; see the file comment. */
export class ModelCache {
  private readonly store: Store;
  private readonly models: BoundedCache<string, ServedModel>;
  private readonly loading = new Map<string, Promise<ServedModel>>();
  private readonly aliases = new Map<string, AliasEntry>();
  /** First resolutions in progress (no model to serve meanwhile): concurrent requests share them. */
  private readonly resolving = new Map<string, Promise<ServedModel>>();
  private readonly ttl: number;
  private readonly maxRows: number | undefined;
  private readonly now: () => number;
  private readonly onRefreshError: (e: unknown, name: string, alias: string) => void;

  constructor(o: ModelCacheOptions) {
    this.store = o.store;
    this.models = new BoundedCache<string, ServedModel>(o.maxBytes ?? 2 ** 30, (m) => m.bytes);
    this.ttl = o.aliasTtlMs ?? 2000;
    this.maxRows = o.maxRows;
    this.now = o.now ?? Date.now;
    this.onRefreshError = o.onRefreshError ?? (() => {});
  }

  /** Models in memory and the total size of their files. */
  get stats(): { models: number; bytes: number; aliases: number } {
    return { models: this.models.size, bytes: this.models.totalSize, aliases: this.aliases.size };
  }

  /** Version `version` of model `name` (E_NOT_FOUND when the registry has no such version). */
  async byVersion(name: string, version: number): Promise<ServedModel> {
    const key = `${name}\u0000${version}`;
    const hit = this.models.get(key);
    if (hit) return hit;
    let p = this.loading.get(key);
    if (!p) {
      p = this.load(name, { version }).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  /** The version alias `alias` of model `name` points at, as of at most `aliasTtlMs` ago. */
  async byAlias(name: string, alias: string): Promise<ServedModel> {
    const key = `${name}\u0000${alias}`;
    const entry = this.aliases.get(key);
    if (entry) {
      if (!entry.refreshing && this.now() - entry.checkedAt >= this.ttl) {
        entry.refreshing = this.refresh(entry).finally(() => (entry.refreshing = null));
      }
      return entry.model;
    }
    let p = this.resolving.get(key);
    if (!p) {
      p = (async () => {
        const checkedAt = this.now();
        const model = await this.load(name, { alias });
        this.aliases.set(key, { name, alias, model, checkedAt, refreshing: null });
        return model;
      })().finally(() => this.resolving.delete(key));
      this.resolving.set(key, p);
    }
    return p;
  }

  /**
   * Makes the next request for the aliases of `name` (or only `alias`) ask the store again; until the
   * new version is loaded, requests are answered by the old one.
   */
  invalidate(name: string, alias?: string): void {
    for (const e of this.aliases.values()) if (e.name === name && (alias === undefined || e.alias === alias)) e.checkedAt = -Infinity;
  }

  /** Refreshes an alias now and waits for it (tests, and callers that need the move visible at once). */
  async refreshNow(name: string, alias: string): Promise<void> {
    const entry = this.aliases.get(`${name}\u0000${alias}`);
    if (!entry) return;
    if (entry.refreshing) await entry.refreshing;
    entry.refreshing = this.refresh(entry).finally(() => (entry.refreshing = null));
    await entry.refreshing;
  }

  private async refresh(entry: AliasEntry): Promise<void> {
    const checkedAt = this.now();
    try {
      const v = await this.store.resolveModelVersion(entry.name, { alias: entry.alias });
      if (!v) {
        // The alias is gone: forget it, so the next request is told so (in-flight ones finish).
        this.aliases.delete(`${entry.name}\u0000${entry.alias}`);
        return;
      }
      // Load completely first, then switch: requests never see a half-loaded model.
      const model = v.version === entry.model.version ? entry.model : await this.byVersion(entry.name, v.version);
      entry.model = model;
      entry.checkedAt = checkedAt;
    } catch (e) {
      // The store or the new file failed: keep serving the version we have, and try again after the TTL.
      entry.checkedAt = checkedAt;
      this.onRefreshError(e, entry.name, entry.alias);
    }
  }

  /** Resolves a reference in the store, reads the artifact and decodes it (then caches it by version). */
  private async load(name: string, ref: ModelRef): Promise<ServedModel> {
    const v = await this.store.resolveModelVersion(name, ref);
    if (!v) {
      const what = 'alias' in ref ? `alias '${ref.alias}'` : `version ${ref.version}`;
      throw new NotFoundError(`model '${name}' has no ${what}; list its versions and aliases with GET /api/v1/models/${name}`, { model: name, ...ref });
    }
    const key = `${name}\u0000${v.version}`;
    const hit = this.models.get(key);
    if (hit) return hit;
    const artifact = await this.store.getArtifact(v.runId, v.artifact);
    if (!artifact) throw new NotFoundError(`model '${name}' version ${v.version} points at artifact '${v.artifact}' of run ${v.runId}, which is gone from the store`, { model: name, version: v.version });
    const label = `models:/${name}/${v.version} (run ${v.runId})`;
    const content = decodeModel(artifact.bytes, label);
    const base = { name, version: v.version, runId: v.runId, bytes: artifact.bytes.length };
    const model: ServedModel = isRecommender(content)
      ? { ...base, kind: 'recommender', recommender: new LoadedRecommender(decodeRecommenderBundle(content, label)) }
      : { ...base, kind: 'tabular', predictor: new RowPredictor(decodeBundle(content, label), { maxRows: this.maxRows }) };
    return this.models.set(key, model);
  }
}

function isRecommender(content: StateValue): boolean {
  return content !== null && typeof content === 'object' && !Array.isArray(content) && !ArrayBuffer.isView(content) && (content as { kind?: unknown }).kind === 'trainyard-recommender';
}

/** The model a route needs, or E_INVALID_PARAM naming the route that fits it. */
export function expectKind<K extends ServedModel['kind']>(m: ServedModel, kind: K): Extract<ServedModel, { kind: K }> {
  if (m.kind === kind) return m as Extract<ServedModel, { kind: K }>;
  const use = m.kind === 'recommender' ? '…/recommend' : '…/predict';
  throw new InvalidParamError(`model '${m.name}' version ${m.version} is a ${m.kind === 'recommender' ? 'recommender' : 'tabular model'}; use ${use}`, { model: m.name, version: m.version, kind: m.kind });
}
