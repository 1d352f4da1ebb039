/** The model registry: every registered model with its latest version and aliases. */
import type { ModelSummary } from '../api-types';
import { formatAgo, formatDate } from '../format';
import { href } from '../router';
import { useApi } from '../use-api';
import { Card, Empty, ErrorBox, Loading, PageHead } from '../components/ui';

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
            <a class="card model-card" key={m.name} href={href('models', m.name)} data-model={m.name}>
              <div class="model-card-head">
                <span class="model-title">{m.name}</span>
                <span class="version">v{m.latestVersion}</span>
              </div>
              <div class="aliases">
                {Object.entries(m.aliases).length === 0 ? (
                  <span class="muted">no aliases</span>
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
          ))}
        </div>
      )}
    </>
  );
}
