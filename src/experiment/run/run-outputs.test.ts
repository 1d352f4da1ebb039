import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../core/errors.js';
import { openStore } from '../../tracking/store.js';
import { startRun, withRunFailureRecord } from './run-lifecycle.js';
import { headlineMetrics, selectionParams } from './run-metrics.js';
import { openOutputs, recordAndPublish } from './run-outputs.js';

function scratch(): { dir: string; options: { store: string; outDir: string } } {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-run-outputs-'));
  return { dir, options: { store: join(dir, 'store.db'), outDir: join(dir, 'runs') } };
}

test('a finished run publishes the model and report together and records params, metrics and artifacts', async (t) => {
  const { dir, options } = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = { name: 'outputs', any: 1 };
  const run = await startRun('outputs', spec, options);
  const stages: string[] = [];
  await withRunFailureRecord(run, async () => {
    const out = openOutputs(run, { stage: (name) => stages.push(name) });
    assert.ok(!existsSync(run.finalDir), 'nothing is in place before the run is recorded');
    writeFileSync(out.modelFile, 'model bytes');
    const test = { f1: 0.5, confusion: [[1, 0], [0, 1]], missing: null };
    await recordAndPublish(run, { report: { runId: run.runId }, html: '<p>report</p>', params: selectionParams({ model: 'ridge', params: { alpha: 2 } }, 'f1'), metrics: headlineMetrics(test, 'f1', 0.4), test });
    assert.equal(out.modelPath, join(run.finalDir, 'model.trainyard'));
    assert.equal(out.reportPath, join(run.finalDir, 'report.html'));
  });
  assert.deepEqual(stages, ['save']);
  assert.ok(!existsSync(run.workDir));
  assert.equal(readFileSync(join(run.finalDir, 'model.trainyard'), 'utf8'), 'model bytes');
  assert.deepEqual(JSON.parse(readFileSync(join(run.finalDir, 'report.json'), 'utf8')), { runId: run.runId });
  assert.equal(readFileSync(join(run.finalDir, 'report.html'), 'utf8'), '<p>report</p>');

  const store = await openStore(options.store);
  t.after(() => store.close());
  const recorded = await store.getRun(run.runId);
  assert.equal(recorded?.status, 'finished');
  assert.deepEqual(recorded?.params, { 'best.model': 'ridge', 'best.alpha': 2, 'select.metric': 'f1' });
  assert.deepEqual((await store.getMetrics(run.runId)).map((m) => [m.key, m.value]), [['test.f1', 0.5], ['cv.f1', 0.4]]);
  assert.deepEqual((await store.listArtifacts(run.runId)).map((a) => a.name).sort(), ['model.trainyard', 'report.html', 'report.json']);
  assert.deepEqual((await store.getModelVersions('outputs')).map((v) => v.metrics), [{ f1: 0.5 }]);
});

test('a failing run leaves no output folder and is recorded as failed with the error code', async (t) => {
  const { dir, options } = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = await startRun('fails', { name: 'fails' }, options);
  await assert.rejects(
    withRunFailureRecord(run, async () => {
      writeFileSync(openOutputs(run, {}).modelFile, 'half a model');
      throw new DataError('bad data');
    }),
    /bad data/,
  );
  assert.ok(!existsSync(run.workDir) && !existsSync(run.finalDir));
  const store = await openStore(options.store);
  t.after(() => store.close());
  const recorded = await store.getRun(run.runId);
  assert.equal(recorded?.status, 'failed');
  assert.equal(recorded?.error?.code, 'E_DATA');
});
