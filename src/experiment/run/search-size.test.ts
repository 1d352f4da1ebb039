import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, TRAINYARD_BIN, writeSpec } from '../../testing/cli.js';
import { repoRoot } from '../../testing/paths.js';
import { loadAnySpec, loadSpec, validateSpec } from '../spec/spec.js';
import type { LoadedRecommendSpec } from '../spec/recommend-spec.js';
import { resolveRecommendSelection } from '../recommend/recommend-plan.js';
import { checkSpecBeforeLoad } from '../tabular/plan.js';
import { MAX_GRID_CONFIGURATIONS, MAX_RUN_TASKS } from './search-size.js';

const TEN = (start: number, step: number): string => `[${Array.from({ length: 10 }, (_, i) => +(start + i * step).toPrecision(6)).join(', ')}]`;

/** `count` gradient-boosting parameters of ten valid values each: a grid of 10^count configurations. */
function boostingGrid(count: number): string {
  const params = [
    `maxIter: ${TEN(1, 1)}`,
    `learningRate: ${TEN(0.05, 0.05)}`,
    `maxLeafNodes: ${TEN(2, 1)}`,
    `minSamplesLeaf: ${TEN(1, 1)}`,
    `l2Regularization: ${TEN(0, 0.1)}`,
    `maxBins: ${TEN(16, 16)}`,
    `subsample: ${TEN(0.5, 0.05)}`,
    `colsampleBytree: ${TEN(0.5, 0.05)}`,
    `seed: ${TEN(0, 1)}`,
    `tol: ${TEN(1e-7, 1e-7)}`,
    `maxDepth: ${TEN(1, 1)}`,
    `nIterNoChange: ${TEN(1, 1)}`,
  ];
  assert.ok(count <= params.length);
  return `{ ${params.slice(0, count).join(', ')} }`;
}

function smallCsv(dir: string): string {
  const file = join(dir, 'small.csv');
  const lines = ['x,z,y'];
  for (let i = 0; i < 200; i++) lines.push(`${(i * 7) % 13},${(i * 5) % 11},${(i * 7) % 13 > 6 ? 1 : 0}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function spec(dir: string, candidates: string, search = '{ method: grid }', cv = 2): string {
  return writeSpec(
    dir,
    `name: grid-limits
data: { source: ${smallCsv(dir)}, target: y }
select:
  cv: ${cv}
  search: ${search}
  candidates:
${candidates}
`,
    `spec-${Math.random().toString(36).slice(2)}.yaml`,
  );
}

function run(args: string[]): { status: number | null; stderr: string; stdout: string; seconds: number } {
  const t0 = performance.now();
  // Bounded: before the limit, a 10^7 grid ran 30 s and more until the heap was exhausted.
  const r = spawnSync(process.execPath, [TRAINYARD_BIN, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, seconds: (performance.now() - t0) / 1000 };
}

test('a candidate grid of 10^7 configurations is refused from the spec alone, within a second, with E_SPEC naming it', () => {
  const dir = tempDir('ty-grid-');
  const loaded = loadSpec(spec(dir, `    - { model: logistic_regression, params: { C: [1] } }\n    - { model: gradient_boosting, params: ${boostingGrid(7)} }`));
  const t0 = performance.now();
  assert.throws(() => checkSpecBeforeLoad(loaded), (e: any) => {
    assert.equal(e.code, 'E_SPEC');
    assert.equal(e.details.path, 'select.candidates[1].params');
    assert.equal(e.details.size, 1e7);
    assert.match(e.message, /select\.candidates\[1\]\.params: the grid of 'gradient_boosting' has 10,000,000 configurations \(maxIter: 10 × .*\), more than the limit of 10,000 per candidate/);
    assert.match(e.message, /method: random, iterations/);
    return true;
  });
  assert.ok(performance.now() - t0 < 1000);
});

test('a grid of 10^20 is counted in floating point (no overflow) and reported as such', () => {
  const dir = tempDir('ty-grid-');
  const twenty = `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]`).join(', ')} }`;
  const loaded = loadSpec(spec(dir, `    - { model: logistic_regression, params: ${twenty} }`));
  assert.throws(() => checkSpecBeforeLoad(loaded), { code: 'E_SPEC', message: /has 1\.00e\+20 configurations/ });
});

test(`more than ${MAX_RUN_TASKS} tasks in a run (configurations × folds × nested) is E_SPEC naming the largest candidate`, () => {
  const dir = tempDir('ty-grid-');
  // 2 × 9,000 configurations × 3 folds × (1 + 2 outer folds) = 162,000 tasks; each grid alone is within the limit.
  const nine = `{ C: [${Array.from({ length: 90 }, (_, i) => i + 1).join(', ')}], tol: [${Array.from({ length: 100 }, (_, i) => (i + 1) * 1e-6).join(', ')}] }`;
  const nested = writeSpec(dir, `name: grid-limits
data: { source: ${smallCsv(dir)}, target: y }
select:
  cv: 3
  nested: { folds: 2 }
  candidates:
    - { model: logistic_regression, params: { C: [1, 2] } }
    - { model: logistic_regression, params: ${nine} }
    - { model: linear_svm, params: ${nine} }
`);
  assert.throws(() => checkSpecBeforeLoad(loadSpec(nested)), (e: any) => {
    assert.equal(e.code, 'E_SPEC');
    assert.equal(e.details.path, 'select.candidates[1]');
    assert.match(e.message, /18,002 configurations × 3 folds × \(1 \+ 2 nested outer folds\) = 162,018 tasks, more than the limit of 100,000 per run/);
    return true;
  });
  assert.equal(MAX_GRID_CONFIGURATIONS, 10_000);
});

