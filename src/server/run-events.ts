/**
 * A per-run event bus: what `GET /runs/{id}/events` streams. The run's observer (stage, task counts,
 * fold scores, epochs) and the run manager (status, end) publish; each subscriber first gets the
 * current state replayed — a dashboard that connects mid-run sees where the run is at once — then the
 * live events, and the stream closes after `end`.
 */
import type { EpochLogs } from '../core/estimator.js';
import type { RunObserver } from '../experiment/run.js';
import type { TaskProgress } from '../experiment/executor.js';
import type { FoldLabeller } from './fold-labels.js';

/** One server-sent event: its name and JSON data. */
export interface RunEvent {
  event: 'status' | 'stage' | 'tasks' | 'fold' | 'epoch' | 'end';
  data: Record<string, unknown>;
}

type Listener = (e: RunEvent) => void;

/** Where a run is, for listings (`progress`) and for replay to new subscribers. */
export interface RunProgress {
  stage: string;
  done: number;
  total: number;
}

/** Events of one run. */
export class RunEventBus {
  private readonly listeners = new Set<Listener>();
  private status: RunEvent | null = null;
  private stage: RunEvent | null = null;
  private tasks: RunEvent | null = null;
  private ended: RunEvent | null = null;
  /** Where the run is: stage name and task counts of that stage. */
  readonly progress: RunProgress = { stage: 'queued', done: 0, total: 0 };

  /** Whether `end` was published. */
  get isEnded(): boolean {
    return this.ended !== null;
  }

  publish(e: RunEvent): void {
    if (this.ended) return;
    if (e.event === 'status') this.status = e;
    else if (e.event === 'stage') {
      this.stage = e;
      this.tasks = null;
      Object.assign(this.progress, { stage: String(e.data.name), done: 0, total: 0 });
    } else if (e.event === 'tasks') {
      this.tasks = e;
      Object.assign(this.progress, { done: Number(e.data.done), total: Number(e.data.total) });
    } else if (e.event === 'end') this.ended = e;
    for (const l of this.listeners) l(e);
    if (this.ended) this.listeners.clear();
  }

  /**
   * Calls `listener` with the current state (status, stage, tasks — and end, if the run ended), then
   * with every new event until `end` or until the returned function is called.
   */
  subscribe(listener: Listener): () => void {
    for (const e of [this.status, this.stage, this.tasks, this.ended]) if (e) listener(e);
    if (this.ended) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A RunObserver that publishes what a run reports; `label` names a task's model and setting (fold events). */
  observer(label: FoldLabeller = () => ({})): RunObserver {
    return {
      stage: (name, detail) => this.publish({ event: 'stage', data: { name, detail } }),
      tasks: (p: TaskProgress) => {
        this.publish({ event: 'tasks', data: { done: p.done, total: p.total, ...(p.failed ? { failed: p.failed } : {}) } });
        // A fold's score, as each task of a cross-validation reports it.
        if (p.last && typeof p.last.score === 'number') this.publish({ event: 'fold', data: foldOf(p.last.taskId, p.last.score, label) });
      },
      epoch: (logs: EpochLogs) => this.publish({ event: 'epoch', data: { ...logs } }),
    };
  }
}

/**
 * A fold event from a task id (`c<candidate>.<config>/f<fold>`, experiment/tabular/plan.ts) and its
 * score: the candidate's model and parameter setting (api.md), their indices, the fold.
 */
function foldOf(taskId: string, score: number, label: FoldLabeller): Record<string, unknown> {
  const m = /c(\d+)\.(\d+)\/f(\d+)$/.exec(taskId);
  if (!m) return { taskId, score };
  const [candidate, config] = [Number(m[1]), Number(m[2])];
  return { taskId, ...label(candidate, config), candidate, config, fold: Number(m[3]), score };
}
