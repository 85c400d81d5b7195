// What every HTTP answer and socket handshake passes at the hub's edge: security headers
// (@fastify/helmet), the Origin check shared by sockets and state-changing HTTP requests.
import helmet from '@fastify/helmet';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sendFailure } from './http-errors.ts';

/**
 * The Content-Security-Policy of every page the hub serves. The front ends are Vite builds
 * served from the hub itself: scripts, styles, fonts (bundled @fontsource files) and voice clips
 * come from 'self'; `data:` is the empty favicon (`<link rel="icon" href="data:,">`); `blob:`
 * images are the kiosk's virtual tickets and the admin's downloaded files; sockets go to the
 * page's own origin ('self' covers ws:/wss: to it); the display app's service worker
 * (`/display/sw.js`) is a script of 'self'. Nothing may frame a hub page.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  mediaSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Registers the security headers on every answer of this Fastify instance (pages, files, API
 * answers and 404s alike): the CSP above, `X-Frame-Options: DENY`, `X-Content-Type-Options:
 * nosniff`, `Referrer-Policy: no-referrer` (device and ticket tokens never leave in a Referer),
 * and HSTS only when the hub itself speaks TLS (on plain HTTP it would be ignored anyway, and a
 * centre that later drops TLS must not be locked out).
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { tls: boolean },
): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: CSP_DIRECTIVES,
    },
    // The LAN hub speaks plain HTTP by default: upgrading its subresources would break it.
    strictTransportSecurity: options.tls ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Cross-origin isolation would refuse nothing the apps load, but gains nothing either.
    crossOriginEmbedderPolicy: false,
  });
}

/** Where a browser request comes from and goes to, as far as the Origin check needs. */
export interface OriginCheck {
  /** The request's Origin header, if any. */
  origin: string | undefined;
  /** The request's Host header: the address the browser used for this hub. */
  host: string | undefined;
  /** Further origins allowed by configuration (`--allowed-origin`), normalised. */
  allowed: readonly string[];
  /**
   * Also admit the `null` (and `file://`) origin: the Electron kiosk loads its screen from a
   * file and opens its socket from there; Chromium sends `Origin: null` on a WebSocket
   * handshake from a file page (checked with Chromium 1xx). Only for sockets on the staff
   * listener, which authenticate with a bearer token in the handshake, never a cookie.
   */
  fileOrigin?: boolean;
}

/** `https://Hub.Local:443` → `https://hub.local`; anything that is not an origin → null. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Whether a request's Origin is the hub's own: no Origin at all (a non-browser client: the
 * CLI, a test, a kiosk's main process), the origin of the address the request was sent to (its
 * Host header, on either scheme; behind nginx, the proxy passes the browser's Host on), or one
 * of the configured origins. The one rule for sockets and for state-changing HTTP requests.
 */
export function isOwnOrigin(check: OriginCheck): boolean {
  const { origin, host, allowed } = check;
  if (origin === undefined || origin === '') return true;
  if (origin === 'null' || origin === 'file://') return check.fileOrigin === true;
  const normal = normaliseOrigin(origin);
  if (!normal) return false;
  if (allowed.includes(normal)) return true;
  if (!host) return false;
  const scheme = normal.startsWith('https:') ? 'https' : 'http';
  return normaliseOrigin(`${scheme}://${host}`) === normal;
}

/** The configured `--allowed-origin` values, normalised; throws on one that is not an origin. */
export function parseAllowedOrigins(values: readonly string[]): string[] {
  return values.map((value) => {
    const normal = normaliseOrigin(value);
    if (!normal) throw new Error(`not an http(s) origin: ${value}`);
    return normal;
  });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) whose Origin is foreign with
 * 403 FORBIDDEN before its route runs: a page on another site cannot sign in, change settings
 * or ride a session cookie. Reads are left alone; so are requests without an Origin.
 */
export function registerOriginGuard(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const origin = request.headers.origin;
    if (isOwnOrigin({ origin, host: request.headers.host, allowed })) return;
    return sendFailure(reply, 'FORBIDDEN', 'Yêu cầu đến từ một trang web khác, bị từ chối.');
  });
}

/**
 * Engine.IO's `allowRequest` for a listener: a handshake (polling or WebSocket) from a foreign
 * Origin is refused before any credential is looked at.
 */
export function socketOriginCheck(allowed: readonly string[], fileOrigin: boolean) {
  return (req: IncomingMessage): boolean =>
    isOwnOrigin({ origin: req.headers.origin, host: req.headers.host, allowed, fileOrigin });
}
