/**
 * Load from `wrk` (https://github.com/wg/wrk): one request shape (method, path, headers, body — or a
 * path per request from a list), fixed connections and duration, latency percentiles from
 * `--latency`. The request is written to a Lua script in a temp folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One load figure. */
export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers plus socket errors (connect, read, write, timeout). */
  errors: number;
}

/** What to send. */
export interface WrkRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** GET only: paths (with query) picked in turn, one per request, instead of the URL's path. */
  paths?: string[];
}

/** Whether `wrk` is on the PATH. */
export function hasWrk(): boolean {
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return r.error === undefined;
}

const lua = (s: string): string => JSON.stringify(s); // a JSON string is a valid Lua string literal for our ASCII/UTF-8 text

function script(r: WrkRequest): string {
  const lines = [`wrk.method = ${lua(r.method ?? 'GET')}`];
  for (const [k, v] of Object.entries(r.headers ?? {})) lines.push(`wrk.headers[${lua(k)}] = ${lua(v)}`);
  if (r.body !== undefined) lines.push(`wrk.body = ${lua(r.body)}`);
  if (r.paths?.length) {
    lines.push(`local paths = { ${r.paths.map(lua).join(', ')} }`, 'local i = 0', 'request = function()', '  i = i % #paths + 1', '  return wrk.format(nil, paths[i])', 'end');
  }
  return `${lines.join('\n')}\n`;
}

function ms(v: string, unit: string): number {
  const x = Number(v);
  return unit === 'us' ? x / 1000 : unit === 's' ? x * 1000 : unit === 'm' ? x * 60_000 : x;
}

/** Parses wrk's report (with `--latency`). */
export function parseWrk(out: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !p50 || !p99 || !total) throw new Error(`could not read wrk's report:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = (non2xx ? Number(non2xx[1]) : 0) + (sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { requestsPerSecond: Number(rps[1]), p50Ms: ms(p50[1], p50[2]), p99Ms: ms(p99[1], p99[2]), requests: Number(total[1]), errors };
}

/**
 * Runs wrk with one thread (as the anchor was measured) for `seconds` at `connections`.
 *
 * @example
 * const r = await runWrk({ url: 'http://127.0.0.1:8080/predict', method: 'POST', body }, 32, 10);
 */
export async function runWrk(r: WrkRequest, connections: number, seconds: number): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ty-wrk-'));
  try {
    const file = join(dir, 'request.lua');
    writeFileSync(file, script(r));
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', file, r.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
    });
    return parseWrk(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
