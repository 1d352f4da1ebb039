/**
 * "did you mean …" for a misspelled name (a model, a metric, a parameter): the known name closest in
 * edit distance, compared without case and separators (`logisticRegression`, `logistic-regression` and
 * `logistic_regresion` all find `logistic_regression`), when it is close enough to be a typo.
 */

/** Lower case without `_`, `-`, spaces and dots: the forms a name is written in. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[\s_.-]/g, '');
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment: `rigde` is one
 * edit from `ridge`), with a cut-off: returns `max + 1` as soon as every alignment exceeds `max`.
 */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    [before, prev] = [prev, row];
  }
  return prev[b.length];
}

/**
 * The known name `name` most likely stands for, or null: the same name written differently, else the
 * closest within 1 edit per 4 characters (at least 1, at most 3), ties going to the first known name.
 *
 * @example
 * closestName('logistic_regresion', ['logistic_regression', 'ridge']); // 'logistic_regression'
 * closestName('xgboost', ['logistic_regression', 'ridge']);           // null
 */
export function closestName(name: string, known: readonly string[]): string | null {
  const target = fold(name);
  if (target === '') return null;
  const max = Math.min(3, Math.max(1, Math.floor(target.length / 4)));
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const k of known) {
    const d = fold(k) === target ? 0 : distance(target, fold(k), max);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** ` — did you mean 'X'?` for a message, or '' when no known name is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const c = closestName(name, known);
  return c === null ? '' : ` — did you mean '${c}'?`;
}
