/**
 * The runs this server executes: a bounded queue of submitted specs, `concurrency` of them running at
 * once (one by default: a run already uses every core it is given), each with an AbortController
 * (cancel, shutdown) and an event bus (the SSE stream). The run id is chosen here at submission, so
 * `POST /runs` can answer `202 {runId}` before the run begins, and passed to the run
 * (`RunOptions.runId`).
 */
import { createHash } from 'node:crypto';
import { TrainyardError } from '../core/errors.js';
import type { Executor } from '../experiment/executor.js';
import { runExperiment, type RunOptions } from '../experiment/run.js';
import { RunInterruptedError } from '../experiment/run/run-lifecycle.js';
import type { LoadedRecommendSpec } from '../experiment/spec/recommend-spec.js';
import type { LoadedSpec } from '../experiment/spec/spec.js';
import { newRunId, type Store } from '../tracking/store.js';
import { HttpError } from './http-errors.js';
import { foldLabeller } from './fold-labels.js';
import { RunEventBus, type RunProgress } from './run-events.js';

type AnyLoadedSpec = LoadedSpec | LoadedRecommendSpec;

/** Runs a spec; `runExperiment` in production, replaceable in tests. */
export type SpecRunner = (loaded: AnyLoadedSpec, options: RunOptions & { runId: string }) => Promise<unknown>;

/** Options of {@link RunManager}. */
export interface RunManagerOptions {
  /** The store the server reads (queued runs cancelled before they begin are recorded there). */
  store: Store;
  /** The store location the runs open (the server's `--store`). */
  storeLocation: string;
  /** Folder of the runs' outputs (`--out`): the server's choice, never the spec's. */
  outDir: string;
  /** A new executor per run (LocalExecutor with `--workers`, or a ClusterExecutor). */
  executor: () => Executor;
  /** Submitted runs that may wait (default 16); more are refused with 503 E_QUEUE_FULL. */
  maxPending?: number;
  /** Runs at once (default 1). */
  concurrency?: number;
  runner?: SpecRunner;
  /** Where lines about runs go (the server's logger). */
  log?: (msg: string) => void;
}

/** A run this server was asked to execute. */
export interface ManagedRun {
  id: string;
  name: string;
  spec: unknown;
  submittedAt: string;
  state: 'queued' | 'running' | 'ended';
  bus: RunEventBus;
  controller: AbortController;
  loaded: AnyLoadedSpec;
  done?: Promise<void>;
}

/** How long an ended run's events stay replayable (a dashboard reconnecting after the end). */
const ENDED_KEEP_MS = 10 * 60_000;

/** Queues, runs, cancels and interrupts submitted runs. */
export class RunManager {
  private readonly runs = new Map<string, ManagedRun>();
  private readonly queue: ManagedRun[] = [];
  private running = 0;
  private closing = false;
  private closed: Promise<void> = Promise.resolve();
  private readonly maxPending: number;
  private readonly concurrency: number;
  private readonly runner: SpecRunner;

  constructor(private readonly o: RunManagerOptions) {
    this.maxPending = o.maxPending ?? 16;
    this.concurrency = o.concurrency ?? 1;
    this.runner = o.runner ?? ((loaded, options) => runExperiment(loaded, options));
  }

  /** Queues a validated, confined spec; returns its run id. 503 E_QUEUE_FULL when the queue is full. */
  submit(loaded: AnyLoadedSpec): string {
    if (this.closing) throw new HttpError(503, 'E_QUEUE_FULL', 'the server is shutting down; submit the run again later');
    if (this.queue.length >= this.maxPending) {
      throw new HttpError(503, 'E_QUEUE_FULL', `${this.queue.length} runs are already waiting (--max-pending ${this.maxPending}); try again when one has started`, { pending: this.queue.length });
    }
    const run: ManagedRun = {
      id: newRunId(),
      name: loaded.spec.name,
      spec: loaded.spec,
      submittedAt: new Date().toISOString(),
      state: 'queued',
      bus: new RunEventBus(),
      controller: new AbortController(),
      loaded,
    };
    // 'pending': waiting here, not in the store yet (the store's statuses begin at 'running').
    run.bus.publish({ event: 'status', data: { status: 'pending' } });
    this.runs.set(run.id, run);
    this.queue.push(run);
    this.pump();
    return run.id;
  }

  /** The managed run `id`, while this server knows it. */
  get(id: string): ManagedRun | undefined {
    return this.runs.get(id);
  }

  /** Progress of a queued or running run, for listings. */
  progress(id: string): RunProgress | undefined {
    const r = this.runs.get(id);
    return r && r.state !== 'ended' ? { ...r.bus.progress } : undefined;
  }

  /** Runs waiting and running. */
  counts(): { pending: number; running: number } {
    return { pending: this.queue.length, running: this.running };
  }

  /** Runs waiting to start (they are not in the store yet). */
  queued(): ManagedRun[] {
    return [...this.queue];
  }

