/**
 * The benchmark machinery on a tiny task (penguins, logistic regression): data preparation, the
 * child processes, result structure, targets, table and results file. No timing assertions — speed
 * is what the benchmark reports, not what tests check. The Python side runs when /usr/bin/python3
 * has scikit-learn, and is asserted as 'unavailable' otherwise.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hasLibrary, probePython } from './python-env.js';
import { machineInfo, writeResults } from './results-writer.js';
import { registeredName, runTask } from './run-task.js';
import { formatTask } from './table.js';
import { judgeFit, judgeMemory } from './targets.js';
import { benchTasks } from './tasks.js';
import type { ModelPair, TabularTask, TaskResult } from './task-types.js';

const workDir = mkdtempSync(join(tmpdir(), 'trainyard-bench-test-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const lr: ModelPair = { model: 'logistic_regression', params: { maxIter: 1000 }, reference: 'LogisticRegression(max_iter=1000)', library: 'sklearn', target: 'sklearn' };

describe('benchmark tasks', () => {
  it('lists every task of issue #3 and picks subsets by name', () => {
    assert.deepEqual(
      benchTasks().map((t) => t.name),
      ['shoppers', 'telco', 'kc-house', 'penguins', 'synthetic', 'csv'],
    );
    assert.deepEqual(
      benchTasks(['penguins', 'csv']).map((t) => t.name),
      ['penguins', 'csv'],
    );
    assert.throws(() => benchTasks(['nope']), /unknown benchmark task 'nope'; known tasks: shoppers/);
  });

  it('resolves a pair to the first registered name of its family', () => {
    assert.equal(registeredName({ ...lr, model: ['no_such_model', 'logistic_regression'] }, 'binary'), 'logistic_regression');
    assert.equal(registeredName({ ...lr, model: 'no_such_model' }, 'binary'), null);
    // A classifier never answers for a regression task.
    assert.equal(registeredName(lr, 'regression'), null);
  });
});

describe('targets', () => {
  const ok = (fitSeconds: number, accuracy: number) => ({ status: 'ok' as const, fitSeconds, metrics: { accuracy } });

  it('passes a faster fit at an equal metric and names each miss', () => {
    assert.deepEqual(judgeFit(lr, ok(0.5, 0.9), ok(1, 0.9)), { fitRatio: 0.5, targetText: '≤ 1.0', verdict: 'PASS' });
    assert.equal(judgeFit(lr, ok(2, 0.9), ok(1, 0.9)).verdict, 'MISS (time ×2.00)');
    assert.equal(judgeFit(lr, ok(0.5, 0.85), ok(1, 0.9)).verdict, 'MISS (metric −0.050)');
    assert.equal(judgeFit({ ...lr, library: 'xgboost', target: 'xgboost' }, ok(1.2, 0.9), ok(1, 0.9)).verdict, 'PASS');
  });

  it('gives no verdict when a side did not run or the pair has no target', () => {
    assert.deepEqual(judgeFit(lr, { status: 'not registered' }, ok(1, 0.9)), { fitRatio: null, targetText: '≤ 1.0', verdict: null });
    assert.equal(judgeFit({ ...lr, target: undefined }, ok(2, 0.9), ok(1, 0.9)).verdict, null);
  });

  it('judges memory above the runtime baseline against the float32 data size', () => {
    assert.deepEqual(judgeMemory({ status: 'ok', peakMb: 350, baselineMb: 50 }, 160 * 2 ** 20, 2), { ratio: 1.875, verdict: 'PASS' });
    assert.equal(judgeMemory({ status: 'ok', peakMb: 530, baselineMb: 50 }, 160 * 2 ** 20, 2).verdict, 'MISS (×1.50)');
  });
});

describe('runTask on penguins', () => {
  const python = probePython();
  const base = benchTasks(['penguins'])[0] as TabularTask;
  const task: TabularTask = {
    ...base,
    pairs: [lr, { model: 'no_such_model', params: {}, reference: 'GaussianNB()', library: 'sklearn' }],
  };
  let result: TaskResult;

  it('fits trainyard in a child process and reports figures for the same rows as the reference', async () => {
    result = await runTask(task, { workDir, python });
    assert.equal(result.taskKind, 'multiclass');
    assert.equal(result.nTrain! + result.nTest!, 344);
    assert.equal(result.pairs.length, 2);
    const [pair] = result.pairs;
    assert.equal(pair.model, 'logistic_regression');
    const ty = pair.trainyard;
    assert.equal(ty.status, 'ok', ty.message);
    assert.ok(ty.fitSeconds! > 0 && ty.predictSeconds! >= 0);
    assert.ok(ty.fitRuns! >= 1 && ty.fitRuns! <= 3);
    assert.ok(ty.peakMb! > ty.baselineMb! * 0.5 && ty.peakMb! > 0);
    assert.equal(ty.nTrain, result.nTrain);
    assert.equal(ty.nTest, result.nTest);
    assert.ok(ty.metrics!.accuracy! > 0.9, `accuracy ${ty.metrics!.accuracy}`);
    assert.deepEqual(Object.keys(ty.metrics!), ['accuracy', 'f1', 'rocAuc']);
    if (hasLibrary(python, 'sklearn')) {
      const ref = pair.referenceResult;
      assert.equal(ref.status, 'ok', ref.message);
      assert.equal(ref.nTrain, ty.nTrain);
      assert.equal(ref.nTest, ty.nTest);
      assert.equal(ref.nFeatures, ty.nFeatures);
      assert.deepEqual(Object.keys(ref.metrics!).sort(), ['accuracy', 'f1', 'rocAuc']);
      // Same rows, same preprocessing, same model: the held-out accuracy agrees within the bar.
      assert.ok(Math.abs(ref.metrics!.accuracy! - ty.metrics!.accuracy!) <= 0.01);
      assert.equal(typeof pair.fitRatio, 'number');
      assert.match(pair.verdict!, /^(PASS|MISS)/);
    } else {
      assert.equal(pair.referenceResult.status, 'unavailable');
      assert.equal(pair.verdict, null);
    }
  });

  it('skips an unregistered trainyard model but keeps its reference row', () => {
    const skipped = result.pairs[1];
    assert.equal(skipped.trainyard.status, 'not registered');
    assert.equal(skipped.fitRatio, null);
    assert.equal(skipped.referenceResult.status, hasLibrary(python, 'sklearn') ? 'ok' : 'unavailable');
  });

  it('prints a table with both sides and writes the run as JSON', () => {
    const table = formatTask(result);
    assert.match(table, /== penguins: /);
    assert.match(table, /logistic_regression\s+trainyard\s+\d+\.\d{3}/);
    assert.match(table, /no_such_model\s+trainyard not registered/);
    const dir = join(workDir, 'results');
    const file = writeResults({ date: '2026-01-02T03:04:05.678Z', machine: machineInfo(), python, tasks: [result], seconds: 1 }, dir);
    assert.equal(file, join(dir, '2026-01-02T03-04-05-678Z.json'));
    assert.ok(existsSync(file));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(saved.tasks[0].pairs[0].trainyard.status, 'ok');
    assert.ok(saved.machine.cores >= 1 && typeof saved.machine.cpuModel === 'string');
  });
});
