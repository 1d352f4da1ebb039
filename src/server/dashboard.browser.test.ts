/**
 * The dashboard in a real browser against a real server: Debian's chromium driven by playwright-core
 * (Playwright's own browser download does not work here), `trainyard serve` started as a user would,
 * runs made beforehand by `trainyard run`. The scenario: log in with a token, find a run in the table,
 * open it and see its ROC curve drawn, compare two runs, move a model alias through the confirmation
 * dialog, look at the cluster, submit a spec and watch it finish, log out. Every page is saved as a
 * screenshot in TRAINYARD_SCREENSHOTS (default: a temp folder, printed as a diagnostic).
 *
 * Skipped with a message naming chromium when it is missing — except under CI=true, where it fails.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../testing/paths.js';
import { runCli, tempDir, TRAINYARD_BIN } from '../testing/cli.js';
import { isCi, probeService } from '../testing/test-services.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MODEL = 'dash-demo';

/** A noisy binary problem (400 rows, a categorical column), so curves and the matrix are not trivial. */
function demoCsv(): string {
  let s = 7;
  const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647);
  const lines = ['x1,x2,x3,colour,label'];
  for (let i = 0; i < 400; i++) {
    const [a, b, c] = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1];
    const colour = ['red', 'green', 'blue'][Math.floor(rnd() * 3)];
    const z = 1.5 * a - b + 0.5 * c + (colour === 'red' ? 0.4 : 0) + (rnd() - 0.5) * 1.4;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${colour},${z > 0 ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

function demoSpec(source: string, cs: string, extra = ''): string {
  return `name: ${MODEL}
data: { source: ${JSON.stringify(source)}, target: label }
split: { test: 0.25, stratify: true, seed: 0 }
select:
  cv: 3
  metric: f1
  candidates:
    - { model: logistic_regression, params: { C: ${cs} } }
${extra}`;
}

interface Fixture {
  dir: string;
  store: string;
  token: string;
  runs: string[];
  server: ChildProcess;
  url: string;
  shots: string;
  browser: Browser;
  page: Page;
  errors: string[];
}

let fx: Fixture | null = null;
let unavailable = false;
/** Started processes, kept apart from `fx` so that `after` ends them even when the set-up failed half-way. */
let serverProc: ChildProcess | null = null;
let browserProc: Browser | null = null;

/** Starts `trainyard serve --port 0` and resolves to its URL once it listens. */
function serve(args: string[]): Promise<{ server: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [TRAINYARD_BIN, 'serve', ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      server.kill('SIGKILL'); // a server that failed to start must not keep the test process alive
      reject(new Error(`trainyard serve ${why}:\n${err}`));
    };
    const timer = setTimeout(() => fail('did not start in 20 s'), 20_000);
    server.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1].replace(/\/$/, '') });
      } else if (/unexpected error|^trainyard: E_/m.test(err)) fail('failed');
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`trainyard serve exited (${code}):\n${err}`));
    });
  });
}

