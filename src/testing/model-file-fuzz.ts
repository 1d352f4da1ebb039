/**
 * A fuzzer for model-file loaders: random byte flips, truncations and JSON header edits of real model
 * files, with the original checksum and with a recomputed one (what an attacker would do). The loader
 * must load the file or fail with E_MODEL_FILE naming it — never another error, never a hang.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import { TrainyardError } from '../core/errors.js';
import { craftModelFile, splitModelFile, withChecksum } from './model-file-craft.js';
import { FUZZ_SEED, fuzzCases, FuzzTally } from './fuzz.js';

// ---- mutations -------------------------------------------------------------------------------------

export type Mutation =
  | { kind: 'flip'; at: number[]; xor: number[]; rechecksum: boolean }
  | { kind: 'truncate'; at: number; rechecksum: boolean }
  | { kind: 'headerBytes'; at: number[]; byte: number[] }
  | { kind: 'headerEdit'; pick: number[]; edit: HeaderEdit; rechecksum: boolean };

type HeaderEdit = { op: 'set'; value: unknown } | { op: 'delete' } | { op: 'addKey'; key: string; value: unknown };

/** Values an attacker would try: wrong types, out-of-range numbers, prototype names, fake references. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, 2.5, 0, 1e9, 2 ** 53, -0.5, 1e308, 'toString', '__proto__', 'constructor', 'f64', 'i32', 'u8', 'hasOwnProperty', '', null, true, [], {}),
  fc.constantFrom({ $array: 0 }, { $array: -1 }, { $array: 1.5 }, { $array: 999 }, { $number: 'NaN' }, { $number: 'x' }, { $array: 0, extra: 1 }),
  fc.integer({ min: -10, max: 1000 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation = (size: number, headerLen: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 4 }),
      xor: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 4, maxLength: 4 }),
      rechecksum: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: 0, max: size - 1 }), rechecksum: fc.boolean() }),
    fc.record({
      kind: fc.constant('headerBytes' as const),
      at: fc.array(fc.integer({ min: 0, max: headerLen - 1 }), { minLength: 1, maxLength: 3 }),
      byte: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('headerEdit' as const),
      pick: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      edit: fc.oneof(
        fc.record({ op: fc.constant('set' as const), value: hostileValue }),
        fc.record({ op: fc.constant('delete' as const) }),
        fc.record({ op: fc.constant('addKey' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype', '$array', '$number', 'extra'), value: hostileValue }),
      ),
      rechecksum: fc.boolean(),
    }),
  );

/** Walks down the JSON tree following `pick` (indices modulo the children) and edits where it stops. */
function editHeader(envelope: any, pick: number[], edit: HeaderEdit): void {
  let parent: any = null;
  let key: string | number = '';
  let node: any = envelope;
  for (const p of pick) {
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_: unknown, i: number) => i) : Object.keys(node);
    if (!keys.length) break;
    parent = node;
    key = keys[p % keys.length];
    node = node[key];
  }
  if (edit.op === 'addKey') {
    const target = node !== null && typeof node === 'object' && !Array.isArray(node) ? node : envelope;
    Object.defineProperty(target, edit.key, { value: edit.value, enumerable: true, configurable: true, writable: true });
  } else if (parent === null) {
    return;
  } else if (edit.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = edit.value;
  }
}

export function mutate(bytes: Buffer, m: Mutation): Buffer {
  const reseal = (b: Buffer): Buffer => withChecksum(b.subarray(40));
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      m.at.forEach((at, i) => (out[at] ^= m.xor[i]));
      return m.rechecksum && out.length >= 40 ? reseal(out) : out;
    }
    case 'truncate': {
      const out = bytes.subarray(0, m.at);
      return m.rechecksum && out.length >= 44 ? reseal(out) : out;
    }
    case 'headerBytes': {
      const { header, binary } = splitModelFile(bytes);
      const h = Buffer.from(header, 'utf8');
      m.at.forEach((at, i) => (h[at % h.length] = m.byte[i]));
      const len = Buffer.alloc(4);
      len.writeUInt32LE(h.length);
      return withChecksum(Buffer.concat([len, h, binary]));
    }
    case 'headerEdit': {
      const { header, binary } = splitModelFile(bytes);
      const envelope = JSON.parse(header);
      editHeader(envelope, m.pick, m.edit);
      const edited = craftModelFile(envelope, binary);
      // Without a recomputed checksum the edit must be caught as a mismatch.
      return m.rechecksum ? edited : Buffer.concat([bytes.subarray(0, 40), edited.subarray(40)]);
    }
  }
}

