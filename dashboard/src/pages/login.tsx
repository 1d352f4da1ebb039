/** The login page: paste an API token (`trainyard token create`), get a session cookie. */
import { useState } from 'preact/hooks';
import { request } from '../api';
import type { Session } from '../api-types';
import { ErrorBox } from '../components/ui';

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await request<Session>('POST', '/session', { token: token.trim() }, { quiet401: true }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div class="login">
      <form class="login-card card" onSubmit={submit}>
        <div class="brand brand-lg">
          <span class="logo" aria-hidden="true" />
          trainyard
        </div>
        <h1>Sign in</h1>
        <p class="muted">
          Paste an API token. Create one with <code>trainyard token create --name you --scope run</code>.
        </p>
        <label class="field">
          <span>API token</span>
          <input type="password" name="token" autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} placeholder="ty_…" required autofocus />
        </label>
        <ErrorBox error={error} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || !token.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
