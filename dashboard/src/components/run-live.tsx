/**
 * The live view of a running run, fed by `GET /runs/{id}/events` (server-sent events): the stage, the
 * task counter, each fold score as it arrives and the epochs of a network being fitted.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { API, seg } from '../api';
import type { RunStatus } from '../api-types';
import { formatMetric, formatValue, lowerIsBetter } from '../format';
import { Chart, lineChart } from './chart';
import { Card, Progress } from './ui';

/**
 * A fold's score. The server sends the task's place in the search (`candidate`: index in
 * `select.candidates`, `config`: index in that candidate's grid); api.md also allows `model`/`params`.
 */
interface Fold {
  taskId?: string;
  candidate?: number;
  config?: number;
  model?: string;
  params?: Record<string, unknown>;
  fold: number;
  score: number;
}
interface Epoch {
  epoch: number;
  loss: number;
  validationScore?: number;
}

/** How often batched events are applied (ms). */
const FLUSH_MS = 200;

export interface LiveState {
  connected: boolean;
  status: RunStatus | null;
  stage: { name: string; detail?: string } | null;
  tasks: { done: number; total: number; failed?: number } | null;
  folds: Fold[];
  epochs: Epoch[];
  /** Why the run failed, from its `end` event (a run that fails while loading its data is never stored). */
  error?: { code: string; message: string };
}

/** Subscribes to the run's events while `active`; `onEnd` fires once when the run ends. */
export function useRunEvents(id: string, active: boolean, onEnd: () => void): LiveState {
  const [state, setState] = useState<LiveState>({ connected: false, status: null, stage: null, tasks: null, folds: [], epochs: [] });
  useEffect(() => {
    if (!active || typeof EventSource === 'undefined') return;
    const es = new EventSource(`${API}/runs/${seg(id)}/events`);
    // A network fitting hundreds of epochs a second sends as many events: they are applied in batches,
    // one render per FLUSH_MS, not one per event.
    let pending: ((s: LiveState) => LiveState)[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      const fns = pending;
      pending = [];
      if (fns.length) setState((s) => fns.reduce((acc, fn) => fn(acc), s));
    };
    const schedule = (fn: (s: LiveState) => LiveState, now = false): void => {
      pending.push(fn);
      if (now) {
        if (timer) clearTimeout(timer);
        flush();
      } else if (!timer) timer = setTimeout(flush, FLUSH_MS);
    };
    const on = <T,>(name: string, apply: (s: LiveState, d: T) => LiveState, now = false): void =>
      es.addEventListener(name, (e) => {
        let d: T;
        try {
          d = JSON.parse((e as MessageEvent<string>).data) as T;
        } catch {
          return;
        }
        schedule((s) => apply(s, d), now);
      });
    es.onopen = () => setState((s) => ({ ...s, connected: true }));
    on<{ status: RunStatus }>('status', (s, d) => ({ ...s, status: d.status }), true);
    on<{ name: string; detail?: string }>('stage', (s, d) => ({ ...s, stage: d }));
    on<{ done: number; total: number; failed?: number }>('tasks', (s, d) => ({ ...s, tasks: d }));
    on<Fold>('fold', (s, d) => ({ ...s, folds: [...s.folds, d].slice(-500) }));
    // Epochs count from 1 per fit; a new fit (epoch numbers starting over) starts a new curve.
    on<Epoch>('epoch', (s, d) => ({ ...s, epochs: s.epochs.length && d.epoch <= s.epochs[s.epochs.length - 1].epoch ? [d] : [...s.epochs, d].slice(-5000) }));
    on<{ status: RunStatus; error?: { code: string; message: string } }>('end', (s, d) => {
      es.close();
      setTimeout(onEnd, 0);
      return { ...s, status: d.status, connected: false, error: d.error };
    }, true);
    // The browser reconnects by itself after a dropped connection; a closed stream (the run is over,
    // or this server is not executing it) is left to the page's polling.
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) setState((s) => ({ ...s, connected: false }));
    };
    return () => {
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, [id, active]);
  return state;
}

const STAGES: Record<string, string> = {
  queued: 'Queued', load: 'Loading data', cv: 'Cross-validation', nested: 'Nested CV', refit: 'Refitting the best',
  evaluate: 'Evaluating on the test set', save: 'Saving', starting: 'Starting',
};

