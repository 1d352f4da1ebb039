/**
 * `trainyard evaluate`: scores a predictions file (truth column, predicted column, optional score
 * columns) with the same metric keys as `trainyard run`.
 */
import { DataError } from '../../core/errors.js';
import type { Column, Frame } from '../../core/frame.js';
import { Matrix } from '../../core/matrix.js';
import { evaluatePredictions } from '../../metrics/index.js';
import { loadFrame } from '../../data/index.js';
import { resolve } from 'node:path';
import type { TaskKind } from './target.js';
import { checkFiniteColumns, locateMetricError } from './locate-data-error.js';

export interface EvaluateFileOptions {
  input: string;
  truth: string;
  pred: string;
  /** Score columns: one (positive-class score) for binary, one per class (sorted class order) for multiclass. */
  scores?: string[];
  task?: TaskKind;
}

function cellStrings(c: Column): (string | null)[] {
  if (c.kind === 'numeric') {
    return Array.from(c.values, (v) => (Number.isNaN(v) ? null : c.type === 'boolean' ? (v ? 'true' : 'false') : String(v)));
  }
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}

function numericValues(frame: Frame, name: string): Float64Array {
  const c = frame.column(name);
  if (c.kind !== 'numeric') {
    const notNumber = c.codes.findIndex((k) => k >= 0 && !Number.isFinite(Number(c.dictionary[k])));
    const row = notNumber >= 0 ? notNumber : c.codes.findIndex((k) => k >= 0);
    const first = row >= 0 ? ` (first: row ${row + 1}, ${JSON.stringify(c.dictionary[c.codes[row]])})` : '';
    throw new DataError(`${frame.origin}: column '${name}' must be numeric (scores or regression values), got ${c.type}${first}; fix the column or name another one`, {
      file: frame.origin,
      column: name,
      ...(row >= 0 ? { row: row + 1, value: c.dictionary[c.codes[row]] } : {}),
    });
  }
  return c.values;
}

/** Sorts class labels numerically when they all are numbers, else as strings (scikit-learn's order). */
function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort();
}

export async function evaluateFile(o: EvaluateFileOptions): Promise<Record<string, number | number[][] | null>> {
  const { frame } = await loadFrame({ source: resolve(o.input) });
  const truthCol = frame.column(o.truth);
  const predCol = frame.column(o.pred);
  const truth = cellStrings(truthCol);
  const pred = cellStrings(predCol);
  const missingAt = truth.findIndex((v, i) => v === null || pred[i] === null);
  if (missingAt >= 0) {
    const which = truth[missingAt] === null ? o.truth : o.pred;
    throw new DataError(`${o.input}: row ${missingAt + 1} has no value in column '${which}'; every row needs a truth and a prediction`, { row: missingAt + 1, column: which });
  }
  const labels = sortLabels([...new Set([...(truth as string[]), ...(pred as string[])])]);
  const numericTruth = truthCol.kind === 'numeric' && truthCol.type !== 'boolean';
  const task: TaskKind =
    o.task ??
    (numericTruth && (labels.length > 20 || labels.some((l) => !Number.isInteger(Number(l)))) ? 'regression' : labels.length > 2 ? 'multiclass' : 'binary');
  if (task === 'binary' && labels.length > 2) {
    throw new DataError(
      `${resolve(o.input)}: --task binary, but columns '${o.truth}' and '${o.pred}' hold ${labels.length} classes (${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', …' : ''}); use --task multiclass`,
      { file: resolve(o.input), classes: labels.length },
    );
  }
  if (task === 'regression') {
    const yTrue = numericValues(frame, o.truth);
    const yPred = numericValues(frame, o.pred);
    checkFiniteColumns(resolve(o.input), { [o.truth]: yTrue, [o.pred]: yPred }, 'every row needs a finite truth and prediction; drop or fix such rows');
    return score(resolve(o.input), () => evaluatePredictions({ task, yTrue, yPred }));
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const yTrue = Float64Array.from(truth, (v) => index.get(v!)!);
  const yPred = Float64Array.from(pred, (v) => index.get(v!)!);
  let scores: Matrix | undefined;
  let probabilities = false;
  if (o.scores?.length) {
    const cols = o.scores.map((s) => numericValues(frame, s));
    checkFiniteColumns(resolve(o.input), Object.fromEntries(o.scores.map((s, j) => [s, cols[j]])), 'scores must be finite numbers; drop or fix such rows');
    const expected = task === 'binary' ? [1, 2] : [labels.length];
    if (!expected.includes(cols.length)) {
      throw new DataError(`--score: a ${task} task with ${labels.length} classes needs ${expected.join(' or ')} score column(s), got ${cols.length}`);
    }
    scores = new Matrix(frame.nRows, cols.length);
    for (let i = 0; i < frame.nRows; i++) for (let j = 0; j < cols.length; j++) scores.data[i * cols.length + j] = cols[j][i];
    probabilities = cols.every((c) => c.every((v) => v >= 0 && v <= 1));
  }
  return score(resolve(o.input), () => evaluatePredictions({ task, yTrue, yPred, scores, scoresAreProbabilities: probabilities, nClasses: labels.length }));
}

/** Runs the metrics; a row error of theirs is told as a row of the file, without internal names. */
function score<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw locateMetricError(e, file);
  }
}
