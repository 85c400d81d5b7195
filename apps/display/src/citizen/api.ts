// The citizens' public HTTP API (packages/protocol/src/citizens.ts), same origin, plain fetch.
import type {
  BookingView,
  CitizenHoldings,
  CitizenSession,
  CodeSent,
  ErrorBody,
  ErrorCode,
  PublicSite,
  PublicSiteView,
  PublicSlots,
  RemoteTicket,
} from '@luot/protocol';
import type { Refusal } from './citizen-model.ts';

export type Answer<T> = { ok: true; data: T } | { ok: false; refusal: Refusal };

/** Where the page keeps the citizen's sign-in: this tab only, gone when it closes. */
const SESSION_KEY = 'luot.citizen';

/**
 * The sign-in kept for this tab, or null. Its expiry is not checked here: `expiresAt` is on the
 * hub's clock, not the phone's; a sign-in the hub no longer knows is answered UNAUTHENTICATED,
 * and the page then asks for the phone again.
 */
export function loadSession(storage: Storage = sessionStorage): CitizenSession | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<CitizenSession>;
    if (typeof s.token !== 'string' || typeof s.phone !== 'string') return null;
    if (typeof s.expiresAt !== 'number') return null;
    return { token: s.token, phone: s.phone, expiresAt: s.expiresAt };
  } catch {
    return null;
  }
}

export function saveSession(session: CitizenSession | null, storage: Storage = sessionStorage) {
  try {
    if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
    else storage.removeItem(SESSION_KEY);
  } catch {
    // Private mode without storage: the sign-in lasts as long as the page.
  }
}

const OFFLINE: Refusal = { code: 'UNAVAILABLE', message: '' };

/** One request: the answer's data, or the refusal (the network's counts as UNAVAILABLE). */
async function call<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, refusal: OFFLINE };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page, a cut connection: nothing the hub said.
    return { ok: false, refusal: response.status >= 500 ? OFFLINE : badAnswer(response) };
  }
  if (response.ok && isObject(body) && body.ok === true) return { ok: true, data: body.data as T };
  if (isObject(body) && body.ok === false && isObject(body.error)) {
    const error = body.error as unknown as ErrorBody;
    const retry = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      refusal: {
        code: error.code,
        message: error.message,
        ...(Number.isFinite(retry) && retry > 0 && { retryAfterSeconds: retry }),
      },
    };
  }
  return { ok: false, refusal: badAnswer(response) };
}

function badAnswer(response: Response): Refusal {
  const code: ErrorCode = response.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return { code, message: '' };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const enc = encodeURIComponent;

/** The routes of the public API the page uses. */
export const citizenApi = {
  sites: () => call<PublicSite[]>('GET', '/api/public/sites'),
  site: (siteId: string) => call<PublicSiteView>('GET', `/api/public/sites/${enc(siteId)}`),
  slots: (siteId: string, fieldId: string, day: string) =>
    call<PublicSlots>(
      'GET',
      `/api/public/sites/${enc(siteId)}/fields/${enc(fieldId)}/slots?day=${enc(day)}`,
    ),
  /** Sent through the channel of the site the citizen is looking at. */
  sendCode: (phone: string, siteId: string | null) =>
    call<CodeSent>('POST', '/api/public/code', { body: siteId ? { phone, siteId } : { phone } }),
  verify: (phone: string, code: string) =>
    call<CitizenSession>('POST', '/api/public/verify', { body: { phone, code } }),
  /** What the phone holds, under the limits of the site given. */
  me: (token: string, siteId: string | null) =>
    call<CitizenHoldings>(
      'GET',
      siteId ? `/api/public/me?siteId=${enc(siteId)}` : '/api/public/me',
      { token },
    ),
  takeNumber: (token: string, siteId: string, fieldId: string, idNumber?: string) =>
    call<RemoteTicket>('POST', '/api/public/tickets', {
      token,
      body: { siteId, fieldId, ...(idNumber !== undefined && { idNumber }) },
    }),
  book: (
    token: string,
    request: { siteId: string; fieldId: string; day: string; start: string; idNumber?: string },
  ) => call<BookingView>('POST', '/api/public/bookings', { token, body: request }),
  booking: (bookingToken: string) =>
    call<BookingView>('GET', `/api/public/bookings/${enc(bookingToken)}`),
  cancelBooking: (bookingToken: string) =>
    call<BookingView>('DELETE', `/api/public/bookings/${enc(bookingToken)}`),
};
