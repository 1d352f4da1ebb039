/**
 * The trainyard dashboard: a single-page app served by `trainyard serve` at `/`, talking to
 * /api/v1 with the session cookie. Hash routes: #/runs, #/runs/ID, #/compare?ids=a,b, #/models,
 * #/models/NAME, #/cluster, #/submit.
 */
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, onUnauthorized } from './api';
import type { Session } from './api-types';
import { navigate, useRoute, type Route } from './router';
import { LoginPage } from './pages/login';
import { RunsPage } from './pages/runs';
import { RunPage } from './pages/run';
import { ComparePage } from './pages/compare';
import { ModelsPage } from './pages/models';
import { ModelPage } from './pages/model';
import { ClusterPage } from './pages/cluster';
import { SubmitPage } from './pages/submit';
import { Empty, Loading } from './components/ui';

const NAV: [string, string][] = [
  ['runs', 'Runs'],
  ['models', 'Models'],
  ['cluster', 'Cluster'],
  ['submit', 'Submit'],
];

function Page({ route, session }: { route: Route; session: Session }) {
  const [section, id] = route.parts;
  switch (section) {
    case undefined:
    case 'runs':
      return id ? <RunPage id={id} session={session} /> : <RunsPage query={route.query} />;
    case 'compare':
      return <ComparePage ids={(route.query.get('ids') ?? '').split(',').filter(Boolean)} />;
    case 'models':
      return id ? <ModelPage name={id} session={session} /> : <ModelsPage />;
    case 'cluster':
      return <ClusterPage />;
    case 'submit':
      return <SubmitPage session={session} />;
    default:
      return <Empty>No page at <code>{location.hash}</code>. <a href="#/runs">Back to the runs</a>.</Empty>;
  }
}

function TopBar({ session, section, onLogout }: { session: Session; section: string; onLogout: () => void }) {
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="#/runs">
          <span class="logo" aria-hidden="true" />
          <span class="brand-text">trainyard</span>
        </a>
        <nav class="nav">
          {NAV.map(([key, label]) => (
            <a key={key} href={`#/${key}`} class={section === key || (key === 'runs' && (section === 'compare' || !section)) ? 'active' : ''}>
              {label}
            </a>
          ))}
        </nav>
        <div class="who">
          <span class="who-name" title={`token scope: ${session.scope}`}>
            {session.name}
            <span class="scope">{session.scope}</span>
          </span>
          <button type="button" class="btn btn-ghost btn-sm" onClick={onLogout} data-logout>
            Log out
          </button>
        </div>
      </div>
    </header>
  );
}

function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    onUnauthorized(() => setSession(null));
    get<Session>('/session').then(setSession, () => setSession(null));
  }, []);
  useEffect(() => {
    const first = route.parts[0];
    document.title = `${first ? first.charAt(0).toUpperCase() + first.slice(1) : 'Runs'} · trainyard`;
  }, [route]);
  if (session === undefined) return <Loading what="Connecting" />;
  if (session === null) return <LoginPage onLogin={setSession} />;
  const logout = async (): Promise<void> => {
    await del('/session').catch(() => undefined);
    setSession(null);
    navigate('#/runs');
  };
  return (
    <>
      <TopBar session={session} section={route.parts[0] ?? 'runs'} onLogout={logout} />
      <main class="main">
        <Page route={route} session={session} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
