import type { LoginResult } from '@luot/protocol';

const KEY = 'luot.admin.session';

/** The signed-in person kept across reloads of this browser tab's origin. */
export function loadSession(): LoginResult | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as LoginResult) : null;
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the session. */
export function saveSession(session: LoginResult | null): void {
  if (session) window.localStorage.setItem(KEY, JSON.stringify(session));
  else window.localStorage.removeItem(KEY);
}

/** The hub that served this page. */
export function hubUrl(): string {
  return window.location.origin;
}
