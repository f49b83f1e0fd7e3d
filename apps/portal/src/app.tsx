import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { gql, onBusy, setExpiredHandler } from './api';
import { type Capabilities, resetCapabilities, useCapabilities } from './capabilities';
import { mayReport, reportsOnly } from './roles';
import { Link, match, navigate, useLocation } from './router';
import { clearSession, getToken } from './session';
import { Caseload } from './screens/caseload';
import { ConsentForm, WithdrawConsent } from './screens/consent';
import { LogIntervention } from './screens/log-intervention';
import { NotFound } from './screens/not-found';
import { Outcomes } from './screens/outcomes';
import { PersonPage } from './screens/person';
import { Refer } from './screens/refer';
import { Referrals } from './screens/referrals';
import { Search } from './screens/search';
import { SignIn } from './screens/sign-in';
import { Tasks } from './screens/tasks';
import { Why } from './screens/why';

export interface Viewer {
  name: string;
  roles: string[];
  organisation: { id: string; name: string; kind: string };
}

interface Session {
  viewer: Viewer;
  capabilities: Capabilities;
}

const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('not signed in');
  return s;
}

/** A message shown once on the next page ("Intervention logged"), or on this page with `here`. */
export function flash(message: string, here = false): void {
  if (here) window.dispatchEvent(new CustomEvent('hub:flash', { detail: message }));
  else sessionStorage.setItem('hub.flash', message);
}

function Flash() {
  const { path } = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const m = sessionStorage.getItem('hub.flash');
    sessionStorage.removeItem('hub.flash');
    setMessage(m);
  }, [path]);
  useEffect(() => {
    const show = (e: Event) => setMessage((e as CustomEvent<string>).detail);
    window.addEventListener('hub:flash', show);
    return () => window.removeEventListener('hub:flash', show);
  }, []);
  if (!message) return null;
  // It stays until dismissed or the next page (a message that vanishes by itself may be missed).
  return (
    <div className="notification notification--success" role="status">
      <p>{message}</p>
      <button type="button" className="link-button notification__dismiss" onClick={() => setMessage(null)}>
        Dismiss<span className="visually-hidden"> this message</span>
      </button>
    </div>
  );
}

/** Shows "Loading…" when a request has taken more than a moment. */
function Progress() {
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onBusy((n) => {
      clearTimeout(timer);
      if (n > 0) timer = setTimeout(() => setBusy(true), 250);
      else setBusy(false);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
  return (
    <div className="progress" role="status" aria-live="polite">
      {busy ? <span className="progress__bar">Loading…</span> : null}
    </div>
  );
}

function Header({ viewer, capabilities, onSignOut }: { viewer: Viewer | null; capabilities: Capabilities; onSignOut: () => void }) {
  const { path } = useLocation();
  const people = viewer ? !reportsOnly(viewer) : false;
  const item = (to: string, label: string, active: boolean) => (
    <li className={`nav__item${active ? ' nav__item--active' : ''}`}>
      <Link to={to} aria-current={active ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <header className="header">
      <div className="width-container header__inner">
        <Link to="/" className="header__service">
          Rehab Hub <span className="header__portal">caseworker portal</span>
        </Link>
        {viewer && (
          <div className="header__user">
            <span>
              {viewer.name}, {viewer.organisation.name}
            </span>
            <button className="link-button" type="button" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        )}
      </div>
      {viewer && (
        <nav className="nav" aria-label="Main">
          <ul className="width-container nav__list">
            {people && item('/', 'My caseload', path === '/' || path.startsWith('/people'))}
            {people && item('/search', 'Search people', path === '/search')}
            {people && capabilities.referrals && item('/referrals', 'Referrals', path.startsWith('/referrals'))}
            {people && capabilities.tasks && item('/tasks', 'Tasks', path === '/tasks')}
            {mayReport(viewer) && item('/outcomes', 'Outcomes', path === '/outcomes')}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** Replaces the address with `to` (a redirect that leaves no history entry). */
function Redirect({ to }: { to: string }): ReactNode {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes({ path }: { path: string }): ReactNode {
  const { viewer } = useSession();
  let m: Record<string, string> | null;
  // A commissioner has no caseload: its home is the outcomes page.
  if (path === '/') return reportsOnly(viewer) ? <Redirect to="/outcomes" /> : <Caseload />;
  if (path === '/search') return <Search />;
  if ((m = match('/people/:id', path))) return <PersonPage key={m.id} id={m.id} />;
  if ((m = match('/people/:id/log', path))) return <LogIntervention personId={m.id} />;
  if ((m = match('/people/:id/consent', path))) return <ConsentForm personId={m.id} />;
  if ((m = match('/people/:id/refer', path))) return <Refer personId={m.id} />;
  if ((m = match('/people/:id/consents/:consentId/withdraw', path))) return <WithdrawConsent personId={m.id} consentId={m.consentId} />;
  if ((m = match('/people/:id/why/:category', path))) return <Why personId={m.id} category={m.category} />;
  if (path === '/referrals' || path === '/referrals/sent') return <Referrals sent={path === '/referrals/sent'} />;
  if (path === '/tasks') return <Tasks />;
  if (path === '/outcomes') return <Outcomes />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const [token, setTokenState] = useState(getToken());
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const capabilities = useCapabilities(Boolean(token && viewer));

  useEffect(() => {
    setExpiredHandler(() => {
      setTokenState(null);
      setViewer(null);
      navigate('/sign-in?expired=1', { replace: true });
    });
  }, []);

  useEffect(() => {
    if (!token) {
      setViewer(null);
      if (path !== '/sign-in') navigate(`/sign-in`, { replace: true });
      return;
    }
    if (viewer) return;
    gql<{ viewer: Viewer }>('{ viewer { name roles organisation { id name kind } } }')
      .then((d) => setViewer(d.viewer))
      .catch(() => undefined);
  }, [token, viewer, path]);

  const signOut = () => {
    clearSession();
    resetCapabilities();
    setTokenState(null);
    setViewer(null);
    navigate('/sign-in?signedOut=1');
  };

  const signedIn = (t: string) => {
    resetCapabilities();
    setTokenState(t);
  };

  const ready = token && viewer;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <Header viewer={ready ? viewer : null} capabilities={capabilities} onSignOut={signOut} />
      <Progress />
      <div className="width-container">
        <main id="main" className="main" tabIndex={-1}>
          <Flash />
          {path === '/sign-in' || !token ? (
            <SignIn onSignedIn={signedIn} />
          ) : ready ? (
            <SessionContext.Provider value={{ viewer, capabilities }}>
              <Routes path={path} />
            </SessionContext.Provider>
          ) : (
            <p className="loading">Loading…</p>
          )}
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p>Rehab Hub shows you only what the law, the person’s consent and your role allow. Everything you open and record is logged.</p>
        </div>
      </footer>
    </>
  );
}
