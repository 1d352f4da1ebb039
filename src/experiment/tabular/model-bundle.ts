/**
 * What `trainyard run` saves: the fitted preprocessing pipeline, the fitted model and what is needed
 * to apply them to new rows (input columns and their types, class names). Stored in the data-only
 * model file format (core/model-file.ts); loading never evaluates code.
 */
import { DataError, ModelFileError, TrainyardError } from '../../core/errors.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import type { ColumnType, Frame } from '../../core/frame.js';
import { readModelFile, writeModelFile } from '../../core/model-file.js';
import { DECIMAL_MARKS, THOUSANDS_SEPARATORS } from '../../data/index.js';
import { preview, stateList, stateObject, stateString } from '../../core/state-check.js';
import { estimatorFromState } from '../../models/registry.js';
import { transformerFromState, type Pipeline } from '../../preprocess/index.js';
import { TRAINYARD_VERSION } from '../../core/version.js';
import type { AnyEstimator, FittedCandidate, Predictions } from './fit-candidate.js';
import { featureMatrix, predictMatrix } from './fit-candidate.js';
import type { TaskKind } from './target.js';

export interface ModelBundle {
  task: TaskKind;
  target: string;
  classes?: string[];
  /** Columns a prediction input must have, with the types they had in training. */
  inputColumns: { name: string; type: ColumnType }[];
  featureNames: string[];
  preprocessor: Pipeline;
  estimator: AnyEstimator;
  runId: string;
  trainyardVersion: string;
  /** How the training data wrote numbers as text (`data.thousands`/`data.decimal`); new rows are read the same way. */
  numberFormat?: { thousands?: string; decimal?: string };
}

export function makeBundle(
  fitted: FittedCandidate,
  features: Frame,
  meta: { task: TaskKind; target: string; classes?: string[]; runId: string; numberFormat?: { thousands?: string; decimal?: string } },
): ModelBundle {
  return {
    ...meta,
    inputColumns: features.columns.map((c) => ({ name: c.name, type: c.type })),
    featureNames: fitted.featureNames,
    preprocessor: fitted.preprocessor,
    estimator: fitted.estimator,
    trainyardVersion: TRAINYARD_VERSION,
  };
}

export function saveBundle(path: string, b: ModelBundle): void {
  const content: StateValue = {
    kind: 'trainyard-bundle',
    trainyardVersion: b.trainyardVersion,
    runId: b.runId,
    task: b.task,
    target: b.target,
    classes: b.classes ?? null,
    inputColumns: b.inputColumns,
    featureNames: b.featureNames,
    preprocessor: b.preprocessor.toState() as unknown as StateValue,
    model: b.estimator.toState() as unknown as StateValue,
    // Only when the spec set one, so bundles of specs without it stay byte-identical.
    ...(b.numberFormat && (b.numberFormat.thousands !== undefined || b.numberFormat.decimal !== undefined)
      ? { numberFormat: { ...(b.numberFormat.thousands !== undefined ? { thousands: b.numberFormat.thousands } : {}), ...(b.numberFormat.decimal !== undefined ? { decimal: b.numberFormat.decimal } : {}) } }
      : {}),
  };
  writeModelFile(path, content);
}

export function loadBundle(path: string): ModelBundle {
  return decodeBundle(readModelFile(path), path);
}

const TASKS: readonly TaskKind[] = ['binary', 'multiclass', 'regression'];
const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'boolean', 'datetime', 'categorical', 'text', 'id'];

/**
 * Checks a decoded model file (`decodeModel`) field by field and rebuilds the bundle; `path` names the
 * file in errors. Whatever does not fit — a missing or mistyped field, a preprocessor or model whose
 * saved state its class refuses, classes the model's predictions cannot index — is `E_MODEL_FILE`
 * naming the file and the field.
 */
