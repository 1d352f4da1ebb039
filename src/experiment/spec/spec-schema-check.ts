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
  const hostile = findProtoKey(raw, []);
  if (hostile) {
    const path = formatPath(hostile);
    throw new SpecError(`${file}: ${path}: the key '__proto__' is not allowed in a spec; remove it`, { file, path, problem: 'key __proto__' });
  }
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
 * The path of the first own `__proto__` key (YAML and JSON.parse create it as an ordinary key; zod
 * would silently drop it, or an object spread would make it a prototype), or null.
 */
function findProtoKey(v: unknown, at: PropertyKey[], depth = 0): PropertyKey[] | null {
  if (v === null || typeof v !== 'object' || depth > 64) return null;
  if (!Array.isArray(v) && Object.hasOwn(v, '__proto__')) return [...at, '__proto__'];
  for (const [k, x] of Object.entries(v)) {
    const found = findProtoKey(x, [...at, Array.isArray(v) ? Number(k) : k], depth + 1);
    if (found) return found;
  }
  return null;
}
