/** Small building blocks shared by the pages: cards, status pills, chips, empty and error states. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { formatValue } from '../format';

export function Card({ title, hint, actions, children, class: cls = '', id }: { title?: ComponentChildren; hint?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; class?: string; id?: string }) {
  return (
    <section class={`card ${cls}`} id={id}>
      {(title || actions) && (
        <header class="card-head">
          <h2>
            {title}
            {hint && <span class="hint">{hint}</span>}
          </h2>
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function StatusPill({ status }: { status: string }) {
  return (
    <span class={`pill pill-${status}`} data-status={status}>
      <span class="dot" />
      {status}
    </span>
  );
}

export function Chip({ children, title }: { children: ComponentChildren; title?: string }) {
  return (
    <code class="chip" title={title}>
      {children}
    </code>
  );
}

export function Params({ params }: { params: Record<string, unknown> }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <span class="muted">defaults</span>;
  return (
    <span class="chips">
      {entries.map(([k, v]) => (
        <Chip key={k}>
          {k}={formatValue(v)}
        </Chip>
      ))}
    </span>
  );
}

export function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <span class="chips">
      {entries.map(([k, v]) => (
        <span class="tag" key={k}>
          {v ? `${k}: ${v}` : k}
        </span>
      ))}
    </span>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div class="alert alert-error" role="alert">
      {e && <strong class="code">{e.code}</strong>}
      <span>{error instanceof Error ? error.message : String(error)}</span>
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div class="loading" aria-busy="true">
      <span class="spinner" />
      {what}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function PageHead({ title, eyebrow, meta, actions }: { title: ComponentChildren; eyebrow?: ComponentChildren; meta?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <div class="page-head">
      <div class="page-title">
        {eyebrow && <div class="eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
        {meta && <div class="meta">{meta}</div>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </div>
  );
}

export function Kpi({ label, value, sub }: { label: ComponentChildren; value: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <div class="kpi">
      <div class="label">{label}</div>
      <div class="value">{value}</div>
      {sub && <div class="sub">{sub}</div>}
    </div>
  );
}

/** A progress bar for `done / total`. */
export function Progress({ done, total, label }: { done: number; total: number; label?: string }) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div class="progress" title={label ?? `${done} / ${total}`}>
      <div class="bar">
        <div class="fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <span class="progress-text">
        {done}/{total}
      </span>
    </div>
  );
}
