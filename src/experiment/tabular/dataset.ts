/**
 * A prepared data set — feature frame plus encoded target — and its content-addressed snapshot.
 * Tasks name data by the snapshot's sha256, never by a live object, so any worker given the same
 * task and snapshot computes the same result.
 */
import { DataError } from '../../core/errors.js';
import { Frame, type Column } from '../../core/frame.js';
import type { StateValue } from '../../core/estimator.js';
import { stateArray, stateList, stateString } from '../../core/state-check.js';
import { decodeSnapshot, encodeSnapshot } from '../run/snapshot.js';
import type { TaskKind } from './target.js';

export interface Dataset {
  features: Frame;
  y: Float64Array;
  task: TaskKind;
  classes?: string[];
  /** Group id per row, for group k-fold (never a feature). */
  groups?: Float64Array;
}

export function datasetToState(ds: Dataset): StateValue {
  return {
    task: ds.task,
    classes: ds.classes ?? null,
    y: ds.y,
    groups: ds.groups ?? null,
    origin: ds.features.origin,
    columns: ds.features.columns.map((c): StateValue =>
      c.kind === 'numeric'
        ? { kind: c.kind, name: c.name, type: c.type, values: c.values }
        : { kind: c.kind, name: c.name, type: c.type, codes: c.codes, dictionary: [...c.dictionary] },
    ),
  };
}

export function datasetFromState(raw: StateValue): Dataset {
  const s = raw as { [k: string]: StateValue };
  const columns: Column[] = stateList(s, 'columns').map((cv) => {
    const c = cv as { [k: string]: StateValue };
    const name = stateString(c, 'name');
    const type = stateString(c, 'type') as never;
    if (stateString(c, 'kind') === 'numeric') return { kind: 'numeric', name, type, values: stateArray(c, 'values', Float64Array) };
    return { kind: 'dict', name, type, codes: stateArray(c, 'codes', Int32Array), dictionary: stateList(c, 'dictionary') as string[] };
  });
  const classes = s.classes === null ? undefined : (stateList(s, 'classes') as string[]);
  const groups = s.groups === null || s.groups === undefined ? undefined : stateArray(s, 'groups', Float64Array);
  return { features: new Frame(columns, stateString(s, 'origin')), y: stateArray(s, 'y', Float64Array), task: stateString(s, 'task') as TaskKind, classes, groups };
}

/** Snapshot bytes and their sha256 (the data set's identity in tasks). */
export function snapshotDataset(ds: Dataset): { bytes: Buffer; sha256: string } {
  return encodeSnapshot(datasetToState(ds));
}

export function datasetFromSnapshot(bytes: Buffer, sha256: string): Dataset {
  return datasetFromState(decodeSnapshot(bytes, sha256));
}

/** Rows `indices` of a data set. */
export function takeDataset(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const pick = (a: Float64Array): Float64Array => Float64Array.from(indices, (i) => a[i]);
  return { ...ds, features: ds.features.take(indices), y: pick(ds.y), groups: ds.groups && pick(ds.groups) };
}
