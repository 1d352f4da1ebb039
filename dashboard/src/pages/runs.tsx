/**
 * The runs table: filter by name, status and tag; sort by clicking a header (metric columns sort on
 * the server, `sort=metric:<key>`); pages of 25; running runs refresh every 2 s with their progress;
 * tick runs and press Compare.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RunList, RunSummary } from '../api-types';
import { formatDate, formatMetric, formatSeconds, lowerIsBetter, mainMetricKey, metricLabel } from '../format';
import { href, navigate } from '../router';
import { useApi } from '../use-api';
import { useDebounced } from '../use-debounced';
import { Card, Empty, ErrorBox, Loading, PageHead, Progress, StatusPill, Tags } from '../components/ui';
import { stageLabel } from '../components/run-live';

const PAGE = 25;
const STATUSES = ['running', 'finished', 'failed', 'interrupted'];

type SortKey = 'name' | 'status' | 'duration' | 'startedAt' | `metric:${string}`;

function useRunsQuery(name: string, status: string, tag: string, sort: SortKey, order: 'asc' | 'desc', offset: number): string {
  const q = new URLSearchParams();
  if (name) q.set('name', name);
  if (status) q.set('status', status);
  if (tag) q.set('tag', tag);
  q.set('sort', sort);
  q.set('order', order);
  q.set('limit', String(PAGE));
  q.set('offset', String(offset));
  return `/runs?${q}`;
}

function SortHeader({ label, sortKey, sort, order, onSort, num, title }: { label: string; sortKey: SortKey; sort: SortKey; order: string; onSort: (k: SortKey) => void; num?: boolean; title?: string }) {
  const active = sort === sortKey;
  return (
    <th class={`${num ? 'num ' : ''}sortable${active ? ' sorted' : ''}`} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} title={title}>
      <button type="button" onClick={() => onSort(sortKey)} data-sort={sortKey}>
        {label}
        <span class="sort-arrow" aria-hidden="true">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}

function MetricCell({ run }: { run: RunSummary }) {
  const key = mainMetricKey(run.metrics);
  if (!key) return <td class="num muted">—</td>;
  return (
    <td class="num metric-cell">
      <span class="metric-value">{formatMetric(run.metrics[key])}</span>
      <span class="metric-key" title={lowerIsBetter(key) ? 'lower is better' : 'higher is better'}>
        {key}
      </span>
    </td>
  );
}

export function RunsPage({ query }: { query: URLSearchParams }) {
  const [name, setName] = useState(query.get('name') ?? '');
  const [status, setStatus] = useState(query.get('status') ?? '');
  const [tag, setTag] = useState(query.get('tag') ?? '');
  const [sort, setSort] = useState<SortKey>(() => {
    const s = query.get('sort') ?? '';
    return /^(name|status|duration|startedAt|metric:.+)$/.test(s) ? (s as SortKey) : 'startedAt';
  });
  const [order, setOrder] = useState<'asc' | 'desc'>(query.get('order') === 'asc' ? 'asc' : 'desc');
  const [offset, setOffset] = useState(() => Math.max(0, Number(query.get('offset')) || 0));
  const [selected, setSelected] = useState<string[]>([]);
  const dName = useDebounced(name, 250);
  const dTag = useDebounced(tag, 250);
  const path = useRunsQuery(dName, status, dTag, sort, order, offset);
  // The view lives in the address (replaceState: no history entry per keystroke, no hashchange), so
  // going back from a run returns to the same filters, order and page — and a view can be shared.
  useEffect(() => {
    const q = new URLSearchParams();
    if (dName) q.set('name', dName);
    if (status) q.set('status', status);
    if (dTag) q.set('tag', dTag);
    if (sort !== 'startedAt' || order !== 'desc') {
      q.set('sort', sort);
      q.set('order', order);
    }
    if (offset) q.set('offset', String(offset));
    const qs = q.toString();
    const hash = `#/runs${qs ? `?${qs}` : ''}`;
    // Only while the address still shows this list: a navigation away may land before this effect runs.
    const onList = /^(#\/?|#\/runs(\?.*)?)?$/.test(location.hash);
    if (onList && location.hash !== hash) history.replaceState(null, '', hash);
  }, [dName, status, dTag, sort, order, offset]);
  const [live, setLive] = useState(false);
  const { data, error, loading } = useApi<RunList>(path, live ? 2000 : 10000);
  const runs = data?.runs ?? [];
  const anyRunning = runs.some((r) => r.status === 'running' || r.status === 'pending');
  useEffect(() => setLive(anyRunning), [anyRunning]);

  // The metric column sorts by the main metric most runs on this page share.
  const metricKey = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of runs) {
      const k = mainMetricKey(r.metrics);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let best: string | null = sort.startsWith('metric:') ? sort.slice(7) : null;
    let n = 0;
    if (!best) for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
    return best;
  }, [runs, sort]);

  const onSort = (k: SortKey): void => {
    if (k === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(k);
      // Best first: higher-is-better metrics descending, errors and names ascending.
      setOrder(k.startsWith('metric:') ? (lowerIsBetter(k.slice(7)) ? 'asc' : 'desc') : k === 'name' || k === 'status' ? 'asc' : 'desc');
    }
    setOffset(0);
  };
  const toggle = (id: string): void => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const allOnPage = runs.length > 0 && runs.every((r) => selected.includes(r.id));
  const toggleAll = (): void => setSelected((s) => (allOnPage ? s.filter((id) => !runs.some((r) => r.id === id)) : Array.from(new Set([...s, ...runs.map((r) => r.id)]))));
  const total = data?.total ?? 0;

  return (
    <>
      <PageHead
        title="Runs"
        meta={data ? `${total} run${total === 1 ? '' : 's'}${anyRunning ? ' · live' : ''}` : ' '}
        actions={
          <>
            {selected.length > 0 && (
              <button type="button" class="btn btn-ghost" onClick={() => setSelected([])}>
                Clear selection
              </button>
            )}
            <button type="button" class="btn btn-primary" disabled={selected.length < 2} onClick={() => navigate(`#/compare?ids=${selected.map(encodeURIComponent).join(',')}`)} data-compare>
              Compare{selected.length ? ` ${selected.length}` : ''}
            </button>
            <a class="btn" href="#/submit">
              New run
            </a>
          </>
        }
      />
      <Card class="table-card">
        <div class="filters">
          <label class="field inline">
            <span>Name</span>
            <input type="search" placeholder="Filter by name" value={name} onInput={(e) => (setName((e.target as HTMLInputElement).value), setOffset(0))} data-filter="name" />
          </label>
          <label class="field inline">
            <span>Status</span>
            <select value={status} onChange={(e) => (setStatus((e.target as HTMLSelectElement).value), setOffset(0))} data-filter="status">
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline">
            <span>Tag</span>
            <input type="search" placeholder="key or key:value" value={tag} onInput={(e) => (setTag((e.target as HTMLInputElement).value), setOffset(0))} data-filter="tag" />
          </label>
        </div>
        <ErrorBox error={error} />
        {loading && !data ? (
          <Loading what="Loading runs" />
        ) : runs.length === 0 ? (
          <Empty>
            No runs{dName || status || dTag ? ' match these filters' : ' yet'}. <a href="#/submit">Submit a spec</a> or run <code>trainyard run spec.yaml</code>.
          </Empty>
        ) : (
          <div class="scroll">
            <table class="table runs-table">
              <thead>
                <tr>
                  <th class="check">
                    <input type="checkbox" aria-label="Select all runs on this page" checked={allOnPage} onChange={toggleAll} />
                  </th>
                  <SortHeader label="Name" sortKey="name" sort={sort} order={order} onSort={onSort} />
                  <SortHeader label="Status" sortKey="status" sort={sort} order={order} onSort={onSort} />
                  <th>Best model</th>
                  {metricKey ? (
                    <SortHeader label={metricLabel(metricKey)} title={`sort by ${metricKey}`} sortKey={`metric:${metricKey}`} sort={sort} order={order} onSort={onSort} num />
                  ) : (
                    <th class="num">Main metric</th>
                  )}
                  <SortHeader label="Duration" sortKey="duration" sort={sort} order={order} onSort={onSort} num />
                  <th>Tags</th>
                  <SortHeader label="Started" sortKey="startedAt" sort={sort} order={order} onSort={onSort} num />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} class={selected.includes(r.id) ? 'selected' : ''} data-run={r.id}>
                    <td class="check">
                      <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
                    </td>
                    <td class="name-cell">
                      <a href={href('runs', r.id)} class="run-link">
                        {r.name}
                      </a>
                      <span class="run-id">{r.id}</span>
                    </td>
                    <td>
                      <div class="status-cell">
                        <StatusPill status={r.status} />
                        {r.progress && (r.status === 'running' || r.status === 'pending') && <Progress done={r.progress.done} total={r.progress.total} label={stageLabel(r.progress.stage)} />}
                      </div>
                    </td>
                    <td>{r.model ? <span class="model-name-sm">{r.model}</span> : <span class="muted">—</span>}</td>
                    <MetricCell run={r} />
                    <td class="num">{r.durationSeconds === null && r.status === 'running' ? <span class="muted" title="running so far">{formatSeconds((Date.now() - Date.parse(r.startedAt)) / 1000)}…</span> : formatSeconds(r.durationSeconds)}</td>
                    <td>
                      <Tags tags={r.tags} />
                    </td>
                    <td class="num muted">{formatDate(r.startedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {total > PAGE && (
          <div class="pager">
            <span class="muted">
              {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
            </span>
            <button type="button" class="btn btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              ← Previous
            </button>
            <button type="button" class="btn btn-sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              Next →
            </button>
          </div>
        )}
      </Card>
    </>
  );
}
