import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useHubMirror } from '@luot/hub-client/react';
import { BY_COOKIE } from '@luot/hub-client';
import type { SessionInfo, StaffMember } from '@luot/protocol';
import { createApi, type Api } from './api.ts';
import { AuditPage } from './admin/AuditPage.tsx';
import { BoardContentPage } from './admin/BoardContentPage.tsx';
import { DesksPage } from './admin/DesksPage.tsx';
import { CountersPage } from './admin/CountersPage.tsx';
import { ApiKeysPage } from './admin/ApiKeysPage.tsx';
import { DevicesPage } from './admin/DevicesPage.tsx';
import { FieldsPage } from './admin/FieldsPage.tsx';
import { PasswordPage } from './admin/PasswordPage.tsx';
import { PrioritiesPage } from './admin/PrioritiesPage.tsx';
import { SitePage } from './admin/SitePage.tsx';
import { SessionsPage } from './admin/SessionsPage.tsx';
import { MessagesPage } from './admin/MessagesPage.tsx';
import { TextsPage } from './admin/TextsPage.tsx';
import { CalendarPage } from './admin/CalendarPage.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import { WebhooksPage } from './admin/WebhooksPage.tsx';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { useDevices } from './dashboard/use-devices.ts';
import { useHubClockOffset } from './dashboard/use-hub-clock.ts';
import { LoginPage } from './LoginPage.tsx';
import { M } from './messages.ts';
import { ReportsPage } from './reports/ReportsPage.tsx';
import { StaffingPage } from './planner/StaffingPage.tsx';
import { CataloguePage } from './province/CataloguePage.tsx';
import { ProvincePage } from './province/ProvincePage.tsx';
import { pathOf, ROUTES, routeOf, type Route } from './routes.ts';
import { hubUrl, resumeSession } from './session.ts';
import { moveToSite, SiteSwitcher } from './SiteSwitcher.tsx';

/** Signs a person in, then shows the shell; an ended session brings the sign-in back. */
export function App() {
  // undefined while the hub is asked whether this browser's cookie is still signed in.
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    void resumeSession().then((s) => {
      setSession(s ?? null);
      if (s === undefined) setNotice(M.signIn.offline);
    });
  }, []);
  const signOut = useCallback((reason?: string) => {
    setSession(null);
    setNotice(reason);
  }, []);
  if (session === undefined)
    return (
      <main className="login">
        <p className="muted">{M.signIn.resuming}</p>
      </main>
    );
  if (!session || session.user.role === 'clerk')
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(s) => {
          setNotice(undefined);
          setSession(s);
        }}
      />
    );
  return <Shell session={session} onSignOut={signOut} />;
}

function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: Route) => {
    window.history.pushState(null, '', pathOf(next));
    setRoute(next);
  }, []);
  return [route, go];
}

