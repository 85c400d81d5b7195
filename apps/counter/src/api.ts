import type { Ack, SessionInfo } from '@luot/protocol';

/** What the sign-in screen needs to know about the centre. */
export interface SiteInfo {
  name: string;
  counters: { id: string; number: number; name: string }[];
  fields: { id: string; name: string }[];
  /** Reception desks, where guides sign in (absent from hubs before issue 15). */
  desks?: { id: string; name: string }[];
}

const NETWORK_ERROR = { ok: false, error: { code: 'INTERNAL', message: '' } } as const;

async function call<T>(url: string, init?: RequestInit): Promise<Ack<T> | typeof NETWORK_ERROR> {
  try {
    const res = await fetch(url, init);
    return (await res.json()) as Ack<T>;
  } catch {
    return NETWORK_ERROR;
  }
}

/** Whether a failed call never reached the hub (as opposed to the hub refusing it). */
export function isNetworkError(result: Ack<unknown>): boolean {
  return result === NETWORK_ERROR;
}

/**
 * The site this counter PC works at, from its address (`/counter/?site=xa-tan-phu`, set up once
 * per PC in a province); undefined on a centre's own hub, which has one site.
 */
export function siteOfPage(): string | undefined {
  return new URLSearchParams(window.location.search).get('site') ?? undefined;
}

/** The centre's name and its counters, for the sign-in screen. */
export function fetchSite(hub: string, site = siteOfPage()): Promise<Ack<SiteInfo>> {
  return call<SiteInfo>(`${hub}/api/site${site ? `?site=${encodeURIComponent(site)}` : ''}`);
}

/** How many times a sign-in is sent again while the hub is busy checking other passwords. */
const BUSY_RETRIES = 3;

/**
 * Signs a clerk in at a counter (a guide at a desk); the hub opens the counter for them and sets the HttpOnly
 * session cookie (the answer carries no token). While the hub's password
 * checking is full (503 with Retry-After, e.g. many clerks signing in at 7:30), it waits as
 * told and tries again, a few times, before showing the hub's message.
 */
export async function login(
  hub: string,
  body: {
    username: string;
    password: string;
    counterId?: string;
    deskId?: string;
    siteId?: string;
  },
): Promise<Ack<SessionInfo>> {
  const siteId = body.siteId ?? siteOfPage();
  if (siteId) body = { ...body, siteId };
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${hub}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Ack<SessionInfo>;
      if (res.status !== 503 || attempt >= BUSY_RETRIES) return answer;
      const seconds = Math.min(Number(res.headers.get('retry-after')) || 1, 5);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    } catch {
      return NETWORK_ERROR;
    }
  }
}

/** Who this browser's session cookie is (null: not signed in), so a reload resumes. */
export function fetchSession(hub: string): Promise<Ack<SessionInfo | null>> {
  return call<SessionInfo | null>(`${hub}/api/session`);
}

/** Ends the session; the hub closes the counter (refused while a ticket is still at it). */
export function logout(hub: string): Promise<Ack<{ signedOut: true }>> {
  return call<{ signedOut: true }>(`${hub}/api/logout`, { method: 'POST' });
}

/** Changes the clerk's own password; their other sessions end, this one stays. */
export function changePassword(
  hub: string,
  body: { currentPassword: string; newPassword: string },
): Promise<Ack<{ changed: true }>> {
  return call<{ changed: true }>(`${hub}/api/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
