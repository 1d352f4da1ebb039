/** The execution side: mode, workers seen (host, version, heartbeat, tasks done), queue, failed tasks. */
import { useEffect, useState } from 'preact/hooks';
import type { ClusterState } from '../api-types';
import { formatAgo, formatCount, formatDate } from '../format';
import { href } from '../router';
import { useApi } from '../use-api';
import { Card, Empty, ErrorBox, Kpi, Loading, PageHead } from '../components/ui';

/** A worker is considered gone after this long without a heartbeat. */
const STALE_SECONDS = 30;

export function ClusterPage() {
  const { data, error, loading } = useApi<ClusterState>('/cluster', 3000);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (loading && !data) return <Loading what="Loading cluster" />;
  if (!data) return <ErrorBox error={error} />;
  const q = data.queue;
  return (
    <>
      <PageHead title="Cluster" meta={<><span class={`mode mode-${data.mode}`}>{data.mode === 'cluster' ? 'Redis cluster' : 'Local workers'}</span>{q && <> · queue <code>{q.name}</code></>}</>} />
      <ErrorBox error={error} />
      <div class="kpis kpis-row">
        <Kpi label="Mode" value={data.mode} sub={data.mode === 'local' ? `${data.localWorkers ?? '—'} local worker${data.localWorkers === 1 ? '' : 's'}` : `${data.workers.length} worker${data.workers.length === 1 ? '' : 's'} seen`} />
        <Kpi label="Queue depth" value={formatCount(q ? q.waiting + q.delayed : data.runs.pending)} sub={q ? `${q.active} active · ${q.delayed} delayed` : 'pending runs'} />
        <Kpi label="Runs pending" value={formatCount(data.runs.pending)} sub="waiting to start" />
        <Kpi label="Runs running" value={formatCount(data.runs.running)} sub="on this server" />
        <Kpi label="Failed tasks" value={formatCount(q?.failed ?? data.failedTasks.length)} sub="in the queue" />
      </div>
      <Card title="Workers" hint={`${data.workers.length} seen`}>
        {data.workers.length === 0 ? (
          <Empty>{data.mode === 'local' ? 'Runs execute on this server’s local worker pool; no cluster workers.' : 'No worker has sent a heartbeat yet. Start one with trainyard worker --redis URL.'}</Empty>
        ) : (
          <div class="scroll">
            <table class="table workers">
              <thead>
                <tr>
                  <th>Host</th>
                  <th class="num">PID</th>
                  <th>Version</th>
                  <th class="num">Last heartbeat</th>
                  <th class="num">Tasks done</th>
                </tr>
              </thead>
              <tbody>
                {data.workers.map((w) => {
                  const age = (now - new Date(w.lastHeartbeat).getTime()) / 1000;
                  return (
                    <tr key={w.id}>
                      <td>
                        <span class={`health ${age > STALE_SECONDS ? 'stale' : 'ok'}`} title={age > STALE_SECONDS ? 'no recent heartbeat' : 'alive'} />
                        {w.host}
                      </td>
                      <td class="num">{w.pid ?? '—'}</td>
                      <td class="mono">{w.version ?? '—'}</td>
                      <td class="num" title={formatDate(w.lastHeartbeat)}>
                        {formatAgo(w.lastHeartbeat, now)}
                      </td>
                      <td class="num">{formatCount(w.tasksDone)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Failed tasks" hint={`${data.failedTasks.length}`}>
        {data.failedTasks.length === 0 ? (
          <Empty>No failed tasks.</Empty>
        ) : (
          <div class="scroll">
            <table class="table">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Task</th>
                  <th>Code</th>
                  <th>Message</th>
                </tr>
              </thead>
              <tbody>
                {data.failedTasks.map((t) => (
                  <tr key={`${t.runId}/${t.taskId}`}>
                    <td>
                      <a href={href('runs', t.runId)} class="mono">
                        {t.runId}
                      </a>
                    </td>
                    <td class="mono">{t.taskId}</td>
                    <td>
                      <span class="pill pill-failed">{t.code}</span>
                    </td>
                    <td>{t.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