function Shell({
  session,
  onSignOut,
}: {
  session: SessionInfo;
  onSignOut: (reason?: string) => void;
}) {
  const [route, go] = useRoute();
  const api = useMemo(() => createApi(() => onSignOut(M.shell.sessionEnded)), [onSignOut]);
  const { socket, status, view } = useHubMirror(hubUrl(), BY_COOKIE);
  const devices = useDevices(socket);
  const offsetMs = useHubClockOffset(view?.clockOffsetMs ?? null);
  const names = useStaffNames(api);
  const isAdmin = session.user.role === 'admin';

  // A link into one site (`?site=<id>`, e.g. from the province's overview) moves the session there.
  useEffect(() => {
    const wanted = new URLSearchParams(window.location.search).get('site');
    if (wanted && wanted !== session.siteId) void moveToSite(api, wanted);
  }, [api, session.siteId]);

  // A refused socket usually means the session ended (signed out elsewhere, account disabled):
  // an authenticated call confirms it, and a 401 brings the sign-in back.
  useEffect(() => {
    if (status === 'refused') void api.get('/api/staff');
  }, [status, api]);

  async function signOut() {
    await api.post('/api/logout', {});
    onSignOut();
  }

  const link = (r: Route) => (
    <a
      key={r.id}
      href={pathOf(r)}
      aria-current={r.id === route.id ? 'page' : undefined}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        go(r);
      }}
    >
      {r.label}
    </a>
  );

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <strong>Lượt</strong>
          <span>{view?.state.config.site.name ?? ''}</span>
          <SiteSwitcher api={api} session={session} />
        </div>
        <nav aria-label="Chính">
          {ROUTES.filter((r) => !r.adminOnly && !r.hidden).map(link)}
          {isAdmin && (
            <>
              <div className="nav-group">{M.nav.adminGroup}</div>
              {ROUTES.filter((r) => r.adminOnly && !r.hidden).map(link)}
            </>
          )}
        </nav>
        <div className="me">
          <div>
            <strong>{session.user.name}</strong>
            <small>{M.shell.roles[session.user.role]}</small>
          </div>
          {link(ROUTES.find((r) => r.id === 'password')!)}
          <button type="button" onClick={() => void signOut()}>
            {M.shell.signOut}
          </button>
        </div>
      </aside>
      <main className="content">
        {status !== 'online' && (
          <div className="banner" role="alert" data-kind={status} data-testid="connection-banner">
            {M.connection[status]}
          </div>
        )}
        {route.adminOnly && !isAdmin ? (
          <p className="error" role="alert">
            {M.forbidden}
          </p>
        ) : (
          <Page
            route={route}
            api={api}
            view={view}
            offsetMs={offsetMs}
            devices={devices}
            names={names}
            socket={socket}
            session={session}
          />
        )}
      </main>
    </div>
  );
}

function Page({
  route,
  api,
  view,
  offsetMs,
  devices,
  names,
  socket,
  session,
}: {
  route: Route;
  api: Api;
  view: ReturnType<typeof useHubMirror>['view'];
  offsetMs: number;
  devices: ReturnType<typeof useDevices>;
  names: Map<string, string>;
  socket: ReturnType<typeof useHubMirror>['socket'];
  session: SessionInfo;
}) {
  const config = view?.state.config ?? null;
  switch (route.id) {
    case 'dashboard':
      return view ? (
        <Dashboard
          state={view.state}
          offsetMs={offsetMs}
          devices={devices}
          names={names}
          socket={socket}
          api={api}
        />
      ) : (
        <p className="muted">{M.dashboard.loading}</p>
      );
    case 'reports':
      return <ReportsPage api={api} today={view?.state.day ?? null} config={config} />;
    case 'staffing':
      return <StaffingPage api={api} today={view?.state.day ?? null} config={config} />;
    case 'fields':
      return <FieldsPage api={api} liveConfig={config} />;
    case 'counters':
      return <CountersPage api={api} liveConfig={config} />;
    case 'desks':
      return <DesksPage api={api} liveConfig={config} />;
    case 'texts':
      return <TextsPage api={api} liveConfig={config} />;
    case 'priorities':
      return <PrioritiesPage api={api} liveConfig={config} />;
    case 'site':
      return <SitePage api={api} liveConfig={config} />;
    case 'calendar':
      return <CalendarPage api={api} liveConfig={config} today={view?.state.day ?? null} />;
    case 'users':
      return <UsersPage api={api} />;
    case 'sessions':
      return <SessionsPage api={api} config={config} />;
    case 'password':
      return <PasswordPage api={api} />;
    case 'devices':
      return <DevicesPage api={api} config={config} live={devices} />;
    case 'audit':
      return <AuditPage api={api} config={config} />;
    case 'province':
      return <ProvincePage api={api} today={view?.state.day ?? null} />;
    case 'catalogue':
      return <CataloguePage api={api} />;
    case 'messages':
      return <MessagesPage api={api} config={config} />;
    case 'boardContent':
      return <BoardContentPage api={api} liveConfig={config} />;
    case 'apiKeys':
      return <ApiKeysPage api={api} config={config} session={session} />;
    case 'webhooks':
      return <WebhooksPage api={api} session={session} state={view?.state ?? null} />;
  }
}

/** Names of people by username, for counters and reports. */
function useStaffNames(api: Api): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    void api.get<StaffMember[]>('/api/staff').then((res) => {
      if (res.ok) setNames(new Map(res.data.map((p) => [p.username, p.name])));
    });
  }, [api]);
  return names;
}
