import { fastifyCookie, type CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The staff session in a browser: an HttpOnly cookie, so a script injected into a page cannot
 * read the token (it could read localStorage). SameSite=Strict keeps it off requests another
 * site starts; Secure once the hub is reached over HTTPS. Without Max-Age it lasts until the
 * browser closes, and the hub's own expiry and idle timeout end it sooner.
 */
export const SESSION_COOKIE = 'luot_session';

/** The secret a request carries: `Authorization: Bearer …`, else the session cookie. */
export function requestToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return request.cookies[SESSION_COOKIE] ?? null;
}

/**
 * The secret a socket handshake carries: `auth.token`, else the session cookie. A page without
 * an origin of its own (Origin `null`: a file, such as the Electron kiosk's screen, or a
 * sandboxed frame) is admitted for its token only, never signed in by a cookie.
 */
export function handshakeToken(handshake: {
  auth: Record<string, unknown>;
  headers: { cookie?: string; origin?: string };
}): unknown {
  if (handshake.auth.token !== undefined) return handshake.auth.token;
  const origin = handshake.headers.origin;
  if (origin === 'null' || origin?.startsWith('file:')) return undefined;
  const cookies = handshake.headers.cookie;
  return cookies ? fastifyCookie.parse(cookies)[SESSION_COOKIE] : undefined;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  void reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' };
}