test('a recommender grid over the limit is refused the same way', () => {
  const dir = tempDir('ty-grid-');
  const file = writeSpec(dir, `name: rec-grid
task: recommend
data: { source: ${join(dir, 'none.csv')}, columns: [user, item, rating] }
select:
  candidates:
    - { model: popularity }
    - { model: bpr, params: { factors: ${TEN(2, 1)}, epochs: ${TEN(1, 1)}, learningRate: ${TEN(0.01, 0.01)}, regularization: ${TEN(0.001, 0.001)}, seed: ${TEN(0, 1)} } }
`);
  assert.throws(() => resolveRecommendSelection(loadAnySpec(file) as LoadedRecommendSpec), { code: 'E_SPEC', message: /select\.candidates\[1\]\.params: the grid of 'bpr' has 100,000 configurations/ });
});

test('CLI: `run` with a 10^7 grid exits 2 at once with the E_SPEC; random search over a 10^12 grid runs', () => {
  const dir = tempDir('ty-grid-');
  const big = run(['run', spec(dir, `    - { model: gradient_boosting, params: ${boostingGrid(7)} }`), '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1']);
  assert.equal(big.status, 2, big.stderr);
  assert.match(big.stderr, /E_SPEC: .*select\.candidates\[0\]\.params: the grid of 'gradient_boosting' has 10,000,000 configurations/);
  assert.ok(big.seconds < 10, `took ${big.seconds} s`);

  const random = run(['run', spec(dir, `    - { model: gradient_boosting, params: ${boostingGrid(12)} }`, '{ method: random, iterations: 3, seed: 1 }'), '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
  assert.equal(random.status, 0, random.stderr);
  const out = JSON.parse(random.stdout.trim().split('\n').pop()!);
  assert.equal(out.best.model, 'gradient_boosting');
  assert.equal(typeof out.best.params.maxIter, 'number');
});

test('typos fail before the data is read, with the closest known name: model, parameter, metric', () => {
  const spec = (select: Record<string, unknown>, evaluate: Record<string, unknown> = {}) =>
    ({ spec: validateSpec({ name: 'typo', data: { source: '/nonexistent/never-read.csv', target: 'y' }, select, evaluate }), baseDir: '.', file: 'typo.yaml' });
  assert.throws(() => checkSpecBeforeLoad(spec({ candidates: [{ model: 'random_forrest' }] })), {
    code: 'E_SPEC',
    message: /^typo\.yaml: select\.candidates\[0\]\.model: unknown model 'random_forrest' — did you mean 'random_forest'\?/,
  });
  assert.throws(() => checkSpecBeforeLoad(spec({ candidates: [{ model: 'logistic_regression' }, { model: 'random_forest', params: { nEstimator: [10] } }] })), {
    code: 'E_SPEC',
    message: /^typo\.yaml: select\.candidates\[1\]\.params\.nEstimator: unknown parameter 'nEstimator' of random_forest — did you mean 'nEstimators'\?; valid parameters: .*nEstimators/,
  });
  assert.throws(() => checkSpecBeforeLoad(spec({ metric: 'rocauc', candidates: [{ model: 'logistic_regression' }] })), { code: 'E_SPEC', message: /select\.metric: unknown metric 'rocauc' — did you mean 'roc_auc'\?/ });
  assert.throws(() => checkSpecBeforeLoad(spec({ candidates: [{ model: 'logistic_regression' }] }, { metrics: ['f1', 'acuracy'] })), { code: 'E_SPEC', message: /evaluate\.metrics\[1\]: unknown metric 'acuracy' — did you mean 'accuracy'\?/ });
  // A name with no close match lists the known names only; an inherited name is no parameter either.
  assert.throws(() => checkSpecBeforeLoad(spec({ candidates: [{ model: 'xgboost' }] })), (e: Error) => /unknown model 'xgboost'; known models: /.test(e.message));
  assert.throws(() => checkSpecBeforeLoad(spec({ candidates: [{ model: 'logistic_regression', params: { toString: [1] } }] })), { code: 'E_SPEC', message: /unknown parameter 'toString' of logistic_regression/ });
  checkSpecBeforeLoad(spec({ metric: 'f1', candidates: [{ model: 'logistic_regression', params: { C: [0.1, 1], maxIter: 50 } }] }, { metrics: ['f1', 'roc_auc'] }));
});
