/** A spec (stored as JSON) shown as readable YAML, or as JSON, with a copy button. */
import { useState } from 'preact/hooks';

const PLAIN = /^[A-Za-z_./][\w./@:+-]*$/;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return PLAIN.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/^[\d.+-]/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Short flow style for small scalar lists and maps (`[0.1, 1]`, `{ C: 1 }`), block style otherwise. */
function flow(v: unknown): string | null {
  if (Array.isArray(v) && v.every(isScalar)) {
    const s = `[${v.map(scalar).join(', ')}]`;
    return s.length <= 60 ? s : null;
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    if (entries.every(([, x]) => isScalar(x) || flow(x) !== null && Array.isArray(x))) {
      const s = `{ ${entries.map(([k, x]) => `${scalar(k)}: ${isScalar(x) ? scalar(x) : flow(x)}`).join(', ')} }`;
      return s.length <= 60 ? s : null;
    }
  }
  return null;
}

/** A small YAML writer for plain JSON values (what a stored spec is). */
export function toYaml(v: unknown, indent = ''): string {
  if (isScalar(v)) return `${scalar(v)}\n`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    return v
      .map((item) => {
        const f = isScalar(item) ? scalar(item) : flow(item);
        if (f !== null) return `${indent}- ${f}\n`;
        const body = toYaml(item, `${indent}  `);
        return `${indent}- ${body.slice(indent.length + 2)}`;
      })
      .join('');
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}\n';
  return entries
    .map(([k, x]) => {
      const f = isScalar(x) ? scalar(x) : flow(x);
      if (f !== null) return `${indent}${scalar(k)}: ${f}\n`;
      return `${indent}${scalar(k)}:\n${toYaml(x, `${indent}  `)}`;
    })
    .join('');
}

export function SpecView({ spec }: { spec: unknown }) {
  const [mode, setMode] = useState<'yaml' | 'json'>('yaml');
  const [copied, setCopied] = useState(false);
  const text = mode === 'yaml' ? toYaml(spec) : JSON.stringify(spec, null, 2);
  const copy = (): void => {
    navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    });
  };
  return (
    <div class="spec-view">
      <div class="segmented" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'yaml'} class={mode === 'yaml' ? 'on' : ''} onClick={() => setMode('yaml')}>
          YAML
        </button>
        <button type="button" role="tab" aria-selected={mode === 'json'} class={mode === 'json' ? 'on' : ''} onClick={() => setMode('json')}>
          JSON
        </button>
        <button type="button" class="btn btn-ghost btn-sm copy" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre class="code-block">{text}</pre>
    </div>
  );
}
