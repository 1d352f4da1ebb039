/**
 * Reads a DuckDB query result straight into typed arrays, column vector by column vector.
 *
 * The node-api's value accessors box every cell (and test validity with BigInt arithmetic), which
 * costs more than parsing the CSV itself at a million rows × 40 columns. Here the raw C vectors are
 * read through `@duckdb/node-bindings` (the package `@duckdb/node-api` is built on): a DOUBLE vector
 * is one `Float64Array.set` per 2048-row chunk, the validity mask is scanned a byte at a time, and
 * VARCHAR vectors (16-byte `duckdb_string_t`: length, then 12 inline bytes or a pointer) are decoded
 * straight into a dictionary encoder. Layout reference: duckdb/src/include/duckdb.h
 * (`duckdb_string_t`, `duckdb_vector_get_validity`).
 */
import { createRequire } from 'node:module';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StringEncoder, type RawColumn, type RawFloatColumn } from '../columns/raw-column.js';

type Bindings = typeof import('@duckdb/node-bindings');
// A CommonJS native addon: load it through require so its functions are real properties. It is resolved
// from @duckdb/node-api's own folder: the vectors read here must come from the very copy (and version)
// node-api was built on, which is its dependency, not ours.
const nodeApi = createRequire(import.meta.url).resolve('@duckdb/node-api');
const bindings = createRequire(nodeApi)('@duckdb/node-bindings') as Bindings;

/** How one result column is to be stored: as doubles (the SQL casts it to DOUBLE) or as text. */
export interface ColumnPlan {
  readonly name: string;
  readonly storage: 'float' | 'string';
  readonly hint: RawFloatColumn['hint'];
}

const decoder = new TextDecoder();

/** Runs `sql` (whose i-th column is DOUBLE or VARCHAR as `plans[i]` says) and returns raw columns. */
export async function readColumns(con: DuckDBConnection, sql: string, plans: readonly ColumnPlan[]): Promise<RawColumn[]> {
  // A materialized result lets DuckDB run the whole scan on all threads; fetching a streaming
  // result chunk by chunk was ~35% slower on the 1M×40 CSV benchmark.
  const result = await con.run(sql);
  const rows = result.rowCount;
  const floats = plans.map((p) => (p.storage === 'float' ? new Float64Array(rows) : null));
  const strings = plans.map((p) => (p.storage === 'string' ? new StringEncoder(rows) : null));
  let offset = 0;
  // fetchChunk hands over each chunk of the materialized result; getChunk would copy it first.
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const size = chunk.rowCount;
    for (let j = 0; j < plans.length; j++) {
      const vector = bindings.data_chunk_get_vector(chunk.chunk, j);
      const validity = bindings.vector_get_validity(vector, Math.ceil(size / 64) * 8) as Uint8Array | null;
      const f = floats[j];
      if (f) readDoubles(vector, validity, size, f, offset);
      else readStrings(vector, validity, size, strings[j]!);
    }
    offset += size;
  }
  return plans.map((p, j) => {
    const f = floats[j];
    if (f) return { storage: 'float', name: p.name, hint: p.hint, values: f };
    return strings[j]!.finish(p.name);
  });
}

/** Copies one DOUBLE vector into `out` at `offset`, NaN where the validity mask says missing. */
function readDoubles(vector: unknown, validity: Uint8Array | null, size: number, out: Float64Array, offset: number): void {
  const data = bindings.vector_get_data(vector as never, size * 8);
  out.set(new Float64Array(data.buffer, data.byteOffset, size), offset);
  if (validity) markMissing(validity, size, (i) => (out[offset + i] = NaN));
}

/** Calls `onMissing(i)` for every row whose validity bit is 0; all-valid bytes are skipped. */
function markMissing(validity: Uint8Array, size: number, onMissing: (i: number) => void): void {
  const bytes = Math.ceil(size / 8);
  for (let b = 0; b < bytes; b++) {
    const byte = validity[b];
    if (byte === 0xff) continue;
    for (let k = 0; k < 8; k++) {
      const i = b * 8 + k;
      if (i < size && (byte & (1 << k)) === 0) onMissing(i);
    }
  }
}

function readStrings(vector: unknown, validity: Uint8Array | null, size: number, out: StringEncoder): void {
  const data = bindings.vector_get_data(vector as never, size * 16);
  const view = new DataView(data.buffer, data.byteOffset, size * 16);
  for (let i = 0; i < size; i++) {
    if (validity && (validity[i >> 3] & (1 << (i & 7))) === 0) {
      out.push(null);
      continue;
    }
    const at = i * 16;
    const len = view.getUint32(at, true);
    const bytes =
      len <= 12
        ? new Uint8Array(data.buffer, data.byteOffset + at + 4, len)
        : bindings.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + at + 8, len);
    out.push(decodeUtf8(bytes));
  }
}

/** Short ASCII strings skip TextDecoder, whose per-call cost dominates for category labels. */
function decodeUtf8(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 24) {
    let s = '';
    for (let k = 0; k < n; k++) {
      const b = bytes[k];
      if (b >= 0x80) return decoder.decode(bytes);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes);
}

