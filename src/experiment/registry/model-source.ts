/**
 * Where `predict`, `recommend` (and the server) take a model from: a model file path, or the registry
 * — `models:/NAME@ALIAS` or `models:/NAME/VERSION`, read from the store's copy of the run's model
 * artifact. Both end as the same decoded, fully validated model-file content.
 *
 * ```ts
 * const { content, label } = await readModelSource('models:/churn@champion', { store: 'trainyard.db' });
 * const bundle = decodeBundle(content, label);
 * ```
 */
import { decodeModel, readModelFile } from '../../core/model-file.js';
import type { StateValue } from '../../core/parametrised.js';
import { InvalidParamError, NotFoundError } from '../../core/errors.js';
import { DEFAULT_STORE_LOCATION, openStore, type ModelRef, type ModelVersion, type Store } from '../../tracking/store.js';

/** A registry reference: the model's name and a version number or alias. */
export interface ModelUri {
  name: string;
  ref: ModelRef;
}

const URI = /^models:\/([^/@]+)(?:@([A-Za-z_][A-Za-z0-9_-]{0,63})|\/([1-9][0-9]{0,9}))$/;

/**
 * Parses `models:/NAME@ALIAS` or `models:/NAME/VERSION`; anything else that starts with `models:` is
 * an E_INVALID_PARAM naming the two forms, and a plain path gives null.
 *
 * @example
 * parseModelUri('models:/churn@champion'); // { name: 'churn', ref: { alias: 'champion' } }
 */
export function parseModelUri(s: string): ModelUri | null {
  if (!s.startsWith('models:')) return null;
  const m = URI.exec(s);
  if (!m) throw new InvalidParamError(`'${s}' is not a registry reference; write models:/NAME@ALIAS or models:/NAME/VERSION (e.g. models:/churn@champion)`, { model: s });
  return { name: m[1], ref: m[2] !== undefined ? { alias: m[2] } : { version: Number(m[3]) } };
}

/** The version a registry reference names in `store` (E_NOT_FOUND naming what is missing). */
export async function resolveModelUri(store: Store, uri: ModelUri): Promise<ModelVersion> {
  const v = await store.resolveModelVersion(uri.name, uri.ref);
  if (v) return v;
  const what = 'alias' in uri.ref ? `alias '${uri.ref.alias}'` : `version ${uri.ref.version}`;
  throw new NotFoundError(`model '${uri.name}' has no ${what} in store ${store.location}; list models and aliases with \`trainyard models show ${uri.name}\``, { model: uri.name, ...uri.ref });
}

/** Reads and decodes a model from a file path or a registry reference (looked up in `options.store`). */
export async function readModelSource(model: string, options: { store?: string } = {}): Promise<{ content: StateValue; label: string }> {
  const uri = parseModelUri(model);
  if (!uri) return { content: readModelFile(model), label: model };
  const store = await openStore(options.store ?? DEFAULT_STORE_LOCATION);
  try {
    const v = await resolveModelUri(store, uri);
    const artifact = await store.getArtifact(v.runId, v.artifact);
    if (!artifact) throw new NotFoundError(`model '${uri.name}' version ${v.version} points at artifact '${v.artifact}' of run ${v.runId}, which is gone from store ${store.location}`, { model: uri.name, version: v.version });
    const label = `${model} (version ${v.version}, run ${v.runId})`;
    return { content: decodeModel(artifact.bytes, label), label };
  } finally {
    await store.close();
  }
}
