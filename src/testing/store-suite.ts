/**
 * The conformance suite every Store implementation passes: the SQLite and PostgreSQL test files call
 * `storeSuite` with a factory of fresh, empty locations, so both back-ends are held to the same behaviour.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { StoreError } from '../core/errors.js';
import { SCHEMA_VERSION } from '../tracking/schema.js';
import { BLOB_PART_BYTES } from '../tracking/records.js';
import { newRunId, openStore } from '../tracking/store.js';
import type { CompletedRun, Store } from '../tracking/store.js';

/** One fresh, empty store location for one test. */
export interface StoreTestTarget {
  location: string;
  /** Overwrites the schema version recorded in the store (to test refusal of newer stores). */
  setSchemaVersion(version: number): Promise<void>;
  /** Runs SQL statements on the store's database, `{s}` standing for the table prefix (`''` or `"schema".`). */
  exec(statements: string[]): Promise<void>;
  /** Removes everything the test created. */
  dispose(): Promise<void>;
}

/** How the suite gets locations; `skip` (a reason) skips the whole suite. */
export interface StoreSuiteOptions {
  createTarget(): Promise<StoreTestTarget>;
  skip?: string;
}

/** What migrations 5 (tags, notes, aliases, lineage, tokens), 6 (blob parts) and 7 (prediction logs) add, removed again: a store of version 4. */
const UNDO_MIGRATION_5 = [
  'DROP TABLE {s}prediction_logs',
  'DROP TABLE {s}blob_parts',
  'DROP TABLE {s}tokens',
  'DROP TABLE {s}model_aliases',
  'DROP TABLE {s}model_version_tags',
  'DROP TABLE {s}run_tags',
  'ALTER TABLE {s}runs DROP COLUMN note',
  'ALTER TABLE {s}model_versions DROP COLUMN spec_hash',
  'ALTER TABLE {s}model_versions DROP COLUMN data_sha256',
  'ALTER TABLE {s}model_versions DROP COLUMN description',
];

const SPEC = { data: { path: 'churn.csv', target: 'Churn' }, select: { candidates: [{ model: 'logreg', C: [0.1, 1] }] } };

/** A complete run record with sensible defaults, for tests. */
export function sampleRun(id: string, over: Partial<CompletedRun> = {}): CompletedRun {
  return {
    id,
    name: 'churn',
    status: 'finished',
    startedAt: '2026-11-27T03:15:00.000Z',
    finishedAt: '2026-11-27T03:16:30.250Z',
    spec: SPEC,
    specHash: 'abc123',
    params: { 'best.model': 'logreg', 'best.C': 1, 'best.penalty': null, 'grid.C': [0.1, 1], 'cv.shuffle': true },
    metrics: [
      { key: 'loss', value: 0.9, step: 0 },
      { key: 'loss', value: 0.5, step: 1 },
      { key: 'loss', value: 0.25, step: 2 },
      { key: 'rocAucScore', value: 0.8125 },
    ],
    artifacts: [
      { name: 'model.tym', contentType: 'application/octet-stream', bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)) },
      { name: 'report.json', contentType: 'application/json', bytes: Buffer.from('{"ok":true}') },
    ],
    ...over,
  };
}

