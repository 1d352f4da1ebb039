// Bundles the web dashboard (dashboard/: Preact + uPlot, TSX) into dist/server/dashboard/ with fixed
// names — index.html, app.js, app.css — which the server serves from a map read at start. Run by
// `npm run build` after tsc; no build step happens at run time and nothing is fetched from a CDN.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'server', 'dashboard');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(root, 'dashboard', 'src', 'main.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2020',
  format: 'iife',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  // The CSS imported by main.tsx (ours and uPlot's) lands in app.css beside app.js.
  loader: { '.css': 'css' },
});
copyFileSync(join(root, 'dashboard', 'index.html'), join(out, 'index.html'));
