/**
 * Duplicate-row removal over typed columns: each row is hashed from its cells (numbers by their bit
 * pattern, dictionary cells by code), rows with equal hashes are compared cell by cell, and the
 * first occurrence is kept — pandas' `drop_duplicates(keep='first')`, where NaN equals NaN.
 */
import { Frame } from '../core/frame.js';

/**
 * Drops rows that repeat an earlier row in every column.
 *
 * @example
 * const { frame: clean, dropped } = dropDuplicateRows(frame);
 */
export function dropDuplicateRows(frame: Frame): { frame: Frame; dropped: number } {
  const n = frame.nRows;
  const hashes = rowHashes(frame);
  const seen = new Map<number, number[]>();
  const keep = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    const bucket = seen.get(h);
    if (bucket === undefined) {
      seen.set(h, [i]);
      keep[kept++] = i;
      continue;
    }
    if (bucket.some((j) => sameRow(frame, i, j))) continue;
    bucket.push(i);
    keep[kept++] = i;
  }
  if (kept === n) return { frame, dropped: 0 };
  return { frame: frame.take(keep.subarray(0, kept)), dropped: n - kept };
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function rowHashes(frame: Frame): Uint32Array {
  const h = new Uint32Array(frame.nRows).fill(2166136261);
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      for (let i = 0; i < h.length; i++) {
        const v = c.values[i];
        // All NaNs hash alike (they compare equal below); -0 hashes as 0.
        f64[0] = Number.isNaN(v) ? NaN : v === 0 ? 0 : v;
        h[i] = Math.imul(Math.imul(h[i] ^ u32[0], 16777619) ^ u32[1], 16777619);
      }
    } else {
      for (let i = 0; i < h.length; i++) h[i] = Math.imul(h[i] ^ (c.codes[i] + 1), 16777619);
    }
  }
  return h;
}

function sameRow(frame: Frame, a: number, b: number): boolean {
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      const x = c.values[a];
      const y = c.values[b];
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (c.codes[a] !== c.codes[b]) return false;
  }
  return true;
}
