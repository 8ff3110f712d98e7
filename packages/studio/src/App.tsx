import { lazy, Suspense, useEffect } from 'react';
import type { ReactElement } from 'react';
import { AppHeader } from './components/AppHeader.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Loading } from './components/Loading.js';
import { CasePage } from './features/cases/CasePage.js';
import { CasesPage } from './features/cases/CasesPage.js';
import { InboxPage } from './features/inbox/InboxPage.js';
import { LoginPage } from './features/login/LoginPage.js';
import { NotFoundPage } from './features/NotFoundPage.js';
import { PreferencesProvider, useText } from './preferences/PreferencesContext.js';
import { navigate, usePathname } from './router/navigation.js';
import { matchRoute } from './router/routes.js';
import type { Route } from './router/routes.js';
import { SessionProvider, useSession } from './session/SessionContext.js';

// The task form (rjsf, widgets, the validator) is most of the code: loaded when a task is opened,
// so that signing in and the inbox come up quickly on a slow connection.
const TaskPage = lazy(async () => ({ default: (await import('./features/task/TaskPage.js')).TaskPage }));
// Likewise the flow diagrams (React Flow and the ELK layout engine).
const ProcessesPage = lazy(async () => ({ default: (await import('./features/flow/ProcessesPage.js')).ProcessesPage }));
const ProcessPage = lazy(async () => ({ default: (await import('./features/flow/ProcessPage.js')).ProcessPage }));
// The designers' tools: the composer (with the form builder), the simulator (with the engine), version comparison, the monitor.
const ComposerPage = lazy(async () => ({ default: (await import('./features/composer/ComposerPage.js')).ComposerPage }));
const SimulatorPage = lazy(async () => ({ default: (await import('./features/simulator/SimulatorPage.js')).SimulatorPage }));
const VersionDiffPage = lazy(async () => ({ default: (await import('./features/versions/VersionDiffPage.js')).VersionDiffPage }));
const MonitorPage = lazy(async () => ({ default: (await import('./features/monitor/MonitorPage.js')).MonitorPage }));

/** The studio: display preferences, the session, and the page for the address. */
export function App(): ReactElement {
  return (
    <PreferencesProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </PreferencesProvider>
  );
}

function Shell(): ReactElement {
  const { t } = useText();
  const { session } = useSession();
  const route = matchRoute(usePathname());
  const user = session.status === 'signed-in' ? session.user : undefined;
  // Signed in at /login (a bookmark, or just now): the inbox is where work starts.
  useEffect(() => {
    if (user && route.name === 'login') navigate('/', { replace: true });
  }, [user, route.name]);
  return (
    <>
      <a className="skip-link" href="#main">{t('app.skipToMain')}</a>
      <AppHeader user={user} route={route} />
      <main id="main" tabIndex={-1} className="app-main">
        {session.status === 'checking' && <Loading />}
        {session.status === 'anonymous' && (
          <>
            {session.error && <ErrorNotice error={session.error} />}
            {/* Any address shows the login first; after signing in the same address shows its page. */}
            <LoginPage notice={session.notice} />
          </>
        )}
        {/* Keyed by the address: moving to another task or case starts that page afresh. */}
        {user && (
          <Suspense fallback={<Loading />}>
            <Page key={`${route.name}:${JSON.stringify(route)}`} route={route} />
          </Suspense>
        )}
      </main>
    </>
  );
}

function Page({ route }: { route: Route }): ReactElement {
  switch (route.name) {
    case 'inbox':
    case 'login':
      return <InboxPage />;
    case 'task':
      return <TaskPage instanceId={route.instanceId} taskId={route.taskId} />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CasePage instanceId={route.instanceId} />;
    case 'processes':
      return <ProcessesPage />;
    case 'process':
      return <ProcessPage definitionId={route.definitionId} version={route.version} />;
    case 'composer':
      return <ComposerPage definitionId={route.definitionId} version={route.version} />;
    case 'simulator':
      return <SimulatorPage definitionId={route.definitionId} version={route.version} />;
    case 'versionDiff':
      return <VersionDiffPage definitionId={route.definitionId} from={route.from} to={route.to} />;
    case 'monitor':
      return <MonitorPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
