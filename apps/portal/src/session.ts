// The signed-in session and what the user has typed. Everything lives in sessionStorage: it ends with
// the browser tab, and signing out clears it all. An expired token clears only the token, so the user
// signs in again and finds their drafts where they left them.
import { useEffect, useState } from 'react';

const TOKEN = 'hub.token';
const RETURN_TO = 'hub.returnTo';
const DRAFT_PREFIX = 'hub.draft.';

export const getToken = (): string | null => sessionStorage.getItem(TOKEN);
export const setToken = (token: string): void => sessionStorage.setItem(TOKEN, token);

/** Signing out: forget the token and every draft. */
export function clearSession(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('hub.')) sessionStorage.removeItem(key);
}

/** The token expired or was refused: forget it, remember where the user was. Drafts stay. */
export function expireSession(returnTo: string): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.setItem(RETURN_TO, returnTo);
}

export function takeReturnTo(): string | null {
  const to = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return to && to.startsWith('/') && !to.startsWith('//') ? to : null;
}

/** Form state kept in sessionStorage under `key` while the user types; `clear()` after a successful submit. */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = DRAFT_PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(storageKey);
    if (!saved) return initial;
    try {
      return { ...initial, ...(JSON.parse(saved) as Partial<T>) };
    } catch {
      return initial;
    }
  });
  const initialJson = JSON.stringify(initial);
  useEffect(() => {
    // Nothing typed yet: keep nothing (so a fresh sign-in page after signing out stores nothing).
    const json = JSON.stringify(value);
    if (json === initialJson) sessionStorage.removeItem(storageKey);
    else sessionStorage.setItem(storageKey, json);
  }, [storageKey, value, initialJson]);
  const update = (patch: Partial<T>) => setValue((v) => ({ ...v, ...patch }));
  const clear = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, update, clear];
}
