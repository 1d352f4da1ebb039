/**
 * Content-addressed snapshots of task data: the bytes every executor hands to its workers and their
 * sha256, the name tasks use for the data. Tabular data sets and recommender interactions both travel
 * this way.
 */
import { createHash } from 'node:crypto';
import { DataError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import { decodeModel, encodeModel } from '../../core/model-file.js';

/** Task data with its snapshot bytes, encoded once per plan and handed to every executor. */
export interface SnapshottedDataset<D> {
  dataset: D;
  bytes: Buffer;
}

/**
 * Encodes task data saved as state into snapshot bytes and their sha256 (the data's identity in
 * tasks); shared by tabular data sets and recommender interactions.
 *
 * @example
 * const { bytes, sha256 } = encodeSnapshot(datasetToState(ds));
 */
export function encodeSnapshot(state: StateValue): { bytes: Buffer; sha256: string } {
  const bytes = encodeModel(state);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Decodes snapshot bytes after checking they hash to `sha256` (E_DATA when corrupt).
 *
 * @example
 * const state = decodeSnapshot(bytes, sha256);
 */
export function decodeSnapshot(bytes: Buffer, sha256: string): StateValue {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new DataError(`data snapshot ${sha256.slice(0, 12)} is corrupt (its content hashes to ${actual.slice(0, 12)})`);
  return decodeModel(bytes, `snapshot ${sha256.slice(0, 12)}`);
}
