/**
 * The model file format: data only (a JSON document plus binary typed arrays), versioned and
 * checksummed. Loading parses JSON and copies bytes — it never evaluates code.
 *
 * Layout:  "TRAINYRD" (8 bytes) | sha256 of everything after it (32 bytes) | u32 LE JSON length |
 *          JSON (utf-8) | binary arrays, each 8-byte aligned.
 * Typed arrays inside the JSON are replaced by `{"$array": i}`, indexing `arrays` in the JSON,
 * which records dtype, byte offset (relative to the binary section) and length.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IoError, ModelFileError } from './errors.js';
import { ensureDir } from './fs-errors.js';
import type { StateValue } from './estimator.js';
import { preview, recordPath } from './state-check.js';

export const MODEL_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('TRAINYRD', 'ascii');
const DTYPES = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
type DType = keyof typeof DTYPES;

interface ArrayEntry {
  dtype: DType;
  offset: number;
  length: number;
}

interface Envelope {
  format: 'trainyard-model';
  formatVersion: number;
  content: unknown;
  arrays: ArrayEntry[];
}

/**
 * Keys refused anywhere in a model file: assigning them would change an object's prototype (a
 * `__proto__` key revived into a typed array makes a plain object pass `instanceof Float64Array`) or
 * shadow what code expects of every object.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
function dtypeOf(a: ArrayBufferView): DType {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint8Array) return 'u8';
  throw new ModelFileError(`cannot save a ${a.constructor.name} in a model file`);
}

/** Encodes a document (JSON values and typed arrays) into the model file bytes. */
export function encodeModel(content: StateValue): Buffer {
  const arrays: ArrayEntry[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  const json = JSON.stringify(content, function (this: unknown, key, value) {
    if (FORBIDDEN_KEYS.has(key)) throw new ModelFileError(`cannot save the key '${key}' in a model file (loading refuses it)`, { key });
    if (ArrayBuffer.isView(value)) {
      const dtype = dtypeOf(value);
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      const pad = (8 - (bytes.length % 8)) % 8;
      arrays.push({ dtype, offset, length: (value as Float64Array).length });
      chunks.push(Buffer.from(bytes), Buffer.alloc(pad));
      offset += bytes.length + pad;
      return { $array: arrays.length - 1 };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    return value;
  });
  const envelope: Envelope = { format: 'trainyard-model', formatVersion: MODEL_FORMAT_VERSION, content: null, arrays };
  const header = Buffer.from(JSON.stringify({ ...envelope, content: JSON.parse(json) }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const body = Buffer.concat([len, header, ...chunks]);
  const sha = createHash('sha256').update(body).digest();
  return Buffer.concat([MAGIC, sha, body]);
}

/** Deeper than any state trainyard saves (a pipeline of column transformers is ~12 levels). */
const MAX_DEPTH = 256;
const NON_FINITE: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isDType(v: unknown): v is DType {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, v);
}

/**
 * Decodes and verifies model file bytes; `source` names the file in errors.
 *
 * The checksum only catches accidents (a truncated copy, a flipped bit): whoever edits a file can
 * recompute it. So every field is then checked as hostile — own properties only, dtypes from a
 * whitelist, whole in-bounds offsets and lengths, each array used once and all of them together no
 * larger than the file, no `__proto__`/`constructor`/`prototype` keys, bounded nesting — and any
 * failure is `E_MODEL_FILE` naming the file and the field path.
 */
export function decodeModel(buf: Buffer, source = 'model file'): StateValue {
  const bad = (path: string, why: string, details: Record<string, unknown> = {}): never => {
    // Keys come from the file: a path is cut in the middle if a crafted key makes it long.
    const field = path.length > 160 ? `${path.slice(0, 80)}…${path.slice(-79)}` : path;
    throw new ModelFileError(`${source}: ${field} ${why}; the file is damaged or was not written by trainyard — re-create it with 'trainyard run'`, {
      file: source,
      field,
      ...details,
    });
  };
  if (buf.length < 44 || !buf.subarray(0, 8).equals(MAGIC)) {
    throw new ModelFileError(`${source} is not a trainyard model file (bad magic bytes); save models with 'trainyard run'`, { file: source });
  }
  const body = buf.subarray(40);
  const sha = createHash('sha256').update(body).digest();
  if (!sha.equals(buf.subarray(8, 40))) {
    throw new ModelFileError(
      `${source}: checksum mismatch — the file was modified or truncated after it was saved; re-create it with 'trainyard run'`,
      { file: source, expected: buf.subarray(8, 40).toString('hex'), actual: sha.toString('hex') },
    );
  }
  const jsonLen = body.readUInt32LE(0);
  if (4 + jsonLen > body.length) bad('header length', `is ${jsonLen} bytes but only ${body.length - 4} follow it`, { value: jsonLen });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.subarray(4, 4 + jsonLen).toString('utf8'));
  } catch (e) {
    throw new ModelFileError(`${source}: header is not valid JSON (${(e as Error).message})`, { file: source });
  }
  if (!isPlainObject(parsed)) return bad('header', 'must be a JSON object');
  const envelope = parsed;
  for (const key of Object.keys(envelope)) if (FORBIDDEN_KEYS.has(key)) bad('header', `holds the key '${key}', which model files never contain`, { key });
  const format = own(envelope, 'format');
  if (format !== 'trainyard-model') throw new ModelFileError(`${source}: unknown format ${preview(format)}`, { file: source, field: 'format' });
  const version = own(envelope, 'formatVersion');
  if (version !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `${source}: model format version ${preview(version)} is not supported by this trainyard (reads version ${MODEL_FORMAT_VERSION}); upgrade trainyard or re-train`,
      { file: source, version: preview(version ?? null) },
    );
  }
  const binStart = 4 + jsonLen;
  const binLength = body.length - binStart;
  const rawEntries = own(envelope, 'arrays');
  if (!Array.isArray(rawEntries)) return bad('arrays', 'must be a list');
  const entries: ArrayEntry[] = [];
  let totalBytes = 0;
  rawEntries.forEach((e: unknown, k) => {
    const at = `arrays[${k}]`;
    if (!isPlainObject(e)) return bad(at, 'must be an object {dtype, offset, length}');
    const dtype = own(e, 'dtype');
    if (!isDType(dtype)) bad(`${at}.dtype`, `is ${dtype === undefined ? 'missing' : preview(dtype)}; expected one of ${Object.keys(DTYPES).join(', ')}`, { value: preview(dtype ?? null) });
    const offset = own(e, 'offset');
    const length = own(e, 'length');
    for (const [name, v] of [['offset', offset], ['length', length]] as const) {
      if (!Number.isSafeInteger(v) || (v as number) < 0) bad(`${at}.${name}`, `is ${v === undefined ? 'missing' : preview(v)}; expected a whole number >= 0`, { value: preview(v ?? null) });
    }
    const byteLen = (length as number) * DTYPES[dtype as DType].BYTES_PER_ELEMENT;
    if ((offset as number) > binLength) bad(`${at}.offset`, `is ${offset as number}, past the end of the file's ${binLength} bytes of arrays`, { value: offset });
    if (byteLen > binLength - (offset as number)) {
      bad(`${at}.length`, `(${length as number} × ${dtype as string} at offset ${offset as number}) runs past the end of the file's ${binLength} bytes of arrays`, { offset, length });
    }
    totalBytes += byteLen;
    if (totalBytes > binLength) bad('arrays', `together hold more bytes than the file's ${binLength} bytes of arrays (they overlap)`);
    entries.push({ dtype: dtype as DType, offset: offset as number, length: length as number });
  });
  const used = new Uint8Array(entries.length);

  // JSON.parse reads 1e999 as Infinity; the format writes non-finite numbers as {"$number": …} only.
  const finite = (x: number, path: () => string): number => (Number.isFinite(x) ? x : bad(path(), 'is a number too large for a model file'));
  const revive = (v: unknown, path: string, depth: number): StateValue => {
    if (depth > MAX_DEPTH) bad(path, `nests deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(v)) {
      // A copy (JSON.parse's arrays are plain and fresh anyway) in which only objects are replaced: a
      // list of a million ids needs no work, nor a path string, per entry.
      const out = v.slice() as StateValue[];
      for (let i = 0; i < out.length; i++) {
        const x = out[i];
        if (typeof x === 'number') {
          if (!Number.isFinite(x)) finite(x, () => `${path}[${i}]`);
        } else if (x !== null && typeof x === 'object') {
          out[i] = revive(x, `${path}[${i}]`, depth + 1);
        }
      }
      return out;
    }
    if (typeof v === 'number') return finite(v, () => path);
    if (v === null || typeof v !== 'object') return v as StateValue;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    for (const key of keys) if (FORBIDDEN_KEYS.has(key)) bad(path, `holds the key '${key}', which model files never contain`, { key });
    if (Object.prototype.hasOwnProperty.call(o, '$array')) {
      const ref = o.$array;
      if (keys.length !== 1 || !Number.isInteger(ref) || (ref as number) < 0 || (ref as number) >= entries.length) {
        bad(path, `is a bad array reference ${preview(o)}; expected {"$array": i} with i in 0..${entries.length - 1}`);
      }
      const k = ref as number;
      if (used[k]) bad(`arrays[${k}]`, `is referenced more than once (again at ${path})`);
      used[k] = 1;
      const entry = entries[k];
      const Ctor = DTYPES[entry.dtype];
      const start = binStart + entry.offset;
      const byteLen = entry.length * Ctor.BYTES_PER_ELEMENT;
      // Copy into a fresh, aligned buffer: the file buffer's offsets need not be aligned.
      const copy = new Uint8Array(byteLen);
      copy.set(body.subarray(start, start + byteLen));
      return new Ctor(copy.buffer) as StateValue;
    }
    if (Object.prototype.hasOwnProperty.call(o, '$number')) {
      const n = typeof o.$number === 'string' && keys.length === 1 ? NON_FINITE.get(o.$number) : undefined;
      if (n === undefined) bad(path, `is a bad number ${preview(o)}; expected {"$number": "NaN" | "Infinity" | "-Infinity"}`);
      return n as number;
    }
    const out: { [k: string]: StateValue } = {};
    for (const key of keys) out[key] = revive(o[key], `${path}.${key}`, depth + 1);
    recordPath(out, path === 'content' ? '' : path.slice('content.'.length));
    return out;
  };
  if (!Object.prototype.hasOwnProperty.call(envelope, 'content')) bad('content', 'is missing');
  const content = revive(envelope.content, 'content', 0);
  const unused = used.indexOf(0);
  if (unused >= 0) bad(`arrays[${unused}]`, 'is never referenced by the content');
  return content;
}

/** Writes atomically: a temp file then rename, so a crash never leaves a partial model. */
export function writeModelFile(path: string, content: StateValue): void {
  const bytes = encodeModel(content);
  const tmp = `${path}.tmp-${process.pid}`;
  ensureDir(dirname(path), 'choose a folder you can write for the model file');
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new IoError(`cannot write model file ${path}: ${(e as Error).message}`, { file: path });
  }
}

export function readModelFile(path: string): StateValue {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new IoError(`cannot read model file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path });
  }
  return decodeModel(buf, path);
}
