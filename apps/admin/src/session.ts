import type { Ack, SessionInfo } from '@luot/protocol';

/** Where versions before the session cookie kept the bearer token; cleared on load. */
const OLD_KEY = 'luot.admin.session';

/**
 * Who this browser is signed in as: the hub answers from the HttpOnly `luot_session` cookie,
 * which this page cannot read (so neither can a script injected into it). Null when signed
 * out or the session ended; undefined when the hub cannot be reached.
 */
export async function resumeSession(): Promise<SessionInfo | null | undefined> {
  try {
    window.localStorage.removeItem(OLD_KEY);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
  try {
    const res = await fetch(`${hubUrl()}/api/session`);
    const body = (await res.json()) as Ack<SessionInfo | null>;
    return body.ok ? body.data : null;
  } catch {
    return undefined;
  }
}

/** The hub that served this page. */
export function hubUrl(): string {
  return window.location.origin;
}
