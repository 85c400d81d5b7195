/**
 * Where the citizens' page lives. On the public listener: `/`, `/lay-so` and a booking's page
 * `/b/<token>`; on the staff listener (a centre without a public listener) the same under
 * `/display/`. The live ticket page is `/t/<token>` on both.
 */
export type CitizenRoute = { kind: 'start' } | { kind: 'booking'; token: string };

/** The citizens' route of a path, or null when the path is another screen's. */
export function citizenRoute(pathname: string): CitizenRoute | null {
  const rest = pathname.startsWith('/display/') ? pathname.slice('/display'.length) : pathname;
  if (rest === '/' && pathname === '/') return { kind: 'start' };
  if (/^\/lay-so\/?$/.test(rest)) return { kind: 'start' };
  const booking = /^\/b\/([^/]+)\/?$/.exec(rest);
  if (booking) return { kind: 'booking', token: decodeURIComponent(booking[1]!) };
  return null;
}

/** The prefix the page is served under: '' on the public listener, '/display' on the staff one. */
export function citizenBase(pathname: string): '' | '/display' {
  return pathname.startsWith('/display/') ? '/display' : '';
}

/** The page's start, under the same prefix. */
export function startPath(pathname: string): string {
  return `${citizenBase(pathname)}/lay-so`;
}

/**
 * A booking's page under the prefix this page is served with, from the hub's `/b/<token>`
 * (the staff listener serves it as `/display/b/<token>`).
 */
export function bookingPagePath(hubPath: string, pathname: string): string {
  return `${citizenBase(pathname)}${hubPath}`;
}
