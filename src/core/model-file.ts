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
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IoError, ModelFileError } from './errors.js';
import type { StateValue } from './estimator.js';

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
  const json = JSON.stringify(content, function (this: unknown, _key, value) {
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

/** Decodes and verifies model file bytes; `source` names the file in errors. */
export function decodeModel(buf: Buffer, source = 'model file'): StateValue {
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
  let envelope: Envelope;
  try {
    envelope = JSON.parse(body.subarray(4, 4 + jsonLen).toString('utf8')) as Envelope;
  } catch (e) {
    throw new ModelFileError(`${source}: header is not valid JSON (${(e as Error).message})`, { file: source });
  }
  if (envelope.format !== 'trainyard-model') throw new ModelFileError(`${source}: unknown format '${String(envelope.format)}'`, { file: source });
  if (envelope.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `${source}: model format version ${envelope.formatVersion} is not supported by this trainyard (reads version ${MODEL_FORMAT_VERSION}); upgrade trainyard or re-train`,
      { file: source, version: envelope.formatVersion },
    );
  }
  const binStart = 4 + jsonLen;
  const revive = (v: unknown): StateValue => {
    if (Array.isArray(v)) return v.map(revive);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$array === 'number') {
        const entry = envelope.arrays[o.$array];
        const Ctor = entry && DTYPES[entry.dtype];
        if (!Ctor) throw new ModelFileError(`${source}: bad array reference ${o.$array}`, { file: source });
        const start = binStart + entry.offset;
        const byteLen = entry.length * Ctor.BYTES_PER_ELEMENT;
        if (start + byteLen > body.length) throw new ModelFileError(`${source}: array ${o.$array} runs past the end of the file`, { file: source });
        // Copy into a fresh, aligned buffer: the file buffer's offsets need not be aligned.
        const copy = new Uint8Array(byteLen);
        copy.set(body.subarray(start, start + byteLen));
        return new Ctor(copy.buffer) as StateValue;
      }
      if (typeof o.$number === 'string') return Number(o.$number);
      const out: { [k: string]: StateValue } = {};
      for (const [k, x] of Object.entries(o)) out[k] = revive(x);
      return out;
    }
    return v as StateValue;
  };
  return revive(envelope.content);
}

/** Writes atomically: a temp file then rename, so a crash never leaves a partial model. */
export function writeModelFile(path: string, content: StateValue): void {
  const bytes = encodeModel(content);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
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
