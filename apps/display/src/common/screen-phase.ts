import type { ConnectionStatus } from '@luot/hub-client/react';

/**
 * What a screen shows while it has no queue to draw: `unpaired` when it has no token or the hub
 * refuses it (never paired, revoked), `offline` when the hub cannot be reached (it keeps
 * retrying), `loading` while connecting, `live` once the first snapshot is in. A screen that
 * has drawn the queue keeps it on a lost connection, under the connection banner.
 */
export type ScreenPhase = 'live' | 'loading' | 'offline' | 'unpaired';

export function screenPhase(status: ConnectionStatus, hasState: boolean): ScreenPhase {
  if (hasState) return 'live';
  if (status === 'refused') return 'unpaired';
  if (status === 'offline') return 'offline';
  return 'loading';
}

/** The centre's name, kept so a screen that boots with the hub down can still say whose it is. */
const SITE_NAME_KEY = 'luot.siteName';

export function rememberSiteName(storage: Storage | null, name: string): void {
  try {
    if (storage && storage.getItem(SITE_NAME_KEY) !== name) storage.setItem(SITE_NAME_KEY, name);
  } catch {
    // A full or blocked storage only loses the name on the offline screen.
  }
}

export function rememberedSiteName(storage: Storage | null): string | null {
  try {
    return storage?.getItem(SITE_NAME_KEY) ?? null;
  } catch {
    return null;
  }
}
