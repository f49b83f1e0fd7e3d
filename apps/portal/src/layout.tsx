// The page furniture around every screen: the header with its navigation, the loading indicator and a redirect.
import { type ReactNode, useEffect, useState } from 'react';
import { onBusy } from './api';
import type { Capabilities } from './capabilities';
import {
  mayGetNotifications,
  mayManageMembers,
  mayManageRules,
  mayManageTeams,
  mayReport,
  mayReviewAccess,
  mayReviewBreakGlass,
  mayRunHub,
  reportsOnly,
} from './roles';
import { Link, navigate, useLocation } from './router';
import type { Viewer } from './session-context';

/** Shows "Loading…" when a request has taken more than a moment. */
export function Progress() {
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

export function Header({ viewer, capabilities, onSignOut }: { viewer: Viewer | null; capabilities: Capabilities; onSignOut: () => void }) {
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
            {capabilities.notifications && mayGetNotifications(viewer) && (
              <Link to="/notifications" className="header__link" aria-current={path === '/notifications' ? 'page' : undefined}>
                Email notifications
              </Link>
            )}
            <button className="link-button" type="button" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        )}
      </div>
      {viewer && (
        <nav className="nav" aria-label="Main">
          <ul className="width-container nav__list">
            {people && item('/day', 'My day', path === '/day')}
            {people && item('/', 'My caseload', path === '/' || path.startsWith('/people'))}
            {people && item('/search', 'Search people', path === '/search')}
            {people && capabilities.referrals && item('/referrals', 'Referrals', path.startsWith('/referrals'))}
            {people && capabilities.tasks && item('/tasks', 'Tasks', path === '/tasks')}
            {people && item('/meetings', 'Meetings', path.startsWith('/meetings'))}
            {mayReport(viewer) && item('/outcomes', 'Outcomes', path === '/outcomes')}
            {mayManageMembers(viewer) && item('/admin/users', 'Users', path === '/admin/users')}
            {mayManageMembers(viewer) && item('/admin/clients', 'API clients', path === '/admin/clients')}
            {mayManageMembers(viewer) && item('/admin/webhooks', 'Webhooks', path === '/admin/webhooks')}
            {mayManageTeams(viewer) && item('/teams', 'Teams', path === '/teams')}
            {mayReviewAccess(viewer) && item('/privacy/access', 'Access search', path === '/privacy/access')}
            {mayReviewAccess(viewer) && item('/privacy/unusual', 'Unusual access', path === '/privacy/unusual')}
            {mayReviewAccess(viewer) && item('/privacy/agreements', 'Sharing agreements', path === '/privacy/agreements')}
            {mayReviewBreakGlass(viewer) && item('/privacy/break-glass', 'Break-glass review', path === '/privacy/break-glass')}
            {mayManageRules(viewer) && item('/rules', 'Referral rules', path === '/rules')}
            {mayRunHub(viewer) && item('/admin/organisations', 'Organisations', path === '/admin/organisations')}
            {mayRunHub(viewer) && item('/admin/catalogue', 'Intervention catalogue', path === '/admin/catalogue')}
            {mayRunHub(viewer) && item('/admin/regions', 'Regions', path === '/admin/regions')}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** Replaces the address with `to` (a redirect that leaves no history entry). */
export function Redirect({ to }: { to: string }): ReactNode {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