// ---- the property ------------------------------------------------------------------------------------

export interface FuzzOptions<T> {
  /** Real model files to mutate. */
  files: { name: string; bytes: Buffer }[];
  /** Decodes and rebuilds (e.g. `decodeBundle(decodeModel(bytes, source), source)`). */
  load: (bytes: Buffer, source: string) => T;
  /** Uses what loaded (predict, recommend): may fail with any documented code except E_INTERNAL. */
  use?: (loaded: T) => void;
  /** Cases at `FUZZ_SCALE=1`; the seed is the fuzzers' `FUZZ_SEED`. */
  cases: number;
  /** Slowest case allowed (ms): a crafted file must not make loading slow (a size bomb, a deep nest). */
  maxCaseMs?: number;
}

/** Runs the fuzzer, asserting the property on every case, and reports the outcomes with `t.diagnostic`. */
export function fuzzModelFiles<T>(t: TestContext, o: FuzzOptions<T>): void {
  const maxMs = o.maxCaseMs ?? 2000;
  for (const f of o.files) assert.ok(o.load(f.bytes, f.name), `${f.name} loads unmutated`);
  const outcomes = new FuzzTally();
  const safetyNet = new Map<string, number>();
  let slowest = 0;
  const arb = fc.integer({ min: 0, max: o.files.length - 1 }).chain((i) => {
    const { header } = splitModelFile(o.files[i].bytes);
    return fc.tuple(fc.constant(i), mutation(o.files[i].bytes.length, Buffer.byteLength(header)));
  });
  fc.assert(
    fc.property(arb, ([i, m]) => {
      const file = o.files[i];
      const bytes = mutate(file.bytes, m);
      const source = `fuzz/${file.name}.trainyard`;
      const t0 = performance.now();
      let loaded: T | undefined;
      try {
        loaded = o.load(bytes, source);
      } catch (e) {
        assert.ok(e instanceof TrainyardError, `${m.kind}: expected E_MODEL_FILE, got ${(e as Error)?.stack ?? String(e)}`);
        assert.equal(e.code, 'E_MODEL_FILE', `${m.kind}: ${e.code}: ${e.message}`);
        assert.ok(e.message.startsWith(source), `the message names the file: ${e.message}`);
        if (e.details.cause) {
          const k = `${String(e.details.field ?? 'state')}: ${String(e.details.cause)}`;
          safetyNet.set(k, (safetyNet.get(k) ?? 0) + 1);
        }
        outcomes.note(`${m.kind}: E_MODEL_FILE`);
      }
      if (loaded !== undefined) {
        // A file that loads is a working model (an edit changed, say, a coefficient) or fails when used
        // with a documented error — never a crash.
        try {
          o.use?.(loaded);
          outcomes.note(`${m.kind}: loads`);
        } catch (e) {
          assert.ok(e instanceof TrainyardError && e.code !== 'E_INTERNAL', `${m.kind}: using a loaded file: ${(e as Error)?.stack ?? String(e)}`);
          outcomes.note(`${m.kind}: loads, then ${e.code}`);
        }
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      assert.ok(ms < maxMs, `${m.kind} took ${ms.toFixed(0)} ms`);
    }),
    { numRuns: fuzzCases(o.cases), seed: FUZZ_SEED },
  );
  t.diagnostic(`${outcomes} over ${o.files.map((f) => `${f.name} (${f.bytes.length} bytes)`).join(', ')}; slowest ${slowest.toFixed(1)} ms`);
  if (safetyNet.size) t.diagnostic(`state a class could not rebuild, reported as E_MODEL_FILE: ${[...safetyNet].map(([k, v]) => `${k} ×${v}`).join('; ')}`);
}
