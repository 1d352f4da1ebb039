/**
 * Prepares a real-data task once per run, in the parent process, with trainyard's own experiment
 * code (load, clean, encode the target, stratified split), then hands both kinds of child the very
 * same rows: trainyard children get the train/test `Dataset` snapshots, Python children a JSON table
 * of the same typed columns (numbers with null for missing; category strings) with the column roles
 * trainyard resolved, plus the original file row numbers of the split (for tracing and checks).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, encodeModel } from '../core/model-file.js';
import type { Column } from '../core/frame.js';
import { datasetFromState, datasetToState, type Dataset } from '../experiment/tabular/dataset.js';
import { prepareData } from '../experiment/tabular/prepare-data.js';
import { validateSpec } from '../experiment/spec/spec.js';
import { resolveColumnRoles } from '../preprocess/from-spec.js';
import type { JobData, TabularTask } from './task-types.js';

/** A prepared task: the job data section, the task kind and sizes, and the loader's notes. */
export interface PreparedTabular {
  data: Extract<JobData, { kind: 'tabular' }>;
  taskKind: 'binary' | 'multiclass' | 'regression';
  nClasses: number;
  nTrain: number;
  nTest: number;
  notes: string[];
}

/**
 * Loads and splits `task`, writing `train.snapshot`, `test.snapshot` and `table.json` under `dir`.
 *
 * @example
 * const prepared = await prepareTabular(benchTasks(['penguins'])[0] as TabularTask, '/tmp/trainyard-bench/penguins');
 */
export async function prepareTabular(task: TabularTask, dir: string): Promise<PreparedTabular> {
  // prepareData reads a validated spec; `select` is required by the schema but unused here.
  const spec = validateSpec(
    {
      name: `bench-${task.name}`,
      task: task.task,
      data: { source: task.source, target: task.target, delimiter: task.delimiter, coerce: task.coerce },
      split: task.split,
      preprocess: task.preprocess,
      select: { candidates: [{ model: 'logistic_regression' }] },
    },
    `bench task '${task.name}'`,
  );
  const prepared = await prepareData({ spec, baseDir: dir, file: `bench task '${task.name}'` });
  const { train, test, split, kept } = prepared;
  mkdirSync(dir, { recursive: true });
  const trainSnapshot = join(dir, 'train.snapshot');
  const testSnapshot = join(dir, 'test.snapshot');
  writeFileSync(trainSnapshot, encodeModel(datasetToState(train)));
  writeFileSync(testSnapshot, encodeModel(datasetToState(test)));

  const roles = resolveColumnRoles(task.preprocess, train.features);
  const pre = task.preprocess;
  const json = join(dir, 'table.json');
  const table = {
    numeric: roles.numeric,
    categorical: roles.categorical,
    preprocess: {
      numericImpute: pre.numeric?.impute ?? 'median',
      scale: pre.numeric?.scale ?? 'standard',
      categoricalImpute: pre.categorical?.impute ?? 'most_frequent',
    },
    classes: train.classes ?? null,
    sourceRows: { train: Array.from(split.train, (i) => kept[i]), test: Array.from(split.test, (i) => kept[i]) },
    train: tableOf(train, [...roles.numeric, ...roles.categorical]),
    test: tableOf(test, [...roles.numeric, ...roles.categorical]),
  };
  writeFileSync(json, JSON.stringify(table));
  return {
    data: { kind: 'tabular', trainSnapshot, testSnapshot, json, preprocess: task.preprocess },
    taskKind: train.task,
    nClasses: train.classes?.length ?? 0,
    nTrain: train.y.length,
    nTest: test.y.length,
    notes: [...new Set(prepared.notes)],
  };
}

/** JSON form of the feature columns `names` and the encoded target. */
function tableOf(ds: Dataset, names: string[]): { columns: Record<string, (number | string | null)[]>; y: number[] } {
  const columns: Record<string, (number | string | null)[]> = {};
  for (const name of names) columns[name] = columnValues(ds.features.column(name));
  return { columns, y: Array.from(ds.y) };
}

function columnValues(c: Column): (number | string | null)[] {
  if (c.kind === 'numeric') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code]));
}

/**
 * Reads a snapshot written by {@link prepareTabular} (in a trainyard child).
 *
 * @example
 * const train = readSnapshot(job.data.trainSnapshot);
 */
export function readSnapshot(file: string): Dataset {
  return datasetFromState(decodeModel(readFileSync(file), file));
}
