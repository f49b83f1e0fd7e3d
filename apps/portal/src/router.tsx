// A small client-side router over the History API: the hub serves index.html for client paths.
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from 'react';

const subscribers = new Set<() => void>();
function subscribe(fn: () => void) {
  subscribers.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    subscribers.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}
const snapshot = () => location.pathname + location.search;

/** Goes to `to`; `replace` (redirects) behaves like a fresh page load for focus. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  navigated = !options.replace;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const fn of subscribers) fn();
}

/** The current path and query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Matches `/people/:id/log` style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

let navigated = false;
window.addEventListener('popstate', () => {
  navigated = true;
});

/**
 * Sets the page title and, after a navigation within the app, moves focus to the main heading so
 * screen readers announce the new page. On the first page loaded focus stays at the top, so the
 * first Tab reaches "Skip to main content" as on any web page.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - Rehab Hub`;
    if (!navigated) return;
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1 && document.activeElement?.closest('main form') == null) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }, [title]);
}
