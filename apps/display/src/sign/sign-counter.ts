import type { CounterConfig, SiteConfig } from '@luot/domain';
import type { Identity } from '@luot/protocol';
import type { KeyValueStorage } from '../lobby/board-filter.ts';

const STORAGE_KEY = 'luot.sign.counter';

/**
 * The `?counter=` of the page address (a counter id or number), kept like the device token so
 * a sign that restarts on a bare URL shows the same counter; only for displays not bound to one.
 */
export function readCounterParam(search: string, storage: KeyValueStorage | null): string | null {
  const fromUrl = new URLSearchParams(search).get('counter')?.trim();
  if (fromUrl) {
    storage?.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage?.getItem(STORAGE_KEY) ?? null;
}

/** Which counter a sign shows, or why it shows none. */
export type SignCounter =
  { kind: 'counter'; counter: CounterConfig } | { kind: 'none' } | { kind: 'unknown'; id: string };

/**
 * The counter a sign shows: the one its device is paired with (the hub says so in the
 * snapshot), else the one named by `?counter=` (id or number).
 */
export function signCounter(config: SiteConfig, you: Identity, param: string | null): SignCounter {
  const bound = 'counterId' in you ? you.counterId : null;
  const wanted = bound ?? param;
  if (!wanted) return { kind: 'none' };
  const counter = config.counters.find((c) => c.id === wanted || String(c.number) === wanted);
  return counter ? { kind: 'counter', counter } : { kind: 'unknown', id: wanted };
}
