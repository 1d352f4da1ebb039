/**
 * One registered model: its aliases (move one with a single action — pick the version, confirm — or
 * delete it) and its versions with their lineage: the run, metrics, data snapshot and spec hashes,
 * description and tags.
 */
import { useState } from 'preact/hooks';
import { del, patch, put, seg } from '../api';
import type { ModelDetail, ModelVersion, Session } from '../api-types';
import { formatAgo, formatDate, formatMetric, HEADLINE, lowerIsBetter, metricLabel } from '../format';
import { href } from '../router';
import { useApi } from '../use-api';
import { ConfirmDialog } from '../components/dialog';
import { Card, Empty, ErrorBox, Loading, PageHead, Tags } from '../components/ui';

type Pending = { kind: 'move'; alias: string; version: number; from?: number } | { kind: 'delete'; alias: string; version: number };

function AliasPanel({ model, canEdit, onChanged }: { model: ModelDetail; canEdit: boolean; onChanged: () => void }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [newAlias, setNewAlias] = useState('');
  const [newVersion, setNewVersion] = useState(model.latestVersion);
  const versions = model.versions.map((v) => v.version).sort((a, b) => b - a);
  const entries = Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b));
  const validAlias = /^[A-Za-z][\w.-]{0,63}$/.test(newAlias.trim());
  return (
    <Card title="Aliases" hint="models:/NAME@ALIAS resolves to the version an alias points at">
      {entries.length === 0 && <p class="muted">No aliases yet.</p>}
      <div class="alias-rows">
        {entries.map(([alias, version]) => (
          <div class="alias-row" key={alias} data-alias={alias}>
            <span class="alias alias-lg">@{alias}</span>
            <span class="arrow">→</span>
            {canEdit ? (
              <select
                value={version}
                aria-label={`Version for ${alias}`}
                data-alias-select={alias}
                onChange={(e) => {
                  const v = Number((e.target as HTMLSelectElement).value);
                  (e.target as HTMLSelectElement).value = String(version);
                  if (v !== version) setPending({ kind: 'move', alias, version: v, from: version });
                }}
              >
                {versions.map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            ) : (
              <span class="version">v{version}</span>
            )}
            <code class="muted small">models:/{model.name}@{alias}</code>
            {canEdit && (
              <button type="button" class="btn btn-sm btn-danger-ghost" onClick={() => setPending({ kind: 'delete', alias, version })} data-alias-delete={alias}>
                Delete
              </button>
            )}
          </div>
        ))}
      </div>
      {canEdit && (
        <form
          class="alias-add"
          onSubmit={(e) => {
            e.preventDefault();
            if (validAlias) setPending({ kind: 'move', alias: newAlias.trim(), version: newVersion, from: model.aliases[newAlias.trim()] });
          }}
        >
          <input placeholder="new alias, e.g. champion" value={newAlias} onInput={(e) => setNewAlias((e.target as HTMLInputElement).value)} aria-label="Alias name" data-new-alias />
          <select value={newVersion} onChange={(e) => setNewVersion(Number((e.target as HTMLSelectElement).value))} aria-label="Version" data-new-alias-version>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
          <button type="submit" class="btn btn-sm" disabled={!validAlias} data-set-alias>
            Set alias
          </button>
        </form>
      )}
      {pending?.kind === 'move' && (
        <ConfirmDialog
          title={pending.from !== undefined ? `Move @${pending.alias}?` : `Create @${pending.alias}?`}
          confirmLabel={pending.from !== undefined ? `Move to v${pending.version}` : `Point at v${pending.version}`}
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await put(`/models/${seg(model.name)}/aliases/${seg(pending.alias)}`, { version: pending.version });
            onChanged();
          }}
        >
          <p>
            <code>models:/{model.name}@{pending.alias}</code> will resolve to <strong>version {pending.version}</strong>
            {pending.from !== undefined ? <> instead of version {pending.from}</> : null}. Anything loading the model by this alias picks up the change on its next load.
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete @${pending.alias}?`}
          confirmLabel="Delete alias"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await del(`/models/${seg(model.name)}/aliases/${seg(pending.alias)}`);
            onChanged();
          }}
        >
          <p>
            <code>models:/{model.name}@{pending.alias}</code> (now version {pending.version}) stops resolving. The version itself is kept.
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}

function VersionCard({ model, v, canEdit, onChanged }: { model: string; v: ModelVersion; canEdit: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [desc, setDesc] = useState(v.description ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async (): Promise<void> => {
    try {
      await patch(`/models/${seg(model)}/versions/${v.version}`, { description: desc.trim() ? desc : null });
      setEditing(false);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  // Selection score first, then the usual headline metrics, then the rest.
  const order = ['cv', ...HEADLINE.binary, ...HEADLINE.multiclass, ...HEADLINE.regression];
  const rank = (k: string): number => {
    const i = order.findIndex((o) => k === o || k.startsWith(`${o}.`) || k === `test.${o}`);
    return i < 0 ? order.length : i;
  };
  const metrics = Object.entries(v.metrics).filter(([k]) => !/ci_(low|high)$/.test(k)).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <section class="card version-card" data-version={v.version}>
      <div class="version-head">
        <span class="version version-lg">v{v.version}</span>
        {v.aliases.map((a) => (
          <span class="alias" key={a}>
            @{a}
          </span>
        ))}
        <span class="grow" />
        <span class="muted small" title={formatDate(v.createdAt)}>
          registered {formatAgo(v.createdAt)}
        </span>
      </div>
      <div class="version-body">
        <div class="version-metrics">
          {metrics.slice(0, 6).map(([k, x]) => (
            <div class="mini-kpi" key={k}>
              <span class="label">
                {metricLabel(k)} {lowerIsBetter(k) ? '↓' : '↑'}
              </span>
              <span class="value">{formatMetric(x)}</span>
            </div>
          ))}
          {metrics.length === 0 && <span class="muted">No metrics.</span>}
        </div>
        <dl class="facts">
          <dt>Run</dt>
          <dd>
            <a href={href('runs', v.runId)} class="mono">
              {v.runId}
            </a>
          </dd>
          <dt>Data hash</dt>
          <dd class="mono" title={v.dataSha256 ?? ''}>
            {v.dataSha256 ? `${v.dataSha256.slice(0, 16)}…` : <span class="muted">not recorded</span>}
          </dd>
          <dt>Spec hash</dt>
          <dd class="mono" title={v.specHash}>
            {v.specHash.slice(0, 16)}…
          </dd>
          <dt>Artifact</dt>
          <dd class="mono">{v.artifact}</dd>
          <dt>Tags</dt>
          <dd>
            <Tags tags={v.tags} />
          </dd>
          <dt>Description</dt>
          <dd>
            {editing ? (
              <div class="inline-edit">
                <textarea rows={2} value={desc} onInput={(e) => setDesc((e.target as HTMLTextAreaElement).value)} />
                <button type="button" class="btn btn-sm btn-primary" onClick={save}>
                  Save
                </button>
                <button type="button" class="btn btn-sm" onClick={() => setEditing(false)}>
                  Cancel
                </button>
              </div>
            ) : (
              <>
                {v.description ?? <span class="muted">none</span>}
                {canEdit && (
                  <button type="button" class="btn btn-ghost btn-sm" onClick={() => setEditing(true)}>
                    Edit
                  </button>
                )}
              </>
            )}
          </dd>
        </dl>
      </div>
      <ErrorBox error={error} />
    </section>
  );
}

export function ModelPage({ name, session }: { name: string; session: Session }) {
  const { data, error, loading, reload } = useApi<ModelDetail>(`/models/${seg(name)}`);
  const admin = session.scope === 'admin';
  if (loading && !data) return <Loading what="Loading model" />;
  if (!data) return error ? <ErrorBox error={error} /> : <Empty>Model not found.</Empty>;
  const versions = [...data.versions].sort((a, b) => b.version - a.version);
  return (
    <>
      <PageHead eyebrow={<a href="#/models">← Models</a>} title={data.name} meta={`${versions.length} version${versions.length === 1 ? '' : 's'} · latest v${data.latestVersion} · updated ${formatAgo(data.updatedAt)}`} />
      <ErrorBox error={error} />
      <AliasPanel model={data} canEdit={admin} onChanged={reload} />
      {!admin && <p class="muted small">Moving aliases and editing versions needs an admin token.</p>}
      <h2 class="section-title">Versions</h2>
      {versions.map((v) => (
        <VersionCard key={v.version} model={data.name} v={v} canEdit={admin} onChanged={reload} />
      ))}
    </>
  );
}
