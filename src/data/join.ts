/**
 * Integration of several sources: hash joins on key columns (build a hash table on the joined
 * source, probe with every main row — the classic hash join, e.g. Garcia-Molina, Ullman & Widom,
 * "Database Systems", §15.5). Missing keys never match, as in SQL.
 */
import path from 'node:path';
import { DataError } from '../core/errors.js';
import { Frame, type Column } from '../core/frame.js';
import { loadFrame } from './load-frame.js';
import type { JoinSpec, LoadReport, SourceSpec } from './source-spec.js';

/**
 * Loads `main`, then joins each source of `joins` onto it in order.
 *
 * @example
 * const { frame } = await loadAndJoin(
 *   { source: 'ratings.csv' },
 *   [{ source: { source: 'movies.csv' }, on: 'movieId', how: 'left' }],
 * );
 */
export async function loadAndJoin(main: SourceSpec, joins: JoinSpec[]): Promise<{ frame: Frame; report: LoadReport }> {
  const { frame: first, report } = await loadFrame(main);
  let frame = first;
  for (const j of joins) {
    const { frame: right, report: rightReport } = await loadFrame({ baseDir: main.baseDir, ...j.source });
    for (const [col, entry] of Object.entries(rightReport.coerced)) {
      report.coerced[col in report.coerced ? `${rightReport.source}:${col}` : col] = entry;
    }
    report.notes.push(...rightReport.notes);
    frame = joinFrames(frame, right, j.on, j.how ?? 'inner', report.notes);
  }
  report.rows = frame.nRows;
  return { frame, report };
}

/** Joins `right` onto `left` on the key columns `on` (same names in both frames). */
export function joinFrames(left: Frame, right: Frame, on: string | string[], how: 'inner' | 'left', notes: string[] = []): Frame {
  const keys = Array.isArray(on) ? on : [on];
  if (keys.length === 0) throw new DataError(`join of ${right.origin}: \`on\` names no key column; give at least one`);
  if (how !== 'inner' && how !== 'left') throw new DataError(`join of ${right.origin}: \`how\` must be 'inner' or 'left', got '${String(how)}'`);
  for (const k of keys) {
    for (const f of [left, right]) {
      if (!f.has(k)) {
        throw new DataError(`join key '${k}' is not a column of ${f.origin}; available columns: ${f.names.join(', ')}`, {
          origin: f.origin,
          column: k,
        });
      }
    }
  }
  const leftKeys = rowKeys(left, keys);
  const rightKeys = rowKeys(right, keys);

  // Hash table on the right side: head[key] = first row, next[row] = following row with that key.
  const head = new Map<string, number>();
  const next = new Int32Array(right.nRows).fill(-1);
  const tail = new Map<string, number>();
  for (let r = 0; r < right.nRows; r++) {
    const k = rightKeys[r];
    if (k === null) continue;
    const t = tail.get(k);
    if (t === undefined) head.set(k, r);
    else next[t] = r;
    tail.set(k, r);
  }

  const li = new GrowableInt32();
  const ri = new GrowableInt32();
  let matchedRows = 0;
  for (let l = 0; l < left.nRows; l++) {
    const k = leftKeys[l];
    let r = k === null ? undefined : head.get(k);
    if (r === undefined) {
      if (how === 'left') {
        li.push(l);
        ri.push(-1);
      }
      continue;
    }
    matchedRows++;
    for (; r !== -1; r = next[r]) {
      li.push(l);
      ri.push(r);
    }
  }
  if (matchedRows === 0) {
    throw new DataError(
      `join of ${right.origin} on [${keys.join(', ')}]: no key of ${left.origin} matches; ` +
        'check `on` and that both key columns hold the same values (e.g. 5 vs "005")',
      { origin: right.origin, keys },
    );
  }
  notes.push(`joined ${right.origin} on [${keys.join(', ')}] (${how}): ${matchedRows} of ${left.nRows} rows matched`);

  const leftIdx = li.finish();
  const rightIdx = ri.finish();
  const label = path.basename(right.origin).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]+/g, '_') || 'right';
  const taken = new Set(left.names);
  const columns: Column[] = left.take(leftIdx).columns.slice();
  for (const c of right.columns) {
    if (keys.includes(c.name)) continue;
    let name = c.name;
    if (taken.has(name)) {
      let k = 1;
      name = `${c.name}_${label}`;
      while (taken.has(name)) name = `${c.name}_${label}${++k}`;
      notes.push(`column '${c.name}' of ${right.origin} renamed to '${name}' (the main source already has one)`);
    }
    taken.add(name);
    columns.push({ ...takeOrMissing(c, rightIdx), name });
  }
  return new Frame(columns, left.origin);
}

/** The join key of every row as text (null when any key cell is missing). */
function rowKeys(frame: Frame, keys: string[]): (string | null)[] {
  const out = new Array<string | null>(frame.nRows).fill('');
  keys.forEach((k, pos) => {
    const c = frame.column(k);
    for (let i = 0; i < frame.nRows; i++) {
      if (out[i] === null) continue;
      let v: string | null;
      if (c.kind === 'numeric') v = Number.isNaN(c.values[i]) ? null : String(c.values[i]);
      else v = c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
      // \u001f (unit separator) cannot be confused with text inside one key cell in practice.
      out[i] = v === null ? null : pos === 0 ? v : `${out[i]}\u001f${v}`;
    }
  });
  return out;
}

function takeOrMissing(c: Column, idx: Int32Array): Column {
  if (c.kind === 'numeric') {
    const v = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) v[k] = idx[k] < 0 ? NaN : c.values[idx[k]];
    return { ...c, values: v };
  }
  const codes = new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) codes[k] = idx[k] < 0 ? -1 : c.codes[idx[k]];
  return { ...c, codes };
}

class GrowableInt32 {
  private a = new Int32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  finish(): Int32Array {
    return this.a.slice(0, this.n);
  }
}
