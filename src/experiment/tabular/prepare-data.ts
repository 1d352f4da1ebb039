/** Loads the spec's data, cleans what the spec asks for, encodes the target and makes the hold-out split. */
import { DataError, SpecError } from '../../core/errors.js';
import { loadAndJoin, dropDuplicateRows } from '../../data/index.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import type { Fold } from '../../selection/splitter.js';
import type { Frame } from '../../core/frame.js';
import { takeDataset, type Dataset } from './dataset.js';
import type { LoadedSpec } from '../spec/spec.js';
import { toSourceSpec } from '../spec/source-spec.js';
import { encodeTarget } from './target.js';

export interface PreparedData {
  train: Dataset;
  test: Dataset;
  /** Rows after cleaning, before the split. */
  rows: number;
  /** What cleaning did, for the report. */
  notes: string[];
  /** Row numbers (0-based, in the loaded data after cleaning) of the train and test parts. */
  split: { train: Int32Array; test: Int32Array };
  /** Row numbers in the loaded data of the rows kept by cleaning (target present). */
  kept: Int32Array;
}

export async function prepareData(loaded: LoadedSpec): Promise<PreparedData> {
  const { spec, baseDir } = loaded;
  const { target, join = [], dedupe, ...main } = spec.data;
  const { frame: loadedFrame, report } = await loadAndJoin(
    toSourceSpec(main, baseDir),
    join.map(({ on, how, ...src }) => ({ source: toSourceSpec(src, baseDir), on, how })),
  );
  const notes = [...report.notes];
  for (const [col, c] of Object.entries(report.coerced)) {
    notes.push(`column '${col}': ${c.count} non-numeric values turned into missing (first: row ${c.firstRow}, ${JSON.stringify(c.firstValue)})`);
  }
  let frame = loadedFrame;
  if (dedupe) {
    const d = dropDuplicateRows(frame);
    frame = d.frame;
    notes.push(`removed ${d.dropped} duplicate rows`);
  }
  const encoded = encodeTarget(frame.column(target), spec.task, report.source);
  const keep: number[] = [];
  for (let i = 0; i < encoded.y.length; i++) if (!Number.isNaN(encoded.y[i])) keep.push(i);
  const cv = typeof spec.select.cv === 'number' ? undefined : spec.select.cv;
  const groups = cv?.method === 'group_kfold' ? groupIds(frame, cv.groups, loaded.file) : undefined;
  const dropped = cv?.groups ? [target, cv.groups] : [target];
  const all: Dataset = { features: frame.drop(dropped), y: encoded.y, task: encoded.task, classes: encoded.classes, groups };
  const ds = keep.length === encoded.y.length ? all : takeDataset(all, keep);
  if (keep.length < encoded.y.length) notes.push(`dropped ${encoded.y.length - keep.length} rows with a missing target '${target}'`);
  if (ds.features.columns.length === 0) throw new DataError(`${report.source}: no feature columns besides the target '${target}'`);
  // Time-ordered data keeps its order: the held-out part is the most recent rows, never a shuffle.
  const split =
    cv?.method === 'time_series'
      ? lastRows(ds.y.length, spec.split.test)
      : trainTestSplit(ds.y.length, {
          testFraction: spec.split.test,
          stratify: spec.split.stratify && ds.task !== 'regression' ? ds.y : undefined,
          seed: spec.split.seed,
        });
  return { train: takeDataset(ds, split.train), test: takeDataset(ds, split.test), rows: ds.y.length, notes, split, kept: Int32Array.from(keep) };
}

function lastRows(n: number, fraction: number): Fold {
  const testSize = Math.max(1, Math.round(n * fraction));
  return {
    train: Int32Array.from({ length: n - testSize }, (_, i) => i),
    test: Int32Array.from({ length: testSize }, (_, i) => n - testSize + i),
  };
}

/** Group ids (dense codes) from the column named by `select.cv.groups`. */
function groupIds(frame: Frame, column: string | undefined, file: string): Float64Array {
  if (!column) throw new SpecError(`${file}: select.cv.groups: group_kfold needs the name of the column holding group ids`, { file, path: 'select.cv.groups' });
  const c = frame.column(column);
  if (c.kind === 'dict') return Float64Array.from(c.codes);
  return Float64Array.from(c.values);
}
