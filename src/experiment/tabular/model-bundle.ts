/**
 * What `trainyard run` saves: the fitted preprocessing pipeline, the fitted model and what is needed
 * to apply them to new rows (input columns and their types, class names). Stored in the data-only
 * model file format (core/model-file.ts); loading never evaluates code.
 */
import { DataError, ModelFileError } from '../../core/errors.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import type { ColumnType, Frame } from '../../core/frame.js';
import { readModelFile, writeModelFile } from '../../core/model-file.js';
import { DECIMAL_MARKS, THOUSANDS_SEPARATORS } from '../../data/index.js';
import { stateList, stateObject, stateString } from '../../core/state-check.js';
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
  const raw = readModelFile(path);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as { kind?: unknown }).kind !== 'trainyard-bundle') {
    throw new ModelFileError(`${path} does not hold a trainyard model bundle`, { file: path });
  }
  const s = raw as { [k: string]: StateValue };
  const task = stateString(s, 'task') as TaskKind;
  if (!['binary', 'multiclass', 'regression'].includes(task)) throw new ModelFileError(`${path}: unknown task '${task}'`, { file: path });
  return {
    task,
    target: stateString(s, 'target'),
    classes: s.classes === null ? undefined : (stateList(s, 'classes') as string[]),
    inputColumns: stateList(s, 'inputColumns') as { name: string; type: ColumnType }[],
    featureNames: stateList(s, 'featureNames') as string[],
    preprocessor: transformerFromState(stateObject(s, 'preprocessor') as unknown as EstimatorState) as Pipeline,
    estimator: estimatorFromState(stateObject(s, 'model') as unknown as EstimatorState) as AnyEstimator,
    runId: stateString(s, 'runId'),
    trainyardVersion: stateString(s, 'trainyardVersion'),
    ...(Object.hasOwn(s, 'numberFormat') ? { numberFormat: numberFormatOf(stateObject(s, 'numberFormat'), path) } : {}),
  };
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
