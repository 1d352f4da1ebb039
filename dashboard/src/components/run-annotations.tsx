/** Tags and the note of a run, edited in place and saved with `PATCH /runs/{id}`. */
import { useEffect, useState } from 'preact/hooks';
import { patch, seg } from '../api';
import type { RunSummary } from '../api-types';
import { ErrorBox } from './ui';

export function RunAnnotations({ run, canEdit, onSaved }: { run: RunSummary; canEdit: boolean; onSaved: (r: RunSummary) => void }) {
  const [tags, setTags] = useState<Record<string, string>>(run.tags);
  const [note, setNote] = useState(run.note ?? '');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setTags(run.tags);
    setNote(run.note ?? '');
  }, [run.id]);
  const dirty = JSON.stringify(tags) !== JSON.stringify(run.tags) || note !== (run.note ?? '');
  const save = async (e?: Event): Promise<void> => {
    e?.preventDefault();
    setError(null);
    const changes: Record<string, string | null> = {};
    for (const k of Object.keys(run.tags)) if (!(k in tags)) changes[k] = null;
    for (const [k, v] of Object.entries(tags)) if (run.tags[k] !== v) changes[k] = v;
    try {
      const r = await patch<RunSummary>(`/runs/${seg(run.id)}`, { tags: changes, note: note.trim() ? note : null });
      onSaved(r);
      setSaved(true);
      setTimeout(() => setSaved(false), 1500);
    } catch (err) {
      setError(err);
    }
  };
  const add = (): void => {
    const k = key.trim();
    if (!k) return;
    setTags({ ...tags, [k]: value.trim() });
    setKey('');
    setValue('');
  };
  return (
    <form class="annotations" onSubmit={save}>
      <div class="tag-editor">
        {Object.entries(tags).map(([k, v]) => (
          <span class="tag tag-edit" key={k}>
            {v ? `${k}: ${v}` : k}
            {canEdit && (
              <button type="button" aria-label={`Remove tag ${k}`} onClick={() => setTags(Object.fromEntries(Object.entries(tags).filter(([x]) => x !== k)))}>
                ×
              </button>
            )}
          </span>
        ))}
        {Object.keys(tags).length === 0 && <span class="muted">No tags.</span>}
      </div>
      {canEdit && (
        <div class="tag-add">
          <input placeholder="tag" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())} aria-label="Tag name" data-tag-key />
          <input placeholder="value (optional)" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())} aria-label="Tag value" />
          <button type="button" class="btn btn-sm" onClick={add} disabled={!key.trim()}>
            Add tag
          </button>
        </div>
      )}
      <label class="field">
        <span>Note</span>
        <textarea rows={3} value={note} readOnly={!canEdit} placeholder={canEdit ? 'What was this run about?' : ''} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} data-note />
      </label>
      <ErrorBox error={error} />
      {canEdit && (
        <div class="row-end">
          {saved && <span class="ok-text">Saved</span>}
          <button type="submit" class="btn btn-primary btn-sm" disabled={!dirty}>
            Save
          </button>
        </div>
      )}
    </form>
  );
}
