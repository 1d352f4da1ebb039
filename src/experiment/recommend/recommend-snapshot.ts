/**
 * What recommend tasks run on: interactions in dense index form plus the folds every task shares,
 * shipped to workers as one content-addressed snapshot (the same model-file encoding as tabular data
 * sets). The folds travel inside the snapshot — not as a splitter config — because some of them (the
 * MovieLens u1..u5 files) cannot be recomputed from a seed, and because then a task names its data and
 * folds by one sha256.
 */
import { DataError } from '../../core/errors.js';
import type { StateValue } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { stateArray, stateList, stateNumber, stateObject, stateString } from '../../core/state-check.js';
import type { InteractionFold } from '../../selection/interaction-splits.js';
import { decodeSnapshot, encodeSnapshot } from '../run/snapshot.js';

export type { InteractionFold };

/** The data of a recommend plan: interactions and the folds tasks refer to by number. */
export interface RecommendTaskData {
  kind: 'interactions';
  interactions: Interactions;
  folds: InteractionFold[];
}

function toState(d: RecommendTaskData): StateValue {
  const x = d.interactions;
  return {
    kind: 'interactions',
    nUsers: x.nUsers,
    nItems: x.nItems,
    users: x.users,
    items: x.items,
    values: x.values,
    timestamps: x.timestamps ?? null,
    folds: d.folds.map((f) => ({ train: f.train, test: f.test })),
  };
}

function fromState(raw: StateValue): RecommendTaskData {
  const s = raw as { [k: string]: StateValue };
  if (stateString(s, 'kind') !== 'interactions') throw new DataError(`snapshot holds '${String(s.kind)}', not interactions`);
  const n = stateArray(s, 'users', Int32Array).length;
  const interactions: Interactions = {
    nUsers: stateNumber(s, 'nUsers'),
    nItems: stateNumber(s, 'nItems'),
    users: stateArray(s, 'users', Int32Array),
    items: stateArray(s, 'items', Int32Array, n),
    values: stateArray(s, 'values', Float64Array, n),
    ...(s.timestamps === null ? {} : { timestamps: stateArray(s, 'timestamps', Float64Array, n) }),
  };
  const folds = stateList(s, 'folds').map((fv) => {
    const f = stateObject({ fold: fv }, 'fold');
    return { train: stateArray(f, 'train', Int32Array), test: stateArray(f, 'test', Int32Array) };
  });
  return { kind: 'interactions', interactions, folds };
}

/**
 * Encodes interactions and folds once; the sha256 of the bytes is the data's identity in tasks.
 *
 * @example
 * const { bytes, sha256 } = snapshotRecommendData({ kind: 'interactions', interactions, folds });
 */
export function snapshotRecommendData(d: RecommendTaskData): { bytes: Buffer; sha256: string } {
  return encodeSnapshot(toState(d));
}

/** Decodes snapshot bytes after checking they hash to `sha256` (E_DATA when corrupt). */
export function recommendDataFromSnapshot(bytes: Buffer, sha256: string): RecommendTaskData {
  return fromState(decodeSnapshot(bytes, sha256));
}
