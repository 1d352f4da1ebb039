/**
 * The 1M×40 synthetic binary set of anchors.md, generated once and cached under the OS temp folder
 * as raw files both runtimes read without parsing: X row-major little-endian float32 (already
 * standard-scaled with the training rows' statistics), y one uint8 per row.
 *
 * With Python it is scikit-learn's own `make_classification(..., random_state=7)`
 * (bench/python/make_synthetic.py), the exact set of the anchor table; without Python, trainyard's
 * seeded look-alike (`makeClassification`) with the same shape parameters stands in.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix } from '../core/matrix.js';
import { makeClassification } from '../testing/reference/synthetic-classification.js';
import { repoRoot } from '../testing/paths.js';
import { PYTHON } from './python-env.js';
import type { SyntheticTask } from './task-types.js';

/** The files of a generated synthetic set and who generated them. */
export interface SyntheticFiles {
  xFile: string;
  yFile: string;
  generator: 'sklearn' | 'trainyard';
}

/**
 * Returns the cached files, generating them first when missing.
 *
 * @example
 * const files = ensureSyntheticData(task, '/tmp/trainyard-bench', true);
 */
export function ensureSyntheticData(task: SyntheticTask, dir: string, usePython: boolean): SyntheticFiles {
  const generator = usePython ? 'sklearn' : 'trainyard';
  const stem = join(dir, `synthetic-${task.rows}x${task.cols}-train${task.trainRows}-rs7-${generator}`);
  const files: SyntheticFiles = { xFile: `${stem}.f32`, yFile: `${stem}.y.u8`, generator };
  if (existsSync(files.xFile) && existsSync(files.yFile)) return files;
  // Written under temporary names and renamed, so an interrupted run never leaves a half file cached.
  const tmpX = `${files.xFile}.tmp-${process.pid}`;
  const tmpY = `${files.yFile}.tmp-${process.pid}`;
  if (usePython) {
    const script = join(repoRoot, 'bench', 'python', 'make_synthetic.py');
    const r = spawnSync(PYTHON, [script, String(task.rows), String(task.cols), String(task.trainRows), tmpX, tmpY], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`make_synthetic.py failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  } else {
    writeTrainyardSynthetic(task, tmpX, tmpY);
  }
  renameSync(tmpX, files.xFile);
  renameSync(tmpY, files.yFile);
  return files;
}

function writeTrainyardSynthetic(task: SyntheticTask, xOut: string, yOut: string): void {
  const { X, y } = makeClassification({
    rows: task.rows,
    features: task.cols,
    informative: 20,
    redundant: 10,
    clustersPerClass: 4,
    flipY: 0.02,
    classSep: 0.8,
    seed: 7,
  });
  const d = task.cols;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < task.trainRows; i++) {
    for (let j = 0; j < d; j++) {
      const v = X.data[i * d + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  }
  const out = new Float32Array(task.rows * d);
  for (let j = 0; j < d; j++) {
    mean[j] /= task.trainRows;
    const sd = Math.sqrt(Math.max(0, sq[j] / task.trainRows - mean[j] * mean[j]));
    sq[j] = sd > 0 ? sd : 1;
  }
  for (let k = 0; k < out.length; k++) out[k] = (X.data[k] - mean[k % d]) / sq[k % d];
  writeFileSync(xOut, new Uint8Array(out.buffer));
  writeFileSync(yOut, Uint8Array.from(y));
}

/** Rows read per chunk: ~10 MB of float32, so reading never doubles the matrix in memory. */
const CHUNK_ROWS = 65_536;

/**
 * Reads rows `[start, start + count)` of a float32 file into a float64 `Matrix`, chunk by chunk.
 *
 * @example
 * const Xtrain = readFloat32Rows(files.xFile, 40, 0, 800_000);
 */
export function readFloat32Rows(file: string, cols: number, start: number, count: number): Matrix {
  const X = new Matrix(count, cols);
  const buf = Buffer.allocUnsafe(CHUNK_ROWS * cols * 4);
  const fd = openSync(file, 'r');
  try {
    for (let r = 0; r < count; r += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, count - r);
      const bytes = n * cols * 4;
      const got = readSync(fd, buf, 0, bytes, (start + r) * cols * 4);
      if (got !== bytes) throw new Error(`${file}: expected ${bytes} bytes at row ${start + r}, read ${got}`);
      const f32 = new Float32Array(buf.buffer, buf.byteOffset, n * cols);
      X.data.set(f32, r * cols);
    }
  } finally {
    closeSync(fd);
  }
  return X;
}

/**
 * Reads labels `[start, start + count)` of a uint8 file as float64 class indices.
 *
 * @example
 * const y = readUint8Labels(files.yFile, 0, 800_000);
 */
export function readUint8Labels(file: string, start: number, count: number): Float64Array {
  const buf = Buffer.alloc(count);
  const fd = openSync(file, 'r');
  try {
    const got = readSync(fd, buf, 0, count, start);
    if (got !== count) throw new Error(`${file}: expected ${count} labels at row ${start}, read ${got}`);
  } finally {
    closeSync(fd);
  }
  return Float64Array.from(buf);
}
