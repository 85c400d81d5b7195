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

/** A clerk's sign-in, kept so a reload (or a restarted shell) resumes without a new login. */
export interface ClerkSession {
  token: string;
  username: string;
  name: string;
  counterId: string;
}

const SESSION_KEY = 'luot.counter.session';
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

/** The stored session, or null when none or unreadable. */
export function loadSession(): ClerkSession | null {
  const raw = read(SESSION_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<ClerkSession>;
    if (s.token && s.username && s.counterId)
      return {
        token: s.token,
        username: s.username,
        name: s.name ?? s.username,
        counterId: s.counterId,
      };
  } catch {
    // fall through: a damaged entry is as good as none
  }
  return null;
}

/** Stores or forgets the session. */
export function saveSession(session: ClerkSession | null): void {
  write(SESSION_KEY, session ? JSON.stringify(session) : null);
}

/** The counter this PC was last signed in at, so the next clerk does not have to pick it. */
export function rememberedCounter(): string | null {
  return read(COUNTER_KEY);
}

/** Remembers this PC's counter; kept across sign-outs. */
export function rememberCounter(counterId: string): void {
  write(COUNTER_KEY, counterId);
}
