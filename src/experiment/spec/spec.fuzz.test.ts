/**
 * Fuzzing the spec validators (issue 14): random JSON-like documents, mutations of the example specs
 * (examples/online-shoppers/spec.yaml, examples/movielens/*.yaml) — keys deleted, values replaced by
 * anything, `__proto__`/`constructor`/`prototype` keys added — and byte-level mutations of their
 * YAML text. `validateSpec` / `validateRecommendSpec` (and `loadAnySpec` for YAML text) either accept
 * or throw E_SPEC, never a TypeError; an accepted spec holds only plain objects and arrays, and no
 * document reaches `Object.prototype`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { fileURLToPath } from 'node:url';
import { assertDocumentedError, FuzzTally, fuzzOptions } from '../../testing/fuzz.js';
import { isRecommendDocument, validateRecommendSpec } from './recommend-spec.js';
import { loadAnySpec, validateSpec } from './spec.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = ['examples/online-shoppers/spec.yaml', 'examples/movielens/ranking.yaml', 'examples/movielens/rating.yaml'].map((f) =>
  readFileSync(path.join(repoRoot, f), 'utf8'),
);
const PARSED = EXAMPLES.map((t) => parseYaml(t) as unknown);
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Dispatches like `loadAnySpec`: `task: recommend` → the recommend schema, else the tabular one. */
function validateAny(doc: unknown): unknown {
  return isRecommendDocument(doc) ? validateRecommendSpec(doc, 'fuzz.yaml') : validateSpec(doc, 'fuzz.yaml');
}

/** Every object in an accepted spec is a plain object or an array (no prototype swapped in by a key). */
function assertPlain(v: unknown, at = 'spec', seen = new Set<object>()): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  const proto = Object.getPrototypeOf(v);
  assert.ok(proto === Object.prototype || proto === Array.prototype || proto === null, `${at} has a foreign prototype`);
  for (const [k, x] of Object.entries(v)) assertPlain(x, `${at}.${k}`, seen);
}

function hasProtoKey(v: unknown, seen = new Set<object>()): boolean {
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  if (!Array.isArray(v) && Object.hasOwn(v, '__proto__')) return true;
  return Object.values(v).some((x) => hasProtoKey(x, seen));
}

/** Any JSON value, with hostile keys among the object keys; built through JSON.parse so that `__proto__` is an own key. */
const jsonValue = fc
  .jsonValue({ maxDepth: 3 })
  .chain((v) =>
    fc.constantFrom(...HOSTILE_KEYS).map((k) => {
      const text = JSON.stringify(v);
      // Wrap some values in an object keyed by a hostile name (an own property once parsed).
      return text.length % 3 === 0 ? JSON.parse(`{${JSON.stringify(k)}: ${text}}`) : v;
    }),
  );

type Path = (string | number)[];
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

/** A copy of `doc` with the value at `at` replaced, deleted, or given an extra (possibly hostile) key. */
function mutate(doc: unknown, at: Path, how: 'replace' | 'delete' | 'addKey', value: unknown, key: string): unknown {
  const copy = structuredClone(doc);
  if (at.length === 0) return how === 'replace' ? value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (how === 'replace') parent[last] = value;
  else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else parent[last] = value;
  }
  return copy;
}

const mutatedExample = fc
  .record({
    which: fc.nat({ max: PARSED.length - 1 }),
    steps: fc.array(fc.record({ pick: fc.nat(), how: fc.constantFrom('replace' as const, 'delete' as const, 'addKey' as const), value: jsonValue, key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 5 })) }), {
      minLength: 0,
      maxLength: 3,
    }),
  })
  .map(({ which, steps }) => {
    let doc = PARSED[which];
    for (const s of steps) {
      const all = paths(doc);
      doc = mutate(doc, all[s.pick % all.length], s.how, s.value, s.key);
    }
    return doc;
  });

test('fuzz: mutated example specs and random documents → accepted (plain data) or E_SPEC (fast-check, 3000 cases)', (t) => {
  const tally = new FuzzTally();
  const doc = fc.oneof({ weight: 4, arbitrary: mutatedExample }, { weight: 1, arbitrary: jsonValue }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
  fc.assert(
    fc.property(doc, (d) => {
      if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, String(JSON.stringify(d)));
      try {
        assertPlain(validateAny(d));
        assert.equal(hasProtoKey(d), false, 'a document with a __proto__ key is refused');
        tally.note('accepted');
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assertDocumentedError(e, ['E_SPEC'], d);
        tally.note('E_SPEC');
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
    }),
    fuzzOptions(3000),
  );
  t.diagnostic(`spec validator fuzz: ${tally}`);
  assert.ok(tally.total >= 500, `only ${tally.total} cases ran`);
});

function minimalDoc(): Record<string, unknown> {
  return { name: 'x', data: { source: 'a.csv', target: 'y' }, select: { candidates: [{ model: 'logistic_regression' }] } };
}

test('a __proto__ key anywhere in a spec, a value containing itself and YAML warnings are E_SPEC errors naming the place', () => {
  const doc = JSON.parse('{"name":"x","data":{"source":"a.csv","target":"y"},"select":{"candidates":[{"model":"m","params":{"__proto__":{"C":[1]}}}]}}');
  assert.throws(() => validateSpec(doc, 'f.yaml'), { code: 'E_SPEC', message: /f\.yaml: select\.candidates\[0\]\.params\.__proto__: the key '__proto__' is not allowed/ });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-spec-yaml-'));
  try {
    const file = path.join(dir, 'w.yaml');
    writeFileSync(file, EXAMPLES[0].replace('name: ', 'name: !!js/function '));
    assert.throws(() => loadAnySpec(file), { code: 'E_SPEC', message: /invalid YAML at line \d+, column \d+: .*tag/i });
    // Found by the fuzzer: an alias inside its own anchor is a cyclic value (zod would recurse, JSON.stringify would throw).
    writeFileSync(file, EXAMPLES[0].replace(/candidates:\n/, 'candidates:\n    - { model: logistic_regression, params: { C: &c [1, *c] } }\n'));
    assert.throws(() => loadAnySpec(file), { code: 'E_SPEC', message: /select\.candidates\[0\]\.params\.C\[1\]: the value contains itself/ });
    const cyclic: Record<string, unknown> = { ...minimalDoc() };
    (cyclic.data as Record<string, unknown>).self = cyclic;
    assert.throws(() => validateSpec(cyclic, 'f.yaml'), { code: 'E_SPEC', message: /f\.yaml: data\.self: the value contains itself/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fuzz: byte-level mutations of the example YAML files → loadAnySpec accepts or throws E_SPEC (fast-check, 600 cases)', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-fuzz-spec-'));
  const file = path.join(dir, 'spec.yaml');
  const tally = new FuzzTally();
  const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__: {}', '\n  constructor: x', ': [', '&a [*a, *a]', '!!js/function x', '\t', '"', '{', '\n- ', '<<: *a')) });
  try {
    fc.assert(
      fc.property(fc.nat({ max: EXAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = EXAMPLES[which];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.del);
        }
        writeFileSync(file, text);
        if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, text);
        try {
          loadAnySpec(file);
          tally.note('accepted');
        } catch (e) {
          assertDocumentedError(e, ['E_SPEC'], text);
          tally.note('E_SPEC');
        }
      }),
      fuzzOptions(600),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.diagnostic(`spec YAML fuzz: ${tally}`);
});
