/**
 * Expands a candidate's parameter options into the grid of concrete settings (scikit-learn's
 * ParameterGrid). A list means "try each of these" — except for parameters whose value is itself a
 * list (e.g. `hidden: [64, 32]`): there a flat list is one value and a list of lists is the options.
 */
export type ParamOptions = Record<string, unknown>;

export function expandGrid(options: ParamOptions, defaults: Record<string, unknown>): Record<string, unknown>[] {
  const keys = Object.keys(options);
  const choices = keys.map((k) => optionsOf(options[k], Array.isArray(defaults[k])));
  const out: Record<string, unknown>[] = [];
  const walk = (i: number, acc: Record<string, unknown>): void => {
    if (i === keys.length) {
      out.push({ ...acc });
      return;
    }
    for (const c of choices[i]) walk(i + 1, { ...acc, [keys[i]]: c });
  };
  walk(0, {});
  return out;
}

function optionsOf(value: unknown, valueIsList: boolean): unknown[] {
  if (!Array.isArray(value)) return [value];
  if (valueIsList && !value.every(Array.isArray)) return [value];
  return value;
}
