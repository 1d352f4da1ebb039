/**
 * Validation of a parsed spec document against a zod schema, shared by the tabular (spec.ts) and
 * recommender (recommend-spec.ts) specs so that both report a bad field the same way: the first
 * issue, as `file: path.to[0].field: message`, as an `E_SPEC` error.
 */
import type { z } from 'zod';
import { SpecError } from '../../core/errors.js';

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/**
 * Parses `raw` with `schema`; throws `SpecError` naming the file and the path of the first issue.
 *
 * @example
 * const spec = checkSpecSchema(specSchema, parseYaml(text), 'churn.yaml');
 */
export function checkSpecSchema<S extends z.ZodType>(schema: S, raw: unknown, file: string): z.infer<S> {
  checkDocumentShape(raw, file);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path) || '(top level)';
    const extra = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw new SpecError(`${file}: ${path}: ${issue.message}${extra}`, { file, path, problem: issue.message });
  }
  return parsed.data;
}

/**
 * Refuses, before zod sees the document, what would make validation or later code misbehave:
 * - a cycle (YAML `&a [*a]` resolves to an array containing itself: zod would recurse without end,
 *   and JSON.stringify of a parameter would throw a TypeError);
 * - an own `__proto__` key (YAML and JSON.parse create it as an ordinary key; zod silently drops it,
 *   an object spread would make it a prototype).
 * Shared nodes (YAML aliases without a cycle) are walked once, so a document of many aliases costs
 * its size, not its number of paths.
 */
function checkDocumentShape(raw: unknown, file: string): void {
  const done = new Set<object>();
  const onPath = new Set<object>();
  const walk = (v: unknown, at: PropertyKey[]): void => {
    if (v === null || typeof v !== 'object' || done.has(v)) return;
    if (onPath.has(v)) {
      const path = formatPath(at) || '(top level)';
      throw new SpecError(`${file}: ${path}: the value contains itself (a YAML alias inside its own anchor); write the value out instead`, {
        file,
        path,
        problem: 'cycle',
      });
    }
    if (!Array.isArray(v) && Object.hasOwn(v, '__proto__')) {
      const path = formatPath([...at, '__proto__']);
      throw new SpecError(`${file}: ${path}: the key '__proto__' is not allowed in a spec; remove it`, { file, path, problem: 'key __proto__' });
    }
    onPath.add(v);
    for (const [k, x] of Object.entries(v)) walk(x, [...at, Array.isArray(v) ? Number(k) : k]);
    onPath.delete(v);
    done.add(v);
  };
  walk(raw, []);
}
