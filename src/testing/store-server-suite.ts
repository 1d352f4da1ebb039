/**
 * The second half of the Store conformance suite: what the server and the registry commands use —
 * run listing (filters, sort, paging), tags and notes, deletion, model aliases and version metadata,
 * and API tokens. The SQLite and PostgreSQL test files call it beside `storeSuite`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorCode } from '../core/errors.js';
import { TrainyardError } from '../core/errors.js';
import { openStore } from '../tracking/store.js';
import type { Store } from '../tracking/store.js';
import { sampleRun, type StoreSuiteOptions } from './store-suite.js';

const HASH = (c: string) => c.repeat(64);

/** Asserts a rejection with `code` (and a message matching `re`). */
const fails = (code: ErrorCode, re?: RegExp) => (err: unknown) => {
  assert.ok(err instanceof TrainyardError, `expected a TrainyardError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  if (re) assert.match(err.message, re);
  return true;
};

/** Three finished runs with distinct names, times, durations and metrics, plus a running one. */
async function seed(store: Store): Promise<void> {
  await store.completeRun(sampleRun('r1', { name: 'churn', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:10:00Z', metrics: [{ key: 'f1', value: 0.5 }, { key: 'loss', value: 1, step: 0 }], model: { name: 'churn', artifact: 'model.tym', metrics: {} } }));
  await store.completeRun(sampleRun('r2', { name: 'churn', startedAt: '2026-01-02T00:00:00Z', finishedAt: '2026-01-02T00:01:00Z', metrics: [{ key: 'f1', value: 0.9 }], params: { 'best.model': 'svm' } }));
  await store.completeRun(sampleRun('r3', { name: 'ads', startedAt: '2026-01-03T00:00:00Z', finishedAt: '2026-01-03T00:05:00Z', metrics: [{ key: 'rmse', value: 2 }] }));
  await store.beginRun({ id: 'r4', name: 'ads', startedAt: '2026-01-04T00:00:00Z', spec: {}, specHash: 'h' });
}

export function storeServerSuite(label: string, opts: StoreSuiteOptions): void {
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const target = await opts.createTarget();
    const store = await openStore(target.location);
    try {
      await fn(store);
    } finally {
      await store.close();
      await target.dispose();
    }
  }
  const ids = (runs: { id: string }[]) => runs.map((r) => r.id);

  describe(label, { skip: opts.skip ?? false }, () => {
    test('listRuns carries tags, note, final metrics and the selected model; sorts by fields and metrics, pages and counts', () =>
      withStore(async (store) => {
        await seed(store);
        const [r4, r3, r2, r1] = await store.listRuns();
        assert.deepEqual([r4.id, r3.id, r2.id, r1.id], ['r4', 'r3', 'r2', 'r1']);
        assert.deepEqual(r1.metrics, { f1: 0.5 }, 'only final values (no step) are listed');
        assert.equal(r1.model, 'logreg');
        assert.equal(r2.model, 'svm');
        assert.equal(r4.model, null);
        assert.deepEqual(r1.tags, {});
        assert.equal(r1.note, null);
        assert.deepEqual(ids(await store.listRuns({ sort: 'metric:f1' })), ['r2', 'r1', 'r4', 'r3'], 'runs without the metric come last');
        assert.deepEqual(ids(await store.listRuns({ sort: 'metric:f1', order: 'asc' })), ['r1', 'r2', 'r3', 'r4'], 'ties broken by id in the same direction');
        assert.deepEqual(ids(await store.listRuns({ sort: 'duration', order: 'asc' })), ['r2', 'r3', 'r1', 'r4'], 'a running run has no duration');
        assert.deepEqual(ids(await store.listRuns({ sort: 'name', order: 'asc' })), ['r3', 'r4', 'r1', 'r2']);
        assert.deepEqual(ids(await store.listRuns({ limit: 2, offset: 1 })), ['r3', 'r2']);
        assert.deepEqual(ids(await store.listRuns({ offset: 3 })), ['r1']);
        assert.equal(await store.countRuns(), 4);
        assert.equal(await store.countRuns({ name: 'churn', limit: 1 }), 2, 'paging does not change the count');
        assert.equal(await store.countRuns({ status: 'running' }), 1);
      }));

    test('updateRun sets and removes tags and the note; listRuns filters by tag key and value', () =>
      withStore(async (store) => {
        await seed(store);
        await store.updateRun('r1', { tags: { team: 'growth', stage: 'dev' }, note: 'baseline' });
        await store.updateRun('r2', { tags: { team: 'core' } });
        await store.updateRun('r1', { tags: { stage: null, 'odd key ✓': "it's \"quoted\"" } });
        const r1 = await store.getRun('r1');
        assert.deepEqual(r1?.tags, { team: 'growth', 'odd key ✓': "it's \"quoted\"" });
        assert.equal(r1?.note, 'baseline');
        assert.deepEqual(ids(await store.listRuns({ tag: { key: 'team' } })), ['r2', 'r1']);
        assert.deepEqual(ids(await store.listRuns({ tag: { key: 'team', value: 'core' } })), ['r2']);
        assert.deepEqual(ids(await store.listRuns({ name: 'churn', tag: { key: 'team', value: 'growth' }, sort: 'metric:f1' })), ['r1']);
        assert.equal(await store.countRuns({ tag: { key: 'odd key ✓', value: "it's \"quoted\"" } }), 1);
        await store.updateRun('r1', { note: null });
        assert.equal((await store.getRun('r1'))?.note, null);
        await assert.rejects(store.updateRun('nope', { note: 'x' }), fails('E_NOT_FOUND', /nope/));
        await assert.rejects(store.updateRun('r1', { tags: { '': 'x' } }), fails('E_STORE', /tag name/));
        await assert.rejects(store.updateRun('r1', { tags: { a: 1 as unknown as string } }), fails('E_STORE', /string/));
        await assert.rejects(store.updateRun('r1', { tags: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v'])) }), fails('E_STORE', /at most 100/));
        await assert.rejects(store.listRuns({ sort: 'metric:' as 'name' }), fails('E_STORE', /sort/));
        await assert.rejects(store.listRuns({ offset: -1 }), fails('E_STORE', /offset/));
      }));

    test('deleteRun removes a run with everything recorded; refuses a running run and the lineage of a model version', () =>
      withStore(async (store) => {
        await seed(store);
        await store.updateRun('r3', { tags: { a: 'b' } });
        await store.putTaskResults([{ runId: 'r3', taskId: 't', attempt: 0, result: 1 }]);
        await store.deleteRun('r3');
        assert.equal(await store.getRun('r3'), null);
        assert.deepEqual(await store.getMetrics('r3'), []);
        assert.deepEqual(await store.listArtifacts('r3'), []);
        assert.deepEqual(await store.getTaskResults('r3'), []);
        assert.equal(await store.countRuns({ tag: { key: 'a' } }), 0);
        await assert.rejects(store.deleteRun('r4'), fails('E_CONFLICT', /running/));
        await assert.rejects(store.deleteRun('r1'), fails('E_CONFLICT', /model 'churn' version 1/));
        await assert.rejects(store.deleteRun('r3'), fails('E_NOT_FOUND'));
        assert.equal(await store.countRuns(), 3);
      }));

    test('the registry: versions carry lineage; aliases move, resolve and delete; version description and tags', () =>
      withStore(async (store) => {
        await store.completeRun(sampleRun('a', { specHash: 'spec-a', model: { name: 'churn', artifact: 'model.tym', metrics: { f1: 0.5 }, dataSha256: HASH('d') } }));
        await store.completeRun(sampleRun('b', { specHash: 'spec-b', model: { name: 'churn', artifact: 'model.tym', metrics: { f1: 0.7 } } }));
        await store.completeRun(sampleRun('c', { model: { name: 'ads', artifact: 'model.tym', metrics: {} } }));
        const [v1, v2] = await store.getModelVersions('churn');
        assert.deepEqual([v1.specHash, v1.dataSha256, v2.specHash, v2.dataSha256], ['spec-a', HASH('d'), 'spec-b', null]);
        assert.deepEqual([v1.description, v1.tags, v1.aliases], [null, {}, []]);

        await store.setModelAlias('churn', 'champion', 1);
        await store.setModelAlias('churn', 'challenger', 2);
        assert.equal((await store.resolveModelVersion('churn', { alias: 'champion' }))?.runId, 'a');
        await store.setModelAlias('churn', 'champion', 2); // moves
        assert.equal((await store.resolveModelVersion('churn', { alias: 'champion' }))?.version, 2);
        assert.deepEqual((await store.getModelVersions('churn')).map((v) => v.aliases), [[], ['challenger', 'champion']]);
        assert.equal((await store.resolveModelVersion('churn', { version: 1 }))?.runId, 'a');
        assert.equal(await store.resolveModelVersion('churn', { version: 9 }), null);
        assert.equal(await store.resolveModelVersion('churn', { alias: 'nope' }), null);
        assert.equal(await store.resolveModelVersion('unknown', { alias: 'champion' }), null);

        const models = await store.listModels();
        assert.deepEqual(models.map((m) => [m.name, m.latestVersion, m.aliases]), [['ads', 1, {}], ['churn', 2, { challenger: 2, champion: 2 }]]);
        assert.ok(Number.isFinite(Date.parse(models[1].updatedAt)));

        assert.equal(await store.deleteModelAlias('churn', 'challenger'), true);
        assert.equal(await store.deleteModelAlias('churn', 'challenger'), false);
        await store.updateModelVersion('churn', 1, { description: 'first cut', tags: { approved: 'yes', x: 'y' } });
        await store.updateModelVersion('churn', 1, { tags: { x: null } });
        const [u1] = await store.getModelVersions('churn');
        assert.deepEqual([u1.description, u1.tags], ['first cut', { approved: 'yes' }]);

        await assert.rejects(store.setModelAlias('churn', 'champion', 3), fails('E_NOT_FOUND', /no version 3/));
        await assert.rejects(store.setModelAlias('nope', 'champion', 1), fails('E_NOT_FOUND'));
        await assert.rejects(store.setModelAlias('churn', '7', 1), fails('E_STORE', /alias/));
        await assert.rejects(store.setModelAlias('churn', '../x', 1), fails('E_STORE', /alias/));
        await assert.rejects(store.setModelAlias('churn', 'ok', 1.5), fails('E_STORE', /whole number/));
        await assert.rejects(store.updateModelVersion('churn', 9, { description: 'x' }), fails('E_NOT_FOUND'));
        await assert.rejects(store.resolveModelVersion('churn', { version: 0 }), fails('E_STORE'));
      }));

    test('prediction logs: written in order, read newest first per model (and version), paged; bad records refused', () =>
      withStore(async (store) => {
        const at = '2026-12-06T07:00:00Z';
        await store.logPredictions([
          { model: 'churn', version: 1, kind: 'predict', loggedAt: at, request: { rows: [{ a: 1 }] }, response: { predictions: ['yes'], probabilities: [[0.2, 0.8]] } },
          { model: 'churn', version: 2, kind: 'predict', loggedAt: at, request: { rows: [{ a: 2 }] }, response: { predictions: ['no'] } },
          { model: 'recs', version: 1, kind: 'recommend', loggedAt: at, request: { user: 'u1', k: 2 }, response: { items: [{ item: 'i1', score: 0.5 }] } },
        ]);
        await store.logPredictions([{ model: 'churn', version: 1, kind: 'predict', loggedAt: at, request: 'a,b\n1,2\n', response: { predictions: [1.5] } }]);
        await store.logPredictions([]);
        const churn = await store.listPredictionLogs('churn');
        assert.deepEqual(churn.map((l) => [l.version, l.request]), [[1, 'a,b\n1,2\n'], [2, { rows: [{ a: 2 }] }], [1, { rows: [{ a: 1 }] }]]);
        assert.deepEqual(churn[2].response, { predictions: ['yes'], probabilities: [[0.2, 0.8]] });
        assert.equal(churn[2].loggedAt, '2026-12-06T07:00:00.000Z');
        assert.ok(churn[0].id > churn[1].id && churn[1].id > churn[2].id);
        assert.deepEqual((await store.listPredictionLogs('churn', { version: 1 })).map((l) => l.id), [churn[0].id, churn[2].id]);
        assert.deepEqual((await store.listPredictionLogs('churn', { limit: 1, before: churn[0].id })).map((l) => l.id), [churn[1].id]);
        assert.deepEqual((await store.listPredictionLogs('recs')).map((l) => l.kind), ['recommend']);
        assert.deepEqual(await store.listPredictionLogs('nope'), []);
        await assert.rejects(store.logPredictions([{ model: 'x', version: 0, kind: 'predict', loggedAt: at, request: {}, response: {} }]), fails('E_STORE', /whole number/));
        await assert.rejects(store.logPredictions([{ model: 'x', version: 1, kind: 'train' as 'predict', loggedAt: at, request: {}, response: {} }]), fails('E_STORE', /kind/));
        await assert.rejects(store.listPredictionLogs('churn', { limit: 0 }), fails('E_STORE', /limit/));
        await assert.rejects(store.listPredictionLogs('churn', { before: -1 }), fails('E_STORE', /before/));
      }));

    test('tokens: stored by hash, found while valid, names unique among valid tokens, revoked for good', () =>
      withStore(async (store) => {
        await store.createToken({ name: 'ci', scope: 'run', hash: HASH('a'), createdAt: '2026-12-06T00:00:00Z' });
        await store.createToken({ name: 'admin', scope: 'admin', hash: HASH('b'), createdAt: '2026-12-06T00:00:00Z' });
        assert.deepEqual(await store.findToken(HASH('a')), { name: 'ci', scope: 'run', createdAt: '2026-12-06T00:00:00.000Z', revokedAt: null });
        assert.equal(await store.findToken(HASH('c')), null);
        await assert.rejects(store.createToken({ name: 'ci', scope: 'read', hash: HASH('c'), createdAt: '2026-12-06T00:00:00Z' }), fails('E_CONFLICT', /revoke/));
        await assert.rejects(store.createToken({ name: 'other', scope: 'read', hash: HASH('a'), createdAt: '2026-12-06T00:00:00Z' }), fails('E_CONFLICT'));
        assert.equal(await store.revokeToken('ci'), true);
        assert.equal(await store.revokeToken('ci'), false);
        assert.equal(await store.findToken(HASH('a')), null, 'a revoked token is not found');
        await store.createToken({ name: 'ci', scope: 'read', hash: HASH('d'), createdAt: '2026-12-06T00:00:00Z' }); // the name is free again
        const list = await store.listTokens();
        assert.deepEqual(list.map((t) => [t.name, t.scope, t.revokedAt === null]), [['admin', 'admin', true], ['ci', 'run', false], ['ci', 'read', true]]);
        await assert.rejects(store.createToken({ name: 'x', scope: 'root' as 'admin', hash: HASH('e'), createdAt: '2026-12-06T00:00:00Z' }), fails('E_STORE', /scope/));
        await assert.rejects(store.createToken({ name: '../x', scope: 'read', hash: HASH('e'), createdAt: '2026-12-06T00:00:00Z' }), fails('E_STORE', /token name/));
        await assert.rejects(store.createToken({ name: 'x', scope: 'read', hash: 'plain-token', createdAt: '2026-12-06T00:00:00Z' }), fails('E_STORE', /sha256/));
      }));
  });
}