async function setUp(): Promise<Fixture> {
  const dir = tempDir('trainyard-dashboard-');
  const data = join(dir, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'demo.csv'), demoCsv());
  const store = join(dir, 'store.db');
  const out = join(dir, 'runs');

  const tok = runCli(['token', 'create', '--name', 'browser', '--scope', 'admin', '--store', store, '--json']);
  assert.equal(tok.status, 0, tok.stderr);
  const token = String(tok.json.token);

  // Two runs of the same experiment: two versions of one registered model, two searches to compare.
  const runs: string[] = [];
  for (const [i, cs] of ['[0.01, 0.1, 1]', '[0.03, 0.3, 3, 30]'].entries()) {
    const spec = join(dir, `spec-${i}.yaml`);
    writeFileSync(spec, demoSpec(join(data, 'demo.csv'), cs, i === 1 ? '    - { model: knn, params: { nNeighbors: [5, 15] } }\n' : ''));
    const r = runCli(['run', spec, '--store', store, '--out', out, '--workers', '1', '--json', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    runs.push(String(r.json.runId));
  }

  const { server, url } = await serve(['--store', store, '--port', '0', '--data-root', data, '--out', out, '--workers', '1']);
  serverProc = server;
  // The alias the scenario moves: champion → v1 (through the API, as a deploy script would).
  const res = await fetch(`${url}/api/v1/models/${MODEL}/aliases/champion`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: 1 }),
  });
  assert.equal(res.status, 200, await res.text());

  const shots = process.env.TRAINYARD_SCREENSHOTS ?? join(dir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  browserProc = browser;
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${String(e)}`));
  // Failed requests are listed with their URL; 401s are expected (the login page is reached through
  // one, the wrong token gets one) and so is a 404 of a run just submitted (not in the store yet).
  page.on('response', (r) => {
    if (r.status() >= 400 && r.status() !== 401 && !(r.status() === 404 && /\/api\/v1\/runs\/[^/]+$/.test(r.url()))) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { dir, store, token, runs, server, url, shots, browser, page, errors };
}

/** The fixture, or a skip (chromium missing outside CI). Every test starts with it. */
async function fixture(t: TestContext): Promise<Fixture | null> {
  if (unavailable) {
    t.skip(`chromium is not installed (${CHROMIUM}); install Debian's chromium (or set CHROMIUM_PATH) to run the browser tests`);
    return null;
  }
  assert.ok(fx, 'the browser fixture was not set up');
  return fx;
}

async function shot(f: Fixture, name: string, fullPage = true): Promise<void> {
  await f.page.waitForTimeout(150); // let uPlot and transitions settle
  await f.page.screenshot({ path: join(f.shots, `${name}.png`), fullPage });
}

before(async () => {
  const browser = await probeService('chromium', async () => accessSync(CHROMIUM, constants.X_OK));
  if (!browser.ok) {
    // CI installs chromium (.ci/run): a missing browser there is a broken set-up, not a skip.
    if (isCi()) throw new Error(`chromium is required under CI=true (${CHROMIUM}): ${browser.reason}`);
    unavailable = true;
    return;
  }
  assert.ok(existsSync(join(repoRoot, 'dist', 'server', 'dashboard', 'index.html')), 'the dashboard is not built: node scripts/build-dashboard.mjs');
  fx = await setUp();
}, { timeout: 90_000 });

after(async () => {
  await browserProc?.close().catch(() => undefined);
  const server = serverProc;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
});

test('login: a token opens a session; the runs table lists the runs made by trainyard run', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  t.diagnostic(`screenshots in ${f.shots}`);
  const { page } = f;
  const index = await page.goto(f.url);
  // The pages below render under the server's CSP: any blocked script or style would be a page error.
  assert.match(index?.headers()['content-security-policy'] ?? '', /script-src 'self'; style-src 'self'/);
  await page.locator('input[name=token]').waitFor();
  await shot(f, '01-login', false);
  await page.fill('input[name=token]', 'ty_wrong-token-wrong-token-wrong-token-wrong-to');
  await page.click('button[type=submit]');
  await page.locator('.alert-error').waitFor();
  await page.fill('input[name=token]', f.token);
  await page.click('button[type=submit]');
  for (const id of f.runs) await page.locator(`tr[data-run="${id}"]`).waitFor();
  const row = page.locator(`tr[data-run="${f.runs[0]}"]`);
  assert.equal(await row.locator('[data-status]').getAttribute('data-status'), 'finished');
  assert.match(await row.locator('.metric-cell').innerText(), /\d\.\d{3}\s+cv\.f1/);
  assert.match(await row.innerText(), /logistic_regression|knn/);
  await shot(f, '02-runs');
  // Filters are the server's: a name nothing matches empties the table, clearing it brings the runs back.
  await page.fill('[data-filter="name"]', 'no-such-run');
  await page.locator('.empty', { hasText: 'match these filters' }).waitFor();
  assert.match(page.url(), /#\/runs\?name=no-such-run$/);
  await page.fill('[data-filter="name"]', '');
  await page.locator(`tr[data-run="${f.runs[0]}"]`).waitFor();
  // Sorting by the metric column asks the server (sort=metric:cv.f1).
  const sorted = page.waitForResponse((r) => r.url().includes('sort=metric%3Acv.f1'));
  await page.click('[data-sort="metric:cv.f1"]');
  assert.equal((await sorted).status(), 200);
});

