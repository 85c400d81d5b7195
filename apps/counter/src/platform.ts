// What the app needs from where it runs. In a browser the hub is the page's origin; a desktop
// shell that loads the app from disk sets `window.luotHubUrl` before the app starts.

declare global {
  interface Window {
    /** The hub's address, set by a desktop shell that does not load the app from the hub. */
    luotHubUrl?: string;
  }
}

/** The hub this counter talks to. */
export function hubUrl(): string {
  if (window.luotHubUrl) return window.luotHubUrl.replace(/\/$/, '');
  return window.location.origin;
}

/**
 * A clerk's sign-in as the screen shows it. The session itself is an HttpOnly cookie the hub
 * set (`luot_session`): this page never holds the token, so a script injected into it cannot
 * steal it; a reload asks the hub who the cookie is (GET /api/session) and resumes.
 */
export interface ClerkSession {
  username: string;
  name: string;
  counterId: string;
}

/** A guide's sign-in at a reception desk (the same cookie session as a clerk's). */
export interface GuideSession {
  username: string;
  name: string;
  deskId: string;
}

/** Where versions before the session cookie kept the token; cleared when the app starts. */
const OLD_SESSION_KEY = 'luot.counter.session';
const COUNTER_KEY = 'luot.counter.counterId';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the app still works for this page's life.
  }
}

/** Forgets a token an older version kept in localStorage. */
export function forgetStoredToken(): void {
  write(OLD_SESSION_KEY, null);
}

/**
 * The place this PC was last signed in at, so the next person does not have to pick it: a
 * counter's id, or `desk:<id>` for a reception desk.
 */
export function rememberedCounter(): string | null {
  return read(COUNTER_KEY);
}

/** Remembers this PC's counter (or `desk:<id>`); kept across sign-outs. */
export function rememberCounter(counterId: string): void {
  write(COUNTER_KEY, counterId);
}
