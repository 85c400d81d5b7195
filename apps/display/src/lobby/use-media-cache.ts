import { useEffect } from 'react';
import { mediaPath } from '@luot/protocol';
import type { PlaylistItem } from '@luot/domain';
// A type only: the page must not share a runtime chunk with the worker (sw.js is a classic script).
import type { MediaSyncMessage } from '../sw/media-cache.ts';

/**
 * Tells the service worker which media files the playlist names, so it keeps those (for a hub
 * that goes down or a boot without it) and drops the rest. Sent again when the playlist changes
 * and when the hub comes back. Does nothing where no worker runs (development, an insecure origin).
 */
export function useMediaCache(playlist: readonly PlaylistItem[] | null, online: boolean): void {
  const key = playlist ? playlist.map((i) => i.mediaId).join(',') : null;
  useEffect(() => {
    if (key === null || !online || !('serviceWorker' in navigator)) return;
    const message = {
      type: 'luot:media-sync',
      paths: key === '' ? [] : [...new Set(key.split(','))].map(mediaPath),
    } satisfies MediaSyncMessage;
    let cancelled = false;
    void navigator.serviceWorker.ready.then((registration) => {
      if (!cancelled) registration.active?.postMessage(message);
    });
    return () => {
      cancelled = true;
    };
  }, [key, online]);
}
