/**
 * Submit a spec: paste it or load a file, see it validated as you type (the server checks it against
 * the same schema as the CLI), submit, and land on the run page to watch it finish.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import type { Session, SpecValidation } from '../api-types';
import { href, navigate } from '../router';
import { useDebounced } from '../use-debounced';
import { Card, ErrorBox, PageHead } from '../components/ui';

const EXAMPLE = `name: my-experiment
data:
  source: data.csv          # under one of the server's --data-root folders
  target: label
split: { test: 0.2, stratify: true, seed: 0 }
select:
  cv: 5
  metric: f1
  candidates:
    - { model: logistic_regression, params: { C: [0.1, 1, 10] } }
    - { model: random_forest, params: { trees: 100 } }
`;

const DRAFT_KEY = 'trainyard.submit.draft';

export function SubmitPage({ session }: { session: Session }) {
  const canRun = session.scope === 'run' || session.scope === 'admin';
  const [text, setText] = useState(() => sessionStorage.getItem(DRAFT_KEY) ?? '');
  const spec = useDebounced(text, 400);
  const [check, setCheck] = useState<SpecValidation | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, text);
  }, [text]);
  useEffect(() => {
    if (!spec.trim() || !canRun) {
      setCheck(null);
      setCheckError(null);
      return;
    }
    let stale = false;
    setChecking(true);
    request<SpecValidation>('POST', '/specs/validate', undefined, { text: spec }).then(
      (r) => {
        if (stale) return;
        setCheck(r);
        setCheckError(null);
        setChecking(false);
      },
      (e) => {
        if (stale) return;
        // A 400 with the validation errors as details is still a validation answer.
        const details = e instanceof ApiError ? (e.details as { errors?: SpecValidation['errors'] } | undefined) : undefined;
        if (details?.errors) setCheck({ valid: false, errors: details.errors });
        else setCheck({ valid: false, errors: [{ path: '', message: (e as Error).message }] });
        setCheckError(e instanceof ApiError && e.status !== 400 ? e : null);
        setChecking(false);
      },
    );
    return () => {
      stale = true;
    };
  }, [spec]);

  const upload = async (e: Event): Promise<void> => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };
  const submit = async (): Promise<void> => {
    setBusy(true);
    setSubmitError(null);
    try {
      const r = await request<{ runId: string }>('POST', '/runs', undefined, { text });
      sessionStorage.removeItem(DRAFT_KEY);
      navigate(href('runs', r.runId));
    } catch (e) {
      setSubmitError(e);
      setBusy(false);
    }
  };
  const current = text === spec;
  const valid = current && check?.valid === true;
  return (
    <>
      <PageHead title="Submit a run" meta="YAML or JSON · validated as you type against the CLI's schema · data paths must be under the server's data roots" />
      <div class="submit-layout">
        <Card
          title="Spec"
          class="editor-card"
          actions={
            <>
              <label class="btn btn-sm file-btn">
                Upload file…
                <input type="file" accept=".yaml,.yml,.json,text/yaml,application/json" onChange={upload} data-upload />
              </label>
              {!text && (
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => setText(EXAMPLE)}>
                  Insert example
                </button>
              )}
            </>
          }
        >
          <textarea class="editor" spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} placeholder={EXAMPLE} aria-label="Spec" data-spec />
        </Card>
        <div class="submit-side">
          <Card title="Validation">
            {!text.trim() ? (
              <p class="muted">Paste a spec or upload a file.</p>
            ) : checking || !current ? (
              <p class="muted">
                <span class="spinner" /> Checking…
              </p>
            ) : check?.valid ? (
              <div class="valid" data-valid="true">
                <span class="check-mark">✓</span> Valid {check.task ? <>· {check.task}</> : null}
              </div>
            ) : (
              <div data-valid="false">
                <div class="invalid">
                  {check?.errors?.length ?? 0} problem{check?.errors?.length === 1 ? '' : 's'}
                </div>
                <ul class="spec-errors">
                  {check?.errors?.map((e, i) => (
                    <li key={i}>
                      {e.path && <code class="err-path">{e.path}</code>}
                      <span>{e.message}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <ErrorBox error={checkError} />
          </Card>
          {!canRun && <div class="alert alert-error">Submitting runs needs a token with the run or admin scope (yours: {session.scope}).</div>}
          <ErrorBox error={submitError} />
          <button type="button" class="btn btn-primary btn-block btn-lg" disabled={!valid || busy || !canRun} onClick={submit} data-submit>
            {busy ? 'Submitting…' : 'Submit run'}
          </button>
        </div>
      </div>
    </>
  );
}
