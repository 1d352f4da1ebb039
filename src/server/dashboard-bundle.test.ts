/**
 * The built dashboard (scripts/build-dashboard.mjs → dist/server/dashboard/) is what the CSP and the
 * "works offline" promise need: an index.html without inline script or style that names only the
 * bundled files, uPlot's stylesheet inside app.css, and no URL of another host to load anything from.
 * (The browser test checks the same pages render under the server's real CSP.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../testing/paths.js';

const DIR = join(repoRoot, 'dist', 'server', 'dashboard');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

test('the dashboard build has index.html, app.js and app.css', () => {
  for (const name of ['index.html', 'app.js', 'app.css']) assert.ok(existsSync(join(DIR, name)), `${name} built (node scripts/build-dashboard.mjs)`);
});

test('index.html has no inline script, style or event handler and loads only the bundled files', () => {
  const html = read('index.html');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'every <script> has a src');
  assert.doesNotMatch(html, /<style/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(refs.filter((r) => r !== 'data:,').sort(), ['/assets/app.css', '/assets/app.js']);
});

test('app.css carries uPlot\'s stylesheet; neither bundle loads anything from another host', () => {
  const css = read('app.css');
  assert.match(css, /\.uplot\b/);
  assert.match(css, /\.u-legend\b/);
  assert.doesNotMatch(css, /@import|url\((?!["']?data:)/);
  // XML namespace names (SVG) are identifiers, not fetches; any other absolute URL would be.
  const urls = [...read('app.js').matchAll(/https?:\/\/[^"'`\s)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
  assert.deepEqual(urls, []);
});