test('run page: leaderboard, confusion matrix, ROC curve drawn by uPlot, lineage, artifacts', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.click(`tr[data-run="${f.runs[0]}"] a.run-link`);
  await page.locator('#leaderboard tbody tr').first().waitFor();
  const roc = page.locator('[data-curve="roc"]');
  await roc.locator('.uplot canvas').waitFor();
  // The legend names the model's series with its AUC, and the chance diagonal.
  const legend = await roc.locator('.u-legend').innerText();
  assert.match(legend, /logistic_regression \(AUC 0\.\d{3}\)/);
  assert.match(legend, /Chance/);
  assert.ok((await roc.locator('.u-legend .u-series').count()) >= 2);
  await page.locator('[data-curve="pr"] .uplot canvas').waitFor();
  assert.equal(await page.locator('table.confusion td.cell').count(), 4);
  assert.equal(await page.locator('[data-lineage]').innerText().then((s) => s.replace(/\s+/g, ' ')), `${MODEL} v1`);
  assert.ok((await page.locator('.artifacts a[download]').count()) >= 2, 'model and report downloadable');
  const href = await page.locator('.artifacts a[download]').first().getAttribute('href');
  assert.match(href ?? '', new RegExp(`^/api/v1/runs/${f.runs[0]}/artifacts/[0-9a-f]+$`));
  await shot(f, '03-run');
  // The dark theme follows the system setting (charts are themed when drawn: reload).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await roc.locator('.uplot canvas').waitFor();
  await shot(f, '03-run-dark', false);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await page.locator('[data-tag-key]').waitFor();
  // Tags and note are saved with PATCH /runs/{id}.
  await page.fill('[data-tag-key]', 'reviewed');
  await page.keyboard.press('Enter');
  await page.fill('[data-note]', 'baseline for the demo');
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await page.click('.annotations button[type=submit]');
  assert.equal((await saved).status(), 200);
});

