/**
 * Nested parameter routing for composites (Pipeline, ColumnTransformer), after scikit-learn's
 * `_BaseComposition`: `getParams()` flattens children's parameters to `child__param` keys (deeper
 * nesting adds more `__` segments), and `setParams({ 'scale__withMean': false })` routes each key to
 * its child; setting a bare child name to a transformer replaces that child.
 */
import { didYouMean } from '../../core/did-you-mean.js';
import { InvalidParamError } from '../../core/errors.js';
import { Transformer } from '../transformer.js';

/** Flattens each named child's parameters under `name__`. */
export function flattenParams(children: readonly (readonly [string, Transformer])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, t] of children) {
    for (const [k, v] of Object.entries(t.getParams() as Record<string, unknown>)) out[`${name}__${k}`] = v;
  }
  return out;
}

/**
 * Routes `params` to children; returns the keys that name no child (the composite's own parameters).
 * `replace(name, t)` swaps a child for a new transformer.
 */
export function routeParams(
  owner: string,
  params: Record<string, unknown>,
  children: readonly (readonly [string, Transformer])[],
  replace: (name: string, t: Transformer) => void,
  ownKeys: readonly string[],
): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  const byName = new Map(children.map(([n, t]) => [n, t]));
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const cut = key.indexOf('__');
    const head = cut < 0 ? key : key.slice(0, cut);
    const child = byName.get(head);
    if (child && cut >= 0) child.setParams({ [key.slice(cut + 2)]: value });
    else if (child && value instanceof Transformer) replace(head, value);
    else if (cut < 0 && ownKeys.includes(key)) own[key] = value;
    else {
      const valid = [...ownKeys, ...children.map(([n]) => `${n}__<param>`)];
      throw new InvalidParamError(
        `${owner}: unknown parameter '${key}'${child ? ' (a step name takes a transformer; use <step>__<param> to set one of its parameters)' : didYouMean(key, ownKeys)}; valid parameters: ${valid.join(', ')}`,
        { estimator: owner, param: key, valid },
      );
    }
  }
  return own;
}

/** Checks child names at fit time: non-empty, unique, without `__` (it separates nested keys). */
export function checkChildNames(owner: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== 'string' || n === '' || n.includes('__') || seen.has(n)) {
      throw new InvalidParamError(
        `${owner}: step name ${JSON.stringify(n)} is ${seen.has(n) ? 'used twice' : 'invalid'}; names must be non-empty, unique and must not contain '__'`,
        { estimator: owner, name: n },
      );
    }
    seen.add(n);
  }
}
