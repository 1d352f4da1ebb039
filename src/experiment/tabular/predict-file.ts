/** `trainyard predict`: applies a saved model bundle to a data file and writes predictions as CSV. */
import { resolve } from 'node:path';
import { dictColumn, Frame, numericColumn, type Column } from '../../core/frame.js';
import { loadFrame, writeCsv } from '../../data/index.js';
import { loadBundle, predictWithBundle } from './model-bundle.js';

export interface PredictFileOptions {
  model: string;
  input: string;
  output: string;
}

/** Writes the input columns plus `prediction` (and `proba_<class>` columns when the model has probabilities). */
export async function predictFile(o: PredictFileOptions): Promise<{ rows: number; output: string }> {
  const bundle = loadBundle(o.model);
  const typeHints = Object.fromEntries(bundle.inputColumns.map((c) => [c.name, c.type]));
  // New rows are read as the training data was: the same types, the same thousands/decimal marks.
  const { frame } = await loadFrame({ source: resolve(o.input), typeHints, ...bundle.numberFormat });
  const p = predictWithBundle(bundle, frame);
  const extra: Column[] =
    bundle.task === 'regression'
      ? [numericColumn('prediction', p.yPred)]
      : [dictColumn('prediction', Array.from(p.yPred, (k) => bundle.classes![k]))];
  if (p.scores && p.scoresAreProbabilities && bundle.classes) {
    bundle.classes.forEach((cls, j) => extra.push(numericColumn(`proba_${cls}`, p.scores!.column(j))));
  }
  const out = new Frame([...frame.columns.filter((c) => !extra.some((e) => e.name === c.name)), ...extra], frame.origin);
  await writeCsv(out, resolve(o.output));
  return { rows: frame.nRows, output: resolve(o.output) };
}
