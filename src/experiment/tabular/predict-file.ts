/** `trainyard predict`: applies a saved model bundle to a data file and writes predictions as CSV. */
import { resolve } from 'node:path';
import { dictColumn, Frame, numericColumn, type Column } from '../../core/frame.js';
import { csvTarget, loadFrame, writeCsv } from '../../data/index.js';
import { decodeBundle, predictWithBundle } from './model-bundle.js';
import { readModelSource } from '../registry/model-source.js';
import { locatePreprocessedValue } from './locate-data-error.js';

export interface PredictFileOptions {
  /** A model file, or a registry reference `models:/NAME@ALIAS` / `models:/NAME/VERSION` (read from `store`). */
  model: string;
  /** The store registry references are looked up in (default ./trainyard.db). */
  store?: string;
  input: string;
  /** CSV file to write; `-` streams to standard output (see data/write-csv.ts for links, FIFOs, devices). */
  output: string;
}

/** Writes the input columns plus `prediction` (and `proba_<class>` columns when the model has probabilities). */
export async function predictFile(o: PredictFileOptions): Promise<{ rows: number; output: string }> {
  // Where the output goes is checked first: a bad --output fails before the model and data are read.
  const target = csvTarget(o.output);
  const { content, label } = await readModelSource(o.model, { store: o.store });
  const bundle = decodeBundle(content, label);
  const typeHints = Object.fromEntries(bundle.inputColumns.map((c) => [c.name, c.type]));
  // New rows are read as the training data was: the same types, the same thousands/decimal marks.
  const input = resolve(o.input);
  const { frame } = await loadFrame({ source: input, typeHints, ...bundle.numberFormat });
  let p;
  try {
    p = predictWithBundle(bundle, frame);
  } catch (e) {
    throw locatePreprocessedValue(e, input, [frame], [(i) => i + 1]);
  }
  const extra: Column[] =
    bundle.task === 'regression'
      ? [numericColumn('prediction', p.yPred)]
      : [dictColumn('prediction', Array.from(p.yPred, (k) => bundle.classes![k]))];
  if (p.scores && p.scoresAreProbabilities && bundle.classes) {
    bundle.classes.forEach((cls, j) => extra.push(numericColumn(`proba_${cls}`, p.scores!.column(j))));
  }
  const out = new Frame([...frame.columns.filter((c) => !extra.some((e) => e.name === c.name)), ...extra], frame.origin);
  await writeCsv(out, o.output);
  return { rows: frame.nRows, output: target.kind === 'stdout' ? '-' : resolve(o.output) };
}