/** A stage name as words (`cv` → "Cross-validation"); unknown names as sent, capitalised. */
export function stageLabel(name: string): string {
  return STAGES[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/** The model of candidate `i` of the spec's search (`select.candidates[i].model`). */
function candidateModel(spec: unknown, i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const c = (spec as { select?: { candidates?: { model?: unknown }[] } } | null)?.select?.candidates?.[i];
  return typeof c?.model === 'string' ? c.model : undefined;
}

export function LivePanel({ live, progress, spec }: { live: LiveState; progress?: { stage: string; done: number; total: number }; spec: unknown }) {
  const tasks = live.tasks ?? (progress ? { done: progress.done, total: progress.total } : null);
  const stage = live.stage?.name ?? progress?.stage ?? 'starting';
  const epochOptions = useMemo(() => lineChart([], [{ label: 'Training loss', y: [] }], { xLabel: 'Epoch', yLabel: 'Loss', integerX: true }).options, []);
  const epochData = useMemo(() => (live.epochs.length < 2 ? null : ([live.epochs.map((e) => e.epoch), live.epochs.map((e) => e.loss)] as [number[], number[]])), [live.epochs]);
  // Mean score so far per configuration, best first (by the direction of the spec's selection metric).
  const metric = (spec as { select?: { metric?: unknown } } | null)?.select?.metric;
  const lowerFirst = typeof metric === 'string' && lowerIsBetter(metric);
  const byConfig = useMemo(() => {
    const m = new Map<string, { key: string; model: string; detail: string; scores: number[] }>();
    for (const f of live.folds) {
      const k = f.model ? `${f.model} ${JSON.stringify(f.params ?? {})}` : `c${f.candidate}.${f.config}`;
      const model = f.model ?? candidateModel(spec, f.candidate) ?? `candidate ${f.candidate ?? '?'}`;
      const detail = f.params ? Object.entries(f.params).map(([p, v]) => `${p}=${formatValue(v)}`).join(' ') : f.config !== undefined ? `configuration ${f.config + 1}` : '';
      const e = m.get(k) ?? { key: k, model, detail, scores: [] };
      e.scores.push(f.score);
      m.set(k, e);
    }
    return [...m.values()].map((e) => ({ ...e, mean: e.scores.reduce((a, b) => a + b, 0) / e.scores.length })).sort((a, b) => (lowerFirst ? a.mean - b.mean : b.mean - a.mean)).slice(0, 8);
  }, [live.folds, lowerFirst]);
  return (
    <Card class="live-card" title={<><span class="live-dot" aria-hidden="true" />Live</>} hint={live.connected ? 'streaming events' : 'refreshing every 2 s'} id="live">
      <div class="live-grid">
        <div class="live-stage">
          <div class="eyebrow">Stage</div>
          <div class="stage-name" data-stage={stage}>{stageLabel(stage)}</div>
          {live.stage?.detail && <div class="muted">{live.stage.detail}</div>}
          {tasks && (
            <div class="live-tasks">
              <Progress done={tasks.done} total={tasks.total} />
              <span class="muted">
                tasks{live.tasks?.failed ? ` · ${live.tasks.failed} failed` : ''}
              </span>
            </div>
          )}
        </div>
        <div>
          <div class="eyebrow">Fold scores · {live.folds.length} · best configurations first</div>
          {byConfig.length === 0 ? (
            <p class="muted">No fold finished yet.</p>
          ) : (
            <table class="table compact">
              <tbody>
                {byConfig.map((c) => (
                  <tr key={c.key}>
                    <td class="model">{c.model}</td>
                    <td class="muted small">{c.detail}</td>
                    <td class="num">{c.scores.map((s) => formatMetric(s)).join(' · ')}</td>
                    <td class="num strong">{formatMetric(c.mean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      {epochData && (
        <figure class="figure">
          <figcaption>Epochs — loss {formatMetric(live.epochs[live.epochs.length - 1].loss)}</figcaption>
          <Chart label="Live loss" height={200} options={epochOptions} data={epochData} />
        </figure>
      )}
    </Card>
  );
}
