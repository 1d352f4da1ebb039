/**
 * Expands a candidate's parameter options into the grid of concrete settings (scikit-learn's
 * ParameterGrid). A list means "try each of these" — except for parameters whose value is itself a
 * list (e.g. `hidden: [64, 32]`): there a flat list is one value and a list of lists is the options.
 *
 * A grid is counted before it is expanded ({@link gridSize}) and never expanded beyond
 * {@link MAX_GRID_CONFIGURATIONS}: ten parameters of ten values are 10¹⁰ settings, which no run could
 * try and whose list alone would exhaust the heap. Random search samples such a space without
 * expanding it (see param-distributions.ts).
 */
import { InvalidParamError } from '../core/errors.js';

export type ParamOptions = Record<string, unknown>;

/** The most settings one candidate's grid may expand to (documented in the README's spec section). */
export const MAX_GRID_CONFIGURATIONS = 10_000;

/**
 * How many settings `expandGrid(options, defaults)` gives, without expanding: the product of the
 * option counts, in floating point (so 10²⁰ reads as 1e20 rather than wrapping; beyond 1.8e308 it is
 * Infinity). `dimensions` are the option counts per parameter, for messages.
 *
 * @example
 * gridSize({ C: [0.1, 1, 10], tol: [1e-4, 1e-3] }, {}); // { size: 6, dimensions: { C: 3, tol: 2 } }
 */
export function gridSize(options: ParamOptions, defaults: Record<string, unknown>): { size: number; dimensions: Record<string, number> } {
  let size = 1;
  const dimensions: Record<string, number> = {};
  for (const k of Object.keys(options)) {
    const n = optionsOf(options[k], Array.isArray(defaults[k])).length;
    dimensions[k] = n;
    size *= n;
  }
  return { size, dimensions };
}

/** A grid size for messages: `12,000`, or `1.00e+20` when too large to write out. */
export function formatGridSize(size: number): string {
  if (!Number.isFinite(size)) return 'more than 1e308';
  return size < 1e15 ? size.toLocaleString('en-US') : size.toExponential(2);
}

/**
 * Every setting of the grid, in order (the last parameter varies fastest).
 *
 * @param limit refuse (E_INVALID_PARAM) a grid of more settings than this, before expanding anything
 */
export function expandGrid(options: ParamOptions, defaults: Record<string, unknown>, limit = MAX_GRID_CONFIGURATIONS): Record<string, unknown>[] {
  const { size, dimensions } = gridSize(options, defaults);
  if (size > limit) {
    const dims = Object.entries(dimensions).map(([k, n]) => `${k}: ${n}`).join(' × ');
    throw new InvalidParamError(`the parameter grid has ${formatGridSize(size)} settings (${dims}), more than the limit of ${limit.toLocaleString('en-US')}; sample it with random search instead`, { size, limit });
  }
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