export function decodeBundle(raw: StateValue, path: string): ModelBundle {
  const fail = (why: string, field?: string, details: Record<string, unknown> = {}): never => {
    throw new ModelFileError(`${path}: ${why}; re-create it with 'trainyard run'`, { file: path, ...(field ? { field } : {}), ...details });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || ArrayBuffer.isView(raw) || !Object.hasOwn(raw, 'kind')) return fail('does not hold a trainyard model bundle');
  const s = raw as { [k: string]: StateValue };
  if (s.kind === 'trainyard-recommender') return fail('holds a recommender (use `trainyard recommend`), not a tabular model');
  if (s.kind !== 'trainyard-bundle') return fail('does not hold a trainyard model bundle');
  try {
    const task = stateString(s, 'task') as TaskKind;
    if (!TASKS.includes(task)) fail(`unknown task ${preview(task)} (expected ${TASKS.join(', ')})`, 'task');
    const strings = (key: string): string[] => {
      const list = stateList(s, key);
      const i = list.findIndex((v) => typeof v !== 'string');
      if (i >= 0) fail(`field '${key}[${i}]' must be a string, got ${preview(list[i])}`, `${key}[${i}]`);
      return list as string[];
    };
    const classes = task === 'regression' ? undefined : strings('classes');
    if (task === 'regression' && s.classes !== null) fail("field 'classes' must be null for a regression model", 'classes');
    const inputColumns = stateList(s, 'inputColumns').map((c, i) => {
      const at = `inputColumns[${i}]`;
      if (c === null || typeof c !== 'object' || Array.isArray(c) || ArrayBuffer.isView(c)) return fail(`field '${at}' must be an object {name, type}`, at);
      const col = c as { [k: string]: StateValue };
      const name = stateString(col, 'name');
      const type = stateString(col, 'type') as ColumnType;
      if (!COLUMN_TYPES.includes(type)) fail(`field '${at}.type' is ${preview(type)}; expected one of ${COLUMN_TYPES.join(', ')}`, `${at}.type`);
      return { name, type };
    });
    const featureNames = strings('featureNames');
    const preprocessor = rebuild('preprocessor', () => transformerFromState(stateObject(s, 'preprocessor') as unknown as EstimatorState) as Pipeline);
    const estimator = rebuild('model', () => estimatorFromState(stateObject(s, 'model') as unknown as EstimatorState) as AnyEstimator);
    if (classes) {
      const labels = estimator.classes;
      if (!(labels instanceof Float64Array)) return fail(`the ${task} model '${estimator.type}' has no classes`, 'model');
      const bad = labels.findIndex((k) => !(Number.isInteger(k) && k >= 0 && k < classes.length));
      if (bad >= 0) fail(`the model predicts class ${labels[bad]} but 'classes' names only ${classes.length}`, 'classes');
    }
    const numberFormat = Object.hasOwn(s, 'numberFormat') ? { numberFormat: numberFormatOf(stateObject(s, 'numberFormat'), path) } : {};
    return { task, target: stateString(s, 'target'), classes, inputColumns, featureNames, preprocessor, estimator, runId: stateString(s, 'runId'), trainyardVersion: stateString(s, 'trainyardVersion'), ...numberFormat };
  } catch (e) {
    if (e instanceof ModelFileError && !e.message.startsWith(path)) throw new ModelFileError(`${path}: ${e.message.replace(/^model file: /, '')}`, { file: path, ...e.details });
    throw e;
  }
}

/**
 * Runs `restore` (a class rebuilding itself from saved state). A class refuses a state it cannot use
 * with E_MODEL_FILE; any other failure there (a parameter error, or a value of a type no valid file
 * holds) still means the file does not fit this trainyard, so it is E_MODEL_FILE naming the section.
 */
function rebuild<T>(section: string, restore: () => T): T {
  try {
    return restore();
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    const message = e instanceof TrainyardError ? `${e.code}: ${e.message}` : (e as Error)?.message ?? String(e);
    throw new ModelFileError(`model file: the saved ${section} cannot be rebuilt (${message})`, { field: section, cause: e instanceof TrainyardError ? e.code : 'unexpected' });
  }
}

/** The saved number format: optional `thousands` and `decimal`, each a string. */
function numberFormatOf(f: { [k: string]: StateValue }, path: string): { thousands?: string; decimal?: string } {
  const out: { thousands?: string; decimal?: string } = {};
  for (const key of ['thousands', 'decimal'] as const) {
    if (!Object.hasOwn(f, key)) continue;
    const v = f[key];
    const allowed = key === 'thousands' ? THOUSANDS_SEPARATORS : DECIMAL_MARKS;
    if (typeof v !== 'string' || !allowed.includes(v)) {
      throw new ModelFileError(`${path}: numberFormat.${key} holds ${JSON.stringify(v)}, expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, {
        file: path,
        field: `numberFormat.${key}`,
      });
    }
    out[key] = v;
  }
  return out;
}

/** Applies the saved pipeline and model to `frame` (which may hold extra columns). */
export function predictWithBundle(b: ModelBundle, frame: Frame): Predictions {
  const missing = b.inputColumns.filter((c) => !frame.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new DataError(`${frame.origin}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} that the model was trained with; add ${missing.length > 1 ? 'them' : 'it'} to the input`, { missing });
  }
  const features = frame.select(b.inputColumns.map((c) => c.name));
  const { X } = featureMatrix(b.preprocessor, features, b.estimator.type);
  return predictMatrix(b.estimator, X);
}
