/**
 * The model registry: a card per registered model with its latest version, aliases, and the trend of
 * its main metric over the versions (a sparkline, each alias's version marked).
 */
import { seg } from '../api';
import type { ModelDetail, ModelSummary } from '../api-types';
import { formatAgo, formatDate, formatMetric, lowerIsBetter, metricLabel } from '../format';
import { href } from '../router';
import { useApi } from '../use-api';
import { Card, Empty, ErrorBox, Loading, PageHead } from '../components/ui';

/** The metric a model card follows: the first usual one the versions have (F1, RMSE, accuracy …). */
function trendKey(metrics: Record<string, number>): string | null {
  const keys = Object.keys(metrics);
  for (const k of ['f1', 'f1Macro', 'rmse', 'accuracy', 'r2', 'rocAuc', 'mae']) if (k in metrics) return k;
  return keys.find((k) => /^ndcg/i.test(k) && !/ci_(low|high)$/.test(k)) ?? keys.find((k) => !/ci_(low|high)$/.test(k)) ?? null;
}

function Sparkline({ values, marked }: { values: (number | null)[]; marked: Set<number> }) {
  const w = 160;
  const h = 40;
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const x = (i: number): number => (values.length === 1 ? w / 2 : 4 + (i / (values.length - 1)) * (w - 8));
  const y = (v: number): number => (hi === lo ? h / 2 : h - 5 - ((v - lo) / (hi - lo)) * (h - 10));
  const pts = values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label="metric over versions">
      <polyline points={pts} />
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={marked.has(i) ? 4 : 2.5} class={marked.has(i) ? 'marked' : ''} />))}
    </svg>
  );
}

function ModelCard({ m }: { m: ModelSummary }) {
  const { data } = useApi<ModelDetail>(`/models/${seg(m.name)}`);
  const versions = [...(data?.versions ?? [])].sort((a, b) => a.version - b.version);
  const latest = versions[versions.length - 1];
  const key = latest ? trendKey(latest.metrics) : null;
  const aliased = new Set(Object.values(m.aliases));
  return (
    <a class="card model-card" href={href('models', m.name)} data-model={m.name}>
      <div class="model-card-head">
        <span class="model-title">{m.name}</span>
        <span class="version">v{m.latestVersion}</span>
      </div>
      {key && latest && (
        <div class="model-trend">
          <div>
            <div class="trend-label">
              {metricLabel(key)} {lowerIsBetter(key) ? '↓' : '↑'} · v{latest.version}
            </div>
            <div class="trend-value">{formatMetric(latest.metrics[key])}</div>
          </div>
          <Sparkline values={versions.map((v) => v.metrics[key] ?? null)} marked={new Set(versions.map((v, i) => (aliased.has(v.version) ? i : -1)).filter((i) => i >= 0))} />
        </div>
      )}
      <div class="aliases">
        {Object.entries(m.aliases).length === 0 ? (
          <span class="muted small">no aliases</span>
        ) : (
          Object.entries(m.aliases).map(([a, v]) => (
            <span class="alias" key={a}>
              @{a} <span class="alias-v">→ v{v}</span>
            </span>
          ))
        )}
      </div>
      <div class="muted small" title={formatDate(m.updatedAt)}>
        {m.latestVersion} version{m.latestVersion === 1 ? '' : 's'} · updated {formatAgo(m.updatedAt)}
      </div>
    </a>
  );
}

export function ModelsPage() {
  const { data, error, loading } = useApi<{ models: ModelSummary[] }>('/models');
  const models = data?.models ?? [];
  return (
    <>
      <PageHead title="Models" meta={data ? `${models.length} registered model${models.length === 1 ? '' : 's'}` : ' '} />
      <ErrorBox error={error} />
      {loading && !data ? (
        <Loading what="Loading models" />
      ) : models.length === 0 ? (
        <Card>
          <Empty>No registered models yet: every finished run registers a version of its model.</Empty>
        </Card>
      ) : (
        <div class="model-grid">
          {models.map((m) => (
            <ModelCard key={m.name} m={m} />
          ))}
        </div>
      )}
    </>
  );
}
