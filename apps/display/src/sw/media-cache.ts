// The lobby board's pictures and videos kept by the service worker, so a board plays its
// content with the hub down. A file's id never changes meaning (a changed file is a new id),
// so a kept copy never goes stale; only the playlist decides what is kept.

/** The Cache API cache of media files; apart from the build's caches, so a new build keeps it. */
export const MEDIA_CACHE = 'luot-media';

/** The message a board posts to its worker when the playlist arrives: keep these, drop the rest. */
export interface MediaSyncMessage {
  type: 'luot:media-sync';
  /** `mediaPath(id)` of every item of the playlist. */
  paths: string[];
}

const MEDIA_PATH = /^\/media\/[0-9a-f]{32}$/;

/** Whether a path is a media file's (`mediaPath(id)` in @luot/protocol). */
export function isMediaPath(pathname: string): boolean {
  return MEDIA_PATH.test(pathname);
}

/** The message to post for a playlist's files. */
export function mediaSyncMessage(paths: readonly string[]): MediaSyncMessage {
  return { type: 'luot:media-sync', paths: [...new Set(paths.filter(isMediaPath))] };
}

/** A message from a page that is a well-formed media sync (anything else is ignored). */
export function readMediaSync(data: unknown): MediaSyncMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, paths } = data as Partial<MediaSyncMessage>;
  if (type !== 'luot:media-sync' || !Array.isArray(paths)) return null;
  if (!paths.every((p) => typeof p === 'string' && isMediaPath(p))) return null;
  return { type, paths };
}

/** What to fetch and what to delete so the cache holds exactly the playlist's files. */
export function mediaCachePlan(
  wanted: readonly string[],
  cached: readonly string[],
): { fetch: string[]; drop: string[] } {
  const want = new Set(wanted);
  const have = new Set(cached);
  return {
    fetch: [...want].filter((p) => !have.has(p)),
    drop: [...have].filter((p) => !want.has(p)),
  };
}

/**
 * The bytes a `Range` header asks of a file of `size` bytes (one range: what media elements
 * send), as an inclusive `[start, end]`; null for no header or one this does not serve in part
 * (then the whole file is answered), `'unsatisfiable'` past the end.
 */
export function byteRange(
  header: string | null,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    // The last `to` bytes.
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null;
  return { start, end };
}
