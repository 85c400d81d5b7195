// The display app's service worker (built to /display/sw.js, see vite.config.ts): keeps the
// app's shell so a lobby TV that boots or reloads while the hub is down shows the app's own
// offline screen, which reconnects by itself, instead of the browser's error page. It caches
// the build's files only, never data: the queue always comes live from the hub's socket. The
// lobby's pictures and videos are kept apart (media-cache.ts): the board names them.
import { byteRange, MEDIA_CACHE, mediaCachePlan, readMediaSync } from './media-cache.ts';
import { precachePaths, swRoute } from './sw-routes.ts';

/** Replaced at build time by the list of the build's files and a hash of their contents. */
const BUILD = { version: '__LUOT_SW_VERSION__', files: ['__LUOT_SW_FILES__'] };

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
const CACHE_PREFIX = 'luot-display-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const scope = sw.registration.scope;
const files = precachePaths(BUILD.files, scope);
const precached = new Set(files);
const INDEX = `${new URL(scope).pathname}index.html`;
/** How long a screen waits for the hub before it shows the cached shell. */
const PAGE_TIMEOUT_MS = 5000;

sw.addEventListener('install', (event) => {
  // A new build takes over at once (the page reloads itself on the change, see register.ts).
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(files.map((f) => new Request(f, { cache: 'reload' }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

async function fromCache(path: string): Promise<Response | undefined> {
  const cache = await caches.open(CACHE);
  return cache.match(path);
}

/** The hub's answer, or the cached shell when it cannot be reached in time. */
async function page(request: Request): Promise<Response> {
  // (A navigation request cannot be re-made with an abort signal: race a timer instead.)
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the hub did not answer in time')), PAGE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([fetch(request), late]);
  } catch (error) {
    const shell = await fromCache(INDEX);
    if (shell) return shell;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function shell(request: Request): Promise<Response> {
  return (await fromCache(new URL(request.url).pathname)) ?? fetch(request);
}

/** A media file from the kept copy (a part of it for a video's `Range`), else the network. */
async function media(request: Request): Promise<Response> {
  const cache = await caches.open(MEDIA_CACHE);
  const kept = await cache.match(new URL(request.url).pathname);
  if (!kept) return fetch(request);
  const range = request.headers.get('range');
  if (range === null) return kept;
  const body = await kept.blob();
  const part = byteRange(range, body.size);
  if (part === null) return new Response(body, { status: 200, headers: kept.headers });
  if (part === 'unsatisfiable')
    return new Response(null, {
      status: 416,
      headers: { 'content-range': `bytes */${body.size}` },
    });
  const slice = body.slice(part.start, part.end + 1);
  return new Response(slice, {
    status: 206,
    headers: {
      'content-type': kept.headers.get('content-type') ?? body.type,
      'content-length': String(slice.size),
      'content-range': `bytes ${part.start}-${part.end}/${body.size}`,
      'accept-ranges': 'bytes',
    },
  });
}

/** Makes the media cache hold the playlist's files: fetches the new ones, deletes the others. */
async function syncMedia(paths: readonly string[]): Promise<void> {
  const cache = await caches.open(MEDIA_CACHE);
  const cached = (await cache.keys()).map((r) => new URL(r.url).pathname);
  const plan = mediaCachePlan(paths, cached);
  await Promise.all(plan.drop.map((p) => cache.delete(p)));
  // One at a time: a board on a busy LAN should not pull a whole playlist at once.
  for (const path of plan.fetch) {
    try {
      const response = await fetch(path, { cache: 'no-store' });
      if (response.status === 200) await cache.put(path, response);
    } catch {
      // The hub is out of reach: the next playlist (or reconnect) tries again.
    }
  }
}

/** Syncs run one after another, so a quick change of playlist cannot race an earlier one. */
let syncing: Promise<void> = Promise.resolve();

sw.addEventListener('message', (event) => {
  const message = readMediaSync(event.data);
  if (!message) return;
  syncing = syncing.then(() => syncMedia(message.paths)).catch(() => undefined);
  event.waitUntil(syncing);
});

sw.addEventListener('fetch', (event) => {
  const route = swRoute(event.request, scope, precached);
  if (route === 'page') event.respondWith(page(event.request));
  else if (route === 'shell') event.respondWith(shell(event.request));
  else if (route === 'media') event.respondWith(media(event.request));
});
