/**
 * The success path both runs share: save the model into a fresh hidden work folder, write the report
 * beside it, record the finished run (params, metrics, artifacts, model) in one store transaction,
 * and only then rename the folder into place.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, fsError } from '../../core/fs-errors.js';
import type { ArtifactInput, MetricPoint } from '../../tracking/store.js';
import { publishRun, type StartedRun } from './run-lifecycle.js';
import { OUT_FIX } from './output-folder.js';
import type { RunObserver } from './run-options.js';
import { numericMetrics } from './run-metrics.js';

const MODEL_FILE = 'model.trainyard';

/** Where a run's outputs go: `modelFile` now (in the work folder), `modelPath`/`reportPath` once published. */
export interface RunOutputs {
  modelFile: string;
  modelPath: string;
  reportPath: string;
}

/** Runs a file-system step of the save stage, turning its failure into `E_IO` naming `path`. */
function io<T>(action: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fsError(e, action, path, OUT_FIX);
  }
}

/**
 * Starts the save stage: an empty work folder (a resumed run may have left one) to save the model in.
 *
 * @example
 * const out = openOutputs(run, obs);
 * saveBundle(out.modelFile, bundle);
 */
export function openOutputs(run: StartedRun, obs: RunObserver): RunOutputs {
  obs.stage?.('save', run.finalDir);
  io('create the run folder', run.workDir, () => {
    rmSync(run.workDir, { recursive: true, force: true });
    ensureDir(run.workDir, OUT_FIX);
  });
  return { modelFile: join(run.workDir, MODEL_FILE), modelPath: join(run.finalDir, MODEL_FILE), reportPath: join(run.finalDir, 'report.html') };
}

/** What a finished run records besides the saved model. */
export interface FinishedRun {
  /** Written as `report.json`. */
  report: object;
  /** Written as `report.html`. */
  html: string;
  params: Record<string, unknown>;
  metrics: MetricPoint[];
  /** Held-out results; the finite numbers among them become the model's metrics. */
  test: Record<string, unknown>;
  /** The sha256 of the training data snapshot, recorded as the registered version's lineage. */
  dataSha256?: string;
}

/**
 * Writes the report into the work folder, records the run as finished with the model and report as
 * artifacts, and publishes the folder.
 *
 * @example
 * await recordAndPublish(run, { report, html: renderReportHtml(report), params, metrics, test });
 */
export async function recordAndPublish(run: StartedRun, finished: FinishedRun): Promise<void> {
  const { workDir } = run;
  const reportJson = JSON.stringify(finished.report, null, 2);
  io('write the report', join(workDir, 'report.json'), () => writeFileSync(join(workDir, 'report.json'), reportJson));
  io('write the report', join(workDir, 'report.html'), () => writeFileSync(join(workDir, 'report.html'), finished.html));
  run.signal?.throwIfAborted(); // the last moment an interruption leaves nothing behind
  await run.store.completeRun({
    id: run.runId,
    name: run.name,
    status: 'finished',
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    spec: run.spec,
    specHash: run.specHash,
    params: finished.params,
    metrics: finished.metrics,
    artifacts: runArtifacts(workDir, reportJson, finished.html),
    model: { name: run.name, artifact: MODEL_FILE, metrics: numericMetrics(finished.test), ...(finished.dataSha256 ? { dataSha256: finished.dataSha256 } : {}) },
  });
  io('move the run folder into place at', run.finalDir, () => publishRun(run));
}

/** The artifacts a finished run stores: the model bundle and the report as JSON and HTML. */
function runArtifacts(workDir: string, reportJson: string, reportHtml: string): ArtifactInput[] {
  return [
    { name: MODEL_FILE, contentType: 'application/octet-stream', bytes: readFileSync(join(workDir, MODEL_FILE)) },
    { name: 'report.json', contentType: 'application/json', bytes: Buffer.from(reportJson) },
    { name: 'report.html', contentType: 'text/html', bytes: Buffer.from(reportHtml) },
  ];
}
