/**
 * Benchmark: load a deterministic numeric CSV into a `Frame` with `loadFrame`, and time pandas'
 * `read_csv(..., dtype='float32')` on the same file in the same run (only the read is timed, inside
 * Python). The CSV is generated once by DuckDB and cached in `dir`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadFrame } from '../data/load-frame.js';
import { repoRoot } from '../testing/paths.js';
import { PYTHON } from './python-env.js';

const run = promisify(execFile);

/** Options of `benchCsvLoad`. */
export interface CsvLoadBenchOptions {
  rows: number;
  cols: number;
  /** Folder for the cached CSV (keep it under /tmp: 1M×40 is ≈ 350 MB). */
  dir: string;
  /** Time pandas too (default true); false leaves `pandasSeconds` null. */
  python?: boolean;
}

/** Timings of one CSV-load benchmark; `ratio` = trainyard / pandas (below 1: trainyard is faster). */
export interface CsvLoadBenchResult {
  rows: number;
  cols: number;
  trainyardSeconds: number;
  pandasSeconds: number | null;
  ratio: number | null;
}

/**
 * Generates (or reuses) the CSV, loads it with `loadFrame` and with pandas, and returns both times.
 *
 * @example
 * const r = await benchCsvLoad({ rows: 1_000_000, cols: 40, dir: '/tmp/trainyard-bench' });
 */
export async function benchCsvLoad(opts: CsvLoadBenchOptions): Promise<CsvLoadBenchResult> {
  const file = await ensureCsv(opts);
  // Warm-up on a tiny file: DuckDB's library start-up and V8's compilation of the loader are paid
  // once per process, like `import pandas`, which the pandas timing leaves out too.
  const warm = path.join(opts.dir, 'warm-up.csv');
  if (!existsSync(warm)) await writeFile(warm, 'a,b\n1,2\n3,4\n');
  await loadFrame({ source: warm });
  const t0 = performance.now();
  const { frame } = await loadFrame({ source: file });
  const trainyardSeconds = (performance.now() - t0) / 1000;
  if (frame.nRows !== opts.rows || frame.columns.length !== opts.cols) {
    throw new Error(`bench CSV ${file} loaded as ${frame.nRows}×${frame.columns.length}, expected ${opts.rows}×${opts.cols}`);
  }
  const pandasSeconds = opts.python === false ? null : await timePandas(file);
  return {
    rows: opts.rows,
    cols: opts.cols,
    trainyardSeconds,
    pandasSeconds,
    ratio: pandasSeconds === null ? null : trainyardSeconds / pandasSeconds,
  };
}

/**
 * Writes `rows`×`cols` values in [-500, 500) with three decimals. Each value is a pure function of
 * (row, column) — a multiplicative hash — so the file is identical on every machine and run,
 * whatever order DuckDB's threads compute it in.
 */
async function ensureCsv({ rows, cols, dir }: CsvLoadBenchOptions): Promise<string> {
  const file = path.join(dir, `numeric-${rows}x${cols}.csv`);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const exprs = Array.from(
    { length: cols },
    // DECIMAL(9,3) prints exactly three decimals (no binary-fraction noise like -337.98699999999997).
    (_, j) => `CAST((((i * 2654435761 + ${j * 40503 + 1} * (i % 9973 + 1)) % 1000000) - 500000) / 1000 AS DECIMAL(9,3)) AS c${j}`,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const sqlPath = tmp.replace(/'/g, "''");
    await con.run(`COPY (SELECT ${exprs.join(', ')} FROM range(${rows}) t(i) ORDER BY i) TO '${sqlPath}' (FORMAT csv, HEADER true)`);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  await rename(tmp, file);
  return file;
}

/** Seconds pandas spends in read_csv, or null when python3/pandas is not available. */
async function timePandas(file: string): Promise<number | null> {
  if (!existsSync(PYTHON)) return null;
  const script = path.join(repoRoot, 'bench', 'python', 'read_csv.py');
  try {
    const { stdout } = await run(PYTHON, [script, file], { maxBuffer: 1 << 20 });
    const s = Number(stdout.trim());
    return Number.isFinite(s) ? s : null;
  } catch {
    return null;
  }
}
