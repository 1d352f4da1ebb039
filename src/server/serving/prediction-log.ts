/**
 * Sampled prediction logging (`trainyard serve --log-predictions RATE`): a fraction of the served
 * requests, with what was asked and what was answered, kept in the store so that predictions can later
 * be evaluated against the outcomes that followed them. Writing never slows an answer: requests are
 * queued in memory and written in batches every second; when the store cannot keep up, the queue is
 * bounded and the excess is dropped and counted, never waited for.
 */
import type { PredictionLogInput, Store } from '../../tracking/store.js';

/** Options of {@link PredictionLogger}. */
export interface PredictionLoggerOptions {
  /** Fraction of requests logged, 0–1 (0: none). */
  sample: number;
  /** How often queued requests are written (default 1 s). */
  flushMs?: number;
  /** Requests queued at most; more are dropped (default 1,000). */
  maxPending?: number;
  /** Reports a failed write (its requests are dropped). */
  log?: (msg: string) => void;
  /** The sampling draw (tests); default Math.random. */
  random?: () => number;
}

/** Queues a sample of served requests and writes them to the store in batches. */
export class PredictionLogger {
  private pending: PredictionLogInput[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  /** Requests written, and dropped (queue full or a failed write). */
  written = 0;
  dropped = 0;

  constructor(
    private readonly store: Store,
    private readonly o: PredictionLoggerOptions,
  ) {
    this.timer = setInterval(() => void this.flush(), o.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Queues the request with probability `sample`. */
  maybeLog(entry: Omit<PredictionLogInput, 'loggedAt'>): void {
    if (this.o.sample <= 0 || (this.o.random ?? Math.random)() >= this.o.sample) return;
    if (this.pending.length >= (this.o.maxPending ?? 1000)) {
      this.dropped++;
      return;
    }
    this.pending.push({ ...entry, loggedAt: new Date().toISOString() });
  }

  /** Writes what is queued (one batch at a time, in order). */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.writing;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(async () => {
      try {
        await this.store.logPredictions(batch);
        this.written += batch.length;
      } catch (e) {
        this.dropped += batch.length;
        this.o.log?.(`prediction log: ${batch.length} requests not written: ${(e as Error).message}`);
      }
    });
    return this.writing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

}
