// One-line confirmations ("Intervention logged"): a screen calls flash(); the layout shows <Flash />.
import { useEffect, useState } from 'react';
import { useLocation } from './router';

/** A message shown once on the next page ("Intervention logged"), or on this page with `here`. */
export function flash(message: string, here = false): void {
  if (here) window.dispatchEvent(new CustomEvent('hub:flash', { detail: message }));
  else sessionStorage.setItem('hub.flash', message);
}

export function Flash() {
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
