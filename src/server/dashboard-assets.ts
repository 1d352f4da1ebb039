/**
 * The dashboard's files (the esbuild output in `dist/server/dashboard/`), read once at start into a
 * fixed map of name → bytes and type. A request names a key of that map; nothing a client sends ever
 * becomes a path, so there is nothing to traverse.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file of the dashboard. */
export interface Asset {
  bytes: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where the build puts the dashboard: `dist/server/dashboard/`, beside this module. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('./dashboard/', import.meta.url));

/**
 * Reads the dashboard folder (top level and `assets/`, regular files only) into a map keyed by the
 * URL path below `/` (`index.html`, `assets/app.js`); an absent folder gives an empty map.
 *
 * @example
 * const assets = loadDashboardAssets(DEFAULT_DASHBOARD_DIR);
 * assets.get('index.html')?.type; // 'text/html; charset=utf-8'
 */
export function loadDashboardAssets(dir: string): Map<string, Asset> {
  const map = new Map<string, Asset>();
  const add = (sub: string): void => {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      return;
    }
    for (const name of names) {
      const file = join(dir, sub, name);
      const st = statSync(file, { throwIfNoEntry: false });
      if (st?.isFile()) map.set(sub ? `${sub}/${name}` : name, { bytes: readFileSync(file), type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream' });
    }
  };
  add('');
  add('assets');
  return map;
}
