/**
 * Builds the preprocessing pipeline of an experiment from the `preprocess` section of its YAML spec.
 *
 * Column roles: a column listed under `numeric.columns` or `categorical.columns` takes that role
 * (categorical wins even for numeric storage, e.g. `OperatingSystems` codes); every other column gets
 * one from its semantic type — numeric/boolean/datetime (epoch ms) numbers → numeric; categorical and
 * boolean dictionary columns → categorical; text → left out (with a note); id → left out unless
 * `dropIds: false`. To leave out anything else, list it under `drop`.
 *
 * The result: Pipeline [ drop (DropColumns, when anything is left out),
 *   columns (ColumnTransformer: numeric [constant, impute, clip, scale] | missing (indicators) |
 *   categorical [constant, impute, encode]) ].
 * Defaults: numeric impute 'median', scale 'standard'; categorical impute 'most_frequent', encode
 * 'onehot'; `dropConstant` and `dropIds` true.
 *
 * Each branch starts with a ColumnDropper (step 'constant', or 'empty' when `dropConstant: false`)
 * that drops the columns with no value in the rows being fitted — in every CV fold and at refit —
 * so a sparse column whose few values all fall outside a fold never reaches the imputer; the fitted
 * pipeline remembers the drop, and `fittedDropNotes` words it for the report.
 */
