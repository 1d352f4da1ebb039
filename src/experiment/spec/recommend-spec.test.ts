import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrown } from '../../testing/thrown.js';
import { repoRoot } from '../../testing/paths.js';
import { resolveRecommendSelection } from '../recommend/recommend-plan.js';
import { isRecommendSpec, validateRecommendSpec, type LoadedRecommendSpec } from './recommend-spec.js';
import { loadAnySpec, loadSpec } from './spec.js';

const base = {
  name: 'rec',
  task: 'recommend',
  data: { source: 'events.csv' },
  select: { candidates: [{ model: 'popularity' }] },
};

function loaded(over: Record<string, unknown> = {}): LoadedRecommendSpec {
  return { spec: validateRecommendSpec({ ...base, ...over }, 'rec.yaml'), baseDir: '.', file: 'rec.yaml' };
}

test('defaults: random split, grid search, k = 10, bootstrap 1000 × 95%', () => {
  const s = validateRecommendSpec(base, 'rec.yaml');
  assert.deepEqual(s.split, { method: 'random', test: 0.2, seed: 0, folds: 5, n: 1, singletons: 'train' });
  assert.equal(s.evaluate.k, 10);
  assert.deepEqual(s.evaluate.bootstrap, { samples: 1000, level: 0.95, seed: 0 });
});

test('schema errors name the key path', () => {
  const e1 = thrown(() => validateRecommendSpec({ ...base, split: { method: 'per_item' } }, 'rec.yaml'));
  assert.match(e1, /^E_SPEC: rec\.yaml: split\.method: .*stratified_by_item/);
  const e2 = thrown(() => validateRecommendSpec({ ...base, data: { source: 'x', dedup: 'last' } }, 'rec.yaml'));
  assert.match(e2, /^E_SPEC: rec\.yaml: data: .*\(dedup\)/);
  const e3 = thrown(() => validateRecommendSpec({ ...base, data: { source: 'x', minUserInteractions: 0 } }, 'rec.yaml'));
  assert.match(e3, /^E_SPEC: .*data\.minUserInteractions/);
});

test('unknown model → key path and the known recommenders', () => {
  const e = thrown(() => resolveRecommendSelection(loaded({ select: { candidates: [{ model: 'popularity' }, { model: 'bprr' }] } })));
  assert.match(e, /^E_SPEC: rec\.yaml: select\.candidates\[1\]\.model: unknown model 'bprr' — did you mean 'bpr'\?; known recommenders: .*popularity/);
});

test('unknown metric → key path and the known metric names', () => {
  const e = thrown(() => resolveRecommendSelection(loaded({ evaluate: { metrics: ['ndcg@10', 'ndgc@10'] } })));
  assert.match(e, /^E_SPEC: rec\.yaml: evaluate\.metrics\[1\]: recommender metric "ndgc@10" is not a recommender metric; valid forms: .*ndcg/);
  const e2 = thrown(() => resolveRecommendSelection(loaded({ select: { metric: 'auc', candidates: [{ model: 'popularity' }] } })));
  assert.match(e2, /^E_SPEC: rec\.yaml: select\.metric: /);
});

test('unknown parameter → key path of the parameter', () => {
  const e = thrown(() => resolveRecommendSelection(loaded({ select: { candidates: [{ model: 'popularity', params: { byy: 'count' } }] } })));
  assert.match(e, /^E_SPEC: rec\.yaml: select\.candidates\[0\]\.params\.byy: /);
});

test('a rating metric with a ranking-only candidate is refused before any work', () => {
  const e = thrown(() => resolveRecommendSelection(loaded({ select: { metric: 'rmse', candidates: [{ model: 'popularity' }] } })));
  assert.match(e, /^E_SPEC: rec\.yaml: select\.metric: 'rmse' needs predicted ratings, but select\.candidates\[0\] \(popularity\) only ranks items/);
});

test('selection metric defaults to ndcg@10 for ranking candidates; grids expand per candidate', () => {
  const sel = resolveRecommendSelection(loaded({ select: { candidates: [{ model: 'popularity', params: { by: ['count', 'weight'] } }] }, evaluate: { metrics: ['precision@5', 'coverage@10', 'mrr'] } }));
  assert.equal(sel.selection.name, 'ndcg@10');
  assert.equal(sel.selection.k, 10);
  assert.deepEqual(sel.configs.map((c) => c.params), [{ by: 'count' }, { by: 'weight' }]);
  assert.deepEqual(sel.taskMetrics.map((m) => m.name), ['ndcg@10', 'precision@5', 'coverage@10', 'mrr']);
  assert.equal(sel.evaluate[0].k, 5);
  assert.equal(sel.evaluate[2].k, 10, 'mrr without @k uses evaluate.k');
});

test('loadAnySpec dispatches on task: recommend; loadSpec stays tabular', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-spec-'));
  const file = join(dir, 'rec.yaml');
  writeFileSync(file, 'name: rec\ntask: recommend\ndata: { source: events.csv }\nselect: { candidates: [{ model: popularity }] }\n');
  const any = loadAnySpec(file);
  assert.ok(isRecommendSpec(any));
  assert.equal(any.spec.split.method, 'random');
  assert.match(thrown(() => loadSpec(file)), /recommend spec; load it with loadAnySpec/);
  // The tabular schema and its messages are unchanged.
  const tab = loadAnySpec(join(repoRoot, 'examples/online-shoppers/spec.yaml'));
  assert.ok(!isRecommendSpec(tab));
});

test('the two issue specs in examples/movielens validate as written', () => {
  for (const name of ['ranking', 'rating']) {
    const l = loadAnySpec(join(repoRoot, `examples/movielens/${name}.yaml`));
    assert.ok(isRecommendSpec(l));
    assert.equal(l.spec.data.source, '../shared/datasets/movielens-100k/u.data');
  }
});