test('compare: two runs side by side, the best value per metric highlighted, charts drawn', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.goto(`${f.url}/#/runs`);
  for (const id of f.runs) await page.check(`tr[data-run="${id}"] input[type=checkbox]`);
  await page.click('[data-compare]');
  await page.locator('[data-metric="cv.f1"]').waitFor();
  assert.equal(await page.locator('[data-metric="cv.f1"] td.num').count(), 2);
  const cv = (await page.locator('[data-metric="cv.f1"] td.num').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
  const cvBest = (await page.locator('[data-metric="cv.f1"] [data-best]').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
  assert.ok(cvBest.length >= 1 && cvBest.every((v) => v === Math.max(...cv)), `the highest CV F1 is highlighted: ${cvBest} of ${cv}`);
  // Log loss: lower is better — the highlighted cell holds the smaller value.
  const logLoss = (await page.locator('[data-metric="test.logLoss"] td.num').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
  const lossBest = (await page.locator('[data-metric="test.logLoss"] [data-best]').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
  assert.ok(lossBest.length >= 1 && lossBest.every((v) => v === Math.min(...logLoss)), `the lowest log loss is highlighted: ${lossBest} of ${logLoss}`);
  await page.locator('[data-chart="Metric over runs"] canvas').waitFor();
  await page.locator('[data-chart="Parameter vs score"] canvas').waitFor();
  await page.locator('[data-chart="ROC curves"] canvas').waitFor();
  assert.equal(await page.locator('[data-chart="ROC curves"] .u-legend .u-series').count(), 3, 'two runs and chance');
  await shot(f, '04-compare');
});

test('models: moving an alias asks for confirmation, then points it at the chosen version', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.goto(`${f.url}/#/models`);
  await page.locator(`[data-model="${MODEL}"]`).waitFor();
  await shot(f, '05-models', false);
  await page.click(`[data-model="${MODEL}"]`);
  const select = page.locator('[data-alias-select="champion"]');
  await select.waitFor();
  assert.equal(await select.inputValue(), '1');
  await select.selectOption('2');
  await page.locator('[role=dialog]').waitFor();
  assert.match(await page.locator('[role=dialog]').innerText(), /version 2 instead of version 1/);
  await shot(f, '06-alias-confirm', false);
  await page.click('[data-confirm]');
  await page.locator('[role=dialog]').waitFor({ state: 'detached' });
  await page.locator('[data-version="2"] .alias', { hasText: '@champion' }).waitFor();
  assert.equal(await select.inputValue(), '2');
  const res = await fetch(`${f.url}/api/v1/models/${MODEL}`, { headers: { authorization: `Bearer ${f.token}` } });
  assert.equal(((await res.json()) as { aliases: Record<string, number> }).aliases.champion, 2);
  await shot(f, '07-model');
});

test('cluster: mode, queue and workers', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.goto(`${f.url}/#/cluster`);
  await page.locator('.kpi').first().waitFor();
  assert.match(await page.locator('.kpis').innerText(), /Mode\s+local/i);
  await shot(f, '08-cluster', false);
});

test('submit: validated as you type, submitted, watched live until finished', { timeout: 90_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.goto(`${f.url}/#/submit`);
  const editor = page.locator('[data-spec]');
  await editor.fill('name: broken\ndata: { source: /etc/passwd, target: label }\n');
  await page.locator('[data-valid="false"] .spec-errors li').first().waitFor();
  assert.ok((await page.locator('.err-path').count()) >= 1, 'errors show their path');
  assert.ok(await page.locator('[data-submit]').isDisabled());
  // Networks fitted for a few hundred epochs: a run of a few seconds, long enough to watch live.
  const slow = '    - { model: mlp, params: { hidden: [[128, 64]], epochs: [300, 600] } }\n';
  await editor.fill(demoSpec('demo.csv', '[0.1, 1, 10]', slow).replace(`name: ${MODEL}`, 'name: submitted-demo'));
  await page.locator('[data-valid="true"]').waitFor();
  await shot(f, '09-submit', false);
  await page.click('[data-submit]');
  await page.waitForURL(/#\/runs\/[^/]+$/);
  const id = decodeURIComponent(page.url().split('#/runs/')[1]);
  await page.locator('h1 [data-status]').waitFor();
  // The live panel: stage and task counter from the server-sent events, while the run runs.
  const live = page.locator('#live');
  await live.waitFor({ timeout: 10_000 });
  assert.match(await live.locator('[data-stage]').innerText(), /\w/);
  await page.locator('#live tbody tr').first().waitFor().catch(() => undefined); // fold scores, if the run is still in CV
  await shot(f, '10-live', false);
  const status = page.locator('h1 [data-status="finished"]');
  await status.waitFor({ timeout: 60_000 });
  await page.locator('[data-curve="roc"] .uplot canvas').waitFor();
  await shot(f, '11-submitted-run');
  const res = await fetch(`${f.url}/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${f.token}` } });
  assert.equal(((await res.json()) as { status: string }).status, 'finished');
});

test('logout returns to the login page; nothing went wrong in the page', { timeout: 60_000 }, async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const { page } = f;
  await page.click('[data-logout]');
  await page.locator('input[name=token]').waitFor();
  await page.reload();
  await page.locator('input[name=token]').waitFor();
  assert.deepEqual(f.errors, []);
});