import { DataError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { ColumnDropper } from './column-dropper.js';
import type { Transformer } from './transformer.js';
import { ColumnTransformer, type ColumnTransformerEntry } from './composite/column-transformer.js';
import { DropColumns } from './drop-columns.js';
import { MinMaxScaler } from './scalers/min-max-scaler.js';
import { MissingIndicator } from './impute/missing-indicator.js';
import { OneHotEncoder } from './encoders/one-hot-encoder.js';
import { OrdinalEncoder } from './encoders/ordinal-encoder.js';
import { Pipeline, type PipelineStep } from './composite/pipeline.js';
import { QuantileClipper } from './scalers/quantile-clipper.js';
import { RobustScaler } from './scalers/robust-scaler.js';
import { SimpleImputer } from './impute/simple-imputer.js';
import { StandardScaler } from './scalers/standard-scaler.js';

/** The `preprocess` section of an experiment spec. */
export interface PreprocessSpec {
  numeric?: {
    impute?: 'mean' | 'median' | 'most_frequent' | 'constant' | 'none';
    fillValue?: number;
    scale?: 'standard' | 'minmax' | 'robust' | 'none';
    /** Quantiles `[lo, hi]` in [0, 1] to clip outliers to, learned on training rows. */
    clip?: [number, number];
    /** Add `<col>_missing` 0/1 columns for numeric columns with missing training values. */
    indicators?: boolean;
    columns?: string[];
  };
  categorical?: {
    impute?: 'most_frequent' | 'constant' | 'none';
    fillValue?: string;
    encode?: 'onehot' | 'ordinal';
    columns?: string[];
  };
  drop?: string[];
  /** Drop columns with one distinct value in the training rows. Default true. */
  dropConstant?: boolean;
  /** Drop columns of semantic type 'id'. Default true. */
  dropIds?: boolean;
}

/** Why a column is left out of the features. */
export type LeftOutReason = 'listed' | 'id' | 'text';

/** Which feature columns go where. */
export interface ColumnRoles {
  numeric: string[];
  categorical: string[];
  leftOut: { column: string; reason: LeftOutReason }[];
}

/** Assigns each column of `frame` a role (see the file comment); unknown listed columns are `E_DATA` errors. */
export function resolveColumnRoles(spec: PreprocessSpec, frame: Frame): ColumnRoles {
  const lists: [string, string[] | undefined][] = [
    ['preprocess.drop', spec.drop],
    ['preprocess.numeric.columns', spec.numeric?.columns],
    ['preprocess.categorical.columns', spec.categorical?.columns],
  ];
  const listedIn = new Map<string, string>();
  for (const [path, names] of lists) {
    for (const name of names ?? []) {
      if (!frame.has(name)) {
        throw new DataError(`unknown column '${name}' in ${path}; available: ${frame.names.join(', ')}`, { path, column: name, available: frame.names });
      }
      const prev = listedIn.get(name);
      if (prev !== undefined && prev !== path) throw new DataError(`column '${name}' is listed in both ${prev} and ${path}; keep it in one`, { column: name, path });
      listedIn.set(name, path);
    }
  }
  const dropIds = spec.dropIds ?? true;
  const roles: ColumnRoles = { numeric: [], categorical: [], leftOut: [] };
  for (const c of frame.columns) {
    const listed = listedIn.get(c.name);
    if (listed === 'preprocess.drop') roles.leftOut.push({ column: c.name, reason: 'listed' });
    else if (listed === 'preprocess.categorical.columns') roles.categorical.push(c.name);
    else if (listed === 'preprocess.numeric.columns') {
      if (c.kind !== 'numeric') {
        throw new DataError(`column '${c.name}' in preprocess.numeric.columns holds ${c.type} values, not numbers; list it under preprocess.categorical.columns or fix its type in data.types`, {
          path: listed,
          column: c.name,
          type: c.type,
        });
      }
      roles.numeric.push(c.name);
    } else if (c.type === 'id' && dropIds) roles.leftOut.push({ column: c.name, reason: 'id' });
    else if (c.type === 'text') roles.leftOut.push({ column: c.name, reason: 'text' });
    else if (c.kind === 'numeric') roles.numeric.push(c.name);
    else roles.categorical.push(c.name);
  }
  return roles;
}

const NOTE: Record<LeftOutReason, string> = {
  listed: 'listed in preprocess.drop',
  id: 'an id column; set preprocess.dropIds: false to keep it',
  text: 'free text is not used as a feature; list it under preprocess.categorical.columns to one-hot encode it',
};

/** The first step of a branch: drops empty columns, and constant ones unless `dropConstant` is false. */
function cleaner(dropConstant: boolean): PipelineStep {
  return dropConstant ? ['constant', new ColumnDropper({ dropIds: false })] : ['empty', new ColumnDropper({ dropIds: false, dropConstant: false })];
}

/**
 * Notes for a report on what a fitted preprocessor dropped because the training rows gave it nothing
 * to learn from (columns without any value), found in every ColumnDropper of its pipelines and branches.
 *
 * @example
 * const notes = fittedDropNotes(pipeline.fit(train)); // ["column 'x' has no values in the training rows; it was dropped …"]
 */
export function fittedDropNotes(t: Transformer): string[] {
  const notes: string[] = [];
  const visit = (x: Transformer): void => {
    if (x instanceof Pipeline) for (const [, s] of x.namedSteps) visit(s);
    else if (x instanceof ColumnTransformer) for (const [, s] of x.transformers) visit(s);
    else if (x instanceof ColumnDropper && x.isFitted) {
      for (const d of x.dropped) {
        if (d.reason === 'empty') notes.push(`column '${d.column}' has no values in the training rows; it was dropped like a constant column (also when predicting)`);
      }
    }
  };
  visit(t);
  return notes;
}

/** Builds the unfitted preprocessing pipeline for `frame`'s feature columns (target already removed). */
export function buildPreprocessor(spec: PreprocessSpec, frame: Frame): Pipeline {
  const roles = resolveColumnRoles(spec, frame);
  const dropConstant = spec.dropConstant ?? true;
  const branches: ColumnTransformerEntry[] = [];

  if (roles.numeric.length) {
    const n = spec.numeric ?? {};
    const steps: PipelineStep[] = [];
    steps.push(cleaner(dropConstant));
    const impute = n.impute ?? 'median';
    if (impute !== 'none') steps.push(['impute', new SimpleImputer({ strategy: impute, fillValue: n.fillValue ?? null })]);
    if (n.clip) steps.push(['clip', new QuantileClipper({ quantiles: [n.clip[0], n.clip[1]] })]);
    const scale = n.scale ?? 'standard';
    if (scale === 'standard') steps.push(['scale', new StandardScaler()]);
    else if (scale === 'minmax') steps.push(['scale', new MinMaxScaler()]);
    else if (scale === 'robust') steps.push(['scale', new RobustScaler()]);
    branches.push(['numeric', new Pipeline(steps), roles.numeric]);
    // Indicators are a branch of their own so that the scaler never rescales the 0/1 columns.
    if (n.indicators) branches.push(['missing', new MissingIndicator(), roles.numeric]);
  }

  if (roles.categorical.length) {
    const c = spec.categorical ?? {};
    const steps: PipelineStep[] = [];
    steps.push(cleaner(dropConstant));
    const impute = c.impute ?? 'most_frequent';
    if (impute !== 'none') steps.push(['impute', new SimpleImputer({ strategy: impute, fillValue: c.fillValue ?? null })]);
    steps.push(['encode', (c.encode ?? 'onehot') === 'onehot' ? new OneHotEncoder() : new OrdinalEncoder()]);
    branches.push(['categorical', new Pipeline(steps), roles.categorical]);
  }

  const pipeline = new Pipeline([
    ...(roles.leftOut.length ? [['drop', new DropColumns({ columns: roles.leftOut.map((d) => d.column) })] as PipelineStep] : []),
    ['columns', new ColumnTransformer(branches, { remainder: 'drop' })],
  ]);
  pipeline.notes = roles.leftOut.map((d) => `column '${d.column}' is left out: ${NOTE[d.reason]}`);
  return pipeline;
}