  /**
   * Cancels a queued or running run: a queued one is recorded `interrupted` at once, a running one is
   * aborted (its run records `interrupted`). Returns the status it is heading for, or undefined when
   * this server does not run it (any more).
   */
  async cancel(id: string, reason = 'CANCELLED'): Promise<'interrupted' | undefined> {
    const run = this.runs.get(id);
    if (!run || run.state === 'ended') return undefined;
    if (run.state === 'queued') {
      this.queue.splice(this.queue.indexOf(run), 1);
      await this.recordNeverStarted(run, reason);
      this.end(run, { status: 'interrupted' });
      return 'interrupted';
    }
    run.controller.abort(reason);
    return 'interrupted';
  }

  /**
   * Stops taking runs, interrupts the queued and running ones (they are recorded `interrupted`) and
   * waits — at most `timeoutMs` — for the running ones to record that.
   */
  async shutdown(reason = 'SHUTDOWN', timeoutMs = 30_000): Promise<void> {
    if (this.closing) return this.closed;
    this.closing = true;
    this.closed = this.interruptAll(reason, timeoutMs);
    return this.closed;
  }

  private async interruptAll(reason: string, timeoutMs: number): Promise<void> {
    for (const run of [...this.queue]) await this.cancel(run.id, reason).catch(() => undefined);
    const active = [...this.runs.values()].filter((r) => r.state === 'running');
    for (const run of active) run.controller.abort(reason);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(active.map((r) => r.done)), new Promise((res) => (timer = setTimeout(res, timeoutMs)))]);
    clearTimeout(timer);
  }

  private pump(): void {
    while (!this.closing && this.running < this.concurrency && this.queue.length > 0) this.start(this.queue.shift()!);
  }

  private start(run: ManagedRun): void {
    this.running++;
    run.state = 'running';
    run.bus.publish({ event: 'status', data: { status: 'running' } });
    // runId: the id the client already has from `202 {runId}`.
    const options: RunOptions & { runId: string } = {
      store: this.o.storeLocation,
      outDir: this.o.outDir,
      executor: this.o.executor(),
      observer: run.bus.observer(foldLabeller(run.loaded.spec)),
      signal: run.controller.signal,
      runId: run.id,
    };
    run.done = this.runner(run.loaded, options).then(
      () => this.end(run, { status: 'finished' }),
      async (e: unknown) => {
        const reason = run.controller.signal.reason;
        if (e instanceof RunInterruptedError || run.controller.signal.aborted) {
          await this.recordIfMissing(run, { interrupted: typeof reason === 'string' ? reason : 'CANCELLED' });
          this.end(run, { status: 'interrupted' });
        } else {
          const err = e instanceof TrainyardError ? { code: e.code, message: e.message } : { code: 'E_INTERNAL', message: (e as Error)?.message ?? String(e) };
          this.o.log?.(`run ${run.id} failed: ${err.code}: ${err.message}`);
          await this.recordIfMissing(run, { error: err });
          this.end(run, { status: 'failed', error: err });
        }
      },
    ).finally(() => {
      this.running--;
      this.pump();
    });
  }

  private end(run: ManagedRun, data: { status: string; error?: { code: string; message: string } }): void {
    run.state = 'ended';
    run.bus.publish({ event: 'status', data: { status: data.status } });
    run.bus.publish({ event: 'end', data });
    setTimeout(() => {
      if (this.runs.get(run.id) === run) this.runs.delete(run.id);
    }, ENDED_KEEP_MS).unref();
  }

  /** A run cancelled before it began: begun and interrupted in the store, so it is listed as such. */
  private async recordNeverStarted(run: ManagedRun, reason: string): Promise<void> {
    const specHash = createHash('sha256').update(JSON.stringify(run.spec)).digest('hex');
    await this.o.store.beginRun({ id: run.id, name: run.name, startedAt: run.submittedAt, spec: run.spec, specHash });
    await this.o.store.interruptRun({ id: run.id, interruptedAt: new Date().toISOString(), reason: { code: reason, message: `cancelled (${reason}) before it started` } });
  }

  /**
   * A run records itself once its data is loaded; one that failed (bad data, a missing column) or was
   * cancelled before that is recorded here, so the id the client was given leads to the error.
   */
  private async recordIfMissing(run: ManagedRun, outcome: { error: { code: string; message: string } } | { interrupted: string }): Promise<void> {
    try {
      if (await this.o.store.getRun(run.id)) return;
      if ('interrupted' in outcome) return await this.recordNeverStarted(run, outcome.interrupted);
      const specHash = createHash('sha256').update(JSON.stringify(run.spec)).digest('hex');
      const finishedAt = new Date().toISOString();
      await this.o.store.beginRun({ id: run.id, name: run.name, startedAt: run.submittedAt, spec: run.spec, specHash });
      await this.o.store.completeRun({ id: run.id, name: run.name, status: 'failed', startedAt: run.submittedAt, finishedAt, spec: run.spec, specHash, params: {}, metrics: [], artifacts: [], error: outcome.error });
    } catch (e) {
      this.o.log?.(`run ${run.id}: could not record its end in the store: ${(e as Error).message}`);
    }
  }
}