/** Registers the shared Store tests under `describe(label)`. */
export function storeSuite(label: string, opts: StoreSuiteOptions): void {
  /** Runs `fn` with a store on a fresh location, closing and disposing whatever happens. */
  async function withStore(fn: (store: Store, target: StoreTestTarget) => Promise<void>): Promise<void> {
    const target = await opts.createTarget();
    const store = await openStore(target.location);
    try {
      await fn(store, target);
    } finally {
      await store.close();
      await target.dispose();
    }
  }
  const isStoreError = (re?: RegExp) => (err: unknown) => {
    assert.ok(err instanceof StoreError, `expected a StoreError, got ${String(err)}`);
    assert.equal(err.code, 'E_STORE');
    if (re) assert.match(err.message, re);
    return true;
  };

  describe(label, { skip: opts.skip ?? false }, () => {
    test('beginRun records a running run at once, visible to a second store on the same location', () =>
      withStore(async (store, target) => {
        const id = newRunId();
        await store.beginRun({ id, name: 'churn', startedAt: '2026-11-27T03:15:00Z', spec: SPEC, specHash: 'h1' });
        const other = await openStore(target.location);
        try {
          const run = await other.getRun(id);
          assert.deepEqual(run, { id, name: 'churn', status: 'running', startedAt: '2026-11-27T03:15:00.000Z', finishedAt: null, specHash: 'h1', spec: SPEC, params: {}, tags: {}, note: null, metrics: {}, model: null });
        } finally {
          await other.close();
        }
        assert.equal(await store.getRun('no-such-run'), null);
        await assert.rejects(store.beginRun({ id, name: 'x', startedAt: '2026-11-27T03:15:00Z', spec: null, specHash: '' }), isStoreError(/already exists/));
      }));

    test('blobs are content-addressed: idempotent put, exact get, wrong hash refused', () =>
      withStore(async (store) => {
        const bytes = Buffer.from('snapshot bytes \u0000\u00ff', 'utf8');
        const sha = createHash('sha256').update(bytes).digest('hex');
        assert.equal(await store.getBlob(sha), null);
        await store.putBlob(sha, bytes);
        await store.putBlob(sha, bytes);
        assert.deepEqual(await store.getBlob(sha), bytes);
        await assert.rejects(store.putBlob(sha, Buffer.from('other')), isStoreError(/hash to/));
        const empty = Buffer.alloc(0);
        const emptySha = createHash('sha256').update(empty).digest('hex');
        await store.putBlob(emptySha, empty);
        assert.deepEqual(await store.getBlob(emptySha), empty);
      }));

    test('a blob larger than one stored part (64 MiB) is split and reassembled exactly', () =>
      withStore(async (store) => {
        // 2 parts and a bit: the 1 GB value limit of both databases is passed the same way, part by part.
        const bytes = Buffer.allocUnsafe(BLOB_PART_BYTES * 2 + 12_345);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
        const sha = createHash('sha256').update(bytes).digest('hex');
        await store.putBlob(sha, bytes);
        await store.putBlob(sha, bytes);
        const back = await store.getBlob(sha);
        assert.equal(back?.length, bytes.length);
        assert.ok(back?.equals(bytes), 'the reassembled bytes equal the stored ones');
      }));

    test('completeRun round-trips params, metric curves, artifacts and the model version', () =>
      withStore(async (store) => {
        const id = newRunId();
        const run = sampleRun(id, { model: { name: 'churn-model', artifact: 'model.tym', metrics: { rocAucScore: 0.8125 } } });
        await store.beginRun({ id, name: run.name, startedAt: run.startedAt, spec: run.spec, specHash: run.specHash });
        await store.completeRun(run);
        const got = await store.getRun(id);
        assert.deepEqual(got, { id, name: 'churn', status: 'finished', startedAt: run.startedAt, finishedAt: run.finishedAt, specHash: 'abc123', spec: SPEC, params: run.params, tags: {}, note: null, metrics: { rocAucScore: 0.8125 }, model: 'logreg' });
        assert.deepEqual(await store.getMetrics(id), run.metrics);
        assert.deepEqual(await store.getMetrics(id, 'loss'), run.metrics.slice(0, 3));
        assert.deepEqual(await store.getMetrics(id, 'nope'), []);
        const list = await store.listArtifacts(id);
        assert.deepEqual(list, run.artifacts.map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.length, sha256: createHash('sha256').update(a.bytes).digest('hex') })));
        const model = await store.getArtifact(id, 'model.tym');
        assert.ok(model && Buffer.isBuffer(model.bytes));
        assert.deepEqual(model, { contentType: 'application/octet-stream', bytes: run.artifacts[0].bytes });
        assert.equal(await store.getArtifact(id, 'missing'), null);
        const versions = await store.getModelVersions('churn-model');
        assert.equal(versions.length, 1);
        assert.deepEqual(
          { ...versions[0], createdAt: undefined },
          { version: 1, runId: id, artifact: 'model.tym', metrics: { rocAucScore: 0.8125 }, createdAt: undefined, specHash: 'abc123', dataSha256: null, description: null, tags: {}, aliases: [] },
        );
        assert.ok(Math.abs(Date.parse(versions[0].createdAt) - Date.now()) < 60_000, versions[0].createdAt);
        assert.deepEqual(await store.getModelVersions('unknown'), []);
      }));

    test('a failed run keeps its error; NaN, infinities and an empty artifact survive', () =>
      withStore(async (store) => {
        const id = newRunId();
        const metrics = [{ key: 'loss', value: NaN, step: 3 }, { key: 'gap', value: Infinity }, { key: 'low', value: -Infinity }, { key: 'tiny', value: 5e-324 }];
        await store.completeRun(sampleRun(id, { status: 'failed', error: { code: 'E_DATA', message: "column 'x' has NaN" }, metrics, artifacts: [{ name: 'empty', contentType: 'text/plain', bytes: Buffer.alloc(0) }] }));
        const run = await store.getRun(id);
        assert.equal(run?.status, 'failed');
        assert.deepEqual(run?.error, { code: 'E_DATA', message: "column 'x' has NaN" });
        assert.deepEqual(await store.getMetrics(id), metrics);
        assert.deepEqual(await store.getArtifact(id, 'empty'), { contentType: 'text/plain', bytes: Buffer.alloc(0) });
      }));

    test('a run is completed once', () =>
      withStore(async (store) => {
        const id = newRunId();
        await store.completeRun(sampleRun(id));
        await assert.rejects(store.completeRun(sampleRun(id, { metrics: [], artifacts: [] })), isStoreError(/already finished/));
        assert.equal((await store.getMetrics(id)).length, 4);
      }));

    test('a completeRun that fails mid-way leaves nothing of that completion', () =>
      withStore(async (store) => {
        const id = newRunId();
        await store.beginRun({ id, name: 'churn', startedAt: '2026-11-27T03:15:00.000Z', spec: SPEC, specHash: 'abc123' });
        const bytes = Buffer.from('v1');
        const dup = sampleRun(id, {
          artifacts: [{ name: 'a.bin', contentType: 'x', bytes }, { name: 'b.bin', contentType: 'x', bytes }, { name: 'a.bin', contentType: 'x', bytes }],
          model: { name: 'churn-model', artifact: 'a.bin', metrics: {} },
        });
        await assert.rejects(store.completeRun(dup), isStoreError(/artifact named 'a\.bin'/));
        // A model pointing at an artifact the run lacks fails after params, metrics and artifacts were inserted.
        await assert.rejects(store.completeRun(sampleRun(id, { model: { name: 'churn-model', artifact: 'nope', metrics: {} } })), isStoreError(/artifact 'nope'/));
        const run = await store.getRun(id);
        assert.equal(run?.status, 'running');
        assert.equal(run?.finishedAt, null);
        assert.deepEqual(run?.params, {});
        assert.deepEqual(await store.getMetrics(id), []);
        assert.deepEqual(await store.listArtifacts(id), []);
        assert.deepEqual(await store.getModelVersions('churn-model'), []);
        // The run can still be completed properly, and the registry did not burn a version number.
        await store.completeRun(sampleRun(id, { model: { name: 'churn-model', artifact: 'model.tym', metrics: {} } }));
        assert.equal((await store.getRun(id))?.status, 'finished');
        assert.deepEqual((await store.getModelVersions('churn-model')).map((v) => v.version), [1]);
      }));

    test('invalid records are refused with a StoreError before anything is written', () =>
      withStore(async (store) => {
        const id = newRunId();
        await assert.rejects(store.completeRun(sampleRun(id, { metrics: [{ key: 'loss', value: '0.5' as unknown as number }] })), isStoreError(/must be a number, got "0.5"/));
        await assert.rejects(store.completeRun(sampleRun(id, { metrics: [{ key: 'loss', value: 1, step: 1.5 }] })), isStoreError(/step/));
        await assert.rejects(store.completeRun(sampleRun(id, { finishedAt: 'yesterday' })), isStoreError(/ISO 8601.*"yesterday"/));
        await assert.rejects(store.completeRun(sampleRun(id, { status: 'running' as 'finished' })), isStoreError(/'finished' or 'failed'/));
        await assert.rejects(store.beginRun({ id: '', name: 'x', startedAt: '2026-01-01T00:00:00Z', spec: null, specHash: '' }), isStoreError(/run\.id/));
        await assert.rejects(store.listRuns({ limit: 0 }), isStoreError(/limit/));
        assert.equal(await store.getRun(id), null);
      }));

    test('model versions count up per name across runs', () =>
      withStore(async (store) => {
        for (let i = 0; i < 3; i++) {
          await store.completeRun(sampleRun(`run-a${i}`, { model: { name: 'alpha', artifact: 'model.tym', metrics: { f1Score: i / 10 } } }));
        }
        await store.completeRun(sampleRun('run-b', { model: { name: 'beta', artifact: 'report.json', metrics: {} } }));
        const alpha = await store.getModelVersions('alpha');
        assert.deepEqual(alpha.map((v) => [v.version, v.runId, v.metrics.f1Score]), [[1, 'run-a0', 0], [2, 'run-a1', 0.1], [3, 'run-a2', 0.2]]);
        assert.deepEqual((await store.getModelVersions('beta')).map((v) => [v.version, v.artifact]), [[1, 'report.json']]);
      }));

    test('concurrent registrations from two stores get distinct versions', () =>
      withStore(async (store, target) => {
        const other = await openStore(target.location);
        try {
          const jobs = Array.from({ length: 12 }, (_, i) => (i % 2 ? store : other).completeRun(sampleRun(`run-${i}`, { model: { name: 'm', artifact: 'model.tym', metrics: {} } })));
          await Promise.all(jobs);
        } finally {
          await other.close();
        }
        const versions = await store.getModelVersions('m');
        assert.deepEqual(versions.map((v) => v.version), Array.from({ length: 12 }, (_, i) => i + 1));
        assert.equal(new Set(versions.map((v) => v.runId)).size, 12);
      }));

    test('putTaskResults: the first result per (runId, taskId) wins, within a batch and across batches', () =>
      withStore(async (store) => {
        const id = newRunId();
        await store.beginRun({ id, name: 'churn', startedAt: '2026-11-27T03:15:00Z', spec: SPEC, specHash: 'h' });
        assert.deepEqual(await store.putTaskResults([]), []);
        assert.deepEqual(
          await store.putTaskResults([
            { runId: id, taskId: 'fold-0', attempt: 1, result: { score: 0.75, n: [1, 2] } },
            { runId: id, taskId: 'fold-1', attempt: 1, result: 0.5 },
            { runId: id, taskId: 'fold-0', attempt: 1, result: { score: 0.2 } },
          ]),
          [true, true, false],
        );
        assert.deepEqual(
          await store.putTaskResults([
            { runId: id, taskId: 'fold-2', attempt: 2, result: 'two' },
            { runId: id, taskId: 'fold-0', attempt: 2, result: { score: 0.1 } },
          ]),
          [true, false],
        );
        const results = await store.getTaskResults(id);
        assert.deepEqual(results.map((r) => [r.runId, r.taskId, r.attempt, r.result]), [[id, 'fold-0', 1, { score: 0.75, n: [1, 2] }], [id, 'fold-1', 1, 0.5], [id, 'fold-2', 2, 'two']]);
        assert.ok(results.every((r) => Number.isFinite(Date.parse(r.createdAt))));
        assert.deepEqual(await store.getTaskResults('other'), []);
        await assert.rejects(store.putTaskResults([{ runId: 'no-such-run', taskId: 't', attempt: 1, result: 1 }]), isStoreError(/task 't': run 'no-such-run' does not exist; call beginRun/));
        // A batch is one transaction: a bad record stores none of it.
        await assert.rejects(store.putTaskResults([{ runId: id, taskId: 'fold-3', attempt: 1, result: 3 }, { runId: id, taskId: 't', attempt: -1, result: 1 }]), isStoreError(/attempt/));
        await assert.rejects(store.putTaskResults([{ runId: id, taskId: 'fold-3', attempt: 1, result: 3 }, { runId: 'no-such-run', taskId: 't', attempt: 1, result: 1 }]), isStoreError(/2 tasks \(first 'fold-3'\)/));
        assert.equal((await store.getTaskResults(id)).length, 3);
        // Big batches (a PostgreSQL statement takes at most 65,535 parameters), texts that need quoting in arrays.
        const many = Array.from({ length: 20_000 }, (_, i) => ({ runId: id, taskId: `big-${i}`, attempt: 1, result: { text: `"quoted", \\ {braced} ${i}` } }));
        assert.ok((await store.putTaskResults(many)).every(Boolean));
        const stored = (await store.getTaskResults(id)).slice(3);
        assert.deepEqual(stored.map((r) => [r.taskId, r.result]), many.map((r) => [r.taskId, r.result]));
      }));

    test('concurrent putTaskResults with the same key store exactly one', () =>
      withStore(async (store, target) => {
        const id = newRunId();
        await store.beginRun({ id, name: 'churn', startedAt: '2026-11-27T03:15:00Z', spec: SPEC, specHash: 'h' });
        const other = await openStore(target.location);
        let stored: boolean[];
        try {
          stored = (await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).putTaskResults([{ runId: id, taskId: 'fold-3', attempt: i, result: { worker: i } }])))).flat();
        } finally {
          await other.close();
        }
        assert.equal(stored.filter(Boolean).length, 1);
        const results = await store.getTaskResults(id);
        assert.equal(results.length, 1);
        const winner = stored.indexOf(true);
        assert.deepEqual([results[0].attempt, results[0].result], [winner, { worker: winner }]);
      }));

    test('listRuns filters by name and status, newest first, with a limit', () =>
      withStore(async (store) => {
        const at = (m: number) => `2026-11-27T03:${String(m).padStart(2, '0')}:00.000Z`;
        await store.completeRun(sampleRun('r1', { name: 'a', startedAt: at(1) }));
        await store.completeRun(sampleRun('r2', { name: 'b', startedAt: at(2), status: 'failed', error: { code: 'E_DATA', message: 'bad' } }));
        await store.beginRun({ id: 'r3', name: 'a', startedAt: at(3), spec: {}, specHash: 'h3' });
        await store.completeRun(sampleRun('r4', { name: 'a', startedAt: at(4) }));
        assert.deepEqual((await store.listRuns()).map((r) => r.id), ['r4', 'r3', 'r2', 'r1']);
        assert.deepEqual((await store.listRuns({ name: 'a' })).map((r) => r.id), ['r4', 'r3', 'r1']);
        assert.deepEqual((await store.listRuns({ status: 'running' })).map((r) => r.id), ['r3']);
        assert.deepEqual((await store.listRuns({ name: 'a', status: 'finished', limit: 1 })).map((r) => r.id), ['r4']);
        assert.deepEqual(await store.listRuns({ name: 'zzz' }), []);
        const [r3] = await store.listRuns({ status: 'running' });
        assert.deepEqual(r3, { id: 'r3', name: 'a', status: 'running', startedAt: at(3), finishedAt: null, specHash: 'h3', tags: {}, note: null, metrics: {}, model: null });
      }));

    test('interruptRun marks a running run interrupted, keeping its task results; resumeRun sets it running again', () =>
      withStore(async (store) => {
        const id = newRunId();
        const at = '2026-11-27T03:20:00.000Z';
        await store.beginRun({ id, name: 'churn', startedAt: '2026-11-27T03:15:00.000Z', spec: SPEC, specHash: 'abc123' });
        await store.putTaskResults([{ runId: id, taskId: 't0', attempt: 1, result: { score: 0.5 } }]);
        const reason = { code: 'SIGINT', message: `interrupted by SIGINT; continue with --resume ${id}` };
        assert.equal(await store.interruptRun({ id, interruptedAt: at, reason }), true);
        const run = await store.getRun(id);
        assert.equal(run?.status, 'interrupted');
        assert.equal(run?.finishedAt, at);
        assert.deepEqual(run?.error, reason);
        assert.deepEqual((await store.listRuns({ status: 'interrupted' })).map((r) => r.id), [id]);
        assert.deepEqual((await store.getTaskResults(id)).map((r) => r.result), [{ score: 0.5 }]);
        // Interrupting again changes nothing; an interrupted run cannot be completed before it is resumed.
        assert.equal(await store.interruptRun({ id, interruptedAt: '2026-11-27T03:21:00.000Z', reason: { code: 'SIGTERM', message: 'x' } }), false);
        assert.equal((await store.getRun(id))?.finishedAt, at);
        await assert.rejects(store.completeRun(sampleRun(id)), isStoreError(/already interrupted/));
        await store.resumeRun(id);
        const resumed = await store.getRun(id);
        assert.equal(resumed?.status, 'running');
        assert.equal(resumed?.finishedAt, null);
        assert.equal(resumed?.error, undefined);
        await store.completeRun(sampleRun(id));
        assert.equal((await store.getRun(id))?.status, 'finished');
        assert.equal((await store.getTaskResults(id)).length, 1);
      }));

    test('a finished run stays finished when interrupted late; only running or interrupted runs resume', () =>
      withStore(async (store) => {
        const id = newRunId();
        await store.completeRun(sampleRun(id));
        assert.equal(await store.interruptRun({ id, interruptedAt: '2026-11-27T03:20:00.000Z', reason: { code: 'SIGTERM', message: 'late' } }), false);
        assert.equal((await store.getRun(id))?.status, 'finished');
        await assert.rejects(store.resumeRun(id), isStoreError(/is finished; only an interrupted or running run can be resumed/));
        await assert.rejects(store.resumeRun('nope'), isStoreError(/no run 'nope'/));
        await assert.rejects(store.interruptRun({ id: 'nope', interruptedAt: '2026-11-27T03:20:00.000Z', reason: { code: 'SIGINT', message: 'x' } }), isStoreError(/no run 'nope'/));
        await assert.rejects(store.interruptRun({ id, interruptedAt: 'now', reason: { code: 'SIGINT', message: 'x' } }), isStoreError(/ISO 8601/));
      }));

    test('the migration that adds the interrupted status keeps every run and all that references it', async () => {
      const target = await opts.createTarget();
      try {
        const store = await openStore(target.location);
        await store.completeRun(sampleRun('old', { model: { name: 'churn-model', artifact: 'model.tym', metrics: { f1: 0.5 } } }));
        await store.putTaskResults([{ runId: 'old', taskId: 't0', attempt: 1, result: { score: 1 } }]);
        await store.beginRun({ id: 'live', name: 'churn', startedAt: '2026-11-27T03:15:00.000Z', spec: SPEC, specHash: 'h' });
        await store.close();
        // Back to the version before the migration (3): reopening applies it (again) to the existing rows,
        // and the later migrations after it (so theirs are undone first).
        await target.exec(UNDO_MIGRATION_5);
        await target.setSchemaVersion(4 - 1);
        const again = await openStore(target.location);
        try {
          const old = await again.getRun('old');
          assert.equal(old?.status, 'finished');
          assert.deepEqual(old?.params, sampleRun('old').params);
          assert.equal((await again.getMetrics('old')).length, 4);
          assert.deepEqual((await again.listArtifacts('old')).map((a) => a.name).sort(), ['model.tym', 'report.json']);
          assert.equal((await again.getTaskResults('old')).length, 1);
          assert.deepEqual((await again.getModelVersions('churn-model')).map((v) => [v.runId, v.specHash]), [['old', 'abc123']], 'migration 5 fills in the lineage of existing versions');
          assert.equal(await again.interruptRun({ id: 'live', interruptedAt: '2026-11-27T03:20:00.000Z', reason: { code: 'SIGINT', message: 'x' } }), true);
          assert.equal((await again.getRun('live'))?.status, 'interrupted');
        } finally {
          await again.close();
        }
      } finally {
        await target.dispose();
      }
    });

    test('reopening keeps the data; a store of a newer schema version is refused', async () => {
      const target = await opts.createTarget();
      try {
        const store = await openStore(target.location);
        await store.completeRun(sampleRun('kept'));
        await store.close();
        const again = await openStore(target.location);
        assert.equal((await again.getRun('kept'))?.status, 'finished');
        await again.close();
        await target.setSchemaVersion(SCHEMA_VERSION + 1);
        await assert.rejects(openStore(target.location), isStoreError(new RegExp(`schema version ${SCHEMA_VERSION + 1}.*upgrade trainyard`)));
      } finally {
        await target.dispose();
      }
    });

    test('several stores opening a fresh location at once all succeed', async () => {
      const target = await opts.createTarget();
      try {
        const stores = await Promise.all([openStore(target.location), openStore(target.location), openStore(target.location)]);
        await stores[0].completeRun(sampleRun('x'));
        assert.equal((await stores[2].getRun('x'))?.status, 'finished');
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await target.dispose();
      }
    });

    test('a closed store rejects calls with a StoreError; closing twice is harmless', async () => {
      const target = await opts.createTarget();
      try {
        const store = await openStore(target.location);
        await store.close();
        await store.close();
        await assert.rejects(store.listRuns(), isStoreError(/closed/));
      } finally {
        await target.dispose();
      }
    });
  });
}
