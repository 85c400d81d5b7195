import { isMediaPath } from './media-cache.ts';

/**
 * What the display app's service worker does with one request. Only the app's own shell (the
 * files of its build, under the worker's scope) and the lobby's media files are ever answered
 * from the cache; everything else goes to the network untouched: `/api`, `/socket.io`, the phone pages `/t/…`, the other
 * apps, other origins, every non-GET request.
 *
 * - `page`: a navigation to a screen under the scope (`/display/lobby?…`): the network first,
 *   the cached `index.html` when the hub cannot be reached (the app then shows its own offline
 *   screen and retries).
 * - `shell`: a file of the build (script, style, font, voice clip): the cache first.
 * - `media`: a picture or video of the lobby's playlist (`/media/<id>`, asked for by a screen
 *   the worker controls): the kept copy first (ids are immutable), else the network.
 * - `pass`: not the worker's business.
 */
export type SwRoute = 'page' | 'shell' | 'media' | 'pass';

export function swRoute(
  request: { url: string; method: string; mode: string },
  scope: string,
  precached: ReadonlySet<string>,
): SwRoute {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin === base.origin && isMediaPath(url.pathname) && request.mode !== 'navigate')
    return 'media';
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return 'pass';
  if (request.mode === 'navigate') return 'page';
  return precached.has(url.pathname) ? 'shell' : 'pass';
}

/** The build's files as absolute paths under the scope (`assets/x.js` → `/display/assets/x.js`). */
export function precachePaths(files: readonly string[], scope: string): string[] {
  const base = new URL(scope).pathname;
  return files.map((f) => `${base}${f}`);
}
